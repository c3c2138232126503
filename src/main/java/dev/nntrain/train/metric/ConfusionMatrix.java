package dev.nntrain.train.metric;

import dev.nntrain.InvalidInputException;

import java.util.List;
import java.util.Objects;

/**
 * Counts of true class against predicted class, with per-class precision and recall (recall is
 * the accuracy on one class).
 *
 * <p>The matrix holds {@code classes * classes} counts, so it is built for at most {@value
 * #MAX_CLASSES} classes; {@link dev.nntrain.train.CompiledModel#evaluate} computes per-class precision and recall
 * without it, and {@link #topConfusions} summarises the mistakes of any number of classes.
 */
public final class ConfusionMatrix {

    /**
     * The most classes a matrix is built for: 8 MB of counts. Past it a matrix can be neither
     * printed nor drawn, and 65,536 classes (a CSV's most) would need 32 GB.
     */
    public static final int MAX_CLASSES = 1024;

    private final long[][] counts;

    private ConfusionMatrix(int classes) {
        counts = new long[classes][classes];
    }

    /**
     * Tallies predictions.
     *
     * @param classes the number of classes
     * @param actual the true class of each example
     * @param predicted the predicted class of each example
     * @return the matrix
     * @throws InvalidInputException if the arrays differ in length, there are more than
     *     {@value #MAX_CLASSES} classes, or a label or prediction is outside {@code [0, classes)}
     *     (naming the example)
     */
    public static ConfusionMatrix of(int classes, int[] actual, int[] predicted) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        if (actual.length != predicted.length) {
            throw new InvalidInputException(
                    actual.length + " labels but " + predicted.length + " predictions");
        }
        if (classes < 1 || classes > MAX_CLASSES) {
            throw new InvalidInputException(String.format(
                    "a confusion matrix of %,d classes; expected 1 to %,d (use topConfusions for more)",
                    classes, MAX_CLASSES));
        }
        ConfusionMatrix m = new ConfusionMatrix(classes);
        for (int i = 0; i < actual.length; i++) {
            requireClass("label", actual[i], i, classes);
            requireClass("prediction", predicted[i], i, classes);
            m.counts[actual[i]][predicted[i]]++;
        }
        return m;
    }

    private static void requireClass(String what, int c, int example, int classes) {
        if (c < 0 || c >= classes) {
            throw new InvalidInputException(
                    what + " " + c + " of example " + example + " is outside [0, " + classes + ")");
        }
    }

    /** @return the number of classes */
    public int classes() {
        return counts.length;
    }

    /**
     * Returns a count.
     *
     * @param actual the true class
     * @param predicted the predicted class
     * @return how many examples of {@code actual} were predicted as {@code predicted}
     */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** @return the fraction of examples predicted correctly */
    public double accuracy() {
        long right = 0;
        long all = 0;
        for (int a = 0; a < counts.length; a++) {
            for (int p = 0; p < counts.length; p++) {
                all += counts[a][p];
                if (a == p) {
                    right += counts[a][p];
                }
            }
        }
        return all == 0 ? Double.NaN : right / (double) all;
    }

    /**
     * Returns the accuracy on one class (its recall).
     *
     * @param actual the class
     * @return correct predictions over examples of the class, NaN when the class is absent
     */
    public double classAccuracy(int actual) {
        long all = 0;
        for (long c : counts[actual]) {
            all += c;
        }
        return all == 0 ? Double.NaN : counts[actual][actual] / (double) all;
    }

    /**
     * Returns the recall of a class: of the examples of the class, the fraction predicted as it.
     *
     * @param actual the class
     * @return the recall, NaN when the class is absent
     */
    public double recall(int actual) {
        return classAccuracy(actual);
    }

    /**
     * Returns the precision of a class: of the examples predicted as the class, the fraction that
     * belong to it.
     *
     * @param predicted the class
     * @return the precision, NaN when nothing was predicted as the class
     */
    public double precision(int predicted) {
        long all = 0;
        for (long[] row : counts) {
            all += row[predicted];
        }
        return all == 0 ? Double.NaN : counts[predicted][predicted] / (double) all;
    }

    /** @return the matrix as a table: one row per true class, one column per prediction */
    public String format() {
        return format(List.of());
    }

    /**
     * Returns the matrix as a table, as {@link #format()} does, each row starting with its class's
     * number and name ({@code 6 Shirt}); the columns keep the numbers, which fit a column.
     *
     * @param classNames each class's name by number, or an empty list for numbers alone
     * @return the table
     * @throws IllegalArgumentException if names are given but not one per class
     */
    public String format(List<String> classNames) {
        java.util.Objects.requireNonNull(classNames, "classNames");
        if (!classNames.isEmpty() && classNames.size() != counts.length) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + counts.length + " classes");
        }
        int width = 6;
        for (long[] row : counts) {
            for (long c : row) {
                width = Math.max(width, Long.toString(c).length() + 1);
            }
        }
        String corner = "true\\pred";
        String[] labels = new String[counts.length];
        int labelWidth = corner.length(); // a row's label and one space, at least the corner's width
        for (int a = 0; a < counts.length; a++) {
            labels[a] = classNames.isEmpty() ? Integer.toString(a) : a + " " + classNames.get(a);
            labelWidth = Math.max(labelWidth, labels[a].length() + 1);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-" + labelWidth + "s", corner));
        for (int p = 0; p < counts.length; p++) {
            sb.append(String.format("%" + width + "d", p));
        }
        sb.append(String.format("%10s%n", "accuracy"));
        for (int a = 0; a < counts.length; a++) {
            sb.append(String.format("%-" + labelWidth + "s", labels[a]));
            for (int p = 0; p < counts.length; p++) {
                sb.append(String.format("%" + width + "d", counts[a][p]));
            }
            sb.append(String.format("%10.4f%n", classAccuracy(a)));
        }
        return sb.toString();
    }

    /**
     * A kind of mistake and how often it was made.
     *
     * @param actual the true class
     * @param predicted the class predicted instead
     * @param count how many examples of {@code actual} were predicted as {@code predicted}
     */
    public record Confusion(int actual, int predicted, long count) {}

    /**
     * Returns the most frequent mistakes, for any number of classes: memory in proportion to the
     * examples, not to the classes squared.
     *
     * @param actual the true class of each example
     * @param predicted the predicted class of each example
     * @param limit the most mistakes to return
     * @return the pairs of different true and predicted classes, most frequent first (ties: by
     *     true class, then predicted class)
     * @throws InvalidInputException if the arrays differ in length
     */
    public static java.util.List<Confusion> topConfusions(int[] actual, int[] predicted, int limit) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        if (actual.length != predicted.length) {
            throw new InvalidInputException(
                    actual.length + " labels but " + predicted.length + " predictions");
        }
        java.util.Map<Long, Long> counts = new java.util.HashMap<>();
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != predicted[i]) {
                counts.merge(((long) actual[i] << 32) | (predicted[i] & 0xffffffffL), 1L, Long::sum);
            }
        }
        return counts.entrySet().stream()
                .map(e -> new Confusion((int) (e.getKey() >> 32), (int) (long) e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparingLong(Confusion::count).reversed()
                        .thenComparingInt(Confusion::actual).thenComparingInt(Confusion::predicted))
                .limit(Math.max(0, limit))
                .toList();
    }
}

package dev.nntrain.train.metric;


import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A model's loss and metrics on a data set. Metrics that do not apply are {@code NaN} (or empty
 * arrays): accuracy, precision and recall for a regression, the mean absolute error for a
 * classifier, binary accuracy for anything but sigmoid outputs.
 *
 * <p>Precision and recall are per class for a single-label classifier (softmax outputs, or one
 * sigmoid output read as classes 0 and 1), and per output for multi-label outputs, where each
 * output answers its own yes/no question and the scores are those of its "yes". A class nobody
 * predicted has precision {@code NaN}; a class absent from the data has recall {@code NaN}.
 *
 * @param loss the mean loss
 * @param accuracy the fraction of correct predictions ({@code NaN} for a regression loss); with
 *     sigmoid outputs, the fraction of correct outputs, which is Keras' binary accuracy
 * @param count the number of examples
 * @param binaryAccuracy Keras' {@code binary_accuracy} for sigmoid outputs: outputs on the right
 *     side of 0.5 over all outputs, counted on the host
 * @param meanAbsoluteError Keras' {@code mean_absolute_error} for a regression: mean
 *     {@code |f - y|} over every output
 * @param precision per class (or per output for multi-label outputs)
 * @param recall per class (or per output for multi-label outputs)
 */
public record Evaluation(
        double loss,
        double accuracy,
        int count,
        double binaryAccuracy,
        double meanAbsoluteError,
        double[] precision,
        double[] recall) {

    /** The most classes or outputs {@link #formatPrecisionRecall} lists every one of. */
    public static final int LISTED_IN_FULL = 100;

    /**
     * Copies the arrays, so that the record stays a value.
     *
     * @param loss the mean loss
     * @param accuracy the fraction of correct predictions, or NaN
     * @param count the number of examples
     * @param binaryAccuracy Keras' {@code binary_accuracy}, or NaN
     * @param meanAbsoluteError Keras' {@code mean_absolute_error}, or NaN
     * @param precision per class or per output (copied)
     * @param recall per class or per output (copied)
     */
    public Evaluation {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(recall, "recall");
        precision = precision.clone();
        recall = recall.clone();
    }

    /**
     * An evaluation with a loss and an accuracy only.
     *
     * @param loss the mean loss
     * @param accuracy the accuracy, or NaN
     * @param count the number of examples
     */
    public Evaluation(double loss, double accuracy, int count) {
        this(loss, accuracy, count, Double.NaN, Double.NaN, new double[0], new double[0]);
    }

    /** @return precision per class or output (a copy) */
    @Override
    public double[] precision() {
        return precision.clone();
    }

    /** @return recall per class or output (a copy) */
    @Override
    public double[] recall() {
        return recall.clone();
    }

    /** @return a one-line summary: loss, accuracy and the mean absolute error where they apply */
    public String format() {
        StringBuilder sb = new StringBuilder(String.format("loss: %.4f", loss));
        if (!Double.isNaN(accuracy)) {
            sb.append(String.format(" - accuracy: %.4f", accuracy));
        }
        if (!Double.isNaN(meanAbsoluteError)) {
            sb.append(String.format(" - mean_absolute_error: %.4f", meanAbsoluteError));
        }
        return sb.append(String.format(" (%,d examples)", count)).toString();
    }

    /**
     * Returns precision and recall as a table, one line per class or output. With more than
     * {@value #LISTED_IN_FULL} classes, those with neither examples nor predictions (both scores
     * undefined) are left out and counted in a last line: a CSV of labels up to 65,535 would
     * otherwise print 65,536 lines, nearly all of them empty.
     *
     * @param what the first column's heading, e.g. {@code class} or {@code output}
     * @return the table, or an empty string when there are no such scores
     */
    public String formatPrecisionRecall(String what) {
        return formatPrecisionRecall(what, List.of());
    }

    /**
     * Returns precision and recall as a table, as {@link #formatPrecisionRecall(String)} does, each
     * class's line starting with its number and name ({@code 6 Shirt}).
     *
     * @param what the first column's heading, e.g. {@code class}
     * @param classNames each class's name by number, or an empty list for numbers alone
     * @return the table, or an empty string when there are no such scores
     * @throws IllegalArgumentException if names are given but not one per class
     */
    public String formatPrecisionRecall(String what, List<String> classNames) {
        java.util.Objects.requireNonNull(what, "what");
        java.util.Objects.requireNonNull(classNames, "classNames");
        if (precision.length == 0) {
            return "";
        }
        if (!classNames.isEmpty() && classNames.size() != precision.length) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + precision.length + " classes");
        }
        String[] labels = new String[precision.length];
        int width = Math.max(8, what.length());
        for (int c = 0; c < labels.length; c++) {
            labels[c] = classNames.isEmpty() ? Integer.toString(c) : c + " " + classNames.get(c);
            width = Math.max(width, labels[c].length());
        }
        boolean skipEmpty = precision.length > LISTED_IN_FULL;
        int skipped = 0;
        String line = "  %-" + width + "s %9s %9s%n";
        StringBuilder sb = new StringBuilder(String.format(line, what, "precision", "recall"));
        for (int c = 0; c < precision.length; c++) {
            if (skipEmpty && Double.isNaN(precision[c]) && Double.isNaN(recall[c])) {
                skipped++;
                continue;
            }
            sb.append(String.format(line, labels[c], score(precision[c]), score(recall[c])));
        }
        if (skipped > 0) {
            sb.append(String.format("  (%,d of %,d with no examples and no predictions left out)%n",
                    skipped, precision.length));
        }
        return sb.toString();
    }

    private static String score(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.4f", value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation e
                && Double.compare(loss, e.loss) == 0
                && Double.compare(accuracy, e.accuracy) == 0
                && count == e.count
                && Double.compare(binaryAccuracy, e.binaryAccuracy) == 0
                && Double.compare(meanAbsoluteError, e.meanAbsoluteError) == 0
                && Arrays.equals(precision, e.precision)
                && Arrays.equals(recall, e.recall);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(loss, accuracy, count, binaryAccuracy, meanAbsoluteError,
                Arrays.hashCode(precision), Arrays.hashCode(recall));
    }

    @Override
    public String toString() {
        return "Evaluation[" + format() + ", binary_accuracy=" + binaryAccuracy
                + ", precision=" + Arrays.toString(precision) + ", recall=" + Arrays.toString(recall) + "]";
    }
}

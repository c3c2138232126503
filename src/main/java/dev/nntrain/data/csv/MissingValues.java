package dev.nntrain.data.csv;

import dev.nntrain.data.DataFormatException;
import dev.nntrain.data.Examples;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Fills in the missing values of examples read with {@link Csv#fillMissing}: learns each column's
 * fill value from some rows (the training rows) and writes it into the holes of any, as
 * scikit-learn's {@code SimpleImputer} is fitted on a training set and then transforms both sets.
 *
 * <p>A hole is NaN: in a number column's input, or in every one-hot input of a categorical column.
 * A finite value never reads as NaN, so no real value is taken for a hole.
 */
final class MissingValues {

    private MissingValues() {}

    /**
     * Learns every column's fill value from these rows: a number column's mean, median or most
     * frequent value, a categorical column's most frequent category (the first in sorted order
     * among those as frequent).
     *
     * @param rows the rows to learn from, with holes, carrying their columns
     * @param strategy how a number column's value is found
     * @param name names a feature column (0-based among the columns) for a message
     * @return the columns, each but the ignored with its fill value
     * @throws DataFormatException naming a column with no value in these rows
     */
    static FeatureColumns fit(Examples rows, Csv.Fill strategy, IntFunction<String> name) {
        FeatureColumns columns = rows.featureColumns().orElseThrow(
                () -> new IllegalStateException("examples with holes carry their columns"));
        float[] x = rows.features();
        int width = rows.featureSize();
        int n = rows.size();
        List<FeatureColumns.Column> fitted = new java.util.ArrayList<>();
        int at = 0;
        for (int f = 0; f < columns.columns().size(); f++) {
            FeatureColumns.Column column = columns.columns().get(f);
            String value = "";
            if (column.kind() == FeatureColumns.Kind.NUMBER) {
                double[] values = new double[n];
                int count = 0;
                for (int i = 0; i < n; i++) {
                    float v = x[i * width + at];
                    if (!Float.isNaN(v)) {
                        values[count++] = v;
                    }
                }
                requireValue(count, n, column, name.apply(f));
                value = Float.toString((float) statistic(Arrays.copyOf(values, count), strategy));
            } else if (column.kind() == FeatureColumns.Kind.CATEGORY) {
                int[] counts = new int[column.width()];
                int count = 0;
                for (int i = 0; i < n; i++) {
                    int offset = i * width + at;
                    if (Float.isNaN(x[offset])) {
                        continue;
                    }
                    for (int k = 0; k < counts.length; k++) {
                        if (x[offset + k] == 1) {
                            counts[k]++;
                            count++;
                        }
                    }
                }
                requireValue(count, n, column, name.apply(f));
                int most = 0;
                for (int k = 1; k < counts.length; k++) {
                    most = counts[k] > counts[most] ? k : most; // a tie keeps the first, in sorted order
                }
                value = column.categories().get(most);
            }
            fitted.add(column.withFill(value));
            at += column.width();
        }
        return FeatureColumns.of(fitted);
    }

    private static void requireValue(int count, int rows, FeatureColumns.Column column, String name) {
        if (count == 0) {
            throw new DataFormatException(name + (column.name().isEmpty() ? "" : " (" + column.name() + ")")
                    + " has no value in any of the " + rows + " training row" + (rows == 1 ? "" : "s")
                    + "; expected at least one to fill its missing cells from (leave the column out with --ignore-column)");
        }
    }

    /** The mean, the median (the mean of the middle two of an even count) or the most frequent, smallest first. */
    private static double statistic(double[] values, Csv.Fill strategy) {
        if (strategy == Csv.Fill.MEAN) {
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            return sum / values.length;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (strategy == Csv.Fill.MEDIAN) {
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
        double most = sorted[0];
        int best = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            if (j - i > best) { // strictly more: of values as frequent, the smallest (scikit-learn's rule)
                best = j - i;
                most = sorted[i];
            }
            i = j;
        }
        return most;
    }

    /**
     * Fills the holes of examples with the columns' fill values.
     *
     * @param examples examples with holes, read with these columns' kinds and categories
     * @param fitted the columns with their fill values ({@link #fit})
     * @return a copy without holes, carrying the fitted columns
     */
    static Examples fill(Examples examples, FeatureColumns fitted) {
        float[] x = examples.features().clone();
        int width = examples.featureSize();
        List<FeatureColumns.Column> columns = fitted.columns();
        for (int i = 0; i < examples.size(); i++) {
            int at = i * width;
            for (FeatureColumns.Column column : columns) {
                if (column.kind() == FeatureColumns.Kind.NUMBER && Float.isNaN(x[at])) {
                    x[at] = Float.parseFloat(column.fill());
                } else if (column.kind() == FeatureColumns.Kind.CATEGORY && Float.isNaN(x[at])) {
                    Arrays.fill(x, at, at + column.width(), 0);
                    x[at + column.categories().indexOf(column.fill())] = 1;
                }
                at += column.width();
            }
        }
        Examples filled = Examples.of(x, examples.featureShape(), examples.targets(), examples.targetWidth(),
                examples.numClasses());
        return filled.describedAs(examples).withFeatureColumns(fitted);
    }
}

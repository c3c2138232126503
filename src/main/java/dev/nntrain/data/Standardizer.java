package dev.nntrain.data;

import dev.nntrain.InvalidInputException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Standardizes features like Keras' {@code Normalization} layer: {@link #fit} learns each feature
 * value's mean and variance from training data, {@link #apply} then maps {@code x} to
 * {@code (x - mean) / max(sqrt(variance), 1e-7)} on any data set.
 *
 * <p>Fit on the training set only and apply the same standardizer to validation, test and
 * prediction inputs, as the course does with the coffee data. The variance is the population
 * variance (divided by {@code n}), as Keras computes it. Statistics are per feature value, i.e.
 * per position of the flattened feature shape.
 *
 * <p>The statistics are computed, kept and applied in {@code double}: a feature of values near
 * 1e20, finite as floats, has a variance near 1e40, past the float range. A training value always
 * standardizes to within {@code sqrt(n)} of 0, but a value applied later may not fit in a float
 * (one far from a feature that was constant in training, divided by 1e-7); {@link #apply} refuses
 * it, naming the feature, rather than pass on an infinity.
 */
public final class Standardizer {

    /** The model property that {@link #writeTo} records the means in. */
    public static final String MEAN_PROPERTY = "input_mean";
    /** The model property that {@link #writeTo} records the variances in. */
    public static final String VARIANCE_PROPERTY = "input_variance";

    /** Keras' {@code backend.epsilon()}: the smallest standard deviation divided by. */
    public static final double EPSILON = 1e-7;

    private final double[] mean;
    private final double[] variance;
    private final double[] std; // max(sqrt(variance), EPSILON), the divisor

    /**
     * @param where what the statistics came from, for messages: "" or e.g. a model file and its
     *     properties, with a trailing ": "
     */
    private Standardizer(double[] mean, double[] variance, String where) {
        if (mean.length != variance.length || mean.length == 0) {
            throw new InvalidInputException(
                    where + "need one mean and one variance per feature, got " + mean.length + " and "
                            + variance.length);
        }
        this.mean = mean.clone();
        this.variance = variance.clone();
        this.std = new double[mean.length];
        for (int j = 0; j < mean.length; j++) {
            if (!(variance[j] >= 0) || !Double.isFinite(mean[j]) || !Double.isFinite(variance[j])) {
                throw new InvalidInputException(
                        where + "feature " + (j + 1) + ": mean " + mean[j] + ", variance " + variance[j]
                                + "; expected finite values and variance >= 0");
            }
            std[j] = Math.max(Math.sqrt(variance[j]), EPSILON);
        }
    }

    /**
     * Learns the mean and variance of every feature value.
     *
     * @param training the examples to learn from (usually the training set)
     * @return the fitted standardizer
     * @throws InvalidInputException if there are no examples or a value is not finite
     */
    public static Standardizer fit(Examples training) {
        Objects.requireNonNull(training, "training");
        int n = training.size();
        int w = training.featureSize();
        if (n == 0) {
            throw new InvalidInputException("cannot fit a standardizer on no examples");
        }
        float[] x = training.features();
        // Two passes in double: a one-pass sum of squares loses the variance of large values.
        double[] sum = new double[w];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < w; j++) {
                sum[j] += x[i * w + j];
            }
        }
        double[] m = new double[w];
        for (int j = 0; j < w; j++) {
            m[j] = sum[j] / n;
        }
        double[] squares = new double[w];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < w; j++) {
                double d = x[i * w + j] - m[j];
                squares[j] += d * d;
            }
        }
        double[] variance = new double[w];
        for (int j = 0; j < w; j++) {
            variance[j] = squares[j] / n;
        }
        return new Standardizer(m, variance, "");
    }

    /**
     * Creates a standardizer from known statistics (e.g. saved with a model).
     *
     * @param mean the mean of every feature value
     * @param variance the variance of every feature value
     * @return the standardizer
     * @throws InvalidInputException if the lengths differ or a value is not finite or
     *     a variance is negative
     */
    public static Standardizer of(float[] mean, float[] variance) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(variance, "variance");
        return of(widen(mean), widen(variance));
    }

    /**
     * Creates a standardizer from known statistics in double precision.
     *
     * @param mean the mean of every feature value
     * @param variance the variance of every feature value
     * @return the standardizer
     * @throws InvalidInputException if the lengths differ or a value is not finite or
     *     a variance is negative
     */
    public static Standardizer of(double[] mean, double[] variance) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(variance, "variance");
        return new Standardizer(mean, variance, "");
    }

    /**
     * Standardizes a data set.
     *
     * @param examples examples with as many feature values as this standardizer was fitted on
     * @return new examples with standardized features; targets are shared, not copied
     * @throws InvalidInputException if the widths differ or a value standardizes
     *     past the float range
     */
    public Examples apply(Examples examples) {
        Objects.requireNonNull(examples, "examples");
        return apply(examples, j -> "feature " + (j + 1));
    }

    /**
     * Standardizes a data set, naming a feature that cannot be standardized as the caller knows
     * it, e.g. a CSV file's column.
     *
     * @param examples examples with as many feature values as this standardizer was fitted on
     * @param feature names the feature at a 0-based index, for the message
     * @return new examples with standardized features; targets are shared, not copied
     * @throws InvalidInputException if the widths differ or a value standardizes
     *     past the float range
     */
    public Examples apply(Examples examples, IntFunction<String> feature) {
        Objects.requireNonNull(examples, "examples");
        Objects.requireNonNull(feature, "feature");
        requireWidth(examples.featureSize());
        float[] x = examples.features();
        float[] out = new float[x.length];
        int w = mean.length;
        for (int i = 0; i < x.length; i++) {
            out[i] = standardize(x[i], i % w, feature);
        }
        return Examples.of(out, examples.featureShape(), examples.targets(),
                examples.targetWidth(), examples.numClasses()).describedAs(examples);
    }

    /**
     * Checks, without building the standardized copy, that every value of a data set stays in the
     * float range once standardized: for a caller that names features its own way (a CSV file's
     * columns) while the model it feeds standardizes them itself.
     *
     * @param examples examples with as many feature values as this standardizer was fitted on
     * @param feature names the feature at a 0-based index, for the message
     * @throws InvalidInputException if the widths differ or a value standardizes
     *     past the float range
     */
    public void check(Examples examples, IntFunction<String> feature) {
        Objects.requireNonNull(examples, "examples");
        requireWidth(examples.featureSize());
        check(examples.features(), feature);
    }

    /**
     * Checks one example's or many examples' flat features as {@link #check(Examples,
     * IntFunction)} does.
     *
     * @param features feature values, example after example
     * @param feature names the feature at a 0-based index, for the message
     * @throws InvalidInputException if the width differs or a value standardizes
     *     past the float range
     */
    public void check(float[] features, IntFunction<String> feature) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(feature, "feature");
        if (features.length % mean.length != 0) {
            requireWidth(features.length);
        }
        for (int i = 0; i < features.length; i++) {
            standardize(features[i], i % mean.length, feature);
        }
    }

    /**
     * Standardizes one example's features, e.g. an input to predict on.
     *
     * @param features one example's features
     * @return a new, standardized array
     * @throws InvalidInputException if the width differs or a value standardizes
     *     past the float range
     */
    public float[] apply(float[] features) {
        Objects.requireNonNull(features, "features");
        return apply(features, j -> "feature " + (j + 1));
    }

    /**
     * Standardizes one example's features, naming a feature that cannot be standardized as the
     * caller knows it, e.g. an option's value.
     *
     * @param features one example's features
     * @param feature names the feature at a 0-based index, for the message
     * @return a new, standardized array
     * @throws InvalidInputException if the width differs or a value standardizes
     *     past the float range
     */
    public float[] apply(float[] features, IntFunction<String> feature) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(feature, "feature");
        requireWidth(features.length);
        float[] out = new float[features.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = standardize(features[j], j, feature);
        }
        return out;
    }

    private float standardize(float x, int j, IntFunction<String> feature) {
        float z = (float) ((x - mean[j]) / std[j]);
        if (!Float.isFinite(z) && Float.isFinite(x)) {
            throw new InvalidInputException(String.format(
                    "%s: the value %s standardizes to %.3g (mean %.6g, standard deviation %.3g over the training rows),"
                            + " beyond the 32-bit float range; rescale the feature, or train without"
                            + " standardizing (--no-normalize)", feature.apply(j), x, (x - mean[j]) / std[j], mean[j], std[j]));
        }
        return z;
    }

    /**
     * Records the statistics in a model's string properties, so that the model file carries the
     * scaling its inputs need (see {@link #readFrom}).
     *
     * @param properties the properties to write into, e.g. {@code Sequential.properties()}
     */
    public void writeTo(Map<String, String> properties) {
        Objects.requireNonNull(properties, "properties");
        properties.put(MEAN_PROPERTY, join(mean));
        properties.put(VARIANCE_PROPERTY, join(variance));
    }

    /**
     * Reads statistics written by {@link #writeTo}.
     *
     * @param properties a model's properties
     * @return the standardizer, or empty when the properties record none
     * @throws InvalidInputException if the recorded values are not numbers, or not a
     *     mean and a variance per feature
     */
    public static Optional<Standardizer> readFrom(Map<String, String> properties) {
        Objects.requireNonNull(properties, "properties");
        return readFrom(properties, "the model");
    }

    /**
     * Reads statistics written by {@link #writeTo}, naming where they come from in messages.
     *
     * @param properties a model's properties
     * @param source where the properties were read from, e.g. the model's {@code model.json}
     * @return the standardizer, or empty when the properties record none
     * @throws InvalidInputException naming the source and the property if the
     *     recorded values are not numbers, or not a mean and a variance per feature
     */
    public static Optional<Standardizer> readFrom(Map<String, String> properties, String source) {
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(source, "source");
        String m = properties.get(MEAN_PROPERTY);
        String v = properties.get(VARIANCE_PROPERTY);
        if (m == null && v == null) {
            return Optional.empty();
        }
        if (m == null || v == null) {
            throw new InvalidInputException(
                    source + " records " + (m == null ? VARIANCE_PROPERTY + " but no " + MEAN_PROPERTY
                            : MEAN_PROPERTY + " but no " + VARIANCE_PROPERTY));
        }
        double[] means = split(source, MEAN_PROPERTY, m);
        double[] variances = split(source, VARIANCE_PROPERTY, v);
        if (means.length != variances.length) {
            throw new InvalidInputException(String.format(
                    "%s: property %s holds %d values and %s %d; expected one mean and one variance per feature",
                    source, MEAN_PROPERTY, means.length, VARIANCE_PROPERTY, variances.length));
        }
        return Optional.of(new Standardizer(means, variances,
                source + ": properties " + MEAN_PROPERTY + " and " + VARIANCE_PROPERTY + ": "));
    }

    private static String join(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double x : values) {
            sb.append(sb.length() == 0 ? "" : ",").append(x); // Double.toString reads back exactly
        }
        return sb.toString();
    }

    private static double[] split(String source, String key, String text) {
        String[] cells = text.split(",", -1);
        double[] values = new double[cells.length];
        for (int j = 0; j < cells.length; j++) {
            try {
                values[j] = Double.parseDouble(cells[j].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(
                        source + ": property " + key + ": value " + (j + 1) + " '" + cells[j] + "' is not a number");
            }
        }
        return values;
    }

    private static double[] widen(float[] values) {
        double[] wide = new double[values.length];
        for (int j = 0; j < values.length; j++) {
            wide[j] = values[j];
        }
        return wide;
    }

    private static float[] narrow(double[] values) {
        float[] out = new float[values.length];
        for (int j = 0; j < values.length; j++) {
            out[j] = (float) values[j];
        }
        return out;
    }

    /**
     * @return the learned mean of every feature value (a copy), rounded to float
     */
    public float[] mean() {
        return narrow(mean);
    }

    /**
     * @return the learned population variance of every feature value (a copy), rounded to
     *     float: infinite for a feature whose values are past about 1e19 (the standardizer itself
     *     keeps it in double)
     */
    public float[] variance() {
        return narrow(variance);
    }

    private void requireWidth(int width) {
        if (width != mean.length) {
            throw new InvalidInputException(
                    "examples have " + width + " feature values; this standardizer was fitted on "
                            + mean.length);
        }
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "Standardizer{mean=" + Arrays.toString(mean) + ", variance="
                + Arrays.toString(variance) + "}";
    }

    /**
     * Standardizes a batch on the engine's side of an application, with the same values as {@link
     * #apply(float[])} gives each row (the batch is read as the 32-bit features an {@link Examples}
     * holds, standardized in double, and written back in its own type).
     *
     * @param batch examples along the first axis, each with as many values as this standardizer
     *     was fitted on
     * @return a new array of the batch's shape and type, in the batch's manager
     * @throws InvalidInputException if the width differs or a value standardizes
     *     past the float range
     */
    public ai.djl.ndarray.NDArray apply(ai.djl.ndarray.NDArray batch) {
        Objects.requireNonNull(batch, "batch");
        ai.djl.ndarray.types.Shape shape = batch.getShape();
        requireWidth(Math.toIntExact(shape.size() / Math.max(1, shape.get(0))));
        ai.djl.ndarray.types.DataType type = batch.getDataType();
        boolean float32 = type == ai.djl.ndarray.types.DataType.FLOAT32;
        // converted copies are closed here: they would stay on the caller's manager otherwise
        float[] values;
        if (float32) {
            values = batch.toFloatArray();
        } else {
            try (ai.djl.ndarray.NDArray converted = batch.toType(ai.djl.ndarray.types.DataType.FLOAT32, true)) {
                values = converted.toFloatArray();
            }
        }
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = standardize(values[i], i % mean.length, j -> "feature " + (j + 1));
        }
        ai.djl.ndarray.NDArray standardized = batch.getManager().create(out, shape);
        if (float32) {
            return standardized;
        }
        try (standardized) {
            return standardized.toType(type, true);
        }
    }
}

package dev.nntrain.data;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Standardizes features like Keras' {@code Normalization} layer: {@link #fit} learns each feature
 * value's mean and variance from training data, {@link #apply} then maps {@code x} to
 * {@code (x - mean) / max(sqrt(variance), 1e-7)} on any data set.
 *
 * <p>Fit on the training set only and apply the same standardizer to validation, test and
 * prediction inputs, as the course does with the coffee data. The variance is the population
 * variance (divided by {@code n}), as Keras computes it. Statistics are per feature value, i.e.
 * per position of the flattened feature shape.
 */
public final class Standardizer {

    /** The model property that {@link #writeTo} records the means in. */
    public static final String MEAN_PROPERTY = "input_mean";
    /** The model property that {@link #writeTo} records the variances in. */
    public static final String VARIANCE_PROPERTY = "input_variance";

    /** Keras' {@code backend.epsilon()}: the smallest standard deviation divided by. */
    public static final double EPSILON = 1e-7;

    private final float[] mean;
    private final float[] variance;
    private final float[] std; // max(sqrt(variance), EPSILON), the divisor

    private Standardizer(float[] mean, float[] variance) {
        if (mean.length != variance.length || mean.length == 0) {
            throw new dev.nntrain.InvalidInputException(
                    "need one mean and one variance per feature, got " + mean.length + " and "
                            + variance.length);
        }
        this.mean = mean.clone();
        this.variance = variance.clone();
        this.std = new float[mean.length];
        for (int j = 0; j < mean.length; j++) {
            if (!(variance[j] >= 0) || !Float.isFinite(mean[j]) || !Float.isFinite(variance[j])) {
                throw new dev.nntrain.InvalidInputException(
                        "feature " + j + ": mean " + mean[j] + ", variance " + variance[j]
                                + "; expected finite values and variance >= 0");
            }
            std[j] = (float) Math.max(Math.sqrt(variance[j]), EPSILON);
        }
    }

    /**
     * Learns the mean and variance of every feature value.
     *
     * @param training the examples to learn from (usually the training set)
     * @return the fitted standardizer
     */
    public static Standardizer fit(Examples training) {
        Objects.requireNonNull(training, "training");
        int n = training.size();
        int w = training.featureSize();
        if (n == 0) {
            throw new dev.nntrain.InvalidInputException("cannot fit a standardizer on no examples");
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
        float[] mean = new float[w];
        float[] variance = new float[w];
        for (int j = 0; j < w; j++) {
            mean[j] = (float) m[j];
            variance[j] = (float) (squares[j] / n);
        }
        return new Standardizer(mean, variance);
    }

    /**
     * Creates a standardizer from known statistics (e.g. saved with a model).
     *
     * @param mean the mean of every feature value
     * @param variance the variance of every feature value
     * @return the standardizer
     */
    public static Standardizer of(float[] mean, float[] variance) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(variance, "variance");
        return new Standardizer(mean, variance);
    }

    /**
     * Standardizes a data set.
     *
     * @param examples examples with as many feature values as this standardizer was fitted on
     * @return new examples with standardized features; targets are shared, not copied
     */
    public Examples apply(Examples examples) {
        Objects.requireNonNull(examples, "examples");
        requireWidth(examples.featureSize());
        float[] x = examples.features();
        float[] out = new float[x.length];
        int w = mean.length;
        for (int i = 0; i < x.length; i++) {
            int j = i % w;
            out[i] = (x[i] - mean[j]) / std[j];
        }
        return Examples.of(out, examples.featureShape(), examples.targets(),
                examples.targetWidth(), examples.numClasses());
    }

    /**
     * Standardizes one example's features, e.g. an input to predict on.
     *
     * @param features one example's features
     * @return a new, standardized array
     */
    public float[] apply(float[] features) {
        Objects.requireNonNull(features, "features");
        requireWidth(features.length);
        float[] out = new float[features.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (features[j] - mean[j]) / std[j];
        }
        return out;
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
     * @throws dev.nntrain.InvalidInputException if the recorded values are not numbers
     */
    public static Optional<Standardizer> readFrom(Map<String, String> properties) {
        Objects.requireNonNull(properties, "properties");
        String m = properties.get(MEAN_PROPERTY);
        String v = properties.get(VARIANCE_PROPERTY);
        if (m == null && v == null) {
            return Optional.empty();
        }
        if (m == null || v == null) {
            throw new dev.nntrain.InvalidInputException(
                    "the model records " + (m == null ? VARIANCE_PROPERTY + " but no " + MEAN_PROPERTY
                            : MEAN_PROPERTY + " but no " + VARIANCE_PROPERTY));
        }
        return Optional.of(of(split(MEAN_PROPERTY, m), split(VARIANCE_PROPERTY, v)));
    }

    private static String join(float[] values) {
        StringBuilder sb = new StringBuilder();
        for (float x : values) {
            sb.append(sb.length() == 0 ? "" : ",").append(x); // Float.toString reads back exactly
        }
        return sb.toString();
    }

    private static float[] split(String key, String text) {
        String[] cells = text.split(",");
        float[] values = new float[cells.length];
        for (int j = 0; j < cells.length; j++) {
            try {
                values[j] = Float.parseFloat(cells[j].trim());
            } catch (NumberFormatException e) {
                throw new dev.nntrain.InvalidInputException(
                        key + ": value " + j + " '" + cells[j] + "' is not a number");
            }
        }
        return values;
    }

    /** @return the learned mean of every feature value (a copy) */
    public float[] mean() {
        return mean.clone();
    }

    /** @return the learned population variance of every feature value (a copy) */
    public float[] variance() {
        return variance.clone();
    }

    private void requireWidth(int width) {
        if (width != mean.length) {
            throw new dev.nntrain.InvalidInputException(
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
}

package dev.nntrain.data;

import dev.nntrain.InvalidInputException;
import java.util.Objects;
import java.util.Random;

/**
 * The small synthetic data sets of the course labs, generated from a seed.
 *
 * <p>All generators use {@link java.util.Random}, whose algorithm is fixed by its specification,
 * so a seed gives the same data on every JDK. They do not reproduce numpy's random streams: the
 * data follow the same recipes as the labs, but the individual points differ from the Python
 * versions.
 */
public final class Synthetic {

    /** The number of roasts in the course's coffee roasting data. */
    public static final int COFFEE_SIZE = 200;

    /** The number of points in the course's four-blob data. */
    public static final int BLOBS_SIZE = 2000;

    /** The blob centres of the multiclass lab, one {x, y} per class. */
    private static final double[][] BLOB_CENTRES = {{-5, 2}, {-1.5, -1}, {1, 2}, {5, -2}};

    /** The standard deviation of every blob. */
    public static final double BLOB_STD = 1.0;

    private Synthetic() {}

    /**
     * Returns the course's coffee roasting data: {@value #COFFEE_SIZE} roasts.
     *
     * @param seed the random seed
     * @return see {@link #coffee(int, long)}
     */
    public static Examples coffee(long seed) {
        return coffee(COFFEE_SIZE, seed);
    }

    /**
     * Returns coffee roasts as in the course lab's {@code load_coffee_data}: for each roast two
     * uniform numbers {@code u0, u1} in {@code [0, 1)} are drawn, temperature
     * {@code t = u0 * (285 - 150) + 150} (Celsius) and duration {@code d = u1 * 4 + 11.5}
     * (minutes). A roast is good (label 1) when {@link #isGoodRoast(double, double)} holds.
     *
     * @param n the number of roasts
     * @param seed the random seed
     * @return features {@code [temperature, duration]}, labels 0 (bad) or 1 (good), 2 classes
     */
    public static Examples coffee(int n, long seed) {
        requirePositive(n);
        Random random = new Random(seed);
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double u0 = random.nextDouble();
            double u1 = random.nextDouble();
            float t = (float) (u0 * (285 - 150) + 150);
            float d = (float) (u1 * 4 + 11.5);
            x[i] = new float[] {t, d};
            // Judge the stored float values, so that the labels follow the rule exactly for
            // anyone who re-checks them on the features.
            y[i] = isGoodRoast(t, d) ? 1 : 0;
        }
        return Examples.of(x, y).withNumClasses(2);
    }

    /**
     * The course lab's rule for a good roast: {@code 175 < t < 260}, {@code 12 < d < 15} and
     * {@code d <= -3 / (260 - 175) * t + 21} (too hot for too long burns the beans).
     *
     * @param temperature the temperature in Celsius
     * @param duration the duration in minutes
     * @return whether the roast is good
     */
    public static boolean isGoodRoast(double temperature, double duration) {
        double limit = -3.0 / (260 - 175) * temperature + 21;
        return temperature > 175 && temperature < 260 && duration > 12 && duration < 15
                && duration <= limit;
    }

    /**
     * Returns the multiclass lab's four blobs: {@value #BLOBS_SIZE} points.
     *
     * @param seed the random seed
     * @return see {@link #blobs(int, long)}
     */
    public static Examples blobs(long seed) {
        return blobs(BLOBS_SIZE, seed);
    }

    /**
     * Returns 2-D points in four Gaussian blobs around (-5, 2), (-1.5, -1), (1, 2) and (5, -2)
     * with standard deviation {@value #BLOB_STD}, like scikit-learn's {@code make_blobs}: class
     * {@code k} gets {@code n / 4} points, the first {@code n % 4} classes one more, and the points
     * are shuffled.
     *
     * @param n the number of points
     * @param seed the random seed
     * @return features {@code [x, y]}, labels 0-3, 4 classes
     */
    public static Examples blobs(int n, long seed) {
        requirePositive(n);
        int k = BLOB_CENTRES.length;
        Random random = new Random(seed);
        float[][] x = new float[n][];
        int[] y = new int[n];
        int i = 0;
        for (int c = 0; c < k; c++) {
            int count = n / k + (c < n % k ? 1 : 0);
            for (int j = 0; j < count; j++, i++) {
                x[i] = new float[] {
                    (float) (BLOB_CENTRES[c][0] + BLOB_STD * random.nextGaussian()),
                    (float) (BLOB_CENTRES[c][1] + BLOB_STD * random.nextGaussian())
                };
                y[i] = c;
            }
        }
        // Shuffle like make_blobs (shuffle=True), so batches are not sorted by class.
        for (int a = n - 1; a > 0; a--) {
            int b = random.nextInt(a + 1);
            float[] tx = x[a];
            x[a] = x[b];
            x[b] = tx;
            int ty = y[a];
            y[a] = y[b];
            y[b] = ty;
        }
        return Examples.of(x, y).withNumClasses(k);
    }

    /**
     * Returns the centre of one blob of {@link #blobs(int, long)}.
     *
     * @param label the class, 0-3
     * @return {x, y}
     */
    public static double[] blobCentre(int label) {
        return BLOB_CENTRES[label].clone();
    }

    /**
     * Returns noisy linear data {@code y = w . x + b + noise} for regression: each feature is
     * uniform in {@code [-1, 1)}, the noise Gaussian with standard deviation {@code noiseStd}.
     *
     * @param n the number of examples
     * @param weights the true weights, one per feature
     * @param bias the true bias
     * @param noiseStd the standard deviation of the noise ({@code 0} for exact data)
     * @param seed the random seed
     * @return features {@code [weights.length]}, one real-valued target each
     */
    public static Examples linear(int n, float[] weights, float bias, double noiseStd, long seed) {
        Objects.requireNonNull(weights, "weights");
        requirePositive(n);
        if (weights.length == 0) {
            throw new InvalidInputException("need at least one weight");
        }
        if (!(noiseStd >= 0)) {
            throw new InvalidInputException("noise std must be >= 0, got " + noiseStd);
        }
        Random random = new Random(seed);
        float[][] x = new float[n][weights.length];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            double target = bias;
            for (int j = 0; j < weights.length; j++) {
                x[i][j] = (float) (random.nextDouble() * 2 - 1);
                target += (double) weights[j] * x[i][j];
            }
            y[i][0] = (float) (target + noiseStd * random.nextGaussian());
        }
        return Examples.of(x, y);
    }

    private static void requirePositive(int n) {
        if (n <= 0) {
            throw new InvalidInputException("number of examples must be > 0, got " + n);
        }
    }
}

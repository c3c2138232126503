package dev.nntrain.plot;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Synthetic;
import dev.nntrain.data.mnist.Idx;
import dev.nntrain.data.mnist.MnistSource;
import java.util.ArrayList;
import java.util.List;

/** Course-like data for the chart tests, computed in plain Java. */
final class SampleData {

    static final int EPOCHS = 40;

    /** Four logits, as in the course's softmax example. */
    static final double[] LOGITS = {1.0, 2.0, 0.5, -1.5};

    private SampleData() {}

    /** @return a training loss falling from about 2.3 to 0.1 */
    static double[] loss() {
        return curve(i -> 0.1 + 2.2 * Math.exp(-i / 6.0));
    }

    /** @return a validation loss that falls and then rises a little */
    static double[] validationLoss() {
        return curve(i -> 0.25 + 2.0 * Math.exp(-i / 5.0) + 0.004 * i);
    }

    /** @return a training accuracy rising towards 0.97 */
    static double[] accuracy() {
        return curve(i -> 0.97 - 0.85 * Math.exp(-i / 5.0));
    }

    /** @return a validation accuracy rising towards 0.93 */
    static double[] validationAccuracy() {
        return curve(i -> 0.93 - 0.8 * Math.exp(-i / 5.0));
    }

    private static double[] curve(java.util.function.IntToDoubleFunction f) {
        double[] values = new double[EPOCHS];
        for (int i = 0; i < EPOCHS; i++) {
            values[i] = f.applyAsDouble(i);
        }
        return values;
    }

    /**
     * @param examples examples with two features
     * @return their features as {x, y} points
     */
    static double[][] points(Examples examples) {
        float[][] rows = examples.featureRows();
        double[][] points = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            points[i] = new double[] {rows[i][0], rows[i][1]};
        }
        return points;
    }

    /**
     * A stand-in for the trained multiclass model: the class of the nearest blob centre.
     *
     * @param points {x1, x2} points
     * @return the class of each
     */
    static int[] nearestBlob(double[][] points) {
        int[] classes = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < 4; c++) {
                double[] centre = Synthetic.blobCentre(c);
                double d = Math.hypot(points[i][0] - centre[0], points[i][1] - centre[1]);
                if (d < best) {
                    best = d;
                    classes[i] = c;
                }
            }
        }
        return classes;
    }

    /**
     * A stand-in for the trained coffee model: a smooth version of the course's rule.
     *
     * @param roasts {temperature, duration} pairs
     * @return the probability of each being a good roast
     */
    static double[] roastQuality(double[][] roasts) {
        double[] p = new double[roasts.length];
        for (int i = 0; i < roasts.length; i++) {
            double t = roasts[i][0];
            double d = roasts[i][1];
            double margin = Math.min(Math.min(t - 175, 260 - t) / 10, Math.min(d - 12, 15 - d));
            margin = Math.min(margin, (-3.0 / 85 * t + 21 - d) * 2);
            p[i] = 1 / (1 + Math.exp(-4 * margin));
        }
        return p;
    }

    /** A confusion matrix of a digit model on 2,000 test digits. */
    static final int[][] CONFUSION = confusion();

    private static int[][] confusion() {
        int[][] counts = new int[10][10];
        for (int t = 0; t < 10; t++) {
            counts[t][t] = 180 + 3 * t;
            counts[t][(t + 3) % 10] = 2 + t % 4;
            counts[t][(t * 7 + 1) % 10] += 9 - t % 5;
        }
        return counts;
    }

    /**
     * Digits with labels and predictions.
     *
     * @param images one row of 784 gray levels each
     * @param labels the true labels
     * @param predicted predictions, every seventh wrong
     */
    record Digits(float[][] images, int[] labels, int[] predicted) {}

    /**
     * Reads the first test digits of the embedded MNIST subset, with made-up predictions.
     *
     * @param count how many
     * @return the digits
     */
    static Digits digits(int count) {
        Examples test = Idx.read(MnistSource.DEFAULT_DIR.resolve(MnistSource.TEST_IMAGES),
                MnistSource.DEFAULT_DIR.resolve(MnistSource.TEST_LABELS)).slice(0, count);
        int[] labels = test.labels();
        int[] predicted = labels.clone();
        for (int i = 3; i < count; i += 7) {
            predicted[i] = (labels[i] + 5) % 10;
        }
        return new Digits(test.featureRows(), labels, predicted);
    }

    /**
     * An elongated bowl: steep along w1, flat along w2, lowest at (0.05, 1).
     *
     * @param w1 the steep parameter
     * @param w2 the flat parameter
     * @return the cost
     */
    static double bowlCost(double w1, double w2) {
        return 42.9 * (w1 - 0.05) * (w1 - 0.05) + 0.5 * (w2 - 1) * (w2 - 1);
    }

    /** @return gradient descent and Adam on {@link #bowlCost}, 400 steps from (0, 0) each */
    static List<OptimizerTrace> bowlTraces() {
        return List.of(descend("gradient descent (0.02)", false, 0.02),
                descend("Adam (0.01)", true, 0.01));
    }

    private static OptimizerTrace descend(String name, boolean adam, double rate) {
        int steps = 400;
        double[] w = {0, 0};
        double[] m = new double[2];
        double[] v = new double[2];
        double[] loss = new double[steps + 1];
        List<double[]> path = new ArrayList<>();
        for (int t = 0; t <= steps; t++) {
            loss[t] = bowlCost(w[0], w[1]);
            path.add(w.clone());
            double[] grad = {85.8 * (w[0] - 0.05), w[1] - 1};
            for (int j = 0; j < 2; j++) {
                if (adam) {
                    m[j] = 0.9 * m[j] + 0.1 * grad[j];
                    v[j] = 0.999 * v[j] + 0.001 * grad[j] * grad[j];
                    double mHat = m[j] / (1 - Math.pow(0.9, t + 1));
                    double vHat = v[j] / (1 - Math.pow(0.999, t + 1));
                    w[j] -= rate * mHat / (Math.sqrt(vHat) + 1e-7);
                } else {
                    w[j] -= rate * grad[j];
                }
            }
        }
        return new OptimizerTrace(name, loss, path);
    }

    /** The course's first convolutional layer: 9 windows of 20 samples, stepping by 10. */
    static final List<IndexRange> EKG_WINDOWS = windows(100, 20, 10);

    private static List<IndexRange> windows(int length, int kernel, int stride) {
        List<IndexRange> windows = new ArrayList<>();
        for (int start = 0; start + kernel <= length; start += stride) {
            windows.add(new IndexRange(start, start + kernel));
        }
        return windows;
    }

    /** @return an EKG-like trace of 100 samples: a rhythm, beats and a bump, no noise */
    static double[] ekg() {
        double[] x = new double[100];
        for (int i = 0; i < x.length; i++) {
            double beat = Math.exp(-Math.pow((i % 25) - 12, 2) / 2.0) * 1.5;
            x[i] = 0.6 * Math.sin(2 * Math.PI * i / 25) + beat
                    + Math.exp(-Math.pow(i - 63, 2) / (2 * 2.5 * 2.5));
        }
        return x;
    }

    /**
     * Two stacked linear layers and the layer they collapse to.
     *
     * @param x the inputs
     * @param stacked the two layers' outputs
     * @param single the single layer's outputs
     */
    record Collapse(double[] x, double[] stacked, double[] single) {}

    /** @return y = 0.5 (2 x + 1) - 3 against y = x - 2.5, over x in [-4, 4] */
    static Collapse collapse() {
        double[] x = new double[81];
        double[] stacked = new double[81];
        double[] single = new double[81];
        for (int i = 0; i < x.length; i++) {
            x[i] = -4 + 0.1 * i;
            stacked[i] = 0.5 * (2 * x[i] + 1) - 3;
            single[i] = x[i] - 2.5;
        }
        return new Collapse(x, stacked, single);
    }
}

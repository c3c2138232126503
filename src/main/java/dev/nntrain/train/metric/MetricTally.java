package dev.nntrain.train.metric;

import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.Loss;

/**
 * The metrics that {@link dev.nntrain.train.CompiledModel#evaluate} reports beside the loss and accuracy, tallied on
 * the host from the outputs, a chunk of examples at a time:
 *
 * <ul>
 *   <li>binary cross-entropy (sigmoid outputs): binary accuracy, the fraction of outputs on the
 *       right side of 0.5, and precision and recall per output of its "yes" answers (for one
 *       output, of its two classes 0 and 1);
 *   <li>other classification losses: precision and recall per class, the class being the
 *       largest output;
 *   <li>a regression loss: the mean absolute error over every output.
 * </ul>
 */
public final class MetricTally {

    private enum Kind { YES_NO, CLASSES, REGRESSION }

    private final Kind kind;
    private final int width;
    private final double threshold; // the output above which a sigmoid unit answers yes
    // Per class (or per yes/no output): the counts precision and recall need, O(classes) however
    // many examples, where a confusion matrix would take classes squared (32 GB for 65,536).
    private final long[] truePositives;
    private final long[] predictedCount;
    private final long[] actualCount;
    private int rows;
    private long right;
    private double absoluteErrors;

    /**
     * Starts an empty tally.
     *
     * @param loss the model's loss: it says which metrics apply and where a yes begins
     * @param outputWidth the model's outputs per example
     */
    public MetricTally(Loss loss, int outputWidth) {
        java.util.Objects.requireNonNull(loss, "loss");
        if (outputWidth < 1) {
            throw new IllegalArgumentException("output width " + outputWidth + ", expected at least 1");
        }
        this.width = outputWidth;
        this.kind = loss instanceof BinaryCrossentropy ? Kind.YES_NO
                : loss.hasAccuracy() ? Kind.CLASSES
                : Kind.REGRESSION;
        // a logit above 0 is a probability above 0.5
        this.threshold = loss.fromLogits() ? 0 : 0.5;
        // one sigmoid output is read as two classes, 0 and 1; several answer yes/no each
        int counted = kind == Kind.REGRESSION ? 0
                : kind == Kind.CLASSES || width == 1 ? Math.max(width, 2)
                : width;
        truePositives = new long[counted];
        predictedCount = new long[counted];
        actualCount = new long[counted];
    }

    /**
     * Adds a chunk of examples.
     *
     * @param outputs the model's outputs, row-major, {@code width} per example
     * @param targets the targets as the examples hold them, {@code targetWidth} per example
     * @param targetWidth 1 for class indices, the output width otherwise
     */
    public void add(float[] outputs, float[] targets, int targetWidth) {
        java.util.Objects.requireNonNull(outputs, "outputs");
        java.util.Objects.requireNonNull(targets, "targets");
        int m = outputs.length / width;
        for (int i = 0; i < m; i++) {
            switch (kind) {
                case YES_NO:
                    for (int j = 0; j < width; j++) {
                        int yes = outputs[i * width + j] > threshold ? 1 : 0;
                        int truth = targets[i * targetWidth + j] > 0.5f ? 1 : 0;
                        right += yes == truth ? 1 : 0;
                        if (width == 1) {
                            count(truth, yes); // classes 0 and 1
                        } else {
                            // output j's "yes" is the class counted
                            actualCount[j] += truth;
                            predictedCount[j] += yes;
                            truePositives[j] += truth & yes;
                        }
                    }
                    break;
                case CLASSES:
                    count(targetWidth == 1
                                    ? (int) targets[i]
                                    : argMax(targets, i * targetWidth, targetWidth),
                            argMax(outputs, i * width, width));
                    break;
                default:
                    for (int j = 0; j < width; j++) {
                        absoluteErrors += Math.abs(outputs[i * width + j] - targets[i * targetWidth + j]);
                    }
            }
        }
        rows += m;
    }

    private void count(int actual, int predicted) {
        actualCount[actual]++;
        predictedCount[predicted]++;
        if (actual == predicted) {
            truePositives[actual]++;
        }
    }

    /**
     * Completes an evaluation.
     *
     * @param loss the mean loss
     * @param accuracy the accuracy counted on the engine
     * @return the evaluation with every metric
     */
    public Evaluation result(double loss, double accuracy) {
        double binaryAccuracy = kind == Kind.YES_NO ? right / ((double) rows * width) : Double.NaN;
        double mae = kind == Kind.REGRESSION ? absoluteErrors / ((double) rows * width) : Double.NaN;
        int n = truePositives.length;
        double[] precision = new double[n];
        double[] recall = new double[n];
        for (int c = 0; c < n; c++) {
            // NaN where nothing was predicted as c, or nothing is c: as ConfusionMatrix has them
            precision[c] = predictedCount[c] == 0 ? Double.NaN : truePositives[c] / (double) predictedCount[c];
            recall[c] = actualCount[c] == 0 ? Double.NaN : truePositives[c] / (double) actualCount[c];
        }
        return new Evaluation(loss, accuracy, rows, binaryAccuracy, mae, precision, recall);
    }

    private static int argMax(float[] values, int from, int count) {
        int best = 0;
        for (int j = 1; j < count; j++) {
            if (values[from + j] > values[from + best]) {
                best = j;
            }
        }
        return best;
    }
}

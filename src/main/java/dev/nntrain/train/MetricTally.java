package dev.nntrain.train;

import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.Loss;

import java.util.Arrays;

/**
 * The metrics that {@link CompiledModel#evaluate} reports beside the loss and accuracy, tallied on
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
final class MetricTally {

    private enum Kind { YES_NO, CLASSES, REGRESSION }

    private final Kind kind;
    private final int width;
    private final double threshold; // the output above which a sigmoid unit answers yes
    private final int[][] actual; // per column: the true class, or 0/1 per yes/no output
    private final int[][] predicted;
    private int rows;
    private long right;
    private double absoluteErrors;

    MetricTally(Loss loss, int outputWidth) {
        this.width = outputWidth;
        this.kind = loss instanceof BinaryCrossentropy ? Kind.YES_NO
                : loss.hasAccuracy() ? Kind.CLASSES
                : Kind.REGRESSION;
        // a logit above 0 is a probability above 0.5
        this.threshold = loss.fromLogits() ? 0 : 0.5;
        int columns = kind == Kind.YES_NO ? outputWidth : kind == Kind.CLASSES ? 1 : 0;
        actual = new int[columns][64];
        predicted = new int[columns][64];
    }

    /**
     * Adds a chunk of examples.
     *
     * @param outputs the model's outputs, row-major, {@code width} per example
     * @param targets the targets as the examples hold them, {@code targetWidth} per example
     * @param targetWidth 1 for class indices, the output width otherwise
     */
    void add(float[] outputs, float[] targets, int targetWidth) {
        int m = outputs.length / width;
        grow(rows + m);
        for (int i = 0; i < m; i++) {
            int row = rows + i;
            switch (kind) {
                case YES_NO:
                    for (int j = 0; j < width; j++) {
                        int yes = outputs[i * width + j] > threshold ? 1 : 0;
                        int truth = targets[i * targetWidth + j] > 0.5f ? 1 : 0;
                        actual[j][row] = truth;
                        predicted[j][row] = yes;
                        right += yes == truth ? 1 : 0;
                    }
                    break;
                case CLASSES:
                    actual[0][row] = targetWidth == 1
                            ? (int) targets[i]
                            : argMax(targets, i * targetWidth, targetWidth);
                    predicted[0][row] = argMax(outputs, i * width, width);
                    break;
                default:
                    for (int j = 0; j < width; j++) {
                        absoluteErrors += Math.abs(outputs[i * width + j] - targets[i * targetWidth + j]);
                    }
            }
        }
        rows += m;
    }

    /**
     * Completes an evaluation.
     *
     * @param loss the mean loss
     * @param accuracy the accuracy counted on the engine
     * @return the evaluation with every metric
     */
    Evaluation result(double loss, double accuracy) {
        double binaryAccuracy = kind == Kind.YES_NO ? right / ((double) rows * width) : Double.NaN;
        double mae = kind == Kind.REGRESSION ? absoluteErrors / ((double) rows * width) : Double.NaN;
        double[] precision = new double[0];
        double[] recall = new double[0];
        if (kind == Kind.CLASSES || (kind == Kind.YES_NO && width == 1)) {
            // one label: per class, two classes for a single sigmoid unit
            ConfusionMatrix m = ConfusionMatrix.of(Math.max(width, 2), head(actual[0]), head(predicted[0]));
            precision = new double[m.classes()];
            recall = new double[m.classes()];
            for (int c = 0; c < m.classes(); c++) {
                precision[c] = m.precision(c);
                recall[c] = m.recall(c);
            }
        } else if (kind == Kind.YES_NO) {
            // several yes/no questions: each output's "yes"
            precision = new double[width];
            recall = new double[width];
            for (int j = 0; j < width; j++) {
                ConfusionMatrix m = ConfusionMatrix.of(2, head(actual[j]), head(predicted[j]));
                precision[j] = m.precision(1);
                recall[j] = m.recall(1);
            }
        }
        return new Evaluation(loss, accuracy, rows, binaryAccuracy, mae, precision, recall);
    }

    private int[] head(int[] values) {
        return Arrays.copyOf(values, rows);
    }

    private void grow(int needed) {
        for (int j = 0; j < actual.length; j++) {
            if (actual[j].length < needed) {
                int size = Math.max(needed, 2 * actual[j].length);
                actual[j] = Arrays.copyOf(actual[j], size);
                predicted[j] = Arrays.copyOf(predicted[j], size);
            }
        }
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

package dev.nntrain.train.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.nntrain.train.loss.Loss;

/**
 * The metric a fit measures on its training batches beside the loss, as Keras reports it in the
 * epoch's line: the accuracy for a classification loss, the mean absolute error ({@code mae})
 * for a regression loss. Both are summed on the engine, batch after batch, and read by the host
 * only at the end of an epoch or when a callback asks, so measuring them adds no round trip per
 * step.
 *
 * <p>The split between the two follows {@link Loss#hasAccuracy()}, as {@link dev.nntrain.train.CompiledModel#evaluate}
 * draws it for the validation metrics, so that {@code accuracy} pairs with {@code val_accuracy} and
 * {@code mae} with {@code val_mae}.
 */
public final class TrainingMetrics {

    private final Loss loss;
    private final boolean classifies;
    /** Correct predictions (a classifier, exact in 64-bit integers) or absolute errors (a regression). */
    private final NDArray sum;

    /**
     * Starts the sum at zero.
     *
     * @param manager owns the running sum for the fit
     * @param loss the model's loss: accuracy or mean absolute error
     * @param dataType the outputs' data type, kept by a regression's sum
     */
    public TrainingMetrics(NDManager manager, Loss loss, DataType dataType) {
        java.util.Objects.requireNonNull(manager, "manager");
        java.util.Objects.requireNonNull(loss, "loss");
        java.util.Objects.requireNonNull(dataType, "dataType");
        this.loss = loss;
        this.classifies = loss.hasAccuracy();
        this.sum = classifies ? manager.zeros(new Shape(), DataType.INT64) : manager.zeros(new Shape(), dataType);
    }

    /**
     * Adds one batch.
     *
     * @param output the batch's outputs
     * @param target the batch's targets, as {@link Loss#targets} encodes them
     */
    public void add(NDArray output, NDArray target) {
        java.util.Objects.requireNonNull(output, "output");
        java.util.Objects.requireNonNull(target, "target");
        // the temporaries belong to the batch's scope; only the running sum lives on
        sum.addi(classifies ? loss.countCorrect(output, target) : output.sub(target).abs().sum());
    }

    /** Starts an epoch's sum from zero. */
    public void reset() {
        sum.subi(sum);
    }

    /**
     * Returns the fraction of correct predictions so far, or NaN for a regression.
     *
     * @param examples examples added since {@link #reset()}
     * @param perExample predictions per example (outputs for multi-label targets)
     * @return the accuracy (waits for the engine)
     */
    public double accuracy(long examples, int perExample) {
        return classifies && examples > 0 ? sum.getLong() / ((double) examples * perExample) : Double.NaN;
    }

    /**
     * Returns the mean absolute error over every output so far, or NaN for a classifier.
     *
     * @param examples examples added since {@link #reset()}
     * @param outputWidth outputs per example
     * @return the mean absolute error, in the targets' units (waits for the engine)
     */
    public double meanAbsoluteError(long examples, long outputWidth) {
        if (classifies || examples == 0) {
            return Double.NaN;
        }
        double total = sum.getDataType() == DataType.FLOAT64 ? sum.getDouble() : sum.getFloat();
        return total / ((double) examples * outputWidth);
    }
}

package dev.nntrain.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

import dev.nntrain.engine.EngineScalars;
import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Activation;

import java.util.List;

/**
 * Keras' {@code CategoricalCrossentropy}: each target is a distribution over the classes, usually
 * one-hot ({@code [0, 0, 1, 0]} for class 2), and the loss is {@code -sum_c t_c log a_c} where
 * {@code a = softmax(z)}.
 *
 * <p>From logits (the recommended form) it is DJL's {@link SoftmaxCrossEntropyLoss} with dense
 * labels, which computes {@code log_softmax(z)} in one stable step instead of taking the log of a
 * rounded probability; its written-out gradient is {@code (softmax(z) sum_c t_c - t) / m}, which
 * is {@code (softmax(z) - t) / m} for one-hot rows and stays exact for soft targets whose rows sum
 * to 1 only within the 1e-3 the validation allows. From probabilities (a softmax output layer) it is
 * Keras' {@code -sum_c t_c log clip(p_c / sum_k p_k)}: each row is renormalised to sum to 1 and
 * each probability then clipped to {@code [1e-7, 1 - 1e-7]}, as Keras' backends do (the TensorFlow
 * backend's sparse variant clips before it renormalises; the two differ only in a row that does
 * not sum to 1 and reaches the clip). After a softmax the renormalisation changes the loss only by
 * rounding, and the gradient through the softmax not at all; it matters for probabilities from
 * elsewhere, and for the gradient with respect to the probabilities themselves (PyTorch's oracle,
 * LossTorchOracleTest, found nntrain leaving it out).
 */
public class CategoricalCrossentropy extends Loss {

    private final boolean fromLogits;
    private final SoftmaxCrossEntropyLoss denseLabels;

    /** Creates the loss on probabilities (a softmax output layer), Keras' default. */
    public CategoricalCrossentropy() {
        this(false);
    }

    /**
     * Creates the loss.
     *
     * @param fromLogits true when the output layer is linear (logits), false after a softmax
     */
    public CategoricalCrossentropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
        this.denseLabels = new SoftmaxCrossEntropyLoss("categorical_crossentropy", 1, -1, false, true);
    }

    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    @Override
    public List<String> aliases() {
        return List.of("ce", "cce");
    }

    @Override
    public final boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public final Activation expectedOutputActivation() {
        return fromLogits ? Activation.LINEAR : Activation.SOFTMAX;
    }

    @Override
    public final Activation predictionActivation() {
        return fromLogits ? Activation.SOFTMAX : Activation.LINEAR;
    }

    @Override
    public final void checkOutputWidth(long outputWidth) {
        if (outputWidth < 2) {
            throw new InvalidInputException(
                    name() + " needs an output layer of at least 2 units (one per class), got " + outputWidth);
        }
    }

    @Override
    public void validateTargets(float[] targets, int targetWidth, long outputWidth) {
        if (targetWidth != outputWidth) {
            throw new InvalidInputException(
                    "categorical cross-entropy needs one target row of " + outputWidth
                            + " class probabilities per example (one-hot for a single class), got "
                            + targetWidth + " values per example; for class indices use sparse categorical"
                            + " cross-entropy");
        }
        for (int row = 0; row * targetWidth < targets.length; row++) {
            double sum = 0;
            for (int c = 0; c < targetWidth; c++) {
                float t = targets[row * targetWidth + c];
                if (!(t >= 0 && t <= 1)) {
                    throw new InvalidInputException(
                            "target " + format(t) + " of example " + row + " is outside [0, 1]");
                }
                sum += t;
            }
            if (Math.abs(sum - 1) > 1e-3) {
                throw new InvalidInputException(
                        "the targets of example " + row + " sum to " + (float) sum
                                + "; expected a distribution over the classes (one-hot rows sum to 1)");
            }
        }
    }

    @Override
    public final int classCount(long outputWidth) {
        return Math.toIntExact(outputWidth);
    }

    /** The argmax of each target row (the first of equal ones, as NumPy's), the class of a one-hot row. */
    @Override
    public int[] classes(float[] targets, int targetWidth, long outputWidth) {
        int[] classes = new int[targets.length / targetWidth];
        for (int row = 0; row < classes.length; row++) {
            int best = 0;
            for (int c = 1; c < targetWidth; c++) {
                if (targets[row * targetWidth + c] > targets[row * targetWidth + best]) {
                    best = c;
                }
            }
            classes[row] = best;
        }
        return classes;
    }

    @Override
    final NDArray terms(NDArray output, NDArray target) {
        if (fromLogits) {
            return output.logSoftmax(1).mul(target).neg();
        }
        NDArray p = output.div(output.sum(new int[] {1}, true));
        return p.clip(EPSILON, 1 - EPSILON).log().mul(target).neg();
    }

    @Override
    public final NDArray compute(NDArray output, NDArray target) {
        if (fromLogits) {
            return denseLabels.evaluate(new NDList(target), new NDList(output));
        }
        // Keras renormalises each row to sum to 1, then clips (keras/src/backend/*/nn.py)
        NDArray p = output.div(output.sum(new int[] {1}, true));
        return p.clip(EPSILON, 1 - EPSILON).log().mul(target).sum(new int[] {1}).neg().mean();
    }

    @Override
    public ai.djl.training.loss.Loss toDjl() {
        requireLogits();
        return denseLabels;
    }

    void requireLogits() {
        if (!fromLogits) {
            throw new UnsupportedOperationException(
                    "DJL's SoftmaxCrossEntropyLoss from probabilities does not clip; use"
                            + " fromLogits=true with a linear output layer");
        }
    }


    @Override
    public final boolean hasWrittenGradient() {
        return fromLogits;
    }

    @Override
    public final NDArray writtenGradient(
            NDArray z, NDArray t, Batch batch, NDArray lossSum, EngineScalars scalars, NDArray weights) {
        if (!fromLogits) {
            return super.writtenGradient(z, t, batch, lossSum, scalars, weights);
        }
        int m = batch.size();
        NDArray logp = z.logSoftmax(1);
        // d/dz of -sum t log softmax(z) is softmax(z) sum(t) - t: exact for rows that sum to 1
        // only up to rounding, which the targets' check lets through
        NDArray dz = weighted(logp.exp().muli(t.sum(new int[] {1}, true)).subi(t).muli(scalars.of(1.0 / m)), weights);
        lossSum.subi(weightedSum(logp.muli(t), weights)); // -sum w t log a, reusing logp's memory
        return dz;
    }

    @Override
    public final boolean hasAccuracy() {
        return true;
    }

    @Override
    public final NDArray countCorrect(NDArray output, NDArray target) {
        return output.argMax(1).eq(target.argMax(1)).sum();
    }
}

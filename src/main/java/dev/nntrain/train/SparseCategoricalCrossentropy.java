package dev.nntrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

/**
 * Keras' {@code SparseCategoricalCrossentropy}: the target is a class index {@code y}, the loss
 * is {@code -log a_y} where {@code a = softmax(z)} (COURSE.md section 7).
 *
 * <p>From logits (the course's recommended form, section 9) this is DJL's {@link
 * SoftmaxCrossEntropyLoss} with sparse labels, which computes {@code log_softmax(z)} in one stable
 * step instead of taking the log of a rounded probability. From probabilities, the probability
 * of the true class is clipped to {@code [1e-7, 1 - 1e-7]} as Keras does.
 */
public final class SparseCategoricalCrossentropy extends Loss {

    private final boolean fromLogits;
    private final SoftmaxCrossEntropyLoss djl;

    /**
     * Creates the loss.
     *
     * @param fromLogits true when the output layer is linear (logits), false after a softmax
     */
    public SparseCategoricalCrossentropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
        this.djl = new SoftmaxCrossEntropyLoss("sparse_categorical_crossentropy", 1, -1, true, true);
    }

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public NDArray compute(NDArray output, NDArray target) {
        if (fromLogits) {
            return djl.evaluate(list(target), list(output));
        }
        NDArray picked = output.get(new NDIndex().addAllDim().addPickDim(target));
        return picked.clip(EPSILON, 1 - EPSILON).log().neg().mean();
    }

    @Override
    public ai.djl.training.loss.Loss toDjl() {
        if (!fromLogits) {
            throw new UnsupportedOperationException(
                    "DJL's SoftmaxCrossEntropyLoss from probabilities does not clip; use"
                            + " fromLogits=true with a linear output layer");
        }
        return djl;
    }

    @Override
    public NDArray targets(
            NDManager manager, float[] targets, int count, int targetWidth, DataType dataType) {
        return manager.create(targets, new Shape(count)).toType(DataType.INT64, false);
    }

    @Override
    public void validateTargets(float[] targets, int targetWidth, long outputWidth) {
        if (targetWidth != 1) {
            throw new IllegalArgumentException(
                    "sparse categorical cross-entropy needs one class index per example, got "
                            + targetWidth + " target values per example");
        }
        if (outputWidth < 2) {
            throw new IllegalArgumentException(
                    "sparse categorical cross-entropy needs an output layer of at least 2 units"
                            + " (one per class), got " + outputWidth);
        }
        for (int i = 0; i < targets.length; i++) {
            float t = targets[i];
            if (t != Math.rint(t) || t < 0 || t >= outputWidth) {
                throw new IllegalArgumentException(
                        "label " + fmt(t) + " of example " + i + " is outside [0, " + outputWidth
                                + "): the output layer has " + outputWidth + " units");
            }
        }
    }

    static String fmt(float t) {
        return t == Math.rint(t) ? Long.toString((long) t) : Float.toString(t);
    }

    @Override
    public NDArray toPredictions(NDArray output) {
        return fromLogits ? output.softmax(-1) : output;
    }

    @Override
    public boolean hasAccuracy() {
        return true;
    }

    @Override
    public NDArray countCorrect(NDArray output, NDArray target) {
        return output.argMax(-1).eq(target).sum();
    }
}

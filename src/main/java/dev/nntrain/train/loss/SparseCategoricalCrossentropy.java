package dev.nntrain.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

import dev.nntrain.InvalidInputException;

import java.util.List;

/**
 * Keras' {@code SparseCategoricalCrossentropy}: the target is a class index {@code y}, the loss
 * is {@code -log a_y} where {@code a = softmax(z)}: categorical cross-entropy with the target
 * given as an index instead of a one-hot row. nntrain puts the one-hot rows on the engine once,
 * so both losses share their computation and written-out gradient.
 *
 * <p>{@link #toDjl()} gives DJL's {@link SoftmaxCrossEntropyLoss} with sparse labels, the form
 * DJL's own {@code Trainer} feeds class indices to.
 */
public final class SparseCategoricalCrossentropy extends CategoricalCrossentropy {

    /** Creates the loss on probabilities (a softmax output layer), Keras' default. */
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    /**
     * Creates the loss.
     *
     * @param fromLogits true when the output layer is linear (logits), false after a softmax
     */
    public SparseCategoricalCrossentropy(boolean fromLogits) {
        super(fromLogits);
    }

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public List<String> aliases() {
        return List.of("sparse-ce", "scce");
    }

    @Override
    public void validateTargets(float[] targets, int targetWidth, long outputWidth) {
        if (targetWidth != 1) {
            throw new InvalidInputException(
                    "sparse categorical cross-entropy needs one class index per example, got "
                            + targetWidth + " target values per example");
        }
        checkOutputWidth(outputWidth);
        for (int i = 0; i < targets.length; i++) {
            float t = targets[i];
            if (t != Math.rint(t) || t < 0 || t >= outputWidth) {
                throw new InvalidInputException(
                        "label " + format(t) + " of example " + i + " is outside [0, " + outputWidth
                                + "): the output layer has " + outputWidth + " units");
            }
        }
    }

    /** The class indices themselves. */
    @Override
    public int[] classes(float[] targets, int targetWidth, long outputWidth) {
        int[] classes = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            classes[i] = (int) targets[i];
        }
        return classes;
    }

    /** Encodes each class index as a one-hot row. */
    @Override
    public NDArray targets(
            NDManager manager, float[] targets, int count, int targetWidth, long outputWidth, DataType dataType) {
        int k = Math.toIntExact(outputWidth);
        float[] oneHot = new float[count * k];
        for (int i = 0; i < count; i++) {
            oneHot[i * k + (int) targets[i]] = 1f;
        }
        return upload(manager, oneHot, count, k, dataType);
    }

    @Override
    public ai.djl.training.loss.Loss toDjl() {
        requireLogits();
        return new SoftmaxCrossEntropyLoss(name(), 1, -1, true, true);
    }
}

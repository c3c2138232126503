package dev.nntrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A loss with Keras' name and semantics, computed by DJL: {@code J = (1/m) sum L} over a batch.
 *
 * <p>Each loss also says how to turn the network's outputs into predictions ({@link
 * #toPredictions}: the sigmoid or softmax of logits for a from-logits loss, the outputs
 * themselves otherwise) and, for classifiers, how many predictions in a batch are correct.
 */
public abstract class Loss {

    /** Keras' probability clip for losses computed from probabilities. */
    public static final double EPSILON = 1e-7;

    Loss() {}

    /** @return the Keras name, e.g. {@code sparse_categorical_crossentropy} */
    public abstract String name();

    /** @return whether the network's outputs are logits (a linear output layer) */
    public abstract boolean fromLogits();

    /**
     * Computes the mean loss of a batch on the engine.
     *
     * @param output the network's outputs, examples along the first axis
     * @param target the targets as prepared by {@link #targets}
     * @return a scalar array
     */
    public abstract NDArray compute(NDArray output, NDArray target);

    /**
     * Returns the equivalent DJL loss, for use with DJL's own {@code Trainer}.
     *
     * @return the DJL loss
     */
    public abstract ai.djl.training.loss.Loss toDjl();

    /**
     * Checks the targets against the model's output width and returns a clear message on the
     * first bad one.
     *
     * @param targets row-major targets
     * @param targetWidth values per example
     * @param outputWidth the model's output width
     * @throws IllegalArgumentException naming the example and the value
     */
    public abstract void validateTargets(float[] targets, int targetWidth, long outputWidth);

    /**
     * Puts targets on the engine in the layout {@link #compute} expects.
     *
     * @param manager the manager that will own the array
     * @param targets row-major targets
     * @param count the number of examples
     * @param targetWidth values per example
     * @param dataType the model's floating-point type
     * @return the target array
     */
    public NDArray targets(
            NDManager manager, float[] targets, int count, int targetWidth, DataType dataType) {
        return manager.create(targets, new Shape(count, targetWidth)).toType(dataType, false);
    }

    /**
     * Turns the network's outputs into predictions: probabilities for classifiers.
     *
     * @param output the network's outputs
     * @return the predictions (a new array, or {@code output} itself when nothing is applied)
     */
    public NDArray toPredictions(NDArray output) {
        return output;
    }

    /** @return whether {@link #countCorrect} is defined (classification losses) */
    public boolean hasAccuracy() {
        return false;
    }

    /**
     * Counts correct predictions in a batch, as a scalar array, so that accuracy can be summed on
     * the engine without a host round trip per batch.
     *
     * @param output the network's outputs
     * @param target the targets as prepared by {@link #targets}
     * @return a scalar count, or null when the loss has no accuracy
     */
    public NDArray countCorrect(NDArray output, NDArray target) {
        return null;
    }

    /**
     * How many predictions one example contributes to accuracy: 1 for a single label, the number
     * of outputs for multi-label targets.
     *
     * @param outputWidth the model's output width
     * @return the count per example
     */
    public int predictionsPerExample(long outputWidth) {
        return 1;
    }

    static NDList list(NDArray a) {
        return new NDList(a);
    }

    @Override
    public String toString() {
        return name() + (fromLogits() ? "(from_logits=True)" : "");
    }

    /**
     * Parses a loss by its Keras or short name: {@code sparse-ce}, {@code
     * sparse_categorical_crossentropy}, {@code bce}, {@code binary_crossentropy}, {@code mse}.
     *
     * @param name the name
     * @param fromLogits whether the outputs are logits (ignored for MSE)
     * @return the loss
     */
    public static Loss parse(String name, boolean fromLogits) {
        String key = name.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        switch (key) {
            case "sparse_ce":
            case "sparse_categorical_crossentropy":
            case "scce":
                return new SparseCategoricalCrossentropy(fromLogits);
            case "bce":
            case "binary_crossentropy":
            case "multilabel_bce":
                return new BinaryCrossentropy(fromLogits);
            case "mse":
            case "mean_squared_error":
                return new MeanSquaredError();
            default:
                throw new IllegalArgumentException(
                        "unknown loss '" + name
                                + "'; expected sparse-ce, bce or mse (or their Keras names)");
        }
    }
}

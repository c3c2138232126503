package dev.nntrain.model;

import dev.nntrain.InvalidInputException;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One layer of a {@link Sequential} model. Every layer has the same shape, as in Keras: a
 * configuration (its constructor or builder, and {@link #config()} to save it), a build step
 * (the shapes it produces and owns, from its input shape), and a call (its DJL blocks).
 *
 * <p>A layer owns its maths. Its forward pass is its DJL blocks ({@link #toBlocks}), used for
 * inference, for autograd training, and for the written-out training path alike, so it is written
 * once. A layer whose gradients are written out also returns a {@link WrittenBackward}; the trainer
 * asks each layer for one and trains through autograd when any layer has none.
 *
 * <p>Adding a layer type means its class, its tests and one line in {@link dev.nntrain.model.layer.LayerRegistry}.
 */
public interface Layer {

    /** @return the layer's Keras type name, e.g. {@code "Dense"} */
    String typeName();

    /** @return the name given to this layer, or null to let the model name it */
    String name();

    /** @return the activation applied at the end of the layer ({@link Activation#LINEAR} if none) */
    Activation activation();

    /**
     * Returns the shape of one example's output for one example's input shape.
     *
     * @param inputShape the input shape, without the batch axis
     * @return the output shape, without the batch axis
     * @throws InvalidInputException if the layer cannot take that input
     */
    long[] outputShape(long[] inputShape);

    /**
     * Returns the shapes of the layer's parameter arrays, in the order its blocks hold them
     * (weight, then bias), in DJL's layout.
     *
     * @param inputShape the input shape, without the batch axis
     * @return the shapes; empty for a layer without parameters
     */
    default List<Shape> parameterShapes(long[] inputShape) {
        return List.of();
    }

    /**
     * Counts the layer's trainable parameters.
     *
     * @param inputShape the input shape, without the batch axis
     * @return the number of parameter values
     */
    default long parameterCount(long[] inputShape) {
        return Shapes.parameterCount(parameterShapes(inputShape));
    }

    /**
     * Creates the DJL blocks that compute this layer, in order. At most one of them holds
     * parameters.
     *
     * @param seed the seed for this layer's default weight initialiser
     * @return the blocks to append to the model's sequential block
     */
    List<Block> toBlocks(long seed);

    /**
     * Returns the layer's written-out backward pass, if it has one.
     *
     * @return the backward pass, or empty to train the model through autograd
     */
    default Optional<WrittenBackward> writtenBackward() {
        return Optional.empty();
    }

    /**
     * Estimates the multiply-adds of the forward pass, times 2, for one example: twice the
     * parameters at every output position (a dense layer has one position; a convolution shares
     * its weights across its positions), 0 for a layer without parameters.
     *
     * @param inputShape the input shape, without the batch axis
     * @return the floating-point operations per example
     */
    default long forwardFlops(long[] inputShape) {
        long[] out = outputShape(inputShape);
        long positions = 1;
        for (int i = 1; i < out.length; i++) {
            positions *= out[i];
        }
        return 2 * parameterCount(inputShape) * positions;
    }

    /** @return the layer's configuration as a JSON-friendly map, read back by {@link dev.nntrain.model.layer.LayerRegistry} */
    Map<String, Object> config();

    /**
     * Says how the layer orders its output's values compared with Keras' same layer, so that
     * {@link dev.nntrain.model.weights.KerasWeights} can put a dense kernel's rows in Keras' order: a dense layer that reads
     * a feature map through layers that keep their input's order (a {@link dev.nntrain.model.layer.Flatten}, a {@link
     * dev.nntrain.model.layer.Dropout}) has its rows in channels-first order in nntrain, and channels-last in Keras.
     *
     * @return {@link OutputOrder#KERAS} unless the layer says otherwise
     */
    default OutputOrder outputOrder() {
        return OutputOrder.KERAS;
    }

    /** How a layer's output values are ordered, compared with Keras' (see {@link #outputOrder()}). */
    enum OutputOrder {
        /** As Keras orders them: a dense layer's units. */
        KERAS,
        /**
         * A feature map, channels first: {@code (channels, length)} or {@code (channels, height,
         * width)}, where Keras' same map is channels last ({@link dev.nntrain.model.layer.Conv1D}, {@link dev.nntrain.model.layer.Conv2D}, {@link
         * dev.nntrain.model.layer.MaxPool2D}).
         */
        CHANNELS_FIRST,
        /** The input's values in the input's order: a reshape ({@link dev.nntrain.model.layer.Flatten}) or an element-wise layer ({@link dev.nntrain.model.layer.Dropout}). */
        SAME_AS_INPUT
    }
}

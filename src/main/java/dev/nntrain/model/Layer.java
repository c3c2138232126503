package dev.nntrain.model;

import ai.djl.nn.Block;

import java.util.List;
import java.util.Map;

/**
 * One layer of a {@link Sequential} model: a specification that knows its output shape, its
 * parameter count and the DJL blocks that compute it. Layers hold no arrays; the model's DJL
 * {@link ai.djl.nn.SequentialBlock} does.
 */
public sealed interface Layer permits Dense, Conv1D, Conv2D, MaxPool2D, Flatten {

    /** @return the layer's Keras type name, e.g. {@code "Dense"} */
    String typeName();

    /** @return the name given to this layer, or null to let the model name it */
    String name();

    /**
     * Returns the shape of one example's output for one example's input shape.
     *
     * @param inputShape the input shape, without the batch axis
     * @return the output shape, without the batch axis
     * @throws IllegalArgumentException if the layer cannot take that input
     */
    long[] outputShape(long[] inputShape);

    /**
     * Counts the trainable parameters for an input shape.
     *
     * @param inputShape the input shape, without the batch axis
     * @return the number of parameters
     */
    long parameterCount(long[] inputShape);

    /**
     * Creates the DJL blocks that compute this layer, in order.
     *
     * @param seed the seed for this layer's default weight initialiser
     * @return the blocks to append to the model's sequential block
     */
    List<Block> toBlocks(long seed);

    /**
     * Estimates the multiply-adds of the forward pass, times 2, for one example: twice the
     * parameters for a dense layer, twice the parameters at every output position for a
     * convolution (its weights are shared across positions), 0 for a layer without parameters.
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

    /**
     * @return how many parameter arrays the layer owns: 2 (weight, bias) for a dense or
     *     convolutional layer, 0 for a flatten or pooling layer
     */
    int parameterArrayCount();

    /**
     * Computes the layer on the engine from its parameter arrays, exactly as its DJL blocks do.
     * The training loop calls this instead of the blocks to skip their per-call bookkeeping.
     *
     * @param x a batch, examples along the first axis
     * @param parameters this layer's arrays, in {@link Sequential#getParameterArrays()} order
     * @return the layer's output
     */
    ai.djl.ndarray.NDArray forward(ai.djl.ndarray.NDArray x, List<ai.djl.ndarray.NDArray> parameters);

    /** @return the activation applied at the end of the layer ({@link Activation#LINEAR} if none) */
    Activation activation();

    /** @return the layer's configuration as a JSON-friendly map (see {@link LayerJson}) */
    Map<String, Object> config();
}

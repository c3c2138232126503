package dev.nntrain.model;

import ai.djl.training.initializer.Initializer;

/**
 * A {@link dev.nntrain.model.layer.Dense} kernel initializer whose kernel's rows are in Keras' order, for a model to
 * reorder where the layer reads a flattened feature map, as {@link dev.nntrain.model.weights.KerasWeights} does for weights
 * set on a built model.
 *
 * <p>DJL's {@link Initializer} sees only the weight's shape, {@code (units, inputs)}, which does not
 * say whether the inputs are a flattened {@code (channels, height, width)} map. A {@link
 * Sequential} knows: when it builds a dense layer that reads such a map ({@link FlattenedRows}),
 * and the layer's kernel initializer is a {@code KerasRowOrder}, it initialises the kernel with
 * {@link #afterFlatten(long[])} for that map instead. Everywhere else the initializer is used as it
 * is.
 */
public interface KerasRowOrder extends Initializer {

    /**
     * Returns the initializer for a dense layer that reads a flattened feature map: the same
     * kernel, its rows moved from Keras' channels-last order to nntrain's channels-first order
     * ({@link FlattenedRows#fromKeras}).
     *
     * @param map nntrain's feature map, {@code (channels, height, width)} or {@code (channels,
     *     length)}
     * @return the initializer of the layer's DJL weight
     * @throws dev.nntrain.InvalidInputException if the kernel does not have one row per value of the map
     */
    Initializer afterFlatten(long[] map);
}

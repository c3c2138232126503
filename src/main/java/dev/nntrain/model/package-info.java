/**
 * Models: a Keras-style {@link dev.nntrain.model.Sequential} of layers, built from DJL blocks.
 *
 * <ul>
 *   <li>the layers, each one class that owns its configuration, its forward pass (its DJL
 *       blocks) and, where it has one, its written-out backward pass
 *       ({@link dev.nntrain.model.WrittenBackward}): {@link dev.nntrain.model.Dense},
 *       {@link dev.nntrain.model.Conv1D}, {@link dev.nntrain.model.Conv2D},
 *       {@link dev.nntrain.model.MaxPool2D}, {@link dev.nntrain.model.Flatten},
 *       {@link dev.nntrain.model.Dropout}; {@link dev.nntrain.model.LayerRegistry} maps each
 *       layer's saved name to its class;
 *   <li>{@link dev.nntrain.model.Activation} and {@link dev.nntrain.model.Activations}: the
 *       activation functions, by their Keras names;
 *   <li>{@link dev.nntrain.model.ParameterStorage}: the one flat engine array whose slices are
 *       every layer's parameters;
 *   <li>{@link dev.nntrain.model.ModelFiles}: saving and loading, with
 *       {@link dev.nntrain.model.LoadOptions} for files from elsewhere;
 *       {@link dev.nntrain.model.KerasWeights} and {@link dev.nntrain.model.LayerWeights}: every
 *       layer's weights in Keras' layout (Keras' {@code get_weights} and {@code set_weights},
 *       numpy's {@code .npz} files), a dense kernel after a flattened feature map in Keras'
 *       channels-last row order ({@link dev.nntrain.model.FlattenedRows}, which a
 *       {@link dev.nntrain.model.KerasRowOrder} kernel initializer shares at build time);
 *   <li>{@link dev.nntrain.model.ModelSummary} and {@link dev.nntrain.model.BatchedInference}:
 *       Keras' {@code summary()}, and forward passes over data sets in memory-sized chunks.
 * </ul>
 */
package dev.nntrain.model;

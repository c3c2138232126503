/**
 * Models: a Keras-style {@link dev.nntrain.model.Sequential} of layers, built from DJL blocks. This
 * package holds what every model shares; its sub-packages hold the rest:
 *
 * <ul>
 *   <li>{@link dev.nntrain.model.Layer} and {@link dev.nntrain.model.WeightedLayer}: what a layer
 *       is (its configuration, shapes, DJL blocks and, where it has one, its written-out backward
 *       pass, {@link dev.nntrain.model.WrittenBackward}); the layers themselves are in
 *       {@link dev.nntrain.model.layer};
 *   <li>{@link dev.nntrain.model.Activation} and {@link dev.nntrain.model.Activations}: the
 *       activation functions, by their Keras names;
 *   <li>{@link dev.nntrain.model.ParameterStorage}: the one flat engine array whose slices are
 *       every layer's parameters;
 *   <li>{@link dev.nntrain.model.GlorotUniform} and {@link dev.nntrain.model.KerasRowOrder}: how
 *       kernels start; {@link dev.nntrain.model.FlattenedRows}: the row order of a dense kernel
 *       after a flattened feature map;
 *   <li>{@link dev.nntrain.model.ModelSummary}, {@link dev.nntrain.model.LayerShapes} and
 *       {@link dev.nntrain.model.BatchedInference}: Keras' {@code summary()}, the shapes from layer
 *       to layer, and forward passes over data sets in memory-sized chunks;
 *   <li>{@link dev.nntrain.model.weights}: every layer's weights in Keras' layout;
 *       {@link dev.nntrain.model.file}: saving and loading.
 * </ul>
 */
package dev.nntrain.model;

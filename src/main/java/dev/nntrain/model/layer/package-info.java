/**
 * The layers, each one class that owns its configuration, its forward pass (its DJL blocks) and,
 * where it has one, its written-out backward pass: {@link dev.nntrain.model.layer.Dense},
 * {@link dev.nntrain.model.layer.Conv1D}, {@link dev.nntrain.model.layer.Conv2D},
 * {@link dev.nntrain.model.layer.MaxPool2D}, {@link dev.nntrain.model.layer.Flatten} and
 * {@link dev.nntrain.model.layer.Dropout}, with {@link dev.nntrain.model.layer.Padding} for the
 * convolutions. {@link dev.nntrain.model.layer.LayerRegistry} maps a saved layer's type to its
 * class: adding a layer type is its class, its tests and one line there.
 */
package dev.nntrain.model.layer;

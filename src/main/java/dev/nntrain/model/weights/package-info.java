/**
 * A model's weights in Keras' layout: {@link dev.nntrain.model.weights.KerasWeights} (Keras'
 * {@code get_weights} and {@code set_weights}, numpy's {@code .npz} files) and
 * {@link dev.nntrain.model.weights.LayerWeights}, one layer's kernel and bias. A dense kernel after
 * a flattened feature map has its rows in Keras' channels-last order here, whatever order the
 * engine keeps them in.
 */
package dev.nntrain.model.weights;

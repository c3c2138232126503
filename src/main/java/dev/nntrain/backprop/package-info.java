/**
 * Backpropagation by hand, in plain Java: the machinery that DJL's {@code GradientCollector}
 * hides, small enough to read in one sitting.
 *
 * <ul>
 *   <li>{@link dev.nntrain.backprop.Value}: a scalar node of a computation graph (micrograd
 *       style). Build an expression from values, call {@code backward()} on the result and read
 *       every node's derivative.
 *   <li>{@link dev.nntrain.backprop.Tensor}: the same idea for whole matrices ({@code double[]},
 *       row-major), so a dense layer is a handful of nodes instead of one node per multiply.
 *       {@link dev.nntrain.backprop.ActivationFunction} and {@link dev.nntrain.backprop.Losses} add the
 *       activations and Keras-style losses.
 *   <li>{@link dev.nntrain.backprop.Mlp}: a multilayer perceptron whose weights are passed in
 *       DJL's layout (a dense weight is {@code (units, inputs)}, the layer computes
 *       {@code x · Wᵀ + b}), returning the loss and the gradient of every parameter in that same
 *       layout.
 *   <li>{@link dev.nntrain.backprop.FiniteDifferences} and {@link dev.nntrain.backprop.Nudge}:
 *       derivatives by nudging, the slow way backpropagation is checked against.
 *   <li>{@link dev.nntrain.backprop.OperationCount}: why backpropagation wins, in numbers: about
 *       N + P steps instead of N × P.
 *   <li>{@link dev.nntrain.backprop.GraphTable}: prints a scalar graph node by node, forward then
 *       backward.
 * </ul>
 *
 * <p>Nothing here depends on DJL: the package is the reference that DJL's gradients are compared
 * to, so it must not share code with them.
 */
package dev.nntrain.backprop;

/**
 * Gradient checking for nntrain models: the gradient of every weight and bias of a
 * {@link dev.nntrain.model.Sequential} of dense layers, computed by DJL's
 * {@code GradientCollector} (FLOAT64 and FLOAT32), by the hand-rolled engine of
 * {@link dev.nntrain.backprop} on the same weights, and by central finite differences, compared
 * tensor by tensor.
 *
 * <ul>
 *   <li>{@link dev.nntrain.backprop.check.GradientCheck}: the builder, the check of an existing
 *       model, and the entry point of {@code nntrain gradcheck}.
 *   <li>{@link dev.nntrain.backprop.check.GradientCheckReport}: the per-tensor errors, the
 *       table, PASS or FAIL.
 *   <li>{@link dev.nntrain.backprop.check.TensorError} and
 *       {@link dev.nntrain.backprop.check.Comparison}: how errors are measured and bounded.
 *   <li>{@link dev.nntrain.backprop.check.ReferenceMapping}: nntrain activations and losses to
 *       their hand-rolled twins.
 *   <li>the loss names come from {@link dev.nntrain.train.loss.Loss#parse(String)}.
 *   <li>{@link dev.nntrain.backprop.check.ReferenceGradients}: the pluggable backward pass that
 *       everything is compared with.
 * </ul>
 *
 * <p>Unlike its parent package, this one depends on DJL: it is where the two meet.
 */
package dev.nntrain.backprop.check;

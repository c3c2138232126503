package dev.nntrain.backprop.check;

import dev.nntrain.backprop.LayerParameters;
import dev.nntrain.backprop.LossKind;
import dev.nntrain.backprop.Mlp;

import java.util.List;

/**
 * The backward pass that DJL and finite differences are compared against: the gradient of the
 * loss with respect to every layer's weight and bias, in the layout of {@link LayerParameters}.
 * {@link #HAND_ROLLED} is the engine of {@code dev.nntrain.backprop}; a test can plug in a
 * deliberately wrong one to show that the checker catches it. Finite differences always nudge
 * {@link Mlp#loss}, never this function, so they stay an independent witness.
 */
@FunctionalInterface
public interface ReferenceGradients {

    /** Backpropagation on the hand-rolled {@link Mlp}: {@link Mlp#lossAndGradients}. */
    ReferenceGradients HAND_ROLLED =
            (mlp, parameters, batch, loss, targets) -> mlp.lossAndGradients(parameters, batch, loss, targets).gradients();

    /**
     * The gradient of {@code loss} at {@code parameters}.
     *
     * @param mlp the network
     * @param parameters one entry per layer, DJL layout
     * @param batch {@code batchSize × mlp.inputs()} values, row-major
     * @param loss the loss applied to the network's outputs
     * @param targets see {@link LossKind#compute}
     * @return dJ/dW and dJ/db per layer, same layout as {@code parameters}
     */
    List<LayerParameters> gradients(
            Mlp mlp, List<LayerParameters> parameters, double[] batch, LossKind loss, double[] targets);
}

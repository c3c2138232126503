package dev.nntrain.backprop.check;

import dev.nntrain.backprop.DenseLayer;
import dev.nntrain.backprop.LayerParameters;
import dev.nntrain.backprop.LossKind;
import dev.nntrain.backprop.Losses;
import dev.nntrain.backprop.Mlp;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the places where the loss is not smooth near the batch, where central differences
 * straddle a kink and disagree with any backward rule: ReLU and leaky-ReLU pre-activations
 * within {@code threshold} of 0, and probabilities within a factor of 10 of the
 * {@link Losses#KERAS_EPSILON} clip of the probability losses.
 *
 * <p>The threshold must exceed how far one nudge of size ε can move a pre-activation: about
 * {@code ε · |x|} for a first-layer weight, so the default 1e-4 leaves a margin of 100 over
 * ε = 1e-6 for inputs up to |x| = 1. {@link GradientCheck} redraws a random batch until this
 * count is 0; a batch given by the caller is used as it is and the count is reported.
 */
final class KinkGuard {

    private KinkGuard() {}

    /**
     * Counts values near a kink.
     *
     * @param mlp the hand-rolled network
     * @param activations the nntrain activation of each of its layers, which says where kinks are
     * @param parameters its parameters
     * @param batch the inputs and targets
     * @param loss the loss, whose clip is a kink for the probability losses
     * @param threshold how close to 0 a ReLU pre-activation may come
     */
    static int count(Mlp mlp, List<dev.nntrain.model.Activation> activations, List<LayerParameters> parameters,
            Batch batch, LossKind loss, double threshold) {
        int near = 0;
        List<DenseLayer> layers = mlp.layers();
        for (int l = 0; l < layers.size(); l++) {
            if (hasKinkAtZero(activations.get(l))) {
                for (double z : preActivations(mlp, parameters, batch.x(), l)) {
                    if (Math.abs(z) < threshold) {
                        near++;
                    }
                }
            }
        }
        return near + nearClip(mlp.predict(parameters, batch.x()), batch, loss, mlp.outputs());
    }

    /**
     * Moves every ReLU and leaky-ReLU pre-activation of the batch at least {@code 2 · threshold}
     * away from 0 by shifting biases, layer by layer from the input (a layer's shift changes the
     * pre-activations of the layers after it, never before). Each unit's bias moves by the
     * smallest amount that clears all the batch's values of that unit; units already clear keep
     * their bias. Only for generated models: a caller's weights are not changed.
     *
     * @return the new parameters (weights shared, biases copied) and what moved
     */
    static Shift shiftBiases(Mlp mlp, List<dev.nntrain.model.Activation> activations,
            List<LayerParameters> parameters, double[] x, double threshold) {
        List<LayerParameters> shifted = new ArrayList<>(parameters);
        int rows = x.length / mlp.inputs();
        int moved = 0;
        double largest = 0;
        for (int l = 0; l < mlp.layers().size(); l++) {
            if (!hasKinkAtZero(activations.get(l))) {
                continue;
            }
            double[] z = preActivations(mlp, shifted, x, l);
            int units = mlp.layers().get(l).units();
            double[] bias = shifted.get(l).bias().clone();
            double[] column = new double[rows];
            for (int j = 0; j < units; j++) {
                for (int r = 0; r < rows; r++) {
                    column[r] = z[r * units + j];
                }
                double delta = smallestClearingShift(column, 2 * threshold);
                bias[j] += delta;
                moved += delta != 0 ? 1 : 0;
                largest = Math.max(largest, Math.abs(delta));
            }
            shifted.set(l, new LayerParameters(shifted.get(l).weight(), bias));
        }
        return new Shift(List.copyOf(shifted), moved, largest);
    }

    /**
     * The outcome of {@link #shiftBiases}.
     *
     * @param parameters the parameters with shifted biases
     * @param units how many biases moved
     * @param largest the largest move
     */
    record Shift(List<LayerParameters> parameters, int units, double largest) {}

    /**
     * The δ of least magnitude with {@code |v + δ| >= distance} for every v: 0 if already so,
     * else one of the edges {@code -v ± distance} of the forbidden intervals. One exists, since
     * the edges beyond the largest and smallest v are always clear.
     */
    static double smallestClearingShift(double[] values, double distance) {
        if (clears(values, 0, distance)) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (double v : values) {
            for (double candidate : new double[] {-v - distance, -v + distance}) {
                if (Math.abs(candidate) < Math.abs(best) && clears(values, candidate, distance)) {
                    best = candidate;
                }
            }
        }
        return best;
    }

    private static boolean clears(double[] values, double shift, double distance) {
        for (double v : values) {
            // an edge candidate gives |v + shift| = distance only up to rounding: accept a hair less
            if (Math.abs(v + shift) < distance * (1 - 1e-9)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the activation's derivative jumps at z = 0. */
    static boolean hasKinkAtZero(dev.nntrain.model.Activation activation) {
        return switch (activation) {
            case RELU, LEAKY_RELU -> true;
            case LINEAR, SIGMOID, TANH, SOFTMAX -> false;
        };
    }

    /** Layer {@code index}'s z = x·Wᵀ + b: the network cut after that layer, made linear. */
    private static double[] preActivations(Mlp mlp, List<LayerParameters> parameters, double[] x, int index) {
        List<DenseLayer> cut = new ArrayList<>(mlp.layers().subList(0, index));
        cut.add(new DenseLayer(mlp.layers().get(index).units(), dev.nntrain.backprop.ActivationFunction.LINEAR));
        return new Mlp(mlp.inputs(), cut).predict(parameters.subList(0, index + 1), x);
    }

    private static int nearClip(double[] outputs, Batch batch, LossKind loss, int width) {
        double low = 10 * Losses.KERAS_EPSILON;
        int near = 0;
        if (loss == LossKind.BINARY_CROSS_ENTROPY) {
            for (double p : outputs) {
                near += p < low || p > 1 - low ? 1 : 0;
            }
        } else if (loss == LossKind.SPARSE_CATEGORICAL_CROSS_ENTROPY) {
            // only the true class's probability goes through the clip
            for (int r = 0; r < batch.size(); r++) {
                double p = outputs[r * width + (int) batch.targets()[r]];
                near += p < low || p > 1 - low ? 1 : 0;
            }
        }
        return near;
    }
}

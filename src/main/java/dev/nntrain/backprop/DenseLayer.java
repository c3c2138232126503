package dev.nntrain.backprop;

import java.util.Objects;

/**
 * The shape of one dense layer of an {@link Mlp}: how many units it has and their activation,
 * like Keras's {@code Dense(units, activation)}. Its input size is the previous layer's units.
 *
 * @param units number of units (outputs) of the layer
 * @param activation the function applied to each unit's {@code z = w·x + b}
 */
public record DenseLayer(int units, ActivationFunction activation) {

    /**
     * Checks that the layer has at least one unit and an activation.
     *
     * @param units the layer's units (outputs), at least 1
     * @param activation the function applied to each unit's pre-activation
     */
    public DenseLayer {
        if (units <= 0) {
            throw new IllegalArgumentException("a layer needs at least one unit, got " + units);
        }
        Objects.requireNonNull(activation, "activation");
    }
}

package dev.nntrain.model;

import dev.nntrain.InvalidInputException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A penalty on a layer's kernel added to the training loss, Keras' {@code
 * kernel_regularizer=tf.keras.regularizers.L2(l2)}: {@code l2 * sum(W^2)} over the kernel's
 * entries (never the bias), whose gradient {@code 2 * l2 * W} pulls every weight towards zero.
 * Keras adds it to the loss a fit reports and to {@code evaluate}'s loss; so does nntrain.
 *
 * <p>A coefficient of 0 is allowed and means no penalty: a layer given {@code L2(0)} has no
 * regularizer at all, and trains exactly as one never given one.
 *
 * @param l2 the coefficient, finite and at least 0
 */
public record Regularizer(double l2) {

    /**
     * Checks the coefficient.
     *
     * @param l2 the coefficient
     */
    public Regularizer {
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new InvalidInputException(
                    "the L2 regularization coefficient must be a finite number >= 0, got " + l2);
        }
    }

    /**
     * Creates an L2 penalty, Keras' {@code regularizers.L2(l2)}.
     *
     * @param l2 the coefficient, finite and at least 0 (0: no penalty)
     * @return the regularizer
     * @throws InvalidInputException if the coefficient is negative, NaN or infinite
     */
    public static Regularizer l2(double l2) {
        return new Regularizer(l2);
    }

    /** @return the configuration saved in a model file, {@code {"l2": 0.01}} */
    public Map<String, Object> config() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("l2", l2);
        return map;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "L2(%s)", l2);
    }
}

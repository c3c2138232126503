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

    /** The {@code module} Keras 3 writes for its built-in regularizers. */
    public static final String MODULE = "keras.regularizers";

    /** The {@code class_name} of Keras' L2 penalty. */
    public static final String CLASS_NAME = "L2";

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

    /**
     * The configuration saved in a model file, as Keras 3's {@code serialize_keras_object} writes
     * a built-in regularizer: {@code {"module": "keras.regularizers", "class_name": "L2", "config":
     * {"l2": 0.01}, "registered_name": null}}. Files written before this form held {@code {"l2":
     * 0.01}}; {@link dev.nntrain.model.layer.LayerConfig#kernelRegularizer()} reads both, and Keras 2's.
     *
     * @return the configuration, in Keras' key order; {@code registered_name} maps to null
     */
    public Map<String, Object> config() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("l2", l2);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("module", MODULE);
        map.put("class_name", CLASS_NAME);
        map.put("config", inner);
        map.put("registered_name", null);
        return map;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "L2(%s)", l2);
    }
}

package dev.nntrain.model.layer;

import dev.nntrain.model.Activation;
import dev.nntrain.model.ModelFormatException;
import dev.nntrain.model.Regularizer;
import dev.nntrain.model.layer.Padding;
import java.util.List;
import java.util.Map;

/**
 * One layer's configuration as read back from a model file, with typed getters whose errors name
 * the file, the layer and the offending value. Values are bounded so that a hostile file cannot
 * make nntrain allocate more than a model it could have written.
 *
 * @param map the layer's JSON object
 * @param name the layer's saved name, or null
 * @param file the model file, for messages
 */
public record LayerConfig(Map<?, ?> map, String name, String file) {

    /**
     * Checks that the object and the file name are there.
     *
     * @param map the layer's JSON object
     * @param name the layer's saved name, or null
     * @param file the model file, for messages
     */
    public LayerConfig {
        java.util.Objects.requireNonNull(map, "map");
        java.util.Objects.requireNonNull(file, "file");
    }

    /** The largest size a saved layer may declare (units, filters, kernel sizes, strides). */
    public static final int MAX_SIZE = 1 << 20;

    /** @return the layer's registry type, e.g. {@code dense} */
    public String type() {
        Object t = map.get("type");
        return t instanceof String s ? s : String.valueOf(t);
    }

    /**
     * Reads a positive whole number.
     *
     * @param key the setting's name
     * @return the value, in [1, {@value #MAX_SIZE}]
     */
    public int size(String key) {
        return checked(key, map.get(key));
    }

    /**
     * Writes a value read from JSON as it was written: Gson reads every number as a double.
     *
     * @param value a value of the file
     * @return its text, {@code 4} rather than {@code 4.0}, strings quoted and objects as
     *     {@code {'l2': 0.01}}
     */
    public static String format(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (value instanceof List<?> list) {
            return list.stream().map(LayerConfig::format).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> format(e.getKey()) + ": " + format(e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
        }
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }

    /**
     * Reads a (height, width) setting, stored as a list of two positive whole numbers.
     *
     * @param key the setting's name
     * @return the two values
     */
    public int[] pair(String key) {
        Object value = map.get(key);
        if (!(value instanceof List<?> list) || list.size() != 2) {
            throw error("'" + key + "' as a list of two integers");
        }
        return new int[] {checked(key, list.get(0)), checked(key, list.get(1))};
    }

    /**
     * Reads a fraction in [0, 1).
     *
     * @param key the setting's name
     * @return the value
     */
    public double fraction(String key) {
        Object value = map.get(key);
        if (!(value instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() < 1)) {
            throw error("'" + key + "' as a number in [0, 1)");
        }
        return n.doubleValue();
    }

    /** @return the layer's padding; files written before padding existed have none: valid */
    public Padding padding() {
        Object value = map.get("padding");
        if (value == null) {
            return Padding.VALID;
        }
        if (!(value instanceof String s)) {
            throw error("'padding' as 'valid' or 'same'", value);
        }
        try {
            return Padding.parse(s);
        } catch (IllegalArgumentException e) {
            throw error("'padding' as 'valid' or 'same'", value);
        }
    }

    /** The keys of a Keras-serialized regularizer: Keras 3 writes all four, Keras 2 the middle two. */
    private static final java.util.Set<String> KERAS_OBJECT_KEYS =
            java.util.Set.of("module", "class_name", "config", "registered_name");

    /** What {@link #kernelRegularizer()} reads, for its messages. */
    private static final String REGULARIZER_FORMS = "'kernel_regularizer' as Keras' {'class_name': 'L2', 'config': "
            + "{'l2': x}} (with Keras 3's 'module': 'keras.regularizers' and 'registered_name': null, or class 'L1L2' "
            + "with 'l1' 0) or nntrain's earlier {'l2': x}, x a finite number >= 0";

    /**
     * Reads the kernel regularizer, an L2 penalty, in any of the forms it is saved in:
     *
     * <ul>
     *   <li>Keras 3's, which nntrain writes: {@code {"module": "keras.regularizers", "class_name":
     *       "L2", "config": {"l2": 0.01}, "registered_name": null}};
     *   <li>Keras 2's: {@code {"class_name": "L2", "config": {"l2": 0.01}}};
     *   <li>class {@code L1L2} (either version) whose {@code l1} is 0 or absent: {@code {"class_name":
     *       "L1L2", "config": {"l1": 0.0, "l2": 0.01}}}; and class {@code L1} whose {@code l1} is 0,
     *       which is no penalty;
     *   <li>nntrain's own before it wrote Keras' form: {@code {"l2": 0.01}}.
     * </ul>
     *
     * An L1 penalty (a nonzero {@code l1}), another class, a missing, negative or non-finite {@code
     * l2} and unexpected keys are refused.
     *
     * @return the regularizer; null where the key is absent or null, as in files written before
     *     regularizers existed and for layers without one
     * @throws ModelFormatException naming the file, the layer, the value and what was expected
     */
    public Regularizer kernelRegularizer() {
        Object value = map.get("kernel_regularizer");
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw error(REGULARIZER_FORMS, value);
        }
        if (m.size() == 1 && m.containsKey("l2")) { // nntrain's form before Keras'
            return Regularizer.l2(l2(m.get("l2"), value));
        }
        if (!KERAS_OBJECT_KEYS.containsAll(m.keySet()) || !(m.get("class_name") instanceof String className)
                || !(m.get("config") instanceof Map<?, ?> config)
                || (m.containsKey("module") && !Regularizer.MODULE.equals(m.get("module")))
                || m.get("registered_name") != null) {
            throw error(REGULARIZER_FORMS, value);
        }
        switch (className) {
            case Regularizer.CLASS_NAME -> {
                if (config.size() != 1 || !config.containsKey("l2")) {
                    throw error(REGULARIZER_FORMS, value);
                }
                return Regularizer.l2(l2(config.get("l2"), value));
            }
            case "L1L2" -> {
                if (!java.util.Set.of("l1", "l2").containsAll(config.keySet())) {
                    throw error(REGULARIZER_FORMS, value);
                }
                requireNoL1(config.get("l1"), value);
                if (!config.containsKey("l2")) {
                    throw error(REGULARIZER_FORMS, value);
                }
                return Regularizer.l2(l2(config.get("l2"), value));
            }
            case "L1" -> {
                if (config.size() != 1 || !config.containsKey("l1")) {
                    throw error(REGULARIZER_FORMS, value);
                }
                requireNoL1(config.get("l1"), value);
                return null; // L1(0): no penalty, as L2(0) is none
            }
            default -> throw error(REGULARIZER_FORMS, value);
        }
    }

    /** An L2 coefficient: a finite number at least 0. */
    private double l2(Object coefficient, Object value) {
        if (!(coefficient instanceof Number n) || !(n.doubleValue() >= 0) || !Double.isFinite(n.doubleValue())) {
            throw error(REGULARIZER_FORMS, value);
        }
        return n.doubleValue();
    }

    /** An L1 coefficient, absent or 0: nntrain has no L1 penalty. */
    private void requireNoL1(Object coefficient, Object value) {
        if (coefficient == null) {
            return;
        }
        if (!(coefficient instanceof Number n) || !(n.doubleValue() >= 0) || !Double.isFinite(n.doubleValue())) {
            throw error(REGULARIZER_FORMS, value);
        }
        if (n.doubleValue() != 0) {
            throw error("'kernel_regularizer' without an L1 penalty ('l1' 0 or absent): nntrain supports L2 only", value);
        }
    }

    /** @return the layer's activation */
    public Activation activation() {
        if (!(map.get("activation") instanceof String s)) {
            throw error("a string 'activation'");
        }
        try {
            return Activation.parse(s);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file + ": " + e.getMessage(), e);
        }
    }

    private int checked(String key, Object value) {
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() < 1 || n.doubleValue() > MAX_SIZE) {
            throw error("'" + key + "' as a whole number in [1, " + MAX_SIZE + "]", map.get(key));
        }
        return n.intValue();
    }

    private ModelFormatException error(String expected) {
        return new ModelFormatException(file + ": " + type() + " layer needs " + expected + ", got " + map);
    }

    private ModelFormatException error(String expected, Object got) {
        return new ModelFormatException(file + ": " + type() + " layer" + (name == null ? "" : " " + name) + " needs "
                + expected + ", got " + format(got));
    }
}

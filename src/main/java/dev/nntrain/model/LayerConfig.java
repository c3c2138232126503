package dev.nntrain.model;

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
     * @return its text, {@code 4} rather than {@code 4.0}
     */
    public static String format(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (value instanceof List<?> list) {
            return list.stream().map(LayerConfig::format).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
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

    /**
     * Reads the kernel regularizer, saved as {@code "kernel_regularizer": {"l2": 0.01}}.
     *
     * @return the regularizer; null where the key is absent, as in files written before
     *     regularizers existed and for layers without one
     */
    public Regularizer kernelRegularizer() {
        Object value = map.get("kernel_regularizer");
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m) || m.size() != 1 || !(m.get("l2") instanceof Number n)
                || !(n.doubleValue() >= 0) || !Double.isFinite(n.doubleValue())) {
            throw error("'kernel_regularizer' as {\"l2\": a finite number >= 0}", value);
        }
        return Regularizer.l2(n.doubleValue());
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

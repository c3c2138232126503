package dev.nntrain.model;

import java.util.List;
import java.util.Map;

/** Turns a layer's {@link Layer#config()} map, as read back from JSON, into a layer. */
final class LayerJson {

    private LayerJson() {}

    static Layer fromConfig(Map<?, ?> config, String name, String file) {
        Object type = config.get("type");
        try {
            if ("dense".equals(type)) {
                return Dense.builder()
                        .setUnits(integer(config, "units", file))
                        .optActivation(activation(config, file))
                        .optName(name)
                        .build();
            }
            if ("conv1d".equals(type)) {
                return Conv1D.builder()
                        .setFilters(integer(config, "filters", file))
                        .setKernelSize(integer(config, "kernel_size", file))
                        .optStrides(integer(config, "strides", file))
                        .optActivation(activation(config, file))
                        .optName(name)
                        .build();
            }
            if ("conv2d".equals(type)) {
                int[] kernel = pair(config, "kernel_size", file);
                int[] strides = pair(config, "strides", file);
                return Conv2D.builder()
                        .setFilters(integer(config, "filters", file))
                        .setKernelSize(kernel[0], kernel[1])
                        .optStrides(strides[0], strides[1])
                        .optActivation(activation(config, file))
                        .optName(name)
                        .build();
            }
            if ("max_pooling2d".equals(type)) {
                int[] pool = pair(config, "pool_size", file);
                int[] strides = pair(config, "strides", file);
                return MaxPool2D.builder()
                        .setPoolSize(pool[0], pool[1])
                        .optStrides(strides[0], strides[1])
                        .optName(name)
                        .build();
            }
        } catch (IllegalArgumentException e) {
            if (e instanceof ModelFormatException) {
                throw e;
            }
            throw new ModelFormatException(file + ": " + e.getMessage(), e);
        }
        if ("flatten".equals(type)) {
            return Flatten.named(name);
        }
        throw new ModelFormatException(
                file + ": unknown layer type " + type
                        + "; expected dense, conv1d, conv2d, max_pooling2d or flatten");
    }

    private static int integer(Map<?, ?> config, String key, String file) {
        Object value = config.get(key);
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new ModelFormatException(
                    file + ": " + config.get("type") + " layer needs an integer '" + key + "', got " + config);
        }
        return n.intValue();
    }

    /** A (height, width) setting, stored as a list of two integers. */
    private static int[] pair(Map<?, ?> config, String key, String file) {
        Object value = config.get(key);
        if (!(value instanceof List<?> list) || list.size() != 2
                || !(list.get(0) instanceof Number a) || !(list.get(1) instanceof Number b)) {
            throw new ModelFormatException(
                    file + ": " + config.get("type") + " layer needs '" + key + "' as a list of two integers, got "
                            + config);
        }
        return new int[] {a.intValue(), b.intValue()};
    }

    private static Activation activation(Map<?, ?> config, String file) {
        Object value = config.get("activation");
        if (!(value instanceof String s)) {
            throw new ModelFormatException(
                    file + ": " + config.get("type") + " layer needs a string 'activation', got " + config);
        }
        return Activation.parse(s);
    }
}

package dev.nntrain.model;

import java.util.Map;

/** Turns a layer's {@link Layer#config()} map, as read back from JSON, into a layer. */
final class LayerJson {

    private LayerJson() {}

    static Layer fromConfig(Map<?, ?> config, String name, String file) {
        Object type = config.get("type");
        if ("dense".equals(type)) {
            Object units = config.get("units");
            Object activation = config.get("activation");
            if (!(units instanceof Number) || !(activation instanceof String)) {
                throw new ModelFormatException(
                        file + ": dense layer needs numeric 'units' and a string 'activation', got "
                                + config);
            }
            try {
                return Dense.builder()
                        .setUnits(((Number) units).intValue())
                        .optActivation(Activation.parse((String) activation))
                        .optName(name)
                        .build();
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file + ": " + e.getMessage(), e);
            }
        }
        if ("flatten".equals(type)) {
            return Flatten.named(name);
        }
        throw new ModelFormatException(
                file + ": unknown layer type " + type + "; expected dense or flatten");
    }
}

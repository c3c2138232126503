package dev.nntrain.model.layer;

import dev.nntrain.model.Layer;
import dev.nntrain.model.ModelFormatException;
import dev.nntrain.model.layer.Conv1D;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Dropout;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.LayerConfig;
import dev.nntrain.model.layer.MaxPool2D;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The layer types a model file may name, each with the factory that rebuilds it from its saved
 * configuration. Adding a layer type means its class, its tests and one line here.
 */
public final class LayerRegistry {

    private static final Map<String, Function<LayerConfig, Layer>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("dense", Dense::fromConfig);
        FACTORIES.put("conv1d", Conv1D::fromConfig);
        FACTORIES.put("conv2d", Conv2D::fromConfig);
        FACTORIES.put("max_pooling2d", MaxPool2D::fromConfig);
        FACTORIES.put("flatten", Flatten::fromConfig);
        FACTORIES.put("dropout", Dropout::fromConfig);
    }

    private LayerRegistry() {}

    /**
     * Rebuilds a layer from its saved configuration.
     *
     * @param config the configuration, with its {@code type}
     * @return the layer
     * @throws ModelFormatException naming the file and the unknown type or bad setting
     */
    public static Layer fromConfig(LayerConfig config) {
        Objects.requireNonNull(config, "config");
        Function<LayerConfig, Layer> factory = FACTORIES.get(config.type());
        if (factory == null) {
            throw new ModelFormatException(
                    config.file() + ": unknown layer type '" + config.type() + "'; expected one of "
                            + String.join(", ", FACTORIES.keySet()));
        }
        try {
            return factory.apply(config);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(config.file() + ": " + e.getMessage(), e);
        }
    }
}

package dev.nntrain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.ModelFormatException;
import dev.nntrain.model.layer.Conv1D;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.LayerConfig;
import dev.nntrain.model.layer.LayerRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The kernel regularizer as a layer option: its checks, its saved form and how it is read back. */
class RegularizerTest {

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, -1e-300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void builderRefusesCoefficientsThatAreNotFiniteAndNonNegative(double l2) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Dense.builder().setUnits(2).optKernelRegularizer(l2));
        assertTrue(e.getMessage().contains(String.valueOf(l2)), e.getMessage());
        assertThrows(InvalidInputException.class, () -> Conv2D.builder().optKernelRegularizer(Regularizer.l2(l2)));
        assertThrows(InvalidInputException.class, () -> Conv1D.builder().optKernelRegularizer(l2));
    }

    @Test
    void zeroAndNullMeanNone() {
        assertNull(Dense.builder().setUnits(2).optKernelRegularizer(0.0).build().kernelRegularizer());
        assertNull(Dense.builder().setUnits(2).optKernelRegularizer(null).build().kernelRegularizer());
        assertNull(Dense.of(2).kernelRegularizer());
        assertFalse(Dense.builder().setUnits(2).optKernelRegularizer(0.0).build().config().containsKey("kernel_regularizer"));
    }

    @Test
    void everyWeightedLayerSavesAndRestoresIt() {
        List<WeightedLayer> layers = List.of(
                Dense.builder().setUnits(3).optActivation("relu").optKernelRegularizer(0.01).build(),
                Conv1D.builder().setFilters(2).setKernelSize(3).optKernelRegularizer(0.02).build(),
                Conv2D.builder().setFilters(2).setKernelSize(3, 3).optKernelRegularizer(Regularizer.l2(0.5)).build());
        for (WeightedLayer layer : layers) {
            Map<String, Object> config = layer.config();
            Map<String, Object> keras = new LinkedHashMap<>(); // Keras 3's serialize_keras_object
            keras.put("module", "keras.regularizers");
            keras.put("class_name", "L2");
            keras.put("config", Map.of("l2", layer.kernelRegularizer().l2()));
            keras.put("registered_name", null);
            assertEquals(keras, config.get("kernel_regularizer"));
            assertEquals(List.copyOf(keras.keySet()),
                    List.copyOf(((Map<?, ?>) config.get("kernel_regularizer")).keySet()), "in Keras' order");
            assertEquals(List.copyOf(config.keySet()).indexOf("activation") + 1,
                    List.copyOf(config.keySet()).indexOf("kernel_regularizer"), "after the activation, as in Keras");
            // as Gson reads it back: every number a double
            Map<String, Object> read = new LinkedHashMap<>();
            config.forEach((k, v) -> read.put(k, v instanceof Integer i ? (Object) i.doubleValue()
                    : v instanceof List<?> l ? l.stream().map(x -> x instanceof Integer i ? i.doubleValue() : x).toList() : v));
            WeightedLayer back = (WeightedLayer) LayerRegistry.fromConfig(new LayerConfig(read, null, "model.json"));
            assertEquals(layer.kernelRegularizer(), back.kernelRegularizer());
            assertEquals(config, back.config());
        }
    }

    @Test
    void missingKeyIsNone() {
        Map<String, Object> map = new LinkedHashMap<>(Map.of("type", "dense", "units", 2.0, "activation", "linear"));
        assertNull(((Dense) LayerRegistry.fromConfig(new LayerConfig(map, "dense_1", "model.json"))).kernelRegularizer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "NaN", "Infinity", "'x'", "{}", "{'l1': 0.1}", "{'l2': 0.1, 'l1': 0.1}", "{'l2': -0.5}"})
    void badSavedRegularizerIsAFormatErrorNamingTheLayer(String value) {
        Object parsed = new com.google.gson.Gson().fromJson(value, Object.class);
        Map<String, Object> map = new LinkedHashMap<>(Map.of("type", "dense", "units", 2.0, "activation", "linear"));
        map.put("kernel_regularizer", parsed);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> LayerRegistry.fromConfig(new LayerConfig(map, "dense_1", "model.json")));
        assertTrue(e.getMessage().contains("model.json") && e.getMessage().contains("dense_1")
                && e.getMessage().contains("kernel_regularizer"), e.getMessage());
    }
}

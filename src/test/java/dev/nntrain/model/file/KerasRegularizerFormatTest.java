package dev.nntrain.model.file;

import dev.nntrain.model.ModelFormatException;
import dev.nntrain.model.Regularizer;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.file.ConfigChecksum;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.LayerConfig;
import dev.nntrain.model.layer.LayerRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The kernel regularizer's saved form: nntrain writes Keras 3's, and reads Keras 3's, Keras 2's and
 * its own earlier {@code {"l2": x}}. The expected texts are written out by hand, as Keras and
 * earlier nntrain versions write them, not produced by the code under test.
 */
class KerasRegularizerFormatTest {

    /** Keras 3's {@code serialize_keras_object(keras.regularizers.L2(0.01))}, as in its config.json. */
    private static final String KERAS3_L2 =
            "{\"module\": \"keras.regularizers\", \"class_name\": \"L2\", \"config\": {\"l2\": 0.01}, \"registered_name\": null}";

    @TempDir
    Path tmp;

    /** A dense layer as ModelFiles reads it: a JSON object parsed by Gson, every number a double. */
    private static LayerConfig dense(String regularizerJson) {
        String layer = "{\"name\": \"dense_1\", \"type\": \"dense\", \"units\": 2, \"activation\": \"linear\", "
                + "\"kernel_regularizer\": " + regularizerJson + "}";
        Map<String, Object> map = new Gson().fromJson(layer, new TypeToken<Map<String, Object>>() {}.getType());
        return new LayerConfig(map, "dense_1", "model.json");
    }

    private static Regularizer read(String regularizerJson) {
        return ((Dense) LayerRegistry.fromConfig(dense(regularizerJson))).kernelRegularizer();
    }

    static Stream<Arguments> acceptedForms() {
        return Stream.of(
                Arguments.of("nntrain before Keras' form", "{\"l2\": 0.01}", 0.01),
                Arguments.of("Keras 3", KERAS3_L2, 0.01),
                Arguments.of("Keras 2", "{\"class_name\": \"L2\", \"config\": {\"l2\": 0.25}}", 0.25),
                Arguments.of("Keras 2, a float32 coefficient",
                        "{\"class_name\": \"L2\", \"config\": {\"l2\": 3.000000106112566e-06}}", 3.000000106112566e-06),
                Arguments.of("Keras 2 L1L2, l1 0", "{\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.0, \"l2\": 0.5}}", 0.5),
                Arguments.of("Keras 3 L1L2, l1 0", "{\"module\": \"keras.regularizers\", \"class_name\": \"L1L2\", "
                        + "\"config\": {\"l1\": 0.0, \"l2\": 0.001}, \"registered_name\": null}", 0.001),
                Arguments.of("L1L2 without l1", "{\"class_name\": \"L1L2\", \"config\": {\"l2\": 2}}", 2.0),
                Arguments.of("Keras 3 without registered_name",
                        "{\"module\": \"keras.regularizers\", \"class_name\": \"L2\", \"config\": {\"l2\": 0.01}}", 0.01));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedForms")
    void acceptedFormLoadsToItsCoefficient(String what, String json, double l2) {
        assertEquals(Regularizer.l2(l2), read(json), json);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "null",
        "{\"l2\": 0}",
        "{\"class_name\": \"L2\", \"config\": {\"l2\": 0.0}}",
        "{\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.0, \"l2\": 0.0}}",
        "{\"module\": \"keras.regularizers\", \"class_name\": \"L1\", \"config\": {\"l1\": 0.0}, \"registered_name\": null}"})
    void aZeroPenaltyIsNone(String json) {
        assertNull(read(json), json);
    }

    @Test
    void anL1PenaltyIsRefusedSayingSo() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> read("{\"class_name\": \"L1\", \"config\": {\"l1\": 0.01}}"));
        assertEquals("model.json: dense layer dense_1 needs 'kernel_regularizer' without an L1 penalty"
                + " ('l1' 0 or absent): nntrain supports L2 only, got {'class_name': 'L1', 'config': {'l1': 0.01}}",
                e.getMessage());
    }

    @Test
    void anUnknownClassIsRefusedNamingWhatIsRead() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(
                "{\"module\": \"keras.regularizers\", \"class_name\": \"OrthogonalRegularizer\", "
                        + "\"config\": {\"factor\": 0.01, \"mode\": \"rows\"}, \"registered_name\": null}"));
        assertEquals("model.json: dense layer dense_1 needs 'kernel_regularizer' as Keras' {'class_name': 'L2', "
                + "'config': {'l2': x}} (with Keras 3's 'module': 'keras.regularizers' and 'registered_name': null, "
                + "or class 'L1L2' with 'l1' 0) or nntrain's earlier {'l2': x}, x a finite number >= 0, got "
                + "{'module': 'keras.regularizers', 'class_name': 'OrthogonalRegularizer', "
                + "'config': {'factor': 0.01, 'mode': 'rows'}, 'registered_name': null}", e.getMessage());
    }

    static Stream<Arguments> refusedForms() {
        String l2Only = "nntrain supports L2 only";
        String forms = "a finite number >= 0";
        return Stream.of(
                Arguments.of("{\"module\": \"keras.regularizers\", \"class_name\": \"L1\", \"config\": {\"l1\": 0.01}, "
                        + "\"registered_name\": null}", l2Only, "'L1'"),
                Arguments.of("{\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.01, \"l2\": 0.01}}", l2Only, "'l1': 0.01"),
                Arguments.of("{\"class_name\": \"L1L2\", \"config\": {\"l1\": 1e-05}}", l2Only, "'l1': 1.0E-5"),
                Arguments.of("{\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.0}}", forms, "'L1L2'"),
                Arguments.of("{\"class_name\": \"L2\", \"config\": {}}", forms, "'config': {}"),
                Arguments.of("{\"class_name\": \"L2\", \"config\": {\"l2\": -0.01}}", forms, "'l2': -0.01"),
                // Gson reads a bare NaN inside an object as the string "NaN"
                Arguments.of("{\"class_name\": \"L2\", \"config\": {\"l2\": NaN}}", forms, "'l2': 'NaN'"),
                Arguments.of("{\"class_name\": \"L2\", \"config\": {\"l2\": \"0.01\"}}", forms, "'l2': '0.01'"),
                Arguments.of("{\"class_name\": \"L2\", \"config\": {\"l2\": 0.01, \"l1\": 0.0}}", forms, "'l1': 0"),
                Arguments.of("{\"class_name\": \"L2\", \"config\": {\"l2\": 0.01}, \"name\": \"reg\"}", forms, "'name': 'reg'"),
                Arguments.of("{\"class_name\": \"L2\", \"config\": 0.01}", forms, "'config': 0.01"),
                Arguments.of("{\"class_name\": \"l2\", \"config\": {\"l2\": 0.01}}", forms, "'class_name': 'l2'"),
                Arguments.of("{\"config\": {\"l2\": 0.01}}", forms, "{'config': {'l2': 0.01}}"),
                Arguments.of("{\"module\": \"my.regularizers\", \"class_name\": \"L2\", \"config\": {\"l2\": 0.01}, "
                        + "\"registered_name\": null}", forms, "'my.regularizers'"),
                Arguments.of("{\"module\": \"keras.regularizers\", \"class_name\": \"L2\", \"config\": {\"l2\": 0.01}, "
                        + "\"registered_name\": \"Custom>L2\"}", forms, "'Custom>L2'"),
                Arguments.of("\"l2\"", forms, "got 'l2'"),
                Arguments.of("{\"l2\": -0.5}", forms, "{'l2': -0.5}"),
                Arguments.of("{\"l2\": 0.1, \"l1\": 0.1}", forms, "{'l2': 0.1, 'l1': 0.1}"));
    }

    @ParameterizedTest
    @MethodSource("refusedForms")
    void refusedFormGivesOneLineNamingFileLayerAndValue(String json, String expected, String received) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(json), json);
        String message = e.getMessage();
        assertTrue(message.startsWith("model.json: dense layer dense_1 needs 'kernel_regularizer' "), message);
        assertTrue(message.contains(expected), message);
        assertTrue(message.contains(", got ") && message.substring(message.indexOf(", got ")).contains(received), message);
        assertFalse(message.contains("\n"), message);
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, -1e-300})
    void aCoefficientThatIsNotFiniteAndNonNegativeIsRefused(double l2) {
        Map<String, Object> keras = new java.util.LinkedHashMap<>();
        keras.put("class_name", "L2");
        keras.put("config", Map.of("l2", l2));
        for (Object regularizer : java.util.List.of(keras, Map.of("l2", l2))) {
            Map<String, Object> layer = new java.util.LinkedHashMap<>(Map.of("type", "dense", "units", 2.0, "activation", "linear"));
            layer.put("kernel_regularizer", regularizer);
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> LayerRegistry.fromConfig(new LayerConfig(layer, "dense_1", "model.json")));
            assertTrue(e.getMessage().contains("x a finite number >= 0, got ")
                    && e.getMessage().contains("'l2': " + l2), e.getMessage());
        }
    }

    /** A small model with an L2 penalty on both layers, saved to {@code dir}. */
    private static void saveRegularized(Path dir) throws IOException {
        try (Sequential model = Sequential.builder()
                .addAll(Dense.builder().setUnits(4).optActivation("relu").optKernelRegularizer(0.01).build(),
                        Dense.builder().setUnits(2).optKernelRegularizer(0.25).build())
                .optInputShape(3).build()) {
            model.save(dir);
        }
    }

    private static JsonObject layer(String modelJson, int i) {
        return JsonParser.parseString(modelJson).getAsJsonObject().getAsJsonArray("layers").get(i).getAsJsonObject();
    }

    @Test
    void aSavedModelHoldsKerasFormAndLoadsBack() throws IOException {
        Path dir = tmp.resolve("model");
        saveRegularized(dir);
        String json = Files.readString(dir.resolve("model.json"));
        assertTrue(json.replaceAll("\\s", "").contains("\"kernel_regularizer\":{\"module\":\"keras.regularizers\","
                + "\"class_name\":\"L2\",\"config\":{\"l2\":0.01},\"registered_name\":null}"), json);
        assertEquals(JsonParser.parseString(KERAS3_L2), layer(json, 0).get("kernel_regularizer"));
        assertEquals(JsonParser.parseString(KERAS3_L2.replace("0.01", "0.25")), layer(json, 1).get("kernel_regularizer"));
        try (Sequential loaded = Sequential.load(dir)) {
            assertEquals(Regularizer.l2(0.01), ((Dense) loaded.layers().get(0)).kernelRegularizer());
            assertEquals(Regularizer.l2(0.25), ((Dense) loaded.layers().get(1)).kernelRegularizer());
            Path again = tmp.resolve("again");
            loaded.save(again);
            assertEquals(JsonParser.parseString(json).getAsJsonObject().get("layers"),
                    JsonParser.parseString(Files.readString(again.resolve("model.json"))).getAsJsonObject().get("layers"));
        }
    }

    /**
     * Rewrites a saved model's regularizers into another form and seals the file again, as if
     * that form had been saved: the checksum verifies.
     */
    private static void rewriteRegularizers(Path dir, String form) throws IOException {
        Path file = dir.resolve("model.json");
        String text = Files.readString(file);
        Matcher m = Pattern.compile("\"kernel_regularizer\": \\{[^{}]*\\{[^{}]*\\}[^{}]*\\}").matcher(text);
        StringBuilder out = new StringBuilder();
        int count = 0;
        while (m.find()) {
            String l2 = count++ == 0 ? "0.01" : "0.25";
            m.appendReplacement(out, Matcher.quoteReplacement("\"kernel_regularizer\": " + form.replace("X", l2)));
        }
        m.appendTail(out);
        assertEquals(2, count, text);
        String unsealed = out.toString().replaceFirst("\"checksum\": \"[0-9a-f]{64}\"",
                "\"checksum\": \"" + ConfigChecksum.PLACEHOLDER + "\"");
        Files.writeString(file, ConfigChecksum.seal(unsealed));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // as nntrain wrote it before Keras' form (pretty-printed by Gson)
        "{\n        \"l2\": X\n      }",
        // as Keras 2 writes it
        "{\"class_name\": \"L2\", \"config\": {\"l2\": X}}",
        "{\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.0, \"l2\": X}}"})
    void aFileInAnEarlierFormStillLoads(String form) throws IOException {
        Path dir = tmp.resolve("old");
        saveRegularized(dir);
        rewriteRegularizers(dir, form);
        String json = Files.readString(dir.resolve("model.json"));
        assertFalse(json.contains("keras.regularizers"), json);
        try (Sequential loaded = Sequential.load(dir)) {
            assertEquals(Regularizer.l2(0.01), ((Dense) loaded.layers().get(0)).kernelRegularizer());
            assertEquals(Regularizer.l2(0.25), ((Dense) loaded.layers().get(1)).kernelRegularizer());
        }
    }

    /**
     * The fixture was saved by nntrain before it wrote Keras' form (commit c7c3372): the model of
     * {@link #saveRegularized} with seed 7, its regularizers saved as {@code {"l2": x}}.
     */
    @Test
    void aModelSavedBeforeKerasFormLoadsAndIsSavedInKerasForm() throws IOException {
        Path dir = tmp.resolve("before");
        Files.createDirectories(dir);
        for (String name : new String[] {"model.json", "parameters-05075c6de22b3301.params"}) {
            try (java.io.InputStream in = getClass().getResourceAsStream("regularizer-l2-only/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        String old = Files.readString(dir.resolve("model.json"));
        assertTrue(old.contains("\"kernel_regularizer\": {\n        \"l2\": 0.01\n      }")
                && old.contains("\"kernel_regularizer\": {\n        \"l2\": 0.25\n      }"), old);
        Path again = tmp.resolve("again");
        try (Sequential loaded = Sequential.load(dir)) { // verified: the fixture's checksum holds
            assertEquals(Regularizer.l2(0.01), ((Dense) loaded.layers().get(0)).kernelRegularizer());
            assertEquals(Regularizer.l2(0.25), ((Dense) loaded.layers().get(1)).kernelRegularizer());
            loaded.save(again);
        }
        String json = Files.readString(again.resolve("model.json"));
        assertEquals(JsonParser.parseString(KERAS3_L2), layer(json, 0).get("kernel_regularizer"));
        assertEquals(JsonParser.parseString(KERAS3_L2.replace("0.01", "0.25")), layer(json, 1).get("kernel_regularizer"));
    }

    @Test
    void aSavedFileWithAnL1PenaltyIsRefusedNamingTheFile() throws IOException {
        Path dir = tmp.resolve("l1");
        saveRegularized(dir);
        rewriteRegularizers(dir, "{\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.001, \"l2\": X}}");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sequential.load(dir).close());
        assertTrue(e.getMessage().startsWith(dir.resolve("model.json") + ": dense layer dense_1 needs 'kernel_regularizer'")
                && e.getMessage().contains("nntrain supports L2 only")
                && e.getMessage().endsWith("got {'class_name': 'L1L2', 'config': {'l1': 0.001, 'l2': 0.01}}"), e.getMessage());
    }
}

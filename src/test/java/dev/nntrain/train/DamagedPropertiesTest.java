package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.model.ModelFormatException;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.file.LoadOptions;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A compiled model's properties edited by hand (loaded unverified, as {@code --no-verify} loads
 * them): each bad value is named with its file and property in words a user reads, never a JSON
 * library's advice to programmers or an exception's class.
 */
class DamagedPropertiesTest {

    private static final LoadOptions UNVERIFIED = LoadOptions.builder().optVerify(false).build();

    @TempDir
    Path tmp;

    private Path model;

    @BeforeEach
    void save() throws IOException {
        model = tmp.resolve("m");
        Sequential s = Sequential.builder().add(Dense.of(3)).optInputShape(2).optSeed(1).build();
        try (CompiledModel net = CompiledModel.compile(s, new SparseCategoricalCrossentropy(true), new Adam(0.01))) {
            net.setClassNames(List.of("a", "b", "c"));
            net.save(model);
        }
    }

    private String damaged(String from, String to) throws IOException {
        Path json = model.resolve("model.json");
        String text = Files.readString(json, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), from + " in " + text);
        Files.writeString(json, text.replace(from, to), StandardCharsets.UTF_8);
        return assertThrows(ModelFormatException.class, () -> CompiledModel.load(model, UNVERIFIED).close()).getMessage();
    }

    private static void assertForUsers(String message) {
        for (String internal : new String[] {"Exception", "JsonReader", "https://", "For input string"}) {
            assertFalse(message.contains(internal), internal + " in: " + message);
        }
    }

    @Test
    void aLearningRateThatIsNoNumberIsNamed() throws IOException {
        String m = damaged("\"learning_rate\": \"0.01\"", "\"learning_rate\": \"abc\"");
        assertTrue(m.endsWith("model.json: property learning_rate is 'abc'; expected a number"), m);
        assertForUsers(m);
    }

    @Test
    void anOptimizerSettingThatIsNoNumberIsNamed() throws IOException {
        String m = damaged("\"optimizer.beta_1\": \"0.9\"", "\"optimizer.beta_1\": \"abc\"");
        assertTrue(m.endsWith("model.json: property optimizer.beta_1 is 'abc'; expected a number"), m);
    }

    @Test
    void fromLogitsMustBeTrueOrFalse() throws IOException {
        String m = damaged("\"from_logits\": \"true\"", "\"from_logits\": \"1\"");
        assertTrue(m.endsWith("model.json: property from_logits is '1'; expected true or false"), m);
    }

    @Test
    void classNamesThatAreNoArrayAreSaidSoInWords() throws IOException {
        String m = damaged("\"class_names\": \"[\\\"a\\\",\\\"b\\\",\\\"c\\\"]\"", "\"class_names\": \"{{{\"");
        assertTrue(m.contains("property class_names is {{{; expected a JSON array of distinct class names ("), m);
        assertForUsers(m);
    }

    @Test
    void aFileWithTrailingJunkIsNotValidJsonInWords() throws IOException {
        Path json = model.resolve("model.json");
        Files.writeString(json, Files.readString(json) + "}}garbage");
        String m = assertThrows(ModelFormatException.class, () -> CompiledModel.load(model, UNVERIFIED).close()).getMessage();
        assertTrue(m.contains("is not valid JSON: "), m);
        assertForUsers(m);
    }

    @Test
    void aByteOrderMarkIsReadPast() throws IOException {
        Path json = model.resolve("model.json");
        Files.writeString(json, "\uFEFF" + Files.readString(json));
        try (CompiledModel loaded = CompiledModel.load(model, UNVERIFIED)) {
            assertEquals(List.of("a", "b", "c"), loaded.classNames());
        }
    }
}

package dev.nntrain.model.file;

import dev.nntrain.model.Activation;
import dev.nntrain.model.BatchedInference;
import dev.nntrain.model.ModelFormatException;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.file.LoadOptions;
import dev.nntrain.model.file.ModelFiles;
import dev.nntrain.model.file.ModelFilesTest;
import dev.nntrain.model.layer.Dense;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Model files as untrusted input: every edit is caught by the checksum, and without verification
 * the bounds and the size check still keep a hostile file from allocating, hanging or crashing.
 */
class UntrustedModelTest {

    @TempDir
    Path tmp;

    private Path dir;
    private Path config;

    private static final LoadOptions UNVERIFIED = LoadOptions.builder().optVerify(false).build();

    @BeforeEach
    void save() throws IOException {
        dir = tmp.resolve("m");
        config = dir.resolve("model.json");
        try (Sequential model = Sequential.builder()
                .addAll(Dense.of(5, Activation.RELU), Dense.of(3)).optInputShape(4).optSeed(1).build()) {
            model.save(dir);
        }
    }

    private void edit(String from, String to) throws IOException {
        String text = Files.readString(config);
        assertTrue(text.contains(from), from + " in " + text);
        Files.writeString(config, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }

    private String refused(LoadOptions options) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sequential.load(dir, options).close());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void anEditedActivationFailsTheChecksumAndLoadsOnlyUnverified() throws IOException {
        edit("\"activation\": \"relu\"", "\"activation\": \"sigmoid\"");
        String m = refused(LoadOptions.defaults());
        assertTrue(m.contains(config + " fails its checksum") && m.contains("--no-verify"), m);
        try (Sequential loaded = Sequential.load(dir, UNVERIFIED)) {
            assertEquals(Activation.SIGMOID, ((Dense) loaded.layers().get(0)).activation());
        }
    }

    @Test
    void anEditedUnitCountFailsTheChecksumAndTheSizeCheck() throws IOException {
        edit("\"units\": 5", "\"units\": 6");
        assertTrue(refused(LoadOptions.defaults()).contains("fails its checksum"));
        // 4-6-3 has 6 * 4 + 6 + 3 * 6 + 3 = 51 parameters where the file holds 43
        String m = refused(UNVERIFIED);
        assertTrue(m.contains("implies") && m.contains("51 parameters of float32"), m);
    }

    @Test
    void aRemovedChecksumIsRefusedUnlessUnverified() throws IOException {
        String text = Files.readString(config);
        Files.writeString(config, text.replaceFirst("\\s*\"checksum\": \"[0-9a-f]{64}\",", ""));
        assertTrue(refused(LoadOptions.defaults()).contains("has no checksum (it was removed)"));
        Sequential.load(dir, UNVERIFIED).close();
    }

    @Test
    void hugeSizesAreRefusedBeforeAnythingIsAllocated() throws IOException {
        edit("\"units\": 5", "\"units\": 1048576");
        edit("\"inputShape\": [\n    4\n  ]", "\"inputShape\": [\n    1048576\n  ]");
        // 2^20 * 2^20 + 2^20 + 3 * 2^20 + 3 parameters: the size check refuses them unallocated
        String m = refused(UNVERIFIED);
        assertTrue(m.contains("1,099,515,822,083 parameters"), m);
    }

    @Test
    void sizesOutsideTheBoundsAreNamed() throws IOException {
        String text = Files.readString(config);
        for (String[] c : new String[][] {
                {"\"units\": 5", "\"units\": 2147483648", "whole number in [1, 1048576]"},
                {"\"units\": 5", "\"units\": -1", "whole number in [1, 1048576]"},
                {"\"units\": 5", "\"units\": 2.5", "whole number in [1, 1048576]"},
                {"\"dataType\": \"float32\"", "\"dataType\": \"float16\"", "must be float32 or float64, got float16"},
                {"\"dataType\": \"float32\"", "\"dataType\": \"int8\"", "must be float32 or float64"},
                {"\"inputShape\": [\n    4\n  ]", "\"inputShape\": [1, 1, 1, 1, 4]", "list of 1 to 4 sizes"},
                {"\"inputShape\": [\n    4\n  ]", "\"inputShape\": []", "list of 1 to 4 sizes"},
                {"\"activation\": \"relu\"", "\"activation\": \"gelu\"", "gelu"},
                {"\"type\": \"dense\"", "\"type\": \"lstm\"", "unknown layer type 'lstm'"},
                {"\"formatVersion\": 2", "\"formatVersion\": 99", "format version 99"},
                {"\"name\": \"parameters-", "\"name\": \"../../parameters-", "is not of the form"},
        }) {
            Files.writeString(config, text);
            edit(c[0], c[1]);
            String m = refused(UNVERIFIED);
            assertTrue(m.contains(c[2]) && m.contains(config.toString()), c[1] + ": " + m);
        }
    }

    @Test
    void tooManyLayersOrAnOversizedDescriptionAreRefused() throws IOException {
        String text = Files.readString(config);
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < 1025; i++) {
            layers.append(i == 0 ? "" : ",").append("{\"type\": \"flatten\"}");
        }
        Files.writeString(config, text.replaceFirst("(?s)\"layers\": \\[.*?\\n  \\]", "\"layers\": [" + layers + "]"));
        assertTrue(refused(UNVERIFIED).contains("list of 1 to 1024 layers"));
        Files.writeString(config, text + " ".repeat(ModelFiles.MAX_CONFIG_BYTES));
        assertTrue(refused(UNVERIFIED).contains("a model description has at most 1,048,576"));
        Files.writeString(config, "[".repeat(100_000));
        assertTrue(refused(UNVERIFIED).contains("is not valid JSON"));
        Files.write(config, new byte[] {'{', (byte) 0xff, '}'});
        assertTrue(refused(UNVERIFIED).contains("is not UTF-8 JSON"));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void onlyRegularFilesAreRead() throws IOException, InterruptedException {
        Path params = ModelFilesTest.paramsFile(dir);
        Files.delete(params);
        Files.createSymbolicLink(params, Path.of("/dev/zero"));
        assertTrue(refused(UNVERIFIED).contains("is not a regular file"));
        Files.delete(params);
        Files.createSymbolicLink(params, tmp.resolve("nowhere"));
        assertTrue(refused(UNVERIFIED).contains("link to a missing file"));
        Files.delete(params);
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", params.toString()).start().waitFor() == 0, "mkfifo");
        assertTrue(refused(UNVERIFIED).contains("is not a regular file"), "a pipe would block a reader");
        Files.delete(config);
        Files.createDirectory(config);
        assertTrue(refused(UNVERIFIED).contains("is a directory"));
    }

    @Test
    void aModelOfTheEarlierFormatLoadsUnverified() throws IOException {
        // format 1: model.params beside a model.json without a checksum or a files object
        try (Sequential original = Sequential.load(dir)) {
            Path params = ModelFilesTest.paramsFile(dir);
            Files.move(params, dir.resolve("model.params"));
            String text = Files.readString(config)
                    .replaceFirst("\"formatVersion\": 2", "\"formatVersion\": 1")
                    .replaceFirst("\\s*\"checksum\": \"[0-9a-f]{64}\",", "")
                    .replaceFirst("(?s),\\s*\"files\": \\{.*\\}\\s*\\}\\s*\\}\\s*$", "\n}");
            Files.writeString(config, text);
            assertTrue(refused(LoadOptions.defaults()).contains("has no checksum (saved by an older nntrain)"));
            try (Sequential loaded = Sequential.load(dir, UNVERIFIED)) {
                float[][] x = {{1, 2, 3, 4}};
                assertArrayEquals(BatchedInference.outputs(original, x)[0], BatchedInference.outputs(loaded, x)[0], 0f);
            }
        }
    }
}

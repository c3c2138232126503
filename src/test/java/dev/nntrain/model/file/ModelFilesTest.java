package dev.nntrain.model.file;

import dev.nntrain.model.Activation;
import dev.nntrain.model.BatchedInference;
import dev.nntrain.model.ModelFormatException;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

class ModelFilesTest {

    @TempDir
    Path tmp;

    private static Sequential small(long seed) {
        return Sequential.builder()
                .addAll(Dense.of(5, Activation.RELU), Dense.of(3))
                .optInputShape(4)
                .optSeed(seed)
                .build();
    }

    private static final float[][] X = {{1, 2, 3, 4}, {-1, 0.5f, 0, 2}};

    /** The one parameter file of a saved model, named after its content. */
    static Path paramsFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> params = files.filter(p -> p.getFileName().toString().matches("parameters-[0-9a-f]{16}\\.params")).toList();
            assertEquals(1, params.size(), "one parameter file in " + dir);
            return params.get(0);
        }
    }

    @Test
    void saveThenLoadGivesIdenticalOutputs() throws IOException {
        Path dir = tmp.resolve("model");
        try (Sequential model = small(4)) {
            model.properties().put("loss", "mean_squared_error");
            model.save(dir);
            try (Sequential loaded = Sequential.load(dir)) {
                float[][] a = BatchedInference.outputs(model, X);
                float[][] b = BatchedInference.outputs(loaded, X);
                for (int i = 0; i < a.length; i++) {
                    assertArrayEquals(a[i], b[i], 0f);
                }
                assertEquals("mean_squared_error", loaded.properties().get("loss"));
                assertEquals(model.layerNames(), loaded.layerNames());
            }
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary directory is left behind");
        }
    }

    @Test
    void saveReplacesAnEarlierModelAtomically() throws IOException {
        Path dir = tmp.resolve("model");
        try (Sequential first = small(1); Sequential second = small(2)) {
            first.save(dir);
            second.save(dir);
            try (Sequential loaded = Sequential.load(dir)) {
                assertArrayEquals(BatchedInference.outputs(second, X)[0], BatchedInference.outputs(loaded, X)[0], 0f);
            }
        }
    }

    @Test
    void refusesToOverwriteADirectoryOfOtherFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(dir.resolve("holiday.jpg"), "not a model");
        try (Sequential model = small(1)) {
            IOException e = assertThrows(IOException.class, () -> model.save(dir));
            assertTrue(e.getMessage().contains("holds other files"));
        }
        assertTrue(Files.exists(dir.resolve("holiday.jpg")));
    }

    @Test
    void aBrokenLinkIsRefusedBeforeTheSaveThatWouldFailThere() throws IOException {
        Path nowhere = tmp.resolve("nowhere");
        Path link = Files.createSymbolicLink(tmp.resolve("dangling"), nowhere);
        for (Path target : new Path[] {link, link.resolve("model")}) {
            try (Sequential model = small(1)) {
                // the oracle: saving there does fail
                assertThrows(IOException.class, () -> model.save(target), target.toString());
            }
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sequential.checkSaveTarget(target));
            assertTrue(e.getMessage().contains(link + " is a broken link (to " + nowhere + ")"), e.getMessage());
        }
        assertFalse(Files.exists(nowhere), "nothing created where the link points");
        // a link to a directory is a directory: checked and saved through
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path toReal = Files.createSymbolicLink(tmp.resolve("to-real"), real);
        Sequential.checkSaveTarget(toReal.resolve("model"));
        try (Sequential model = small(1)) {
            model.save(toReal.resolve("model"));
        }
        assertTrue(Files.isRegularFile(real.resolve("model").resolve(ModelFiles.CONFIG)));
    }

    @Test
    void aFileWhereADirectoryMustBeIsNamedAsCheckSaveTargetNamesIt() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        String expected = file.toAbsolutePath() + " is a file, not a directory";
        try (Sequential model = small(1)) {
            // the JDK says "it already exists" (the file, as a directory to create) or "Not a directory"
            for (Path dir : List.of(file.resolve("m"), file.resolve("m").resolve("n"))) {
                IOException e = assertThrows(IOException.class, () -> model.save(dir));
                assertEquals("cannot save the model to " + dir + ": " + expected, e.getMessage());
                ModelFormatException check = assertThrows(ModelFormatException.class, () -> Sequential.checkSaveTarget(dir));
                assertTrue(check.getMessage().endsWith(": " + expected), check.getMessage());
            }
        }
        assertEquals("x", Files.readString(file));
    }

    @Test
    void missingDirectoryOrFileIsNamed() throws IOException {
        Path dir = tmp.resolve("nowhere");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sequential.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()));
        try (Sequential model = small(1)) {
            model.save(tmp.resolve("m"));
        }
        Path params = paramsFile(tmp.resolve("m"));
        Files.delete(params);
        ModelFormatException missing = assertThrows(ModelFormatException.class, () -> Sequential.load(tmp.resolve("m")));
        assertEquals("model file " + params + " is missing", missing.getMessage());
    }

    @Test
    void corruptedParametersAreDetected() throws IOException {
        Path dir = tmp.resolve("m");
        try (Sequential model = small(1)) {
            model.save(dir);
        }
        Path params = paramsFile(dir);
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length - 3] ^= 0x55;
        Files.write(params, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sequential.load(dir));
        assertTrue(e.getMessage().contains("is corrupted"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void truncatedParametersAreRefusedByTheirSizeEvenUnverified() throws IOException {
        Path dir = tmp.resolve("m");
        try (Sequential model = small(1)) {
            model.save(dir);
        }
        Path params = paramsFile(dir);
        byte[] bytes = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Sequential.load(dir, LoadOptions.builder().optVerify(false).build()));
        // 4-5-3: 5 * 4 + 5 + 3 * 5 + 3 = 43 parameters
        assertTrue(e.getMessage().startsWith("model file " + params + " has " + bytes.length / 2 + " bytes but"), e.getMessage());
        assertTrue(e.getMessage().contains("43 parameters of float32"), e.getMessage());
    }

    @Test
    void brokenJsonIsNamed() throws IOException {
        Path dir = tmp.resolve("m");
        try (Sequential model = small(1)) {
            model.save(dir);
        }
        Files.writeString(dir.resolve("model.json"), "{ \"format\": ");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sequential.load(dir));
        assertTrue(e.getMessage().contains("is not valid JSON"), e.getMessage());
        Files.writeString(dir.resolve("model.json"), "{\"format\": \"keras\"}");
        e = assertThrows(ModelFormatException.class, () -> Sequential.load(dir));
        assertTrue(e.getMessage().contains("is not an nntrain model"), e.getMessage());
    }
}

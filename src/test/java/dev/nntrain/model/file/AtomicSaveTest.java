package dev.nntrain.model.file;

import dev.nntrain.model.Activation;
import dev.nntrain.model.BatchedInference;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.file.ModelFiles;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A save stopped after each of its steps, as a kill would stop it: the model directory must then
 * hold the complete old model or the complete new one, and the next save must leave nothing
 * behind but the new model.
 */
class AtomicSaveTest {

    @TempDir
    Path tmp;

    private static final float[][] X = {{1, 2, 3, 4}, {-1, 0.5f, 0, 2}};

    /** What a kill does to the saving thread: it stops, and no cleanup runs. */
    private static final class Killed extends Error {
        Killed(String step) {
            super("killed after " + step, null, false, false);
        }
    }

    private static Sequential model(long seed) {
        return Sequential.builder().addAll(Dense.of(5, Activation.RELU), Dense.of(3)).optInputShape(4).optSeed(seed).build();
    }

    private static List<String> steps(Path dir, Sequential model) throws IOException {
        List<String> steps = new ArrayList<>();
        ModelFiles.save(model, dir, Map.of(), steps::add);
        return steps;
    }

    private static void saveKilledAfter(Sequential model, Path dir, int step) throws IOException {
        int[] count = {0};
        Killed killed = assertThrows(Killed.class, () -> ModelFiles.save(model, dir, Map.of(), s -> {
            if (count[0]++ == step) {
                throw new Killed(s);
            }
        }));
        assertTrue(killed.getMessage().startsWith("killed after"));
    }

    /** The outputs of the model now at dir, or null when there is none; a damaged one fails. */
    private static float[] outputs(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return null;
        }
        try (Sequential loaded = Sequential.load(dir)) {
            return BatchedInference.outputs(loaded, X)[0];
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacingAModelKilledAfterAnyStepLeavesTheOldOrTheNew() throws IOException {
        try (Sequential old = model(1); Sequential next = model(2)) {
            float[] before = BatchedInference.outputs(old, X)[0];
            float[] after = BatchedInference.outputs(next, X)[0];
            Path probe = tmp.resolve("probe");
            old.save(probe);
            List<String> steps = steps(probe, next);
            assertTrue(steps.size() >= 5, "a replacement has several steps: " + steps);
            for (int k = 0; k < steps.size(); k++) {
                Path dir = tmp.resolve("replace-" + k);
                old.save(dir);
                saveKilledAfter(next, dir, k);
                float[] now = outputs(dir);
                boolean oldOne = java.util.Arrays.equals(now, before);
                boolean newOne = java.util.Arrays.equals(now, after);
                assertTrue(oldOne || newOne, "after step " + k + " (" + steps.get(k) + ") the model is neither");
                assertEquals(k >= steps.indexOf("renamed model.json"), newOne, "the rename of model.json is the switch");
                next.save(dir);
                assertArrayEquals(after, outputs(dir), 0f);
                assertEquals(2, listing(dir).size(), "only model.json and one parameter file: " + listing(dir));
            }
            assertEquals(steps.size() + 1, listing(tmp).size(), "no hidden leftovers beside the models: " + listing(tmp));
        }
    }

    @Test
    void aFirstSaveKilledAfterAnyStepLeavesNothingOrTheNew() throws IOException {
        try (Sequential next = model(2)) {
            float[] after = BatchedInference.outputs(next, X)[0];
            List<String> steps = steps(tmp.resolve("probe"), next);
            for (int k = 0; k < steps.size(); k++) {
                Path parent = Files.createDirectories(tmp.resolve("fresh-" + k));
                Path dir = parent.resolve("model");
                saveKilledAfter(next, dir, k);
                float[] now = outputs(dir);
                assertTrue(now == null || java.util.Arrays.equals(now, after), "after step " + k + ": " + steps.get(k));
                next.save(dir);
                assertArrayEquals(after, outputs(dir), 0f);
                assertEquals(List.of("model"), listing(parent), "the next save removed the temporary directory");
            }
        }
    }

    @Test
    void leftoversOfTheEarlierTwoRenameSaveAreRemoved() throws IOException {
        // a kill between the two renames of nntrain before format 2 left the halves hidden beside the path
        try (Sequential old = model(1); Sequential next = model(2)) {
            Path dir = tmp.resolve("m");
            old.save(dir);
            Files.move(dir, tmp.resolve(".m.old-123"));
            Path half = Files.createDirectories(tmp.resolve(".m.tmp-456"));
            Files.writeString(half.resolve("model.json"), "{}");
            Path foreign = Files.createDirectories(tmp.resolve(".m.tmp-789"));
            Files.writeString(foreign.resolve("notes.txt"), "not ours");
            next.save(dir);
            assertEquals(List.of(".m.tmp-789", "m"), listing(tmp), "ours removed, a folder of other files kept");
        }
    }

    @Test
    void aHiddenFileThatOnlyLooksTemporaryIsNotTheSavesToDelete() throws IOException {
        try (Sequential old = model(1)) {
            Path dir = tmp.resolve("m");
            old.save(dir);
            Files.writeString(dir.resolve(".notes.txt.tmp-1"), "the user's");
            IOException e = assertThrows(IOException.class, () -> old.save(dir));
            assertTrue(e.getMessage().contains("holds other files (.notes.txt.tmp-1)"), e.getMessage());
            assertTrue(Files.exists(dir.resolve(".notes.txt.tmp-1")));
        }
    }

    @Test
    void aFailedWriteNamesTheModelDirectoryNotATemporaryOne() throws IOException {
        try (Sequential old = model(1); Sequential next = model(2)) {
            Path dir = tmp.resolve("m");
            old.save(dir);
            float[] before = outputs(dir);
            IOException e = assertThrows(IOException.class, () -> ModelFiles.save(next, dir, Map.of(), s -> {
                if (s.startsWith("wrote")) {
                    throw new java.nio.file.FileSystemException(dir.resolve(".hidden.tmp-1").toString(), null, "No space left on device");
                }
            }));
            assertEquals("cannot save the model to " + dir + ": No space left on device", e.getMessage());
            assertArrayEquals(before, outputs(dir), 0f);
            assertFalse(listing(dir).stream().anyMatch(n -> n.startsWith(".")), "the failed write cleaned up: " + listing(dir));
        }
    }
}

package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code train --lr-schedule} and {@code --reduce-lr-on-plateau}: the epoch lines show the rate
 * where it changed, and a run killed after a checkpoint resumes to the parameters of one that
 * never stopped, its rate and plateau state included.
 */
class CliLearningRateTest {

    @TempDir
    Path tmp;

    /** Three classes of 2 features in 90 rows, the label last. */
    private Path threeClasses() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 90; i++) {
            csv.append(i % 7 + 0.1 * (i % 3)).append(',').append(i % 5).append(',').append(i % 3).append('\n');
        }
        return Files.writeString(tmp.resolve("three.csv"), csv);
    }

    private static List<String> epochLines(String out) {
        return out.lines().filter(l -> l.startsWith("Epoch ")).toList();
    }

    @Test
    void theEpochLinesShowTheRateWhereItChanged() throws IOException {
        CliRun run = CliRun.of("train", "--dataset", "csv:" + threeClasses(), "--layers", "4", "--epochs", "4", "--threads", "1",
                "--lr", "0.01", "--lr-schedule", "step:2:0.5", "-o", tmp.resolve("m").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Adam(learning_rate=0.01) with stepDecay(initial=0.01, every=2, factor=0.5)"), run.out());
        List<String> lines = epochLines(run.out());
        assertEquals(4, lines.size(), run.out());
        // epochs 1 and 2 at --lr, 3 and 4 at half of it: only epoch 3's line says so
        boolean[] shows = {false, false, true, false};
        for (int e = 0; e < 4; e++) {
            assertEquals(shows[e], lines.get(e).contains("learning_rate"), lines.get(e));
        }
        assertTrue(lines.get(2).contains(" - learning_rate: 0.0050 - "), lines.get(2));

        CliRun plain = CliRun.of("train", "--dataset", "csv:" + threeClasses(), "--layers", "4", "--epochs", "2", "--threads", "1",
                "-o", tmp.resolve("plain").toString());
        assertEquals(0, plain.status(), plain.err());
        assertTrue(epochLines(plain.out()).stream().noneMatch(l -> l.contains("learning_rate")), plain.out());
    }

    /**
     * The validation loss of this run rises after its first epoch, so ReduceLROnPlateau (patience
     * 0, factor 0.5, cooldown 1: Keras counts the epoch that ends a cooldown) halves the rate after
     * every later epoch. Killed after epoch 3 and resumed, the run's epoch lines (rates included)
     * and parameters are the uninterrupted run's.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aRunWithReduceLrOnPlateauKilledAndResumedEndsAsTheUninterruptedRun() throws Exception {
        Path csv = threeClasses();
        List<String> run = List.of("train", "--dataset", "csv:" + csv, "--layers", "4", "--epochs", "6", "--threads", "1",
                "--lr", "0.05", "--validation-split", "0.2", "--reduce-lr-on-plateau", "0:0.5:0:1", "-q");
        List<String> straightArgs = new ArrayList<>(run);
        straightArgs.addAll(List.of("-o", tmp.resolve("straight").toString()));
        CliRun straight = CliRun.of(straightArgs.toArray(String[]::new));
        assertEquals(0, straight.status(), straight.err());
        List<String> straightLines = epochLines(straight.out());
        assertTrue(straightLines.stream().filter(l -> l.contains("learning_rate")).count() >= 2, straight.out());

        Path output = tmp.resolve("killed");
        Path checkpoints = tmp.resolve("checkpoints");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                Nntrain.class.getName()));
        command.addAll(run);
        command.addAll(List.of("-o", output.toString(), "--checkpoint-every", "1", "--checkpoint-dir", checkpoints.toString()));
        Process child = new ProcessBuilder(command).redirectError(tmp.resolve("child.err").toFile()).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.equals("Checkpoint saved to " + checkpoints + " (epoch 3)")) {
                    child.destroyForcibly();
                    break;
                }
            }
        }
        child.waitFor();
        assertTrue(lines.contains("Checkpoint saved to " + checkpoints + " (epoch 3)"),
                lines + " " + Files.readString(tmp.resolve("child.err")));

        CliRun resumed = CliRun.of("train", "--resume", checkpoints.toString());
        assertEquals(0, resumed.status(), resumed.err());
        List<String> resumedLines = epochLines(resumed.out());
        int saved = 6 - resumedLines.size();
        assertTrue(saved >= 3 && saved < 6, resumed.out());
        for (int i = 0; i < resumedLines.size(); i++) {
            // the same metrics and rate, not the same seconds
            assertEquals(straightLines.get(saved + i).replaceAll(" - [0-9.]+ s - .*", ""),
                    resumedLines.get(i).replaceAll(" - [0-9.]+ s - .*", ""));
        }
        assertArrayEquals(KillAndResumeTest.parameters(tmp.resolve("straight")), KillAndResumeTest.parameters(output), "bit-identical parameters");
    }
}

package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.train.Checkpoint;

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
import java.util.stream.Stream;

/**
 * A training run in a child JVM, killed with SIGKILL right after its second checkpoint and then
 * resumed, ends with the parameters of a run that was never stopped, to the bit (one thread).
 */
class KillAndResumeTest {

    @TempDir
    Path tmp;

    private static final String[] RUN = {"train", "--epochs", "5", "--threads", "1", "--seed", "7", "-q"};

    private static String[] args(String... more) {
        List<String> all = new ArrayList<>(List.of(RUN));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The bytes of a model's (or checkpoint's) parameter file. */
    static byte[] parameters(Path model) throws IOException {
        try (Stream<Path> files = Files.list(model)) {
            return Files.readAllBytes(files.filter(p -> p.toString().endsWith(".params")).findFirst().orElseThrow());
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aRunKilledAfterItsSecondCheckpointResumesToTheSameParameters() throws Exception {
        Path straight = tmp.resolve("straight");
        CliRun uninterrupted = CliRun.of(args("-o", straight.toString()));
        assertEquals(0, uninterrupted.status(), uninterrupted.err());

        Path output = tmp.resolve("killed");
        Path checkpoints = tmp.resolve("checkpoints");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                Nntrain.class.getName()));
        command.addAll(List.of(args("-o", output.toString(), "--checkpoint-every", "1",
                "--checkpoint-dir", checkpoints.toString())));
        Process child = new ProcessBuilder(command)
                .redirectError(tmp.resolve("child.err").toFile())
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.equals("Checkpoint saved to " + checkpoints + " (epoch 2)")) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
                    break;
                }
            }
        }
        int status = child.waitFor();
        assertTrue(lines.contains("Checkpoint saved to " + checkpoints + " (epoch 2)"),
                "the child saved two checkpoints: " + lines + " " + Files.readString(tmp.resolve("child.err")));
        assertNotEquals(0, status, "the child was killed before it finished");
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertEquals(128 + 9, status, "killed by SIGKILL");
        }
        assertFalse(Files.exists(output), "a killed run saves no model");
        int saved = Checkpoint.read(checkpoints).epoch();
        assertTrue(saved >= 2 && saved < 5, "checkpoint of epoch " + saved);

        // the same command again, --resume forgotten: refused, or its first save would replace the checkpoint
        byte[] checkpointed = parameters(checkpoints);
        CliRun fresh = CliRun.of(args("-o", output.toString(), "--checkpoint-every", "1",
                "--checkpoint-dir", checkpoints.toString()));
        fresh.assertBadInput("unfinished run (" + saved + " of 5 epochs done)", "--resume " + checkpoints);
        assertArrayEquals(checkpointed, parameters(checkpoints), "the checkpoint as the killed run left it");

        CliRun resumed = CliRun.of("train", "--resume", checkpoints.toString());
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().startsWith("Resuming from " + checkpoints + ": " + saved + " epoch(s) done"), resumed.out());
        assertTrue(resumed.out().contains("Epoch 5/5"), resumed.out());
        assertArrayEquals(parameters(straight), parameters(output), "bit-identical parameters");
        assertEquals(uninterrupted.number("Test accuracy: "), resumed.number("Test accuracy: "));
        // the run has ended: the same command again is a new run, not one to resume
        CliRun again = CliRun.of(args("-o", output.toString(), "--checkpoint-every", "1",
                "--checkpoint-dir", checkpoints.toString()));
        assertEquals(0, again.status(), again.err());
    }
}

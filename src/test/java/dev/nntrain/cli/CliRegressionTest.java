package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The command line's regressions: output lost at exit, and bad input found only after training. */
class CliRegressionTest {

    @Test
    void evaluatePrintsItsConfusionMatrixThroughABufferedStream(@TempDir Path tmp) {
        Path model = tmp.resolve("m");
        CliRun trained = CliRun.of("train", "--epochs", "1", "--quiet", "-o", model.toString());
        assertEquals(0, trained.status(), trained.err());
        // as main() wires System.out: an auto-flushing writer over a buffered stream, where print()
        // without a newline-terminated println stays in the buffer unless someone flushes
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
        int status = Nntrain.run(new String[] {"evaluate", "--model", model.toString()}, out, new PrintWriter(new StringWriter()));
        assertEquals(0, status);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Confusion matrix"), printed);
        // the matrix's last row: class 9, ten counts and the class's recall
        String[] lines = printed.strip().split("\n");
        assertTrue(lines[lines.length - 1].trim().startsWith("9"), "the last row is class 9: " + lines[lines.length - 1]);
        assertEquals(12, lines[lines.length - 1].trim().split("\\s+").length, lines[lines.length - 1]);
    }

    @Test
    void aBadOutputIsRefusedBeforeAnyEpoch(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("taken"), "not a model");
        CliRun run = CliRun.of("train", "--epochs", "50", "-o", file.toString());
        assertEquals(2, run.status());
        assertTrue(run.errorLine().contains(file.toString()) && run.errorLine().contains("not a directory"), run.err());
        assertFalse(run.out().contains("Epoch"), "no epoch ran: " + run.out());
        assertEquals("not a model", Files.readString(file), "nothing overwritten");
    }

    @Test
    void aDirectoryOfOtherFilesIsNotReplaced(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("notes.txt"), "keep me");
        CliRun run = CliRun.of("train", "--epochs", "50", "-o", tmp.toString());
        assertEquals(2, run.status());
        assertTrue(run.errorLine().contains("holds other files"), run.err());
        assertFalse(run.out().contains("Epoch"), run.out());
    }

    @Test
    void theExitStatusFollowsTheExceptionsType() throws Exception {
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new Nntrain());
        cli.setErr(new PrintWriter(err, true));
        var handler = Errors.handler(false);
        assertEquals(2, handler.handleExecutionException(
                new dev.nntrain.InvalidInputException("--lr must be a positive number, got -1"), cli, null));
        // an IllegalArgumentException that no validation threw, e.g. from inside DJL: a bug, not bad input
        assertEquals(1, handler.handleExecutionException(
                new IllegalArgumentException("Unexpected shape (3, 4)"), cli, null));
        String[] lines = err.toString().strip().split("\n");
        assertEquals(2, lines.length, err.toString());
        assertEquals("nntrain: --lr must be a positive number, got -1", lines[0]);
        assertEquals("nntrain: error: Unexpected shape (3, 4)", lines[1]);
    }

    @Test
    void doctorNamesTheEngineItsLibraryAndTheDevices() {
        CliRun run = CliRun.of("doctor");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("engine: PyTorch 2.7.1"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("native library: /")), run.out());
        assertTrue(run.out().contains("GPUs: none visible") || run.out().contains("gpu(0): compute capability"), run.out());
    }

    /** --device auto (the default) says what it chose, and why, where --device cpu was simply obeyed. */
    @Test
    void deviceAutoSaysItChose(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.nntrain.engine.Engines.gpuCount() == 0, "a GPU is measured instead");
        CliRun auto = CliRun.of("train", "--dataset", "csv:data/iris.csv", "--layers", "4", "--epochs", "1",
                "-o", tmp.resolve("auto").toString());
        assertEquals(0, auto.status(), auto.err());
        assertTrue(auto.out().contains(", cpu() (--device auto: no GPU visible)\n"), auto.out());
        CliRun cpu = CliRun.of("train", "--dataset", "csv:data/iris.csv", "--layers", "4", "--epochs", "1", "--device",
                "cpu", "-o", tmp.resolve("cpu").toString());
        assertTrue(cpu.out().contains(", cpu()\n"), cpu.out());
    }
}


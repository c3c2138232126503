package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM that runs out of memory ends with one line naming what ran out, exit status 1 (an
 * internal error, not bad input), and no stack trace: picocli passes {@link Error}s through, so
 * {@link Nntrain#run} catches them itself.
 */
class CliOutOfMemoryTest {

    @TempDir Path tmp;

    @Test
    void runningOutOfDirectBufferMemoryIsOneLine() throws IOException, InterruptedException {
        // DJL copies every array to the engine through a direct buffer: 64 KB of them cannot hold
        // a batch of digits, so the JVM throws OutOfMemoryError wherever the first copy happens
        Path err = tmp.resolve("err.txt");
        Path out = tmp.resolve("out.txt");
        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxDirectMemorySize=64k",
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                Nntrain.class.getName(), "train", "--epochs", "1", "-q", "--threads", "1",
                "-o", tmp.resolve("model").toString()))
                .redirectError(err.toFile())
                .redirectOutput(out.toFile())
                .start();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child finished");
        String stderr = Files.readString(err);
        assertEquals(1, child.exitValue(), "exit status; stderr: " + stderr);
        assertEquals(1, stderr.strip().lines().count(), "one line: " + stderr);
        assertTrue(stderr.startsWith("nntrain: error: out of memory ("), stderr);
        assertTrue(stderr.contains("direct buffer memory") && stderr.contains("-XX:MaxDirectMemorySize"), stderr);
        assertFalse(stderr.contains("\tat ") || stderr.contains("Exception in thread"), stderr);
        assertFalse(Files.exists(tmp.resolve("model")), "no model saved");
    }

    @Test
    void theLineNamesTheHeapAndItsSize() {
        String line = Errors.outOfMemoryLine(new OutOfMemoryError("Java heap space"));
        assertTrue(line.startsWith("out of memory (Java heap space); this JVM may use "), line);
        assertTrue(line.contains("java -Xmx"), line);
        assertTrue(Errors.outOfMemoryLine(new OutOfMemoryError()).contains("(Java heap space)"), "no message: the heap");
    }
}

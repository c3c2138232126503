package dev.nntrain.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A JVM stopped by Ctrl-C (SIGINT) while {@link Charts#writePng} writes leaves no temporary file:
 * a child JVM is stopped in the middle of a write, once its temporary file exists.
 */
class ChartInterruptTest {

    @TempDir
    Path tmp;

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aWriteStoppedBySigintLeavesNoTemporaryFile() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("charts"));
        Path chart = folder.resolve("h.png");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                InterruptedChartWrite.class.getName(), chart.toString())
                .redirectError(tmp.resolve("child.err").toFile())
                .start();
        String first;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            first = out.readLine();
            assertEquals(InterruptedChartWrite.WRITING, first,
                    "the child stalls inside the write; stderr: " + Files.readString(tmp.resolve("child.err")));
            List<String> during = names(folder);
            // what is to be cleaned up is there: without the hook the test sees it stay
            assertTrue(during.size() == 1 && during.get(0).matches("h\\.png\\.[0-9]+\\.tmp"), "during the write: " + during);
            signal(child);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child exits on the signal");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(List.of(), names(folder), "no temporary file and no half chart left");
        assertFalse(Files.exists(chart));
    }

    /**
     * Sends SIGINT, as Ctrl-C does. A process started in the background by a shell inherits
     * SIGINT ignored, and a JVM then leaves it ignored; SIGTERM, which runs the same shutdown
     * hooks, stands in for it there.
     */
    private static void signal(Process child) throws IOException, InterruptedException {
        String signal = sigintIgnored() ? "-TERM" : "-INT";
        int status = new ProcessBuilder("kill", signal, Long.toString(child.pid())).inheritIO().start().waitFor();
        assertEquals(0, status, "kill " + signal);
    }

    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << 1)) != 0; // SIGINT is 2
            }
        }
        return false;
    }
}

package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * scripts/build-djl-jni.sh's argument handling and messages, which a CPU machine can check: every
 * refusal is one line on stderr naming the bad value, with exit status 2, before anything is built.
 */
class BuildDjlJniScriptTest {

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/build-djl-jni.sh"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }

    private static void assertRefused(Run r, String... mentions) {
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), "mentions '" + m + "': " + r.err());
        }
    }

    @Test
    void helpPrintsTheUsage() throws Exception {
        Run r = run("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("--djl-source DIR") && r.out().contains("--python PY"), r.out());
    }

    @Test
    void refusesUnknownOptionsAndBadValues() throws Exception {
        assertRefused(run("--bogus"), "'--bogus'");
        assertRefused(run("--jobs", "x"), "--jobs", "'x'");
        assertRefused(run("--python"), "--python needs a value");
        assertRefused(run("--python", "/nonexistent/python3"), "/nonexistent/python3");
    }

    @Test
    void checksTheDjlSourceTree(@TempDir Path tmp) throws Exception {
        assertRefused(run("--djl-source", tmp.resolve("none").toString()), "not a directory");
        Files.createDirectories(tmp.resolve("engines/pytorch/pytorch-native"));
        Files.writeString(tmp.resolve("engines/pytorch/pytorch-native/CMakeLists.txt"), "");
        assertRefused(run("--djl-source", tmp.toString()), "PyTorchLibrary.java", tmp.toString());
    }
}

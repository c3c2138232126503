package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run of one of the repository's shell scripts, from the repository root, for the tests of
 * their argument handling.
 *
 * @param status the exit status
 * @param out standard output
 * @param err standard error
 */
record ScriptRun(int status, String out, String err) {

    /** Settings the scripts read from the environment, removed so that the caller's do not leak in. */
    private static final List<String> SETTINGS = List.of("CP", "DJL_SOURCE", "BENCH_DEVICE", "BENCH_REPEAT", "BENCH_DATA");

    static ScriptRun of(Map<String, String> env, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeAll(SETTINGS);
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new ScriptRun(p.waitFor(), out, err);
    }

    /** Exit status 2 and one line on standard error that holds each of the fragments. */
    void assertRefused(String... mentions) {
        assertEquals(2, status, out + err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
        for (String m : mentions) {
            assertTrue(err.contains(m), "mentions '" + m + "': " + err);
        }
    }
}

package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The GPU route's other scripts (scripts/gpu-carry.sh, scripts/gpu-run.sh, bench/gpu.sh), checked
 * where a CPU machine can: their help, and one line with exit status 2 for a bad argument or
 * setting, before anything runs. Their whole run is rehearsed with {@code bash .gpu/run.sh
 * --rehearse} (README, 'GPU').
 */
class GpuScriptsTest {

    private static ScriptRun run(Map<String, String> env, String script, String... args) throws IOException, InterruptedException {
        return ScriptRun.of(env, script, args);
    }

    private static void assertRefused(ScriptRun r, String... mentions) {
        r.assertRefused(mentions);
    }

    @Test
    void eachScriptExplainsItself() throws Exception {
        assertTrue(run(Map.of(), "scripts/gpu-carry.sh", "--help").out().contains("--djl-source DIR"));
        assertTrue(run(Map.of(), "scripts/gpu-run.sh", "--help").out().contains("--rehearse"));
        assertTrue(run(Map.of(), "bench/gpu.sh", "--help").out().contains("BENCH_DEVICE=cpu"));
    }

    @Test
    void unknownArgumentsAreNamed() throws Exception {
        assertRefused(run(Map.of(), "scripts/gpu-carry.sh", "--fast"), "'--fast'");
        assertRefused(run(Map.of(), "scripts/gpu-run.sh", "--fast"), "'--fast'");
        assertRefused(run(Map.of(), "bench/gpu.sh", "fast"), "'fast'");
    }

    @Test
    void carryNeedsDjlsSources(@TempDir Path tmp) throws Exception {
        assertRefused(run(Map.of(), "scripts/gpu-carry.sh"), "--djl-source DIR");
        assertRefused(run(Map.of(), "scripts/gpu-carry.sh", "--djl-source", tmp.toString()),
                "--djl-source " + tmp, "neither DJL's source tree nor a DJL repository with tag v0.36.0");
    }

    @Test
    void benchmarkSettingsAreCheckedFirst(@TempDir Path tmp) throws Exception {
        assertRefused(run(Map.of("BENCH_DEVICE", "tpu"), "bench/gpu.sh"), "BENCH_DEVICE", "'tpu'");
        assertRefused(run(Map.of("BENCH_DEVICE", "cpu", "BENCH_REPEAT", "0"), "bench/gpu.sh"), "BENCH_REPEAT", "'0'");
        assertRefused(run(Map.of("BENCH_DEVICE", "cpu"), "bench/gpu.sh"), "CP is not set");
        assertRefused(run(Map.of("BENCH_DEVICE", "cpu", "CP", "x", "BENCH_DATA", tmp.resolve("none").toString()),
                "bench/gpu.sh"), "no data folder " + tmp.resolve("none"));
    }

    @Test
    void benchmarkRoundsAndModelsAreChecked() throws Exception {
        assertRefused(run(Map.of("BENCH_DEVICE", "cpu", "ROUNDS", "abc"), "bench/gpu.sh"), "ROUNDS", "'abc'");
        assertRefused(run(Map.of("BENCH_DEVICE", "cpu", "ROUNDS", "0"), "bench/gpu.sh"), "ROUNDS", "'0'");
        assertRefused(run(Map.of("BENCH_DEVICE", "cpu", "MODELS", "course bogus"), "bench/gpu.sh"),
                "unknown model 'bogus'", "course wide large cnn");
    }

    @Test
    void theBenchmarksClassesAndPythonAreCheckedBeforeAnyRun(@TempDir Path tmp) throws Exception {
        // a class path without the compiled benchmark: named, not three Java errors and a table of nan
        assertRefused(run(Map.of("BENCH_DEVICE", "cpu", "CP", "target/classes", "BENCH_DATA", "data/mnist"), "bench/gpu.sh"),
                "CP='target/classes'", "Bench.class");
        Path classes = Files.createDirectories(tmp.resolve("classes/dev/nntrain/cli")).getParent().getParent().getParent();
        for (String c : new String[] {"Bench.class", "DenseSteps.class", "dev/nntrain/cli/Nntrain.class"}) {
            Files.writeString(classes.resolve(c), "");
        }
        Map<String, String> env = Map.of("BENCH_DEVICE", "cpu", "CP", classes.toString(), "BENCH_DATA", "data/mnist",
                "PYTHON", tmp.resolve("none").toString());
        assertRefused(run(env, "bench/gpu.sh"), "no Python at '" + tmp.resolve("none") + "'");
        Path noTorch = tmp.resolve("python-without-torch");
        Files.writeString(noTorch, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(noTorch, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertRefused(run(Map.of("BENCH_DEVICE", "cpu", "CP", classes.toString(), "BENCH_DATA", "data/mnist",
                "PYTHON", noTorch.toString()), "bench/gpu.sh"), noTorch + " cannot import torch");
    }

    @Test
    void theRunNeedsAPythonWithTorch(@TempDir Path tmp) throws Exception {
        Path noTorch = tmp.resolve("python-without-torch");
        Files.writeString(noTorch, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(noTorch, PosixFilePermissions.fromString("rwxr-xr-x"));
        // gpu-run.sh reads .gpu/ first: without a carry it says so, with one it checks the Python
        ScriptRun r = run(Map.of("PYTHON", noTorch.toString()), "scripts/gpu-run.sh", "--rehearse");
        if (Files.exists(Path.of(".gpu/jdk.tar.xz"))) {
            assertRefused(r, noTorch + " cannot import torch", "set PYTHON");
        } else {
            assertRefused(r, "no .gpu/jdk.tar.xz");
        }
    }
}

package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * scripts/build-djl-jni.sh's argument handling and messages, which a CPU machine can check: every
 * refusal is one line on stderr naming the bad value, with exit status 2, before anything is built.
 */
class BuildDjlJniScriptTest {

    private static ScriptRun run(String... args) throws IOException, InterruptedException {
        return ScriptRun.of(Map.of(), "scripts/build-djl-jni.sh", args);
    }

    private static ScriptRun run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return ScriptRun.of(env, "scripts/build-djl-jni.sh", args);
    }

    private static void assertRefused(ScriptRun r, String... mentions) {
        r.assertRefused(mentions);
    }

    @Test
    void helpPrintsTheUsage() throws Exception {
        ScriptRun r = run("--help");
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

    /**
     * A stand-in for python3 that answers the script's probe as a torch of the given version
     * would: version, library folder, CMake folder, CUDA version.
     */
    private static String fakePython(Path dir, String torchVersion, Path cmakeDir) throws IOException {
        Path py = dir.resolve("python-" + torchVersion);
        Files.writeString(py, "#!/bin/sh\nprintf '%s\\n' " + torchVersion + " " + dir + " " + cmakeDir + " ''\n");
        Files.setPosixFilePermissions(py, PosixFilePermissions.fromString("rwxr-xr-x"));
        return py.toString();
    }

    /** A folder holding Torch/TorchConfig.cmake of the given version, as libtorch-dev installs. */
    private static Path torchCmake(Path dir, String version) throws IOException {
        Path torch = Files.createDirectories(dir.resolve("cmake-" + version).resolve("Torch"));
        Files.writeString(torch.resolve("TorchConfig.cmake"), "");
        Files.writeString(torch.resolve("TorchConfigVersion.cmake"), "set(PACKAGE_VERSION \"" + version + "\")\n");
        return torch.getParent();
    }

    @Test
    void refusesATorchOlderThanDjlsJniSupports(@TempDir Path tmp) throws Exception {
        assertRefused(run("--python", fakePython(tmp, "1.12.1", tmp)), "torch 1.12.1", "1.13 or newer");
        assertRefused(run("--python", fakePython(tmp, "nightly", tmp)), "'nightly'");
    }

    @Test
    void findsTorchsCmakePackageOrSaysWhereToGetOne(@TempDir Path tmp) throws Exception {
        // no package inside this 'torch', and no system one of version 2.5
        assertRefused(run("--python", fakePython(tmp, "2.5.1", tmp.resolve("none"))), "torch 2.5.1", "--torch-cmake");
        assertRefused(run("--python", fakePython(tmp, "2.5.1", tmp), "--torch-cmake", tmp.toString()),
                "--torch-cmake " + tmp, "no Torch/TorchConfig.cmake");
        // a package of another version than the Python's torch
        assertRefused(run("--python", fakePython(tmp, "2.5.1", tmp), "--torch-cmake", torchCmake(tmp, "1.13.0").toString()),
                "torch 1.13", "torch 2.5.1");
    }

    @Test
    void needsAJdkWithItsHeaders(@TempDir Path tmp) throws Exception {
        String py = fakePython(tmp, "2.7.1", torchCmake(tmp, "2.7.1"));
        Path runtime = Files.createDirectories(tmp.resolve("jre/bin"));
        Files.writeString(runtime.resolve("javac"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(runtime.resolve("javac"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path javaHome = runtime.getParent();
        assertRefused(run(Map.of("JAVA_HOME", javaHome.toString()), "--python", py), "JAVA_HOME=" + javaHome, "include/jni.h");
        assertRefused(run(Map.of("JAVA_HOME", tmp.resolve("nojdk").toString()), "--python", py), "bin/javac");
    }

    @Test
    void checksTheDjlSourceTree(@TempDir Path tmp) throws Exception {
        assertRefused(run("--djl-source", tmp.resolve("none").toString()), "not a directory");
        Files.createDirectories(tmp.resolve("engines/pytorch/pytorch-native"));
        Files.writeString(tmp.resolve("engines/pytorch/pytorch-native/CMakeLists.txt"), "");
        assertRefused(run("--djl-source", tmp.toString()), "PyTorchLibrary.java", tmp.toString());
    }

    @Test
    void namesATorchCmakeFolderGivenOneLevelTooDeepOrWithoutAVersion(@TempDir Path tmp) throws Exception {
        Path cmake = torchCmake(tmp, "2.5.1");
        String py = fakePython(tmp, "2.5.1", tmp.resolve("none"));
        assertRefused(run("--python", py, "--torch-cmake", cmake.resolve("Torch").toString()),
                "is the Torch folder itself", "give the folder above it, " + cmake);
        Files.writeString(cmake.resolve("Torch/TorchConfigVersion.cmake"), "# no version here\n");
        assertRefused(run("--python", py, "--torch-cmake", cmake.toString()),
                "--torch-cmake " + cmake, "no version in Torch/TorchConfigVersion.cmake");
    }

    @Test
    void takesDjlsSourcesFromARepositoryHoldingTheTag(@TempDir Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("djl"));
        for (String f : new String[] {"engines/pytorch/pytorch-native/CMakeLists.txt",
                "engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java",
                "api/src/main/native/djl_common.h"}) {
            Files.createDirectories(repo.resolve(f).getParent());
            Files.writeString(repo.resolve(f), "");
        }
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "DJL");
        git(repo, "tag", "v0.36.0");
        git(repo, "rm", "-q", "-r", "engines"); // the checked-out tree no longer holds them: the tag's files are read
        Path bare = tmp.resolve("djl.git");
        git(tmp, "clone", "-q", "--bare", repo.toString(), bare.toString());
        // past the source check, the script reaches the Python's torch (too old here)
        for (Path source : new Path[] {repo, bare}) {
            assertRefused(run("--djl-source", source.toString(), "--python", fakePython(tmp, "1.12.1", tmp)),
                    "torch 1.12.1", "1.13 or newer");
        }
        git(repo, "tag", "-d", "v0.36.0");
        assertRefused(run("--djl-source", repo.toString()), repo + " has no engines/pytorch/pytorch-native/CMakeLists.txt");
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "git " + String.join(" ", args) + ": " + out);
    }
}

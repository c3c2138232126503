package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * When PyTorch's native library does not load (the usual failure of a GPU set-up), the command
 * line says so in one line that names DJL's message, its root cause and where to look, exits
 * with status 1 and writes nothing; {@code doctor} prints the settings DJL read before it.
 */
class EngineLoadFailureTest {

    @Test
    void aFailedDownloadIsExplained() {
        Assumptions.assumeTrue(System.getenv("PYTORCH_LIBRARY_PATH") == null, "PYTORCH_LIBRARY_PATH is set here");
        EngineException e = new EngineException("Failed to save pytorch index file",
                new java.io.IOException("download", new UnknownHostException("publish.djl.ai")));
        e.setStackTrace(new StackTraceElement[] {LOADER});
        String line = Errors.engineProblem(new RuntimeException(e));
        assertTrue(line.startsWith("PyTorch's native library did not load: Failed to save pytorch index file"
                + " (UnknownHostException: publish.djl.ai); "), line);
        assertTrue(line.contains("needs the network"), line);
    }

    /** A frame of DJL's native-library loader, where loading failures are thrown. */
    private static final StackTraceElement LOADER =
            new StackTraceElement("ai.djl.pytorch.jni.LibUtils", "loadLibrary", "LibUtils.java", 1);

    @Test
    void otherFailuresAreNotTheEngines() {
        assertNull(Errors.engineProblem(new IllegalStateException("x", new UnknownHostException("h"))));
        // the engine failing while it runs: "CUDA out of memory" is not a loading problem
        EngineException running = new EngineException("CUDA out of memory. Tried to allocate 20.00 GiB");
        running.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("ai.djl.pytorch.jni.PyTorchLibrary", "torchMatmul", "PyTorchLibrary.java", 1)});
        assertNull(Errors.engineProblem(running));
    }

    private record Child(int status, String out, String err) {}

    /** nntrain in a fresh JVM whose PYTORCH_LIBRARY_PATH names a folder with an unloadable libtorch.so. */
    private static Child run(Path brokenLibrary, Path dir, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Nntrain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PYTORCH_LIBRARY_PATH", brokenLibrary.toString());
        Process p = pb.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Child(p.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    @Test
    void anUnloadableLibraryIsOneLineAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Files.writeString(lib.resolve("libtorch.so"), "not a library");
        Files.writeString(lib.resolve("libdjl_torch.so"), "not a library");
        Path output = tmp.resolve("model");

        Child train = run(lib, tmp, "train", "--epochs", "1", "--output", output.toString());
        assertEquals(1, train.status(), train.out() + train.err());
        List<String> errLines = train.err().strip().lines().filter(l -> l.startsWith("nntrain:")).toList();
        assertEquals(1, errLines.size(), train.err());
        assertTrue(errLines.get(0).contains("PyTorch's native library did not load")
                && errLines.get(0).contains(lib + File.separator + "libtorch.so"), errLines.get(0));
        assertFalse(Files.exists(output), "no model folder");

        Child doctor = run(lib, tmp, "doctor");
        assertEquals(1, doctor.status(), doctor.out() + doctor.err());
        assertTrue(doctor.out().contains("PYTORCH_LIBRARY_PATH=" + lib), doctor.out());
        assertTrue(doctor.out().contains("engine: PyTorch's native library did not load"), doctor.out());
    }

    /** A PYTORCH_LIBRARY_PATH without libtorch.so: DJL loads its own library, and doctor says the setting went unused. */
    @Test
    void doctorSaysWhenPytorchLibraryPathWasNotUsed(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty-lib"));
        Child doctor = run(empty, tmp, "doctor");
        assertEquals(1, doctor.status(), doctor.out() + doctor.err());
        assertTrue(doctor.out().contains("problem: PYTORCH_LIBRARY_PATH=" + empty + " was not used (it holds no libtorch.so):"
                + " DJL loaded "), doctor.out());
        assertTrue(doctor.out().contains("\nflavour: cpu\n"), "the flavour of the library that loaded: " + doctor.out());
    }
}


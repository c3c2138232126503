package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DJL_CACHE_DIR that cannot hold DJL's cache is refused in one line naming the variable, its
 * value and what is wrong, with exit status 2 and no model written, for the embedded subset and
 * for --data-dir. The value goes in as the system property DJL reads when the environment
 * variable is unset (DJL's Utils.getEnvOrSystemProperty), so that the test runs in-process.
 */
class CliDjlCacheTest {

    private static final String FIX = "; set DJL_CACHE_DIR to a folder you can write, or unset it for ~/.djl.ai";

    @TempDir Path tmp;

    private String before;

    @BeforeEach
    void onlyWithoutTheVariable() {
        Assumptions.assumeTrue(System.getenv("DJL_CACHE_DIR") == null, "DJL_CACHE_DIR is set in the environment");
        before = System.getProperty("DJL_CACHE_DIR");
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("DJL_CACHE_DIR");
        } else {
            System.setProperty("DJL_CACHE_DIR", before);
        }
    }

    private CliRun train(Path cache, String... more) {
        System.setProperty("DJL_CACHE_DIR", cache.toString());
        String[] args = new String[4 + more.length];
        args[0] = "train";
        args[1] = "--epochs";
        args[2] = "1";
        args[3] = "-o=" + tmp.resolve("model");
        System.arraycopy(more, 0, args, 4, more.length);
        return CliRun.of(args);
    }

    private void assertRefused(CliRun run, String line) {
        assertEquals(2, run.status(), "exit status; stderr: " + run.err() + "; stdout: " + run.out());
        assertEquals("nntrain: " + line, run.errorLine());
        assertFalse(Files.exists(tmp.resolve("model")), "no model written");
    }

    @Test
    void aFileIsNotAFolder() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertRefused(train(file),
                "DJL_CACHE_DIR=" + file + " cannot hold DJL's cache: " + file + " is a file, not a folder" + FIX);
        // --data-dir goes through DJL's cache too (its prepared copy): it said "...: Not a directory", status 1
        assertRefused(train(file, "--data-dir", "data/mnist"),
                "DJL_CACHE_DIR=" + file + " cannot hold DJL's cache: " + file + " is a file, not a folder" + FIX);
    }

    @Test
    void aFolderUnderAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path under = file.resolve("cache-here");
        assertRefused(train(under), "DJL_CACHE_DIR=" + under + " cannot hold DJL's cache: " + file
                + " is a file, so " + under + " cannot be created below it" + FIX);
        assertRefused(train(under, "--data-dir", "data/mnist"), "DJL_CACHE_DIR=" + under + " cannot hold DJL's cache: "
                + file + " is a file, so " + under + " cannot be created below it" + FIX);
    }

    @Test
    void aFolderThatCannotBeWritten() throws IOException {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path readonly = Files.createDirectories(tmp.resolve("readonly"));
        assertTrue(readonly.toFile().setWritable(false, false));
        try {
            assertRefused(train(readonly), "DJL_CACHE_DIR=" + readonly + " cannot hold DJL's cache: cannot create"
                    + " folders in " + readonly + ": permission denied" + FIX);
            Path below = readonly.resolve("sub");
            assertRefused(train(below, "--data-dir", "data/mnist"), "DJL_CACHE_DIR=" + below
                    + " cannot hold DJL's cache: cannot create folders in " + readonly + ": permission denied" + FIX);
        } finally {
            readonly.toFile().setWritable(true, true);
        }
    }

    @Test
    void aFolderWhereNothingCanBeCreated() {
        Path proc = Path.of("/proc");
        Assumptions.assumeTrue(Files.isDirectory(proc.resolve("self")), "no /proc");
        CliRun run = train(proc);
        assertEquals(2, run.status(), "exit status; stderr: " + run.err());
        String line = run.errorLine();
        assertTrue(line.startsWith("nntrain: DJL_CACHE_DIR=/proc cannot hold DJL's cache: cannot create folders in /proc: "), line);
        assertTrue(line.endsWith(FIX), line);
    }

    /**
     * Without PYTORCH_LIBRARY_PATH DJL unpacks PyTorch's native library from its jar (or downloads
     * it, in a -Pgpu build) into the cache before any data is read: a CSV run meets the bad cache
     * there, which DJL reports as a failure to load the library ("check PYTORCH_LIBRARY_PATH..."),
     * and it was status 1. In a fresh JVM, where the engine has not loaded yet.
     */
    @Test
    void theEnginesNativeLibraryGoesThroughTheCacheToo() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-DDJL_CACHE_DIR=" + file,
                "-cp", System.getProperty("java.class.path"), Nntrain.class.getName(),
                "train", "--epochs", "1", "--dataset", "csv:data/iris.csv", "-o", tmp.resolve("model").toString());
        pb.environment().remove("PYTORCH_LIBRARY_PATH");
        pb.environment().remove("DJL_CACHE_DIR");
        pb.environment().remove("ENGINE_CACHE_DIR");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process child = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM finishes");
        String stderr = Files.readString(err);
        assertEquals(2, child.exitValue(), stderr + Files.readString(out));
        assertEquals("nntrain: DJL_CACHE_DIR=" + file + " cannot hold DJL's cache: " + file + " is a file, not a folder"
                + FIX + "\n", stderr);
        assertFalse(Files.exists(tmp.resolve("model")), "no model written");
    }
}

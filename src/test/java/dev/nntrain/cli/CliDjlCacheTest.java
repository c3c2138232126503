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
        String run = child("-DDJL_CACHE_DIR=" + file,
                "train", "--epochs", "1", "--dataset", "csv:data/iris.csv", "-o", tmp.resolve("model").toString());
        assertEquals("2\nnntrain: DJL_CACHE_DIR=" + file + " cannot hold DJL's cache: " + file + " is a file, not a folder"
                + FIX + "\n--\n", run);
        assertFalse(Files.exists(tmp.resolve("model")), "no model written");
    }

    /** A broken link named by DJL_CACHE_DIR: it said "cannot create folders in PARENT: it already exists". */
    @Test
    void aDanglingLinkOrALinkLoopIsNamed() throws IOException {
        Path target = tmp.resolve("nowhere");
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), target);
        assertRefused(train(dangling), "DJL_CACHE_DIR=" + dangling + " cannot hold DJL's cache: " + dangling
                + " is a symbolic link to " + target + ", which does not exist" + FIX);
        Path below = dangling.resolve("sub");
        assertRefused(train(below, "--data-dir", "data/mnist"), "DJL_CACHE_DIR=" + below + " cannot hold DJL's cache: "
                + dangling + " is a symbolic link to " + target + ", which does not exist, so " + below
                + " cannot be created below it" + FIX);
        Path loopA = tmp.resolve("loopA");
        Files.createSymbolicLink(tmp.resolve("loopB"), loopA);
        Files.createSymbolicLink(loopA, tmp.resolve("loopB"));
        // it said "cannot create folders in TMP: Too many levels of symbolic links"
        assertRefused(train(loopA), "DJL_CACHE_DIR=" + loopA + " cannot hold DJL's cache: " + loopA
                + " is a symbolic link loop" + FIX);
    }

    /** /proc/self is there, but mkdir in it answers ENOENT: it said only "no such file or directory". */
    @Test
    void aFolderWhoseFileSystemRefusesFoldersIsNotCalledMissing() {
        Path self = Path.of("/proc/self");
        Assumptions.assumeTrue(Files.isDirectory(self.resolve("fd")), "no /proc/self");
        assertRefused(train(self), "DJL_CACHE_DIR=/proc/self cannot hold DJL's cache: cannot create folders in /proc/self:"
                + " its file system allows none there (mkdir answers \"no such file or directory\" although /proc/self"
                + " exists)" + FIX);
    }

    /**
     * A folder inside the cache where DJL keeps one: a file, or a broken link. DJL failed to create
     * cache/repo/dataset..., and the bare path came out with exit status 1.
     */
    @Test
    void aFileOrABrokenLinkInsideTheCache() throws IOException {
        Path cache = Files.createDirectories(tmp.resolve("djl").resolve("cache"));
        Path repo = Files.writeString(cache.resolve("repo"), "x");
        assertRefused(train(cache.getParent()), "DJL_CACHE_DIR=" + cache.getParent() + " cannot hold DJL's cache: "
                + repo + " is a file where DJL keeps a folder" + FIX);
        Files.delete(repo);
        Files.createSymbolicLink(repo, tmp.resolve("gone"));
        assertRefused(train(cache.getParent(), "--data-dir", "data/mnist"), "DJL_CACHE_DIR=" + cache.getParent()
                + " cannot hold DJL's cache: " + repo + " is a symbolic link to " + tmp.resolve("gone")
                + ", which does not exist, where DJL keeps a folder" + FIX);
    }

    /** cache/repo left owned by root after a sudo run: the bare path of cache/repo/dataset, status 1. */
    @Test
    void aFolderInsideTheCacheThatCannotBeWritten() throws IOException {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path cache = Files.createDirectories(tmp.resolve("djl").resolve("cache"));
        Path repo = Files.createDirectories(cache.resolve("repo"));
        assertTrue(repo.toFile().setWritable(false, false));
        try {
            assertRefused(train(cache.getParent()), "DJL_CACHE_DIR=" + cache.getParent() + " cannot hold DJL's cache:"
                    + " cannot create folders in " + repo + ": permission denied" + FIX);
        } finally {
            repo.toFile().setWritable(true, true);
        }
    }

    private String child(String property, String... args) throws Exception {
        Path jvm = Path.of(System.getProperty("java.home"), "bin", "java");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(jvm.toString(), property,
                "-cp", System.getProperty("java.class.path"), Nntrain.class.getName()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("PYTORCH_LIBRARY_PATH");
        pb.environment().remove("DJL_CACHE_DIR");
        pb.environment().remove("ENGINE_CACHE_DIR");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process child = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM finishes");
        return child.exitValue() + "\n" + Files.readString(err) + "--\n" + Files.readString(out);
    }

    /**
     * The engine's library goes through the cache (a CSV run) with a broken link for DJL_CACHE_DIR
     * or ENGINE_CACHE_DIR: "PyTorch's native library did not load: ... FileAlreadyExistsException",
     * status 1, because a failure on the cache root itself was skipped. And nntrain doctor.
     */
    @Test
    void theEngineMeetsABrokenLinkOrAFileForTheCache() throws Exception {
        Path target = tmp.resolve("nowhere");
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), target);
        String csv = "csv:data/iris.csv";
        String model = tmp.resolve("model").toString();
        assertEquals("2\nnntrain: DJL_CACHE_DIR=" + dangling + " cannot hold DJL's cache: " + dangling
                + " is a symbolic link to " + target + ", which does not exist" + FIX + "\n--\n",
                child("-DDJL_CACHE_DIR=" + dangling, "train", "--epochs", "1", "--dataset", csv, "-o", model));
        Path loopA = tmp.resolve("loopA");
        Files.createSymbolicLink(tmp.resolve("loopB"), loopA);
        Files.createSymbolicLink(loopA, tmp.resolve("loopB"));
        assertEquals("2\nnntrain: ENGINE_CACHE_DIR=" + loopA + " cannot hold DJL's cache: " + loopA
                + " is a symbolic link loop; set ENGINE_CACHE_DIR to a folder you can write, or unset it for"
                + " DJL_CACHE_DIR's\n--\n",
                child("-DENGINE_CACHE_DIR=" + loopA, "train", "--epochs", "1", "--dataset", csv, "-o", model));
        assertFalse(Files.exists(tmp.resolve("model")), "no model written");

        // doctor: the same line after "engine: ", its exit status for a problem (1) unchanged
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        String doctor = child("-DDJL_CACHE_DIR=" + file, "doctor");
        assertTrue(doctor.startsWith("1\n"), doctor);
        assertTrue(doctor.contains("\nengine: DJL_CACHE_DIR=" + file + " cannot hold DJL's cache: " + file
                + " is a file, not a folder" + FIX + "\n"), doctor);
    }
}

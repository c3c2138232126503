package dev.nntrain.data.mnist;

import dev.nntrain.data.mnist.EmbeddedMnistProbe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.util.Utils;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** The MNIST subset travels inside the library jar, built from data/mnist, and loads from anywhere. */
class EmbeddedMnistTest {

    @Test
    void theExtractedFolderHasTheUmasksPermissionsNotOwnerOnly(@TempDir Path tmp) throws IOException {
        Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path dir = EmbeddedMnist.directory(tmp);
        Assumptions.assumeTrue(dir != null, "the embedded subset is on the class path");
        // the oracle: what any new folder in the same place gets from this process's umask
        Path plain = Files.createDirectory(dir.getParent().resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(dir), dir.toString());
    }

    @Test
    void theJarsFilesAreTheRepositorysFiles() throws IOException {
        for (String name : MnistSource.FILE_NAMES) {
            try (InputStream in = MnistSource.class.getResourceAsStream(EmbeddedMnist.RESOURCE_FOLDER + name)) {
                assertNotNull(in, name + " is on the class path");
                assertArrayEquals(Files.readAllBytes(MnistSource.DEFAULT_DIR.resolve(name)), in.readAllBytes(), name);
            }
        }
    }

    @Test
    void loadsFromACopyOfTheJarInAnEmptyDirectory(@TempDir Path tmp) throws Exception {
        Path jar = libraryJar(tmp.resolve("lib").resolve("nntrain.jar"));
        Path empty = Files.createDirectories(tmp.resolve("elsewhere"));
        Path cache = tmp.resolve("djl-cache");
        List<String> classPath = new ArrayList<>();
        classPath.add(jar.toString());
        Path classes = classesLocation();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!Path.of(entry).toAbsolutePath().equals(classes)) {
                classPath.add(Path.of(entry).toAbsolutePath().toString()); // the dependencies and this probe
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(),
                "-DDJL_CACHE_DIR=" + cache,
                "-DENGINE_CACHE_DIR=" + Utils.getEngineCacheDir(), // the engine's natives, unpacked once already
                "-Dai.djl.pytorch.num_threads=1",
                // the library jar leaves logging to the application; these are the settings the
                // runnable jar's simplelogger.properties gives (and surefire gives this JVM)
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error",
                "-cp", String.join(File.pathSeparator, classPath),
                EmbeddedMnistProbe.class.getName())
                .directory(empty.toFile());
        pb.environment().remove("DJL_CACHE_DIR");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process child = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM finishes");
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), stdout + stderr);
        // 8000 and 2000 digits; the labels of the training digits add up as the class counts say
        long labelSum = 0;
        int[] trainCounts = {801, 902, 793, 826, 784, 690, 811, 856, 755, 782};
        for (int digit = 0; digit < 10; digit++) {
            labelSum += (long) digit * trainCounts[digit];
        }
        assertTrue(stdout.startsWith("train 8000 test 2000 labels " + labelSum + " from " + cache), stdout);
        assertEquals("", stderr, "no warnings, no download progress");
        try (Stream<Path> left = Files.list(empty)) {
            assertEquals(0, left.count(), "nothing written in the working directory");
        }
    }

    /** Where the library's classes are: target/classes under Maven, or a jar. */
    private static Path classesLocation() throws Exception {
        return Path.of(MnistSource.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    }

    /** Packs the library's classes and resources as the jar plugin does, or copies the jar they came from. */
    private static Path libraryJar(Path target) throws Exception {
        Files.createDirectories(target.getParent());
        Path classes = classesLocation();
        if (Files.isRegularFile(classes)) {
            return Files.copy(classes, target);
        }
        try (OutputStream file = Files.newOutputStream(target);
                JarOutputStream jar = new JarOutputStream(file);
                Stream<Path> paths = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile).sorted()::iterator) {
                jar.putNextEntry(new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, jar);
                jar.closeEntry();
            }
        }
        return target;
    }
}

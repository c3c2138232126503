package dev.nntrain.data.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The MNIST subset that nntrain's jar carries as class-path resources ({@code
 * dev/nntrain/data/mnist/*.gz}, copied from the repository's {@code data/mnist} by the Maven
 * build), written out once into a directory that DJL's readers can take.
 *
 * <p>DJL reads datasets from files, not from class-path resources, so the four files are written
 * to {@code <cache>/cache/nntrain-embedded/mnist-<hash>}, the hash being that of their contents:
 * a jar with other files gets another directory, and a directory, once there, is complete
 * (it is written under a temporary name and renamed).
 */
final class EmbeddedMnist {

    /** Where the resources are: this class's own package folder, where the build copies them (pom.xml). */
    static final String RESOURCE_FOLDER = "/dev/nntrain/data/mnist/";

    private static final Map<Path, Path> EXTRACTED = new LinkedHashMap<>();

    private EmbeddedMnist() {}

    /**
     * Returns a directory holding the four files, writing them on first use.
     *
     * @param cacheRoot the cache root (DJL's cache directory by default)
     * @return the directory, or null when the class path has no embedded subset (classes run
     *     without Maven's resource copy)
     * @throws UncheckedIOException if the files cannot be written
     */
    static synchronized Path directory(Path cacheRoot) {
        Path known = EXTRACTED.get(cacheRoot);
        if (known != null && Files.isDirectory(known)) {
            return known;
        }
        Map<String, byte[]> files = read();
        if (files == null) {
            return null;
        }
        Path dir = cacheRoot.resolve("cache").resolve("nntrain-embedded").resolve("mnist-" + hash(files));
        if (!Files.isDirectory(dir)) {
            write(files, dir);
        }
        EXTRACTED.put(cacheRoot, dir);
        return dir;
    }

    private static Map<String, byte[]> read() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : MnistSource.FILE_NAMES) {
            try (InputStream in = EmbeddedMnist.class.getResourceAsStream(RESOURCE_FOLDER + name)) {
                if (in == null) {
                    return null;
                }
                files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the embedded MNIST file " + name + ": " + e.getMessage(), e);
            }
        }
        return files;
    }

    private static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((name, bytes) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update(bytes);
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static void write(Map<String, byte[]> files, Path dir) {
        Path partial = null;
        try {
            Files.createDirectories(dir.getParent());
            partial = newFolder(dir.getParent());
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(partial.resolve(file.getKey()), file.getValue());
            }
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            partial = null;
        } catch (IOException e) {
            // another process may have renamed its own complete copy into place first
            if (!Files.isDirectory(dir)) {
                throw new UncheckedIOException(
                        "cannot write the embedded MNIST subset to " + dir + ": " + e.getMessage(), e);
            }
        } finally {
            deleteQuietly(partial);
        }
    }

    /**
     * A new folder with a fresh name, made with the umask's permissions: {@code
     * Files.createTempDirectory} makes it readable by its owner alone, and a cache shared by several
     * users (one DJL_CACHE_DIR) would then hold digits only the first user can read.
     */
    private static Path newFolder(Path parent) throws IOException {
        java.util.Random random = new java.security.SecureRandom();
        for (int attempt = 0; ; attempt++) {
            Path candidate = parent.resolve("partial-" + Long.toUnsignedString(random.nextLong(), 36));
            try {
                return Files.createDirectory(candidate);
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                if (attempt == 100) {
                    throw taken;
                }
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}

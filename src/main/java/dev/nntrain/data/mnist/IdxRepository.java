package dev.nntrain.data.mnist;

import ai.djl.repository.LocalRepository;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DJL repository that describes one directory of MNIST-style IDX files, so that DJL's
 * {@code Mnist} and {@code FashionMnist} datasets can read local files instead of downloading.
 *
 * <p>DJL copies (and gunzips) a dataset's files into its cache the first time it is prepared and
 * never looks at the source again; the cache entry is found only by group, artifact and version.
 * To keep two sources from ever sharing an entry, the artifact id carries a hash of the four files'
 * contents: changed files get a new entry, and only byte-identical files can share one (which is
 * harmless). The generated {@code metadata.json} points at the files with absolute {@code file:}
 * URIs, because DJL resolves relative URIs differently when preparing and when reading.
 *
 * <p>Both the metadata and the prepared copies live under a cache root that this class controls
 * (by default DJL's own cache directory), never in the source directory, which may be read-only.
 */
final class IdxRepository extends LocalRepository {

    /** The group id of every generated artifact; its cache entries live under {@code dev/nntrain/idx}. */
    static final String GROUP_ID = "dev.nntrain.idx";

    /** DJL's MNIST builders ask for this artifact version and no other. */
    static final String VERSION = "1.0";

    private final Path cacheDir;

    private IdxRepository(Path root, Path cacheDir) {
        super("nntrain-idx", root.toUri(), root);
        this.cacheDir = cacheDir;
    }

    /**
     * Describes a set of IDX files as a DJL dataset artifact.
     *
     * @param artifactPrefix the start of the artifact id, e.g. {@code mnist}
     * @param files the files by DJL item key ({@code train_data}, {@code train_labels},
     *     {@code test_data}, {@code test_labels})
     * @param cacheRoot the directory holding the generated metadata and DJL's prepared copies
     * @return the repository and the artifact id to pass to the DJL dataset builder
     */
    static Described describe(String artifactPrefix, Map<String, Path> files, Path cacheRoot) {
        try {
            JsonObject items = new JsonObject();
            MessageDigest key = MessageDigest.getInstance("SHA-256");
            // Sorted, so that the key never depends on the caller's map order.
            for (Map.Entry<String, Path> entry : new TreeMap<>(files).entrySet()) {
                Path file = entry.getValue().toAbsolutePath().normalize();
                String sha1 = sha1(file);
                key.update((entry.getKey() + ':' + sha1 + '\n').getBytes(StandardCharsets.UTF_8));
                JsonObject item = new JsonObject();
                item.addProperty("uri", file.toUri().toString());
                item.addProperty("name", stripGz(file.getFileName().toString()));
                item.addProperty("sha1Hash", sha1); // DJL re-checks it when it copies the file
                item.addProperty("size", Files.size(file));
                items.add(entry.getKey(), item);
            }
            String artifactId =
                    artifactPrefix + '-' + HexFormat.of().formatHex(key.digest()).substring(0, 20);

            Path root = cacheRoot.resolve("cache").resolve("nntrain-idx").resolve(artifactId);
            Path metadataDir = root.resolve("dataset/cv")
                    .resolve(GROUP_ID.replace('.', '/')).resolve(artifactId);
            writeAtomically(metadataDir.resolve("metadata.json"),
                    metadata(artifactPrefix, artifactId, items, files));
            Path cacheDir = cacheRoot.resolve("cache").resolve("repo");
            return new Described(new IdxRepository(root, cacheDir), artifactId);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the DJL repository metadata under " + cacheRoot + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-1 or SHA-256", e);
        }
    }

    /**
     * The result of {@link #describe}.
     *
     * @param repository the repository to give the dataset builder
     * @param artifactId the artifact id to give the dataset builder (with {@link #GROUP_ID})
     */
    record Described(IdxRepository repository, String artifactId) {

        /**
         * Returns where DJL keeps (or will keep) its prepared copy of the files.
         *
         * @return the directory of the prepared, gunzipped files
         */
        Path preparedDirectory() {
            return repository.cacheDir.resolve("dataset/cv")
                    .resolve(GROUP_ID.replace('.', '/')).resolve(artifactId).resolve(VERSION);
        }
    }

    /** {@inheritDoc} */
    @Override
    public Path getCacheDirectory() throws IOException {
        Files.createDirectories(cacheDir);
        return cacheDir;
    }

    private static String metadata(
            String name, String artifactId, JsonObject items, Map<String, Path> files) {
        JsonObject artifact = new JsonObject();
        artifact.addProperty("version", VERSION);
        artifact.addProperty("snapshot", false);
        artifact.add("files", items);
        JsonArray artifacts = new JsonArray();
        artifacts.add(artifact);

        JsonObject metadata = new JsonObject();
        metadata.addProperty("metadataVersion", "0.2");
        metadata.addProperty("resourceType", "dataset");
        metadata.addProperty("application", "cv");
        metadata.addProperty("groupId", GROUP_ID);
        metadata.addProperty("artifactId", artifactId);
        metadata.addProperty("name", name);
        metadata.addProperty("description",
                "IDX files generated by nntrain for " + files.values().iterator().next()
                        .toAbsolutePath().getParent());
        metadata.add("artifacts", artifacts);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(metadata);
    }

    // Another process may read the file while we write it; a rename never exposes half a file.
    private static void writeAtomically(Path target, String content) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "metadata", ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String sha1(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-1");
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String stripGz(String name) {
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}

package dev.nntrain.model.file;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.types.DataType;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;

import dev.nntrain.InputFiles;
import dev.nntrain.model.Layer;
import dev.nntrain.model.LayerShapes;
import dev.nntrain.model.ModelFormatException;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.Shapes;
import dev.nntrain.model.layer.LayerConfig;
import dev.nntrain.model.layer.LayerRegistry;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@link Sequential} model's directory: {@value #CONFIG}, which describes the model (layers,
 * input shape, data type, properties) and names its other files with their sizes and SHA-256s,
 * and {@code model-<hash>.params}, DJL's encoding of the parameters. A training checkpoint adds
 * attachments, such as the optimiser's state, named the same way.
 *
 * <p>Saving replaces the directory atomically (see {@link DirectoryCommit}): a process killed at
 * any moment leaves the complete old or the complete new model. Loading treats the files as
 * untrusted input: {@value #CONFIG} carries a checksum of itself that covers, through the
 * recorded hashes, every file of the model ({@link ConfigChecksum}); every size is bounded before
 * anything is allocated; the parameter file must have exactly the length that the architecture
 * implies ({@link ParameterEncoding}); only regular files are read.
 */
public final class ModelFiles {

    /** The description's file name. */
    public static final String CONFIG = "model.json";
    /** The parameter file's name in models saved before format 2. */
    static final String LEGACY_PARAMS = "model.params";

    private static final String FORMAT = "nntrain-sequential";
    private static final int FORMAT_VERSION = 2;
    private static final String PARAMETERS = "parameters";
    /** The largest description read: a model nntrain writes stays far below it. */
    static final int MAX_CONFIG_BYTES = 1 << 20;
    /** The most layers a saved model may have. */
    static final int MAX_LAYERS = 1024;
    /** The most axes of an example. */
    static final int MAX_INPUT_RANK = 4;
    /** The most values of one example entering or leaving any layer. */
    static final long MAX_EXAMPLE_VALUES = 1L << 28;
    private static final Pattern FILE_NAME = Pattern.compile("([a-z]+)-([0-9a-f]{16})\\.(params|bin)");
    // serializeNulls: a kernel regularizer is saved in Keras' form, whose "registered_name" is null;
    // every other value of a description is non-null (null properties are left out, as before)
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private ModelFiles() {}

    /**
     * Checks, before any work, that a model could be saved at a path: the path is not the root,
     * it is absent or a directory holding only a model, its nearest existing ancestor is a
     * directory (not a link to nowhere) this process can create files in, and that file system has
     * room for the model.
     *
     * @param dir the model directory
     * @param bytes the model's estimated size on disk, or 0 when not known yet
     * @throws ModelFormatException naming the path and what is wrong
     */
    public static void checkSaveTarget(Path dir, long bytes) {
        Objects.requireNonNull(dir, "dir");
        Path absolute = dir.toAbsolutePath().normalize();
        if (absolute.getFileName() == null) {
            throw new ModelFormatException("cannot write a model at " + absolute
                    + ": that is the root directory; name a directory for the model, e.g. models/mnist");
        }
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new ModelFormatException(absolute + " exists and is not a directory; expected a model directory");
        }
        if (Files.isDirectory(absolute)) {
            try {
                DirectoryCommit.checkOwned(absolute, ModelFiles::isOwned);
            } catch (IOException e) {
                throw new ModelFormatException(e.getMessage() + " with a model", e);
            }
        }
        // NOFOLLOW_LINKS: Files.exists follows a link, so a link to nowhere would read as absent and
        // pass, yet the save can create no directory where the link is
        Path present = absolute;
        while (present != null && !Files.exists(present, LinkOption.NOFOLLOW_LINKS)) {
            present = present.getParent();
        }
        if (present != null && Files.isSymbolicLink(present) && !Files.exists(present)) {
            throw new ModelFormatException("cannot write a model at " + absolute + ": " + present
                    + " is a broken link (to " + linkTarget(present) + "); expected a directory or nothing there");
        }
        Path blocking = fileInTheWay(absolute);
        if (blocking != null) {
            throw new ModelFormatException(
                    "cannot write a model at " + absolute + ": " + blocking + " is a file, not a directory");
        }
        Path ancestor = nearestExisting(absolute);
        probeWritable(absolute, ancestor);
        try {
            long free = Files.getFileStore(ancestor).getUsableSpace();
            if (bytes > 0 && free < 2 * bytes) { // the new files are written before the old ones go
                throw new ModelFormatException(String.format(
                        "cannot write a model at %s: it needs about %,d bytes and %s has %,d free",
                        absolute, 2 * bytes, ancestor, free));
            }
        } catch (IOException e) {
            // the size of the file system is unknown: the save will tell
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a target that cannot be read";
        }
    }

    /** The path itself or its nearest ancestor that exists (the root, at worst). */
    private static Path nearestExisting(Path absolute) {
        Path ancestor = absolute;
        while (ancestor.getParent() != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        return ancestor;
    }

    /**
     * The file that stands where a model directory's ancestor must be: the nearest existing
     * ancestor of the path when it is not a directory, else null.
     */
    private static Path fileInTheWay(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (absolute.getParent() == null) {
            return null;
        }
        Path ancestor = nearestExisting(absolute.getParent());
        return Files.isDirectory(ancestor) ? null : ancestor;
    }

    // Files.isWritable answers from the permission bits, which say nothing to root or about a
    // read-only mount; creating a file says it all. The probe file is removed at once.
    private static void probeWritable(Path target, Path ancestor) {
        try {
            Path probe = Files.createTempFile(ancestor, ".nntrain-probe-", "");
            Files.delete(probe);
        } catch (IOException e) {
            throw new ModelFormatException("cannot write a model at " + target + ": cannot create files in " + ancestor
                    + " (" + InputFiles.reason(e) + ")");
        }
    }

    /**
     * Saves a model.
     *
     * @param model the model, built
     * @param dir the directory, created or replaced
     * @throws IOException naming the directory if writing fails
     */
    public static void save(Sequential model, Path dir) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dir, "dir");
        save(model, dir, Map.of(), DirectoryCommit.NONE);
    }

    /**
     * Saves a model with attachments: more files of the same directory, covered by the same
     * checksum and replaced in the same atomic step, for instance a training checkpoint's state.
     *
     * @param model the model, built
     * @param dir the directory, created or replaced
     * @param attachments the attachments' bytes by name (lowercase letters)
     * @throws IOException naming the directory if writing fails
     */
    public static void save(Sequential model, Path dir, Map<String, byte[]> attachments) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(attachments, "attachments");
        save(model, dir, attachments, DirectoryCommit.NONE);
    }

    static void save(Sequential model, Path dir, Map<String, byte[]> attachments, DirectoryCommit.Hook hook)
            throws IOException {
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(params)) {
            model.saveParameters(out);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, Object> described = new LinkedHashMap<>();
        described.put(PARAMETERS, describe(PARAMETERS, "params", params.toByteArray(), files));
        for (Map.Entry<String, byte[]> a : attachments.entrySet()) {
            if (!a.getKey().matches("[a-z]+") || a.getKey().equals(PARAMETERS)) {
                throw new IllegalArgumentException("attachment names are lowercase words other than "
                        + PARAMETERS + ", got '" + a.getKey() + "'");
            }
            described.put(a.getKey(), describe(a.getKey(), "bin", a.getValue(), files));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("formatVersion", FORMAT_VERSION);
        json.put(ConfigChecksum.FIELD, ConfigChecksum.PLACEHOLDER);
        json.put("inputShape", model.inputShape());
        json.put("dataType", model.dataType() == DataType.FLOAT64 ? "float64" : "float32");
        json.put("seed", model.seed());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("name", model.layerNames().get(i));
            layer.putAll(model.layers().get(i).config());
            layers.add(layer);
        }
        json.put("layers", layers);
        json.put("parameterCount", model.parameterCount());
        Map<String, String> properties = new LinkedHashMap<>();
        model.properties().forEach((key, value) -> {
            if (value != null) {
                properties.put(key, value);
            }
        });
        json.put("properties", properties);
        json.put("files", described);
        byte[] config = ConfigChecksum.seal(GSON.toJson(json)).getBytes(StandardCharsets.UTF_8);
        try {
            DirectoryCommit.write(dir, files, CONFIG, config, ModelFiles::isOwned, hook);
        } catch (FileSystemException e) {
            // the message names the directory the user gave, not a hidden temporary one; and a
            // file where a directory must be, of which the JDK says "it already exists" or "not a
            // directory", is named as checkSaveTarget names it
            Path file = fileInTheWay(dir);
            throw new IOException("cannot save the model to " + dir + ": "
                    + (file != null ? file + " is a file, not a directory" : InputFiles.reason(e)), e);
        }
    }

    private static Map<String, Object> describe(String role, String extension, byte[] bytes, Map<String, byte[]> files) {
        String sha = ConfigChecksum.sha256(bytes);
        String name = role + "-" + sha.substring(0, 16) + "." + extension;
        files.put(name, bytes);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("bytes", bytes.length);
        d.put("sha256", sha);
        return d;
    }

    /** Whether a file name in a model directory belongs to a model (this format or the last). */
    static boolean isOwned(String name) {
        return name.equals(CONFIG) || name.equals(LEGACY_PARAMS) || FILE_NAME.matcher(name).matches();
    }

    /**
     * Loads a model.
     *
     * @param dir the directory
     * @param options the device and whether to verify
     * @return the model, built, with the saved parameters and properties
     * @throws ModelFormatException naming the file and what is wrong
     * @throws IOException if reading fails
     */
    public static Sequential load(Path dir, LoadOptions options) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        Config config = Config.read(dir, options.verify());
        Path configFile = config.file();
        Sequential.Builder builder = Sequential.builder().optDataType(config.dataType());
        if (options.device() != null) {
            builder.optDevice(options.device());
        }
        for (Layer layer : config.layers()) {
            builder.add(layer);
        }
        Path paramsFile = config.filePath(PARAMETERS);
        long expected = ParameterEncoding.size(config.layers(), config.shapes(), config.dataType());
        byte[] paramBytes = config.readFile(PARAMETERS, expected, "the architecture in " + CONFIG);
        Sequential model;
        try {
            model = builder.build();
            model.build(config.inputShape(), config.seed());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(configFile + ": " + e.getMessage(), e);
        }
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(new ByteArrayInputStream(paramBytes)))) {
            model.loadParameters(in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelFormatException(
                    "model file " + paramsFile + " is corrupted or does not match " + CONFIG + ": "
                            + InputFiles.reason(e),
                    e);
        }
        model.properties().putAll(config.properties());
        return model;
    }

    /**
     * Reads an attachment saved with {@link #save(Sequential, Path, Map)}, checked against the
     * size and SHA-256 that the (verified) description records.
     *
     * @param dir the model directory
     * @param name the attachment's name
     * @param options whether to verify the checksum
     * @return its bytes
     * @throws ModelFormatException if the model has no such attachment or it is damaged
     */
    public static byte[] attachment(Path dir, String name, LoadOptions options) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        Config config = Config.read(dir, options.verify());
        return config.readFile(name, -1, CONFIG);
    }

    /**
     * Reads a saved model's properties (its loss, optimiser, how it was trained) without loading
     * its parameters.
     *
     * @param dir the model directory
     * @param options whether to verify the checksum
     * @return the properties
     * @throws ModelFormatException if the description is missing, damaged or out of bounds
     */
    public static Map<String, String> properties(Path dir, LoadOptions options) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        return Config.read(dir, options.verify()).properties();
    }

    /** A model directory's description, read, verified and bounded; nothing allocated yet. */
    private record Config(
            Path dir,
            Path file,
            Map<String, Object> json,
            boolean verify,
            long[] inputShape,
            DataType dataType,
            List<Layer> layers,
            LayerShapes shapes,
            long seed,
            Map<String, String> properties) {

        static Config read(Path dir, boolean verify) {
            if (!Files.isDirectory(dir)) {
                throw new ModelFormatException(
                        "model directory " + dir + " does not exist" + (Files.exists(dir) ? " as a directory" : "")
                                + "; expected a directory written by save() or 'nntrain train' holding " + CONFIG);
            }
            Path file = dir.resolve(CONFIG);
            String text = readText(file);
            Map<String, Object> json = parse(text, file);
            Object version = json.get("formatVersion");
            if (!(version instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || n.intValue() < 1 || n.intValue() > FORMAT_VERSION) {
                throw new ModelFormatException("model file " + file + " has format version " + LayerConfig.format(version)
                        + "; this nntrain reads versions 1 to " + FORMAT_VERSION);
            }
            if (verify) {
                if (n.intValue() < 2 || !json.containsKey(ConfigChecksum.FIELD)) {
                    throw new ModelFormatException("model file " + file + " has no checksum ("
                            + (n.intValue() < 2 ? "saved by an older nntrain" : "it was removed")
                            + "); load it with --no-verify (LoadOptions.optVerify(false)) only if you trust it");
                }
                String why = ConfigChecksum.mismatch(text, json.get(ConfigChecksum.FIELD));
                if (why != null) {
                    throw new ModelFormatException("model file " + file + " fails its checksum: " + why
                            + "; load it with --no-verify (LoadOptions.optVerify(false)) only if you trust it");
                }
            }
            long[] inputShape = inputShape(json.get("inputShape"), file);
            DataType dataType = dataType(json.get("dataType"), file);
            List<Layer> layers = layers(json.get("layers"), file);
            LayerShapes shapes;
            try {
                shapes = LayerShapes.walk(layers, Sequential.of(layers.toArray(Layer[]::new)).layerNames(), inputShape);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file + ": " + e.getMessage(), e);
            }
            for (int i = 0; i < layers.size(); i++) {
                if (values(shapes.output(i)) > MAX_EXAMPLE_VALUES) {
                    throw new ModelFormatException(file + ": layer " + (i + 1) + " outputs "
                            + values(shapes.output(i)) + " values per example; at most " + MAX_EXAMPLE_VALUES + " are read");
                }
            }
            Object seed = json.get("seed");
            Map<String, String> properties = new LinkedHashMap<>();
            if (json.get("properties") instanceof Map<?, ?> map) {
                map.forEach((k, v) -> properties.put(k.toString(), String.valueOf(v)));
            }
            return new Config(dir, file, json, verify, inputShape, dataType, layers, shapes,
                    seed instanceof Number s ? s.longValue() : 0L, properties);
        }

        private static String readText(Path file) {
            long size = requireRegular(file);
            if (size > MAX_CONFIG_BYTES) {
                throw new ModelFormatException(String.format(
                        "model file %s is %,d bytes; a model description has at most %,d", file, size, MAX_CONFIG_BYTES));
            }
            try {
                byte[] bytes = Files.readAllBytes(file);
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new ModelFormatException("model file " + file + " is not UTF-8 JSON");
            } catch (IOException e) {
                throw new ModelFormatException("model file " + file + " cannot be read: " + InputFiles.reason(e), e);
            }
        }

        private static long requireRegular(Path file) {
            String problem = InputFiles.problem(file);
            if (problem != null) {
                throw new ModelFormatException("model file " + file + (problem.equals("does not exist") ? " is missing" : " " + problem));
            }
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new ModelFormatException("model file " + file + " cannot be read: " + InputFiles.reason(e), e);
            }
        }

        private static Map<String, Object> parse(String text, Path file) {
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1); // a byte-order mark, as some editors save UTF-8
            }
            if (!text.strip().startsWith("{")) {
                throw new ModelFormatException("model file " + file + " is not valid JSON: expected an object, {...}");
            }
            Map<String, Object> json;
            try {
                json = GSON.fromJson(text, new TypeToken<Map<String, Object>>() {}.getType());
            } catch (JsonParseException | IllegalStateException | StackOverflowError e) {
                throw new ModelFormatException("model file " + file + " is not valid JSON: "
                        + (e instanceof StackOverflowError ? InputFiles.reason(e) : ModelFormatException.jsonProblem(e)));
            }
            if (json == null || !FORMAT.equals(json.get("format"))) {
                throw new ModelFormatException(
                        "model file " + file + " is not an nntrain model (expected \"format\": \"" + FORMAT + "\")");
            }
            return json;
        }

        private static long[] inputShape(Object value, Path file) {
            if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_INPUT_RANK) {
                throw new ModelFormatException(file + ": 'inputShape' must be a list of 1 to " + MAX_INPUT_RANK + " sizes, got "
                        + LayerConfig.format(value));
            }
            long[] out = new long[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                        || n.doubleValue() < 1 || n.doubleValue() > LayerConfig.MAX_SIZE) {
                    throw new ModelFormatException(file + ": 'inputShape' must hold whole numbers in [1, "
                            + LayerConfig.MAX_SIZE + "], got " + LayerConfig.format(value));
                }
                out[i] = n.longValue();
            }
            if (values(out) > MAX_EXAMPLE_VALUES) {
                throw new ModelFormatException(file + ": 'inputShape' " + value + " has more than " + MAX_EXAMPLE_VALUES + " values");
            }
            return out;
        }

        private static DataType dataType(Object name, Path file) {
            if ("float32".equals(name)) {
                return DataType.FLOAT32;
            }
            if ("float64".equals(name)) {
                return DataType.FLOAT64;
            }
            throw new ModelFormatException(file + ": 'dataType' must be float32 or float64, got " + name);
        }

        private static List<Layer> layers(Object value, Path file) {
            if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_LAYERS) {
                throw new ModelFormatException(file + ": 'layers' must be a list of 1 to " + MAX_LAYERS + " layers");
            }
            List<Layer> layers = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> layer)) {
                    throw new ModelFormatException(file + ": a layer must be an object, got " + o);
                }
                Object name = layer.get("name");
                layers.add(LayerRegistry.fromConfig(
                        new LayerConfig(layer, name == null ? null : name.toString(), file.toString())));
            }
            return layers;
        }

        private static long values(long[] shape) {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }

        /** The path of a file the description names (format 1: the fixed parameter file). */
        Path filePath(String role) {
            return dir.resolve(entry(role).name());
        }

        private record Entry(String name, long bytes, String sha256) {}

        private Entry entry(String role) {
            if (!(json.get("files") instanceof Map<?, ?> files)) {
                if (role.equals(PARAMETERS)) { // format 1
                    Object sha = json.get("paramsSha256");
                    return new Entry(LEGACY_PARAMS, -1, sha instanceof String s ? s : null);
                }
                throw new ModelFormatException(file + " records no files; expected a 'files' object");
            }
            if (!(files.get(role) instanceof Map<?, ?> d)) {
                throw new ModelFormatException(file + " records no '" + role + "' file"
                        + (role.equals(PARAMETERS) ? "" : ": it is a saved model, not a training checkpoint"));
            }
            Object name = d.get("name");
            if (!(name instanceof String fileName) || !FILE_NAME.matcher(fileName).matches()
                    || !fileName.startsWith(role + "-")) {
                throw new ModelFormatException(file + ": the '" + role + "' file name " + name
                        + " is not of the form " + role + "-<16 hex digits>.params|bin");
            }
            Object bytes = d.get("bytes");
            Object sha = d.get("sha256");
            if (!(bytes instanceof Number b) || b.doubleValue() < 0 || b.doubleValue() != Math.rint(b.doubleValue())
                    || !(sha instanceof String s) || !s.matches("[0-9a-f]{64}")) {
                throw new ModelFormatException(file + ": the '" + role + "' file needs a whole 'bytes' and a 64-digit 'sha256'");
            }
            return new Entry(fileName, b.longValue(), s);
        }

        /**
         * Reads a file the description names, after checking that it is a regular file of the
         * recorded length (and of {@code expected} bytes, when given), then its SHA-256.
         */
        byte[] readFile(String role, long expected, String whatImpliesTheSize) {
            Entry e = entry(role);
            Path path = dir.resolve(e.name());
            long size = requireRegular(path);
            if (expected >= 0 && size != expected) {
                throw new ModelFormatException(String.format(
                        "model file %s has %,d bytes but %s implies %,d (%,d parameters of %s);"
                                + " the file is truncated, padded or from another model",
                        path, size, whatImpliesTheSize, expected, parameterCount(), dataType.name().toLowerCase()));
            }
            if (e.bytes() >= 0 && size != e.bytes()) {
                throw new ModelFormatException(String.format(
                        "model file %s has %,d bytes but %s records %,d", path, size, CONFIG, e.bytes()));
            }
            long heap = Runtime.getRuntime().maxMemory();
            if (size > Integer.MAX_VALUE - 16 || size > heap / 2) {
                throw new ModelFormatException(String.format(
                        "model file %s is %,d bytes; reading it needs more memory than this JVM may use (%,d bytes;"
                                + " raise -Xmx)", path, size, heap));
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(path);
            } catch (IOException ex) {
                throw new ModelFormatException("model file " + path + " cannot be read: " + InputFiles.reason(ex), ex);
            }
            if (bytes.length != size) {
                throw new ModelFormatException("model file " + path + " changed while it was read");
            }
            if (verify && e.sha256() != null && !e.sha256().equals(ConfigChecksum.sha256(bytes))) {
                throw new ModelFormatException("model file " + path + " is corrupted: its SHA-256 does not"
                        + " match the one recorded in " + CONFIG);
            }
            return bytes;
        }

        private long parameterCount() {
            long n = 0;
            for (int i = 0; i < layers.size(); i++) {
                n = Math.addExact(n, Shapes.parameterCount(shapes.parameters(i)));
            }
            return n;
        }
    }
}

package dev.nntrain.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.types.DataType;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Saving and loading a {@link Sequential} model. Reads and writes a model directory: {@value #CONFIG} (layers, input shape, data type,
 * properties, and the SHA-256 of the parameter file) and {@value #PARAMS} (DJL's parameter
 * encoding of the block).
 */
final class ModelFiles {

    /** The JSON description's file name. */
    static final String CONFIG = "model.json";
    /** DJL's parameter file's name. */
    static final String PARAMS = "model.params";

    private static final String FORMAT = "nntrain-sequential";
    private static final int FORMAT_VERSION = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private ModelFiles() {}

    /**
     * Checks, before any work, that a model could be saved at a path: it is absent, or a
     * directory holding only a model; and its nearest existing ancestor is a writable directory.
     *
     * @param dir the model directory
     * @throws ModelFormatException naming the path and what is wrong
     */
    static void checkSaveTarget(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
                throw new ModelFormatException(absolute + " exists and is not a directory; expected a model directory");
            }
            if (Files.isDirectory(absolute) && !isEmptyOrModel(absolute)) {
                throw new ModelFormatException(absolute + " holds other files; refusing to replace it with a model");
            }
        } catch (IOException e) {
            throw new ModelFormatException(absolute + " cannot be read: " + oneLine(e), e);
        }
        Path ancestor = absolute.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor) || !Files.isWritable(ancestor)) {
            throw new ModelFormatException(
                    "cannot write a model at " + absolute + ": " + ancestor + " is not a writable directory");
        }
    }

    static void save(Sequential model, Path dir) throws IOException {
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(params)) {
            model.saveParameters(out);
        }
        byte[] paramBytes = params.toByteArray();

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("formatVersion", FORMAT_VERSION);
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
        json.put("properties", model.properties());
        json.put("paramsSha256", sha256(paramBytes));
        byte[] config = GSON.toJson(json).getBytes(StandardCharsets.UTF_8);

        Path absolute = dir.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new IOException(absolute + " exists and is not a directory");
        }
        if (Files.isDirectory(absolute) && !isEmptyOrModel(absolute)) {
            throw new IOException(
                    absolute + " holds other files; refusing to replace it with a model");
        }
        Path tmp = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".tmp-");
        try {
            write(tmp.resolve(PARAMS), paramBytes);
            write(tmp.resolve(CONFIG), config);
            replace(tmp, absolute);
        } finally {
            deleteTree(tmp);
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
    }

    /** Moves the finished temporary directory into place; the old model goes only afterwards. */
    private static void replace(Path tmp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        if (old != null) {
            deleteTree(old);
        }
    }

    private static boolean isEmptyOrModel(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.allMatch(
                    p -> {
                        String name = p.getFileName().toString();
                        return name.equals(CONFIG) || name.equals(PARAMS);
                    });
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (DirectoryNotEmptyException ignored) {
                    // a concurrent writer; leave it
                }
            }
        }
    }

    static Sequential load(Path dir, Device device) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ModelFormatException(
                    "model directory " + dir + " does not exist; expected a directory written by"
                            + " save() or 'nntrain train' holding " + CONFIG + " and " + PARAMS);
        }
        Path configFile = dir.resolve(CONFIG);
        Path paramsFile = dir.resolve(PARAMS);
        Map<String, Object> json = readConfig(configFile);
        byte[] paramBytes;
        try {
            paramBytes = Files.readAllBytes(paramsFile);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("model file " + paramsFile + " is missing");
        }
        Object expected = json.get("paramsSha256");
        if (expected != null && !expected.equals(sha256(paramBytes))) {
            throw new ModelFormatException(
                    "model file " + paramsFile + " is corrupted: its SHA-256 does not match the one"
                            + " recorded in " + CONFIG);
        }

        long[] inputShape = longs(json.get("inputShape"), configFile, "inputShape");
        Object typeName = json.get("dataType");
        DataType dataType;
        if ("float32".equals(typeName)) {
            dataType = DataType.FLOAT32;
        } else if ("float64".equals(typeName)) {
            dataType = DataType.FLOAT64;
        } else {
            throw new ModelFormatException(
                    configFile + ": 'dataType' must be float32 or float64, got " + typeName);
        }
        Object layersJson = json.get("layers");
        if (!(layersJson instanceof List<?> list) || list.isEmpty()) {
            throw new ModelFormatException(configFile + ": 'layers' must be a non-empty list");
        }
        Sequential.Builder builder = Sequential.builder().optDataType(dataType);
        if (device != null) {
            builder.optDevice(device);
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> layer)) {
                throw new ModelFormatException(configFile + ": a layer must be an object, got " + o);
            }
            Object name = layer.get("name");
            builder.add(LayerRegistry.fromConfig(
                    new LayerConfig(layer, name == null ? null : name.toString(), configFile.toString())));
        }
        Sequential model;
        try {
            model = builder.build();
            Object seed = json.get("seed");
            model.build(inputShape, seed instanceof Number n ? n.longValue() : 0L);
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
                            + oneLine(e),
                    e);
        }
        Object props = json.get("properties");
        if (props instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                model.properties().put(e.getKey().toString(), String.valueOf(e.getValue()));
            }
        }
        return model;
    }

    private static Map<String, Object> readConfig(Path configFile) throws IOException {
        String text;
        try {
            text = Files.readString(configFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("model file " + configFile + " is missing");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ModelFormatException("model file " + configFile + " is not UTF-8 JSON");
        }
        Map<String, Object> json;
        try {
            json = GSON.fromJson(text, new TypeToken<Map<String, Object>>() {}.getType());
        } catch (JsonParseException e) {
            throw new ModelFormatException(
                    "model file " + configFile + " is not valid JSON: " + oneLine(e));
        }
        if (json == null || !FORMAT.equals(json.get("format"))) {
            throw new ModelFormatException(
                    "model file " + configFile + " is not an nntrain model (expected \"format\": \""
                            + FORMAT + "\")");
        }
        Object version = json.get("formatVersion");
        if (!(version instanceof Number n) || n.intValue() > FORMAT_VERSION) {
            throw new ModelFormatException(
                    "model file " + configFile + " has format version " + version
                            + "; this nntrain reads version " + FORMAT_VERSION);
        }
        return json;
    }

    private static long[] longs(Object value, Path file, String key) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new ModelFormatException(file + ": '" + key + "' must be a list of sizes");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.longValue() <= 0) {
                throw new ModelFormatException(file + ": '" + key + "' must hold positive sizes");
            }
            out[i] = ((Number) list.get(i)).longValue();
        }
        return out;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ');
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

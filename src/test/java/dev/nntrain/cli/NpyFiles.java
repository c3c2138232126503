package dev.nntrain.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * numpy's .npz format written and read from its specification (numpy.lib.format), without
 * nntrain's own reader and writer: the tests' independent oracle for what the command line reads
 * and writes. float32, little-endian, C order, format version 1.0.
 */
final class NpyFiles {

    /** One array: its shape and values in row-major order. */
    record Array(int[] shape, float[] values) {}

    private NpyFiles() {}

    /** Writes arrays as np.savez(file, *arrays) does: arr_0.npy, arr_1.npy, ... */
    static Path write(Path file, Array... arrays) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (int i = 0; i < arrays.length; i++) {
                zip.putNextEntry(new ZipEntry("arr_" + i + ".npy"));
                zip.write(npy(arrays[i]));
                zip.closeEntry();
            }
        }
        return file;
    }

    private static byte[] npy(Array a) {
        StringBuilder shape = new StringBuilder("(");
        for (int d = 0; d < a.shape().length; d++) {
            shape.append(d == 0 ? "" : ", ").append(a.shape()[d]);
        }
        shape.append(a.shape().length == 1 ? ",)" : ")");
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        // magic (6) + version (2) + header length (2) + dict + spaces + '\n': a multiple of 64
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        byte[] header = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(10 + header.length + 4 * a.values().length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.putShort((short) header.length).put(header);
        for (float v : a.values()) {
            out.putFloat(v);
        }
        return out.array();
    }

    private static final Pattern SHAPE = Pattern.compile("'shape': \\(([0-9, ]*)\\)");

    /** Reads every array of an .npz file, by entry name without .npy, in the zip's order. */
    static Map<String, Array> read(Path file) throws IOException {
        Map<String, Array> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                byte[] magic = new byte[6];
                b.get(magic);
                if (!new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY") || magic[0] != (byte) 0x93) {
                    throw new AssertionError(e.getName() + ": no magic string");
                }
                int major = b.get();
                b.get();
                if (major != 1) {
                    throw new AssertionError(e.getName() + ": version " + major);
                }
                int headerLength = Short.toUnsignedInt(b.getShort());
                String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
                if ((10 + headerLength) % 64 != 0 || !header.endsWith("\n") || !header.contains("'descr': '<f4'")
                        || !header.contains("'fortran_order': False")) {
                    throw new AssertionError(e.getName() + ": header " + header);
                }
                Matcher m = SHAPE.matcher(header);
                if (!m.find()) {
                    throw new AssertionError(e.getName() + ": no shape in " + header);
                }
                List<Integer> dims = new ArrayList<>();
                for (String d : m.group(1).split(",")) {
                    if (!d.isBlank()) {
                        dims.add(Integer.parseInt(d.strip()));
                    }
                }
                int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
                int count = 1;
                for (int d : shape) {
                    count *= d;
                }
                b.position(10 + headerLength);
                if (b.remaining() != 4 * count) {
                    throw new AssertionError(e.getName() + ": " + b.remaining() + " bytes for " + count + " floats");
                }
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = b.getFloat();
                }
                out.put(e.getName().replaceFirst("\\.npy$", ""), new Array(shape, values));
            }
        }
        return out;
    }
}

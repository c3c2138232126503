package dev.nntrain.model.weights;

import dev.nntrain.model.ModelFormatException;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * numpy's {@code .npz} files of float arrays (numpy's {@code np.savez}, {@code np.savez_compressed},
 * {@code np.load}), the format of numpy's own documentation {@code numpy.lib.format}: a zip of
 * {@code .npy} entries, each a magic string, a version, a header dict ({@code descr}, {@code
 * fortran_order}, {@code shape}) and the raw values. Reads little- and big-endian float32 and
 * float64 arrays in C or Fortran order, rounding float64 values to float32; writes float32, C
 * order, version 1.0, uncompressed, as {@code np.savez} does.
 */
final class Npz {

    /** One array: its name in the file (without {@code .npy}), shape and values in row-major order. */
    record NamedArray(String name, int[] shape, float[] values) {}

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npz() {}

    /**
     * Reads every array of an {@code .npz} file, in the file's order (numpy's {@code
     * np.savez(file, *arrays)} names them {@code arr_0}, {@code arr_1}, ... in the order given).
     */
    static List<NamedArray> read(Path file) throws IOException {
        List<NamedArray> out = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                try (InputStream in = zip.getInputStream(e)) {
                    out.add(readNpy(in, e.getSize(), file + " (array " + name + ")", name));
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new ModelFormatException(file + ": not an .npz file (numpy's np.savez writes a zip): " + e.getMessage(), e);
        }
        // np.savez names positional arrays arr_0, arr_1, ...: order them by number, as np.load's files are
        if (out.stream().allMatch(a -> a.name().matches("arr_\\d{1,9}"))) {
            out.sort(java.util.Comparator.comparingInt(a -> Integer.parseInt(a.name().substring(4))));
        }
        return out;
    }

    /**
     * Reads one {@code .npy} array.
     *
     * @param size the entry's size in bytes as the zip declares it, or -1 if unknown: an array
     *     whose header promises more values than that is refused before any memory is taken
     */
    static NamedArray readNpy(InputStream raw, long size, String where, String name) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new ModelFormatException(where + ": not a .npy array (no \\x93NUMPY magic string)");
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte(); // minor
            long headerLength;
            if (major == 1) {
                headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            } else if (major == 2 || major == 3) {
                headerLength = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            } else {
                throw new ModelFormatException(where + ": .npy format version " + major + " is not one of 1, 2, 3");
            }
            if (headerLength > MAX_HEADER) {
                throw new ModelFormatException(where + ": a header of " + headerLength + " bytes; at most " + MAX_HEADER);
            }
            byte[] headerBytes = new byte[(int) headerLength];
            in.readFully(headerBytes);
            String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            String descr = group(DESCR, header, where, "descr");
            boolean fortran = group(FORTRAN, header, where, "fortran_order").equals("True");
            int[] shape = shape(group(SHAPE, header, where, "shape"), where);
            ByteOrder order;
            switch (descr.isEmpty() ? ' ' : descr.charAt(0)) {
                case '<':
                    order = ByteOrder.LITTLE_ENDIAN;
                    break;
                case '>':
                    order = ByteOrder.BIG_ENDIAN;
                    break;
                case '|':
                case '=':
                    order = ByteOrder.nativeOrder();
                    break;
                default:
                    throw new ModelFormatException(where + ": unsupported dtype '" + descr + "'; float32 or float64 wanted");
            }
            int itemSize;
            switch (descr.substring(1)) {
                case "f4":
                    itemSize = 4;
                    break;
                case "f8":
                    itemSize = 8;
                    break;
                default:
                    throw new ModelFormatException(where + ": dtype '" + descr + "' is not float32 or float64"
                            + " (convert with kernel.astype('float32'))");
            }
            long count = 1;
            for (int d : shape) {
                count *= d;
                if (count > Integer.MAX_VALUE / 8) {
                    throw new ModelFormatException(where + ": shape " + LayerWeights.format(shape) + " is too large");
                }
            }
            long dataStart = MAGIC.length + 2 + (major == 1 ? 2 : 4) + headerLength;
            if (size >= 0 && dataStart + count * itemSize > size) {
                throw new ModelFormatException(where + ": a shape " + LayerWeights.format(shape) + " of " + descr
                        + " needs " + count * itemSize + " bytes; the array holds " + Math.max(0, size - dataStart));
            }
            byte[] data = new byte[(int) count * itemSize];
            in.readFully(data);
            if (in.read() != -1) {
                throw new ModelFormatException(where + ": more data than a shape " + LayerWeights.format(shape) + " holds");
            }
            ByteBuffer buffer = ByteBuffer.wrap(data).order(order);
            float[] values = new float[(int) count];
            for (int i = 0; i < values.length; i++) {
                values[i] = itemSize == 4 ? buffer.getFloat() : (float) buffer.getDouble();
            }
            if (fortran && shape.length > 1) {
                int[] reversed = new int[shape.length];
                int[] axes = new int[shape.length];
                for (int a = 0; a < shape.length; a++) {
                    reversed[a] = shape[shape.length - 1 - a];
                    axes[a] = shape.length - 1 - a;
                }
                values = KerasWeights.permute(values, reversed, axes);
            }
            return new NamedArray(name, shape, values);
        } catch (EOFException e) {
            throw new ModelFormatException(where + ": the array ends early", e);
        }
    }

    private static String group(Pattern p, String header, String where, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new ModelFormatException(where + ": the header has no readable '" + key + "': " + header.strip());
        }
        return m.group(1);
    }

    private static int[] shape(String tuple, String where) {
        List<Integer> dims = new ArrayList<>();
        for (String part : tuple.split(",")) {
            String d = part.strip();
            if (d.isEmpty()) {
                continue;
            }
            if (!d.matches("\\d{1,9}L?")) {
                throw new ModelFormatException(where + ": shape (" + tuple + ") is not a tuple of sizes");
            }
            dims.add(Integer.parseInt(d.replace("L", "")));
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Writes arrays as {@code np.savez(file, *arrays)} would: {@code arr_0.npy}, {@code arr_1.npy},
     * ...; in one move, through a link to a regular file, refusing a pipe, device or other file
     * that is not regular ({@link dev.nntrain.OutputFiles}).
     */
    static void write(Path file, List<NamedArray> arrays) throws IOException {
        dev.nntrain.OutputFiles.write("weights file", file, tmp -> {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp));
                    ZipOutputStream zip = new ZipOutputStream(os)) {
                for (NamedArray a : arrays) {
                    ZipEntry entry = new ZipEntry(a.name() + ".npy");
                    entry.setTime(315532800000L + 12 * 3600 * 1000L); // a fixed date (1980-01-01), as numpy uses none
                    zip.putNextEntry(entry);
                    zip.write(npy(a.shape(), a.values()));
                    zip.closeEntry();
                }
            }
        });
    }

    static byte[] npy(int[] shape, float[] values) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(shape.length == 1 ? "," : ", ");
        }
        String tuple = shape.length > 1 ? dims.substring(0, dims.length() - 2) : dims.toString();
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + tuple + "), }");
        // numpy pads the header with spaces and a newline so that the data starts at a multiple of 64
        int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
        header.append(" ".repeat((64 - unpadded % 64) % 64)).append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + h.length + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
        for (float v : values) {
            out.putFloat(v);
        }
        return out.array();
    }
}

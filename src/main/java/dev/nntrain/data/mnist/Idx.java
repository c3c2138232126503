package dev.nntrain.data.mnist;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.DataFormatException;
import dev.nntrain.data.Examples;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes the IDX files of the MNIST distribution (and of Fashion-MNIST), plain or
 * gzipped, and validates everything about them.
 *
 * <p>An image file starts with the big-endian magic number {@code 0x00000803} (unsigned bytes,
 * three dimensions), then the image count, the rows and the columns, followed by
 * {@code count * rows * cols} pixel bytes. A label file starts with {@code 0x00000801} and the
 * count, followed by one byte per label. Files whose name ends in {@code .gz} are gunzipped, as
 * DJL's MNIST reader does: every gzip member, one after another, as {@code gzip -d} does.
 *
 * <p>Every problem (wrong magic number, a file gzip-compressed twice, truncated data or gzip
 * stream, trailing bytes inside the IDX data or after the gzip data, image and label counts that
 * differ, a label outside {@code [0, classes)}) is reported as a {@link DataFormatException}
 * naming the file. Bytes after the last gzip member are refused with their byte offset (gzip(1)
 * warns about them and exits with status 2; the JDK's {@code GZIPInputStream} drops them
 * silently), unless they are all zero: such padding is accepted silently, as gzip(1) does.
 */
public final class Idx {

    /** Magic number of an image file: unsigned bytes ({@code 0x08}), three dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;

    /** Magic number of a label file: unsigned bytes ({@code 0x08}), one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    /** The number of classes of MNIST and Fashion-MNIST. */
    public static final int MNIST_CLASSES = 10;

    private static final int BUFFER = 1 << 16;

    private Idx() {}

    /**
     * Images read from an IDX file.
     *
     * @param file the file they were read from
     * @param count the number of images
     * @param rows the height of each image
     * @param cols the width of each image
     * @param pixels {@code count * rows * cols} unsigned bytes, row-major, image after image
     *     (the array is shared, not copied)
     */
    public record Images(Path file, int count, int rows, int cols, byte[] pixels) {

        /**
         * Checks that the file and the pixels are there (their sizes are the reader's to check).
         *
         * @param file the file they were read from
         * @param count the number of images
         * @param rows the height of each image
         * @param cols the width of each image
         * @param pixels the pixels, shared
         */
        public Images {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(pixels, "pixels");
        }

        /**
         * Returns one pixel.
         *
         * @param image the image index
         * @param row the row, from the top
         * @param col the column, from the left
         * @return the pixel value in {@code [0, 255]}
         */
        public int pixel(int image, int row, int col) {
            return pixels[(image * rows + row) * cols + col] & 0xff;
        }

        /**
         * Returns one image's pixels scaled to {@code [0, 1]}, row by row.
         *
         * @param image the image index, from 0
         * @return {@code rows * cols} values, each {@code byte / 255f}
         */
        public float[] scaled(int image) {
            if (image < 0 || image >= count) {
                throw new IndexOutOfBoundsException("image " + image + " of " + count + " in " + file);
            }
            int size = rows * cols;
            float[] out = new float[size];
            for (int i = 0; i < size; i++) {
                out[i] = (pixels[image * size + i] & 0xff) / 255f;
            }
            return out;
        }

        /** @return all pixels scaled to {@code [0, 1]} as {@code byte / 255f}, same layout */
        public float[] scaled() {
            float[] out = new float[pixels.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (pixels[i] & 0xff) / 255f;
            }
            return out;
        }
    }

    /**
     * Labels read from an IDX file.
     *
     * @param file the file they were read from
     * @param values one class index per example (the array is shared, not copied)
     */
    public record Labels(Path file, byte[] values) {

        /**
         * Checks that the file and the values are there.
         *
         * @param file the file they were read from
         * @param values one class index per example, shared
         */
        public Labels {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(values, "values");
        }

        /** @return the number of labels */
        public int count() {
            return values.length;
        }

        /**
         * Returns one label.
         *
         * @param index the example index
         * @return its class index
         */
        public int label(int index) {
            return values[index] & 0xff;
        }
    }

    /**
     * Reads an image file.
     *
     * @param file an IDX image file, gzipped when its name ends in {@code .gz}
     * @return the images
     * @throws DataFormatException if the file is missing, unreadable or malformed
     */
    public static Images readImages(Path file) {
        Objects.requireNonNull(file, "file");
        try (DataInputStream in = open(file)) {
            readMagic(in, file, IMAGES_MAGIC, "image");
            int count = readDimension(in, file, "image count", true);
            int rows = readDimension(in, file, "row count", false);
            int cols = readDimension(in, file, "column count", false);
            long total = (long) count * rows * cols;
            if (total > Integer.MAX_VALUE - 16) {
                throw new DataFormatException(
                        file + ": header declares " + count + " images of " + rows + "x" + cols
                                + " = " + total + " bytes; at most " + (Integer.MAX_VALUE - 16)
                                + " are supported");
            }
            long heap = Runtime.getRuntime().maxMemory();
            if (total > heap / 4) {
                // the bytes, then a float copy of them on the way to the engine
                throw new DataFormatException(String.format(
                        "%s: header declares %,d images of %dx%d = %,d bytes; reading them needs about %,d MB of"
                                + " Java heap and this JVM may use %,d MB (raise it with java -Xmx)",
                        file, count, rows, cols, total, 4 * total >> 20, heap >> 20));
            }
            byte[] pixels = readBody(in, file, (int) total,
                    count + " images of " + rows + "x" + cols);
            return new Images(file, count, rows, cols, pixels);
        } catch (IOException e) {
            throw ioError(file, e);
        }
    }

    /**
     * Reads a label file.
     *
     * @param file an IDX label file, gzipped when its name ends in {@code .gz}
     * @param classes the number of classes; every label must lie in {@code [0, classes)}
     * @return the labels
     * @throws DataFormatException if the file is missing, unreadable or malformed, or a label is
     *     out of range
     */
    public static Labels readLabels(Path file, int classes) {
        Objects.requireNonNull(file, "file");
        byte[] values;
        try (DataInputStream in = open(file)) {
            readMagic(in, file, LABELS_MAGIC, "label");
            int count = readDimension(in, file, "label count", true);
            values = readBody(in, file, count, count + " labels");
        } catch (IOException e) {
            throw ioError(file, e);
        }
        for (int i = 0; i < values.length; i++) {
            int label = values[i] & 0xff;
            if (label >= classes) {
                throw new DataFormatException(
                        file + ": label " + label + " of example " + i + " (byte offset " + (8 + i)
                                + ") is outside [0, " + classes + ")");
            }
        }
        return new Labels(file, values);
    }

    /**
     * Reads an image file and its label file as classification examples with features of shape
     * {@code [rows * cols]} scaled to {@code [0, 1]} and {@value #MNIST_CLASSES} classes.
     *
     * @param imageFile the IDX image file
     * @param labelFile the IDX label file
     * @return the examples, in file order
     * @throws DataFormatException if either file is malformed or their counts differ
     */
    public static Examples read(Path imageFile, Path labelFile) {
        Objects.requireNonNull(imageFile, "imageFile");
        Objects.requireNonNull(labelFile, "labelFile");
        Images images = readImages(imageFile);
        Labels labels = readLabels(labelFile, MNIST_CLASSES);
        requireSameCount(images, labels);
        float[] targets = new float[labels.count()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = labels.label(i);
        }
        // pixel-backed: the features are byte / 255f without a float copy of the images
        return Examples.ofPixels(
                images.pixels(), new long[] {(long) images.rows() * images.cols()}, targets, 1,
                MNIST_CLASSES);
    }

    /**
     * Checks that an image file and a label file describe the same number of examples.
     *
     * @param images the images
     * @param labels the labels
     * @throws DataFormatException if the counts differ
     */
    public static void requireSameCount(Images images, Labels labels) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        if (images.count() != labels.count()) {
            throw new DataFormatException(
                    "image file " + images.file() + " holds " + images.count()
                            + " images but label file " + labels.file() + " holds "
                            + labels.count() + " labels; expected the same count");
        }
    }

    /**
     * Writes an image file, gzipped when the name ends in {@code .gz} (header mtime 0, so the
     * bytes depend only on the content).
     *
     * @param file the file to write
     * @param rows the height of each image
     * @param cols the width of each image
     * @param pixels the images, row-major, {@code rows * cols} bytes each
     * @throws java.io.UncheckedIOException if writing fails
     */
    public static void writeImages(Path file, int rows, int cols, byte[] pixels) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pixels, "pixels");
        if (rows <= 0 || cols <= 0 || pixels.length % (rows * cols) != 0) {
            throw new InvalidInputException(
                    pixels.length + " pixels do not divide into " + rows + "x" + cols + " images");
        }
        write(file, IMAGES_MAGIC, new int[] {pixels.length / (rows * cols), rows, cols}, pixels);
    }

    /**
     * Writes a label file, gzipped when the name ends in {@code .gz}.
     *
     * @param file the file to write
     * @param labels one class index (0-255) per example
     * @throws java.io.UncheckedIOException if writing fails
     */
    public static void writeLabels(Path file, byte[] labels) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(labels, "labels");
        write(file, LABELS_MAGIC, new int[] {labels.length}, labels);
    }

    private static void write(Path file, int magic, int[] dims, byte[] body) {
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream maybeZipped = isGzipName(file)
                        ? new GZIPOutputStream(raw, BUFFER) : raw;
                DataOutputStream out = new DataOutputStream(
                        new BufferedOutputStream(maybeZipped, BUFFER))) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static boolean isGzipName(Path file) {
        // any case: FILE.GZ from a case-insensitive file system is gzip too
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
    }

    private static DataInputStream open(Path file) throws IOException {
        String problem = dev.nntrain.InputFiles.problem(file);
        if (problem != null && !problem.equals("does not exist")) {
            throw new DataFormatException(file + " " + problem + "; expected an IDX file");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        if (isGzipName(file)) {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 != 0x1f || b1 != 0x8b) {
                in.close();
                throw new DataFormatException(
                        file + ": name ends in .gz but the content is not gzip data"
                                + " (expected the bytes 1f 8b at the start)");
            }
            try {
                in = new BufferedInputStream(new GzipMembers(file, in, BUFFER), BUFFER);
            } catch (IOException e) {
                in.close();
                throw e;
            }
        }
        return new DataInputStream(in);
    }

    private static void readMagic(DataInputStream in, Path file, int expected, String kind)
            throws IOException {
        int magic = readHeaderInt(in, file, "magic number");
        if (magic == expected) {
            return;
        }
        String hint = "";
        if (magic == (expected == IMAGES_MAGIC ? LABELS_MAGIC : IMAGES_MAGIC)) {
            hint = " (this is an IDX " + (expected == IMAGES_MAGIC ? "label" : "image")
                    + " file: were the files swapped?)";
        } else if ((magic >>> 16) == 0x1f8b && isGzipName(file)) {
            throw new DataFormatException(file + ": gzip-compressed twice: once gunzipped, the content"
                    + " starts with the gzip bytes 1f 8b again instead of an IDX magic number;"
                    + " decompress it once, e.g. " + gunzipOnce(file));
        } else if ((magic >>> 16) == 0x1f8b) {
            hint = " (the content is gzip-compressed: name the file *.gz)";
        }
        throw new DataFormatException(String.format(
                "%s: magic number 0x%08x found; expected 0x%08x for an IDX %s file%s",
                file, magic, expected, kind, hint));
    }

    // A shell command that gunzips the file once in place, through a temporary file next to it
    // (a rename within one folder), its paths quoted for sh.
    private static String gunzipOnce(Path file) {
        String f = shellQuote(file.toString());
        String once = shellQuote(file + ".once");
        return "gunzip -c " + f + " > " + once + " && mv " + once + " " + f;
    }

    // Single quotes keep every character but ' itself, which is written '\'' (close, escaped
    // quote, reopen); a leading - would read as an option, so a relative path gets ./ first.
    private static String shellQuote(String path) {
        String p = path.startsWith("-") ? "./" + path : path;
        return "'" + p.replace("'", "'\\''") + "'";
    }

    // Counts may be 0 (an empty set is well-formed); image sides may not. IDX sizes are unsigned
    // 32-bit, but anything above Integer.MAX_VALUE could never fit in an array anyway.
    private static int readDimension(DataInputStream in, Path file, String what, boolean mayBeZero)
            throws IOException {
        int value = readHeaderInt(in, file, what);
        if (value < 0 || (value == 0 && !mayBeZero)) {
            throw new DataFormatException(
                    file + ": header " + what + " is " + Integer.toUnsignedString(value)
                            + "; expected " + (mayBeZero ? "a count >= 0" : "a size > 0"));
        }
        return value;
    }

    private static int readHeaderInt(DataInputStream in, Path file, String what)
            throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DataFormatException(
                    file + ": file ends inside the IDX header while reading the " + what
                            + " (truncated or not an IDX file)", e);
        }
    }

    // Reads exactly the number of bytes the header promises and insists that nothing follows, so
    // that a header/content mismatch in either direction is caught here rather than surfacing
    // later as a shape error deep inside the engine.
    private static byte[] readBody(DataInputStream in, Path file, int expected, String what)
            throws IOException {
        byte[] body;
        try {
            body = in.readNBytes(expected);
        } catch (EOFException e) {
            throw truncatedGzip(file, e);
        }
        if (body.length < expected) {
            throw new DataFormatException(
                    file + ": truncated: the header declares " + what + " (" + expected
                            + " bytes after the header) but the data ends after " + body.length
                            + " bytes");
        }
        long extra;
        try {
            extra = in.transferTo(OutputStream.nullOutputStream());
        } catch (EOFException e) {
            throw truncatedGzip(file, e);
        }
        if (extra > 0) {
            throw new DataFormatException(
                    file + ": " + extra + " unexpected bytes follow the " + expected
                            + " bytes the header declares (" + what + ")");
        }
        return body;
    }

    private static DataFormatException truncatedGzip(Path file, EOFException e) {
        return new DataFormatException(
                file + ": the gzip stream ends early (file truncated?): " + e.getMessage(), e);
    }

    private static DataFormatException ioError(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DataFormatException(file + ": no such file", e);
        }
        if (e instanceof EOFException) {
            return truncatedGzip(file, (EOFException) e);
        }
        if (e instanceof ZipException) {
            return new DataFormatException(
                    file + ": corrupt gzip data: " + e.getMessage(), e);
        }
        return new DataFormatException(file + ": cannot read: " + dev.nntrain.InputFiles.reason(e), e);
    }
}

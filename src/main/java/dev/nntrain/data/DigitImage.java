package dev.nntrain.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns a picture of a digit (PNG, JPEG, GIF or BMP, any size) into the 784 values an MNIST model
 * expects: 28x28 gray levels in {@code [0, 1]}, row by row, a light digit on a dark background.
 *
 * <p>The steps: convert to gray (transparent pixels count as white paper); if the border is
 * brighter than 0.5 on average, the picture is dark-on-light (ink on paper) and is inverted; pad
 * to a square with the border's mean level so the digit keeps its aspect ratio; shrink to 28x28 by
 * area averaging, where each output pixel is the mean of the input area it covers.
 *
 * <p>This does not centre the digit by its mass the way MNIST was prepared, so crop the picture
 * to the digit with a margin for the best predictions.
 */
public final class DigitImage {

    /** The side of the result. */
    public static final int SIDE = 28;

    /**
     * The most pixels an image may have: a 64-megapixel photograph. Checked from the file's
     * header, before decoding, since a file of a few hundred bytes can declare a picture that
     * would need gigabytes.
     */
    public static final long MAX_PIXELS = 1L << 26;

    /** The longest side an image may have, so that its padded square's rows stay small. */
    public static final int MAX_SIDE = 1 << 15;

    /**
     * The shortest side an image may have. A picture of fewer than 8 x 8 pixels holds no
     * legible digit (MNIST draws its digits in a 20 x 20 box of a 28 x 28 image), yet scaled up
     * it would be classified with a confident-looking answer.
     */
    public static final int MIN_SIDE = 8;

    /** Decoder warnings that mean pixels are missing or wrong: libjpeg's and Java's own words. */
    private static final Pattern DAMAGE = Pattern.compile("premature|truncat|corrupt|missing eoi", Pattern.CASE_INSENSITIVE);

    private DigitImage() {}

    /**
     * Reads an image file and converts it.
     *
     * @param file a PNG, JPEG, GIF or BMP file
     * @return {@code 28 * 28} values in {@code [0, 1]}, row-major, light digit on dark background
     * @throws DataFormatException if the file is missing, not a readable image, smaller than
     *     {@value #MIN_SIDE} pixels on a side, larger than the bounds above, or damaged: a decoder
     *     warning of truncation or corruption (a JPEG cut short, which the JPEG reader decodes
     *     anyway with grey where the data ends) refuses the image as an error does
     */
    public static float[] read(Path file) {
        Objects.requireNonNull(file, "file");
        String problem = dev.nntrain.InputFiles.problem(file);
        if (problem != null) {
            throw new DataFormatException((problem.equals("does not exist") ? file + ": no such file" : file + " " + problem)
                    + "; expected a PNG or JPEG image");
        }
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DataFormatException(
                        file + ": not an image Java can read; expected PNG, JPEG, GIF or BMP");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                long heap = Runtime.getRuntime().maxMemory();
                // decoded as 4-byte pixels, then a float per pixel
                if (width * height > MAX_PIXELS || 8 * width * height > heap / 2 || Math.max(width, height) > MAX_SIDE) {
                    throw new DataFormatException(String.format(
                            "%s: the image is %,d x %,d pixels; at most %,d pixels and %,d on a side are decoded"
                                    + " (crop or shrink it)", file, width, height, Math.min(MAX_PIXELS, heap / 16), MAX_SIDE));
                }
                if (Math.min(width, height) < MIN_SIDE) {
                    throw new DataFormatException(String.format(
                            "%s: the image is %,d x %,d pixels; a digit needs at least %d x %d (MNIST's are %d x %d)",
                            file, width, height, MIN_SIDE, MIN_SIDE, SIDE, SIDE));
                }
                // the JPEG reader reports a file cut short ("Premature end of JPEG file") or corrupt
                // data as a warning and returns the picture with the rest filled in; other warnings
                // (an invalid colour profile, a thumbnail ignored) leave the pixels as stored
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (DAMAGE.matcher(warning).find()) {
                        warnings.add(warning);
                    }
                });
                image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new DataFormatException(file + ": the image is damaged or truncated (the decoder warns: "
                            + String.join("; ", warnings) + "); expected a complete PNG or JPEG");
                }
            } finally {
                reader.dispose();
            }
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Image decoders throw all sorts of runtime exceptions on damaged files.
            throw new DataFormatException(
                    file + ": cannot decode the image (" + e.getMessage() + ")", e);
        }
        return fromImage(image);
    }

    /**
     * Converts an image already in memory.
     *
     * @param image any image
     * @return {@code 28 * 28} values in {@code [0, 1]}, row-major, light digit on dark background
     */
    public static float[] fromImage(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int w = image.getWidth();
        int h = image.getHeight();
        float[] gray = gray(image);

        double border = borderMean(gray, w, h);
        if (border > 0.5) {
            for (int i = 0; i < gray.length; i++) {
                gray[i] = 1 - gray[i];
            }
            border = 1 - border;
        }

        return padAndShrink(gray, w, h, (float) border, SIDE);
    }

    // Gray level in [0, 1] per pixel, row-major, alpha composited over white.
    private static float[] gray(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[w * h];
        if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            // Read gray samples directly: getRGB would pass them through a linear-to-sRGB
            // conversion that brightens every mid-gray.
            Raster raster = image.getRaster();
            int bits = image.getColorModel().getComponentSize(0);
            double max = (1L << bits) - 1;
            boolean alpha = image.getColorModel().hasAlpha();
            double alphaMax = alpha ? (1L << image.getColorModel().getComponentSize(1)) - 1 : 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = raster.getSample(x, y, 0) / max;
                    double a = alpha ? raster.getSample(x, y, 1) / alphaMax : 1;
                    out[y * w + x] = (float) (a * v + (1 - a));
                }
            }
            return out;
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            double a = (p >>> 24) / 255.0;
            double luma = (0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff)
                    + 0.114 * (p & 0xff)) / 255.0;
            out[i] = (float) (a * luma + (1 - a));
        }
        return out;
    }

    private static double borderMean(float[] gray, int w, int h) {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y == 0 || y == h - 1 || x == 0 || x == w - 1) {
                    sum += gray[y * w + x];
                    count++;
                }
            }
        }
        return sum / count;
    }

    // Pads a w x h image to a centred square of side max(w, h) filled with the border level, and
    // resizes that square by area averaging, one axis at a time (the box filter is separable). The
    // square is never built: a 1 x 30000 strip would need 900 million values. Its rows are the
    // image's rows padded to the side, and the padding rows all shrink to the border level.
    private static float[] padAndShrink(float[] gray, int w, int h, float border, int to) {
        int from = Math.max(w, h);
        int left = (from - w) / 2;
        int top = (from - h) / 2;
        float[] rows = new float[from * to]; // from rows x to columns
        float[] line = new float[from];
        java.util.Arrays.fill(line, border);
        float[] blank = resample(line, to);
        for (int y = 0; y < from; y++) {
            int source = y - top;
            if (source < 0 || source >= h) {
                System.arraycopy(blank, 0, rows, y * to, to);
                continue;
            }
            java.util.Arrays.fill(line, border);
            System.arraycopy(gray, source * w, line, left, w);
            float[] shrunk = resample(line, to);
            System.arraycopy(shrunk, 0, rows, y * to, to);
        }
        float[] out = new float[to * to];
        for (int x = 0; x < to; x++) {
            for (int y = 0; y < from; y++) {
                line[y] = rows[y * to + x];
            }
            float[] shrunk = resample(line, to);
            for (int y = 0; y < to; y++) {
                out[y * to + x] = Math.min(1f, Math.max(0f, shrunk[y]));
            }
        }
        return out;
    }

    // Output cell i covers the input interval [i * n / m, (i + 1) * n / m); each input cell
    // contributes in proportion to how much of it lies inside. Works for enlarging as well.
    static float[] resample(float[] in, int m) {
        int n = in.length;
        float[] out = new float[m];
        double step = (double) n / m;
        for (int i = 0; i < m; i++) {
            double start = i * step;
            double end = start + step;
            double sum = 0;
            for (int k = (int) Math.floor(start); k < n && k < end; k++) {
                double overlap = Math.min(end, k + 1) - Math.max(start, k);
                if (overlap > 0) {
                    sum += overlap * in[k];
                }
            }
            out[i] = (float) (sum / step);
        }
        return out;
    }
}

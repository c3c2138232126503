package dev.nntrain.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

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

    private DigitImage() {}

    /**
     * Reads an image file and converts it.
     *
     * @param file a PNG, JPEG, GIF or BMP file
     * @return {@code 28 * 28} values in {@code [0, 1]}, row-major, light digit on dark background
     * @throws DataFormatException if the file is missing or not a readable image
     */
    public static float[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file + ": no such file; expected a PNG or JPEG image");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            // Image decoders throw all sorts of runtime exceptions on damaged files.
            throw new DataFormatException(
                    file + ": cannot decode the image (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new DataFormatException(
                    file + ": not an image Java can read; expected PNG, JPEG, GIF or BMP");
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

        int side = Math.max(w, h);
        float[] square = new float[side * side];
        java.util.Arrays.fill(square, (float) border);
        int left = (side - w) / 2;
        int top = (side - h) / 2;
        for (int y = 0; y < h; y++) {
            System.arraycopy(gray, y * w, square, (top + y) * side + left, w);
        }
        return areaAverage(square, side, SIDE);
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

    // Resizes a square image by area averaging, one axis at a time (the box filter is separable).
    private static float[] areaAverage(float[] square, int from, int to) {
        float[] rows = new float[from * to]; // from rows x to columns
        float[] line = new float[from];
        for (int y = 0; y < from; y++) {
            System.arraycopy(square, y * from, line, 0, from);
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

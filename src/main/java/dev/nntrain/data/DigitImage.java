package dev.nntrain.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns a picture of a digit (any format the JDK reads: PNG, JPEG, GIF, BMP, TIFF or WBMP; any
 * size) into the 784 values an MNIST model expects: 28x28 gray levels in {@code [0, 1]}, row by
 * row, a light digit on a dark background, framed as MNIST's digits were.
 *
 * <p>The steps, after a JPEG's EXIF orientation is applied: convert to gray (transparent pixels
 * count as white paper); take the median level as the paper's, and as the ink the side (darker
 * or lighter) whose extreme lies further from it; stretch the levels so that the paper is 0 and
 * that extreme 1, clamping; find the bounding box of the pixels at {@value #INK_THRESHOLD} or
 * more; scale the picture so that the box's longer side is {@value #BOX} pixels, averaging areas
 * (which anti-aliases); and place it in 28x28 so that the centre of mass of those pixels is at
 * the centre, pixel (14, 14) counting from 0 (where MNIST's test digits have theirs, on average), to
 * the nearest pixel.
 * This is how LeCun et al. framed MNIST's digits, so a digit cropped tightly, with a wide margin,
 * off-centre, or on grey paper is framed as one from the training set is; a picture already
 * framed like MNIST comes back nearly unchanged.
 *
 * <p>A picture with no ink, whose levels all lie within {@value #MIN_CONTRAST} of the paper's,
 * is refused as blank, and so is a file of more than one frame (an animated GIF, a multi-page
 * TIFF): which frame holds the digit is not for this class to guess.
 */
public final class DigitImage {

    /** The side of the result. */
    public static final int SIDE = 28;

    /** The side of the box the digit is scaled to fit, as MNIST's were. */
    public static final int BOX = 20;

    /**
     * The least difference between the paper's level and the ink's extreme (in {@code [0, 1]},
     * 32 of 255 levels) for a picture to hold a digit; below it the picture is refused as blank.
     * A pencil stroke on paper differs by far more; the noise of a JPEG of a blank page, or an
     * evenly lit sheet, by less.
     */
    public static final double MIN_CONTRAST = 32 / 255.0;

    /**
     * The level, after stretching (paper 0, ink 1), from which a pixel is ink for the bounding box
     * and the centre of mass: above the paper's noise, below the faint edges of a stroke.
     */
    public static final double INK_THRESHOLD = 0.1;

    /** The formats read, as file extensions: those the JDK's ImageIO decodes. */
    public static final List<String> EXTENSIONS =
            List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".wbmp");

    /** The formats read, for messages. */
    public static final String FORMATS = "PNG, JPEG, GIF, BMP, TIFF or WBMP";

    /**
     * The most pixels an image may have: a 64-megapixel photograph. Checked from the file's
     * header, before decoding, since a file of a few hundred bytes can declare a picture that
     * would need gigabytes.
     */
    public static final long MAX_PIXELS = 1L << 26;

    /** The longest side an image may have, so that its rows and columns stay small. */
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
     * @param file a PNG, JPEG, GIF, BMP, TIFF or WBMP file
     * @return {@code 28 * 28} values in {@code [0, 1]}, row-major, light digit on dark background
     * @throws DataFormatException if the file is missing, not a readable image, smaller than
     *     {@value #MIN_SIDE} pixels on a side, larger than the bounds above, or damaged: a decoder
     *     warning of truncation or corruption (a JPEG cut short, which the JPEG reader decodes
     *     anyway with grey where the data ends) refuses the image as an error does; if it holds
     *     more than one frame; or if it is blank (see {@link #MIN_CONTRAST})
     */
    public static float[] read(Path file) {
        Objects.requireNonNull(file, "file");
        String problem = dev.nntrain.InputFiles.problem(file);
        if (problem != null) {
            throw new DataFormatException((problem.equals("does not exist") ? file + ": no such file" : file + " " + problem)
                    + "; expected an image (" + FORMATS + ")");
        }
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DataFormatException(
                        file + ": not an image Java can read; expected " + FORMATS);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, true); // not seek-forward-only: the frames are counted after the first is read
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
                            + String.join("; ", warnings) + "); expected a complete image");
                }
                int frames = reader.getNumImages(true);
                if (frames > 1) {
                    throw new DataFormatException(String.format(Locale.ROOT,
                            "%s: the image has %,d frames (an animated GIF or a multi-page TIFF); expected one"
                                    + " picture of one digit: save the frame with the digit on its own", file, frames));
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
        int orientation = Exif.orientation(file);
        int w = image.getWidth();
        int h = image.getHeight();
        float[] gray = Exif.orient(gray(image), w, h, orientation);
        boolean turned = orientation >= 5;
        try {
            return prepare(gray, turned ? h : w, turned ? w : h);
        } catch (DataFormatException e) {
            throw new DataFormatException(file + ": " + e.getMessage());
        }
    }

    /**
     * Converts an image already in memory, as {@link #read} does after decoding (no EXIF
     * orientation: that is read from the file).
     *
     * @param image any image
     * @return {@code 28 * 28} values in {@code [0, 1]}, row-major, light digit on dark background
     * @throws DataFormatException if the image is blank: no level differs from the paper's by
     *     {@value #MIN_CONTRAST} or more
     */
    public static float[] fromImage(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        return prepare(gray(image), image.getWidth(), image.getHeight());
    }

    /**
     * MNIST's preparation of a grey picture: paper to 0 and ink to 1, the ink's bounding box
     * scaled to fit {@value #BOX} x {@value #BOX} keeping its aspect ratio (by area averaging,
     * which anti-aliases), and placed in {@value #SIDE} x {@value #SIDE} with its centre of mass
     * at the centre, to the nearest pixel (moved less where the box would leave the frame).
     */
    static float[] prepare(float[] gray, int w, int h) {
        // the paper is the median level: more than half of a picture of a digit is paper
        double paper = median(gray);
        double darkest = 1;
        double lightest = 0;
        for (float g : gray) {
            darkest = Math.min(darkest, g);
            lightest = Math.max(lightest, g);
        }
        // the ink is the side further from the paper: dark on light unless light goes further
        boolean darkInk = paper - darkest >= lightest - paper;
        double contrast = darkInk ? paper - darkest : lightest - paper;
        if (contrast < MIN_CONTRAST) {
            throw new DataFormatException(String.format(Locale.ROOT,
                    "the image is blank: its levels are %.3f to %.3f, within %.3f of the paper's %.3f"
                            + " (a digit needs ink at least %.3f, %d of 255 levels, from the paper)",
                    darkest, lightest, contrast, paper, MIN_CONTRAST, Math.round(MIN_CONTRAST * 255)));
        }
        // stretch: paper to 0, the ink's extreme to 1, clamped
        float[] v = gray;
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double level = darkInk ? (paper - v[i]) / contrast : (v[i] - paper) / contrast;
                float s = (float) Math.min(1, Math.max(0, level));
                v[i] = s;
                if (s >= INK_THRESHOLD) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                    mass += s;
                    mx += s * (x + 0.5);
                    my += s * (y + 0.5);
                }
            }
        }
        // the extreme is 1 >= INK_THRESHOLD, so the box holds at least one pixel
        double scale = (double) BOX / Math.max(x1 - x0 + 1, y1 - y0 + 1);
        int left = offset(mx / mass, x0, x1 - x0 + 1, scale);
        int top = offset(my / mass, y0, y1 - y0 + 1, scale);
        // target t = left + (x - x0) * scale, so output cell j covers source [x0 + (j - left) / scale, ...)
        double step = 1 / scale;
        double startX = x0 - left * step;
        double startY = y0 - top * step;
        // rows first: only the source rows the output's rows cover
        int rowFrom = Math.max(0, (int) Math.floor(startY));
        int rowTo = Math.min(h, (int) Math.ceil(startY + SIDE * step));
        int rowCount = Math.max(0, rowTo - rowFrom);
        float[] rows = new float[rowCount * SIDE];
        for (int y = rowFrom; y < rowTo; y++) {
            place(v, y * w, 1, w, startX, step, rows, (y - rowFrom) * SIDE, 1);
        }
        float[] out = new float[SIDE * SIDE];
        for (int x = 0; x < SIDE; x++) {
            place(rows, x, SIDE, rowCount, startY - rowFrom, step, out, x, SIDE);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(1f, Math.max(0f, out[i]));
        }
        return out;
    }

    // Where the box (from first, extent pixels long, scaled) starts in the output so that the
    // centre of mass lands on the frame's centre; rounded to a whole pixel, and kept in the frame.
    private static int offset(double centre, int first, int extent, double scale) {
        // pixel SIDE / 2 (14), whose middle is at 14.5: where MNIST's test digits have theirs, 14.0 on average
        double start = SIDE / 2 + 0.5 - (centre - first) * scale;
        long rounded = Math.round(start);
        long last = (long) Math.floor(SIDE - extent * scale + 1e-9);
        return (int) Math.max(0, Math.min(last, rounded));
    }

    // Output cell j (of SIDE) averages the source interval [start + j * step, start + (j + 1) * step)
    // of the n values src[from + k * stride]; what lies outside them counts as paper, 0.
    private static void place(float[] src, int from, int stride, int n, double start, double step,
            float[] out, int outFrom, int outStride) {
        for (int j = 0; j < SIDE; j++) {
            double a = start + j * step;
            double b = a + step;
            double sum = 0;
            for (int k = Math.max(0, (int) Math.floor(a)); k < n && k < b; k++) {
                double overlap = Math.min(b, k + 1) - Math.max(a, k);
                if (overlap > 0) {
                    sum += overlap * src[from + k * stride];
                }
            }
            out[outFrom + j * outStride] = (float) (sum / step);
        }
    }

    // The median level, from a histogram of 65,536 bins: exact for 8- and 16-bit levels.
    private static double median(float[] gray) {
        int[] counts = new int[1 << 16];
        for (float g : gray) {
            counts[(int) Math.round(Math.min(1, Math.max(0, g)) * 65535)]++;
        }
        long half = (gray.length + 1) / 2;
        long seen = 0;
        for (int bin = 0; bin < counts.length; bin++) {
            seen += counts[bin];
            if (seen >= half) {
                return (float) (bin / 65535.0); // a level as gray() gives it, so that the paper is exactly 0
            }
        }
        return 1;
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

package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.train.Mistakes;
import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.List;

/**
 * A grid of digit images, each captioned with its true label and, when given, the model's
 * prediction; wrong predictions get a red frame and a red caption. Every caption fits its own
 * column with {@value #CAPTION_GAP} pixels to spare, measured with the font's metrics: the font
 * shrinks to 8 points, and captions wider than that widen the columns.
 */
public final class DigitGridChart {

    /** The side of one digit's cell at the default size, in pixels. */
    public static final int DEFAULT_CELL = 96;

    /** Digits per row at the default size. */
    public static final int DEFAULT_COLUMNS = 10;

    /** Blank pixels at the image's sides and bottom. */
    static final int MARGIN = 12;
    /** Pixels above the grid for the title and the count of mistakes. */
    static final int HEADER = 56;
    /** Pixels under each digit for its caption. */
    static final int CAPTION = 20;
    /** The smallest cell a digit is drawn in. */
    static final int MIN_CELL = 24;
    private static final int FRAME = 3;
    /** The largest caption font, in points. */
    private static final float MAX_CAPTION_POINTS = 13f;
    /** The smallest caption font, in points: {@link Drawing#fitted}'s floor. */
    private static final float MIN_CAPTION_POINTS = 8f;
    /**
     * Blank pixels a caption leaves inside its cell, half on each side, so that the captions of
     * neighbouring cells never run into each other.
     */
    static final int CAPTION_GAP = 10;

    private DigitGridChart() {}

    /**
     * Returns the size {@link #render(float[][], int[], int[])} draws a number of digits at:
     * {@value #DEFAULT_COLUMNS} to a row, {@value #DEFAULT_CELL} pixels each. Captions too wide
     * for such a column even at 8 points (labels of many digits) widen the columns, and the image.
     *
     * @param digits how many digits
     * @return the size
     * @throws InvalidInputException if {@code digits} is below 1 or too large for an image
     */
    public static ChartSize defaultSize(int digits) {
        return defaultSize(digits, CAPTION);
    }

    private static ChartSize defaultSize(int digits, int caption) {
        return defaultSize(digits, caption, DEFAULT_CELL);
    }

    private static ChartSize defaultSize(int digits, int caption, int captionCell) {
        if (digits < 1) {
            throw new InvalidInputException("digits is " + digits + "; expected at least 1");
        }
        int columns = Math.min(digits, DEFAULT_COLUMNS);
        int rows = (digits + columns - 1) / columns;
        // a caption wider than a digit's cell widens the columns, not the digits
        int pitch = Math.max(DEFAULT_CELL, captionCell);
        return new ChartSize(Math.max(ChartSize.MIN_SIDE, columns * pitch + 2 * MARGIN),
                HEADER + rows * (DEFAULT_CELL + caption) + MARGIN);
    }

    /**
     * Draws digits at {@link #defaultSize(int)}.
     *
     * @param images the digits, one row of gray levels each
     * @param labels each digit's true label
     * @param predicted each digit's predicted label, or {@code null} to show the labels only
     * @return the chart
     * @throws InvalidInputException see {@link #render(float[][], int[], int[], ChartSize)}
     */
    public static BufferedImage render(float[][] images, int[] labels, int[] predicted) {
        Inputs.requireNonEmpty(images.length, "images");
        ChartSize size = defaultSize(images.length);
        if (labels.length == images.length && (predicted == null || predicted.length == images.length)) {
            // cells wide enough for the widest caption at the smallest font (long labels' numbers)
            size = defaultSize(images.length, CAPTION,
                    captionCell(captions(labels, predicted), wrong(labels, predicted)));
        }
        return render(images, labels, predicted, size);
    }

    /**
     * Draws digits on a grid that fills the image as far as square cells allow.
     *
     * @param images the digits, one row of {@code side * side} gray levels each (784 for MNIST's
     *     28 x 28), row by row, 0 black to 1 white
     * @param labels each digit's true label
     * @param predicted each digit's predicted label, or {@code null} to show the labels only
     * @param size the image's size
     * @return the chart
     * @throws InvalidInputException if there are no images, an image is not square or differs
     *     in size from the first, a gray level is outside [0, 1] or NaN, the labels' or
     *     predictions' count differs, or the digits do not fit the size with
     *     {@value #MIN_CELL}-pixel cells
     */
    public static BufferedImage render(
            float[][] images, int[] labels, int[] predicted, ChartSize size) {
        requireImages(images);
        Inputs.requireLabels(labels, "labels", images.length, "images", Integer.MAX_VALUE);
        if (predicted != null) {
            Inputs.requireLabels(
                    predicted, "predicted labels", images.length, "images", Integer.MAX_VALUE);
        }
        String[] captions = captions(labels, predicted);
        boolean[] wrong = wrong(labels, predicted);
        int mistakes = 0;
        for (boolean w : wrong) {
            mistakes += w ? 1 : 0;
        }
        String title = predicted == null ? "Digits and their labels" : "Digits: true label and the model's prediction";
        String subtitle = predicted == null ? null
                : mistakes + " of " + labels.length + " predictions wrong" + (mistakes > 0 ? ", framed in red" : "");
        return draw(images, captions, wrong, title, subtitle, mistakes > 0, size);
    }

    /**
     * Draws a classifier's mistakes, as {@link dev.nntrain.train.Mistakes} finds them: each
     * image framed in red, captioned with its true class, the predicted class and the probability
     * the model gave that class, the most confident first; the header counts the mistakes among
     * all the examples. With no mistakes it draws the header alone.
     *
     * @param images the mistaken examples' images, one row of gray levels each, as for {@link
     *     #render(float[][], int[], int[], ChartSize)}; none when the model made no mistake
     * @param labels each image's true class
     * @param predicted each image's predicted class, which differs from its true class
     * @param probability the probability the model gave each predicted class, in [0, 1]
     * @param mistakes how many examples the model got wrong in all, at least as many as are drawn
     * @param examples how many examples it was run on
     * @return the chart, at {@link #defaultSize(int)} of the images drawn (of one, for none)
     * @throws InvalidInputException if an image is not square or a gray level is outside [0, 1],
     *     the arrays differ in length, a prediction equals its label, a probability is outside
     *     [0, 1], or the counts are inconsistent
     */
    public static BufferedImage mistakes(float[][] images, int[] labels, int[] predicted, float[] probability,
            int mistakes, int examples) {
        return mistakes(images, labels, predicted, probability, mistakes, examples, List.of());
    }

    /**
     * Draws a classifier's mistakes as {@link #mistakes(float[][], int[], int[], float[], int,
     * int)} does, each caption naming the classes: the true one, then on a second line the
     * predicted one and its probability ("Sandal →", "Sneaker 99%").
     *
     * @param images the mistaken examples' images
     * @param labels each image's true class
     * @param predicted each image's predicted class
     * @param probability the probability the model gave each predicted class
     * @param mistakes how many examples the model got wrong in all
     * @param examples how many examples it was run on
     * @param classNames each class's name by label, such as Fashion-MNIST's; empty to write the
     *     labels' numbers
     * @return the chart
     * @throws InvalidInputException as the unnamed form, or if a label has no name
     */
    public static BufferedImage mistakes(float[][] images, int[] labels, int[] predicted, float[] probability,
            int mistakes, int examples, List<String> classNames) {
        if (images.length > 0) {
            requireImages(images);
        }
        Inputs.requireLabels(labels, "labels", images.length, "images", Integer.MAX_VALUE);
        Inputs.requireLabels(predicted, "predicted labels", images.length, "images", Integer.MAX_VALUE);
        Inputs.requireLength(probability.length, "probabilities", images.length, "images");
        if (mistakes < images.length || examples < mistakes) {
            throw new InvalidInputException(images.length + " mistakes drawn of " + mistakes + " in " + examples
                    + " examples; expected drawn <= mistakes <= examples");
        }
        String[] captions = new String[images.length];
        boolean[] wrong = new boolean[images.length];
        for (int i = 0; i < images.length; i++) {
            if (predicted[i] == labels[i]) {
                throw new InvalidInputException("images[" + i + "] is predicted as its label, " + labels[i]
                        + "; expected mistakes only");
            }
            if (!(probability[i] >= 0 && probability[i] <= 1)) {
                throw new InvalidInputException("probabilities[" + i + "] is " + probability[i]
                        + "; expected a probability in [0, 1]");
            }
            wrong[i] = true;
            captions[i] = classNames.isEmpty()
                    ? labels[i] + " \u2192 " + predicted[i] + " (" + percent(probability[i]) + ")"
                    : name(classNames, labels[i]) + " \u2192\n" + name(classNames, predicted[i]) + " "
                            + percent(probability[i]);
        }
        String subtitle = mistakes == 0 ? String.format("no mistakes in %,d examples", examples)
                : String.format("%,d of %,d examples wrong (%.2f %%)%s: true \u2192 predicted class (the probability"
                        + " given to it)", mistakes, examples, 100.0 * mistakes / examples,
                        images.length < mistakes ? ", the " + images.length + " most confident" : "");
        int caption = classNames.isEmpty() ? CAPTION : 2 * CAPTION - 2;
        return draw(images, captions, wrong, "The model's most confident mistakes", subtitle, mistakes > 0,
                defaultSize(Math.max(1, images.length), caption, captionCell(captions, wrong)), caption);
    }

    /** Each digit's caption: its label, and its prediction where given. */
    private static String[] captions(int[] labels, int[] predicted) {
        String[] captions = new String[labels.length];
        for (int i = 0; i < labels.length; i++) {
            captions[i] = predicted == null ? "label " + labels[i]
                    : "true " + labels[i] + " \u00b7 pred " + predicted[i];
        }
        return captions;
    }

    /** Which digits are predicted wrong (none without predictions). */
    private static boolean[] wrong(int[] labels, int[] predicted) {
        boolean[] wrong = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            wrong[i] = predicted != null && predicted[i] != labels[i];
        }
        return wrong;
    }

    /**
     * The smallest cell whose caption room holds every caption line at the smallest font, with
     * {@value #CAPTION_GAP} blank pixels to spare, measured with the fonts' metrics.
     */
    static int captionCell(String[] captions, boolean[] wrong) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ChartImages.graphics(scratch);
        try {
            int widest = 0;
            for (int i = 0; i < captions.length; i++) {
                Font font = captionFont(wrong[i]).deriveFont(MIN_CAPTION_POINTS);
                for (String line : captions[i].split("\n")) {
                    widest = Math.max(widest, g.getFontMetrics(font).stringWidth(line));
                }
            }
            return widest + CAPTION_GAP;
        } finally {
            g.dispose();
        }
    }

    private static String name(List<String> classNames, int label) {
        if (label >= classNames.size()) {
            throw new InvalidInputException("class " + label + " has no name; " + classNames.size()
                    + " class names were given");
        }
        return classNames.get(label);
    }

    /**
     * Draws the most confident of a classifier's mistakes over image examples: {@link
     * #mistakes(float[][], int[], int[], float[], int, int)} of the first {@code count} of {@link
     * Mistakes#mostConfident}, each with its image from {@code examples}.
     *
     * <pre>{@code
     * BufferedImage chart = DigitGridChart.mistakes(Mistakes.of(net, test), test, 30);
     * }</pre>
     *
     * @param mistakes the mistakes, found on {@code examples}
     * @param examples the examples they were found on, whose features are square images with gray
     *     levels in [0, 1] (as MNIST's pixels are read)
     * @param count how many to draw at most
     * @return the chart
     * @throws InvalidInputException if the mistakes were found on other examples (a different
     *     count), the features are not such images, or {@code count} is below 1
     */
    public static BufferedImage mistakes(Mistakes mistakes, Examples examples, int count) {
        return mistakes(mistakes, examples, count, List.of());
    }

    /**
     * Draws the most confident of a classifier's mistakes over image examples, captioned with the
     * classes' names, as {@link #mistakes(float[][], int[], int[], float[], int, int, List)}.
     *
     * @param mistakes the mistakes, found on {@code examples}
     * @param examples the examples they were found on
     * @param count how many to draw at most
     * @param classNames each class's name by label, or empty to write the labels' numbers
     * @return the chart
     * @throws InvalidInputException as {@link #mistakes(Mistakes, Examples, int)}
     */
    public static BufferedImage mistakes(Mistakes mistakes, Examples examples, int count, List<String> classNames) {
        if (mistakes.examples() != examples.size()) {
            throw new InvalidInputException("the mistakes were found on " + mistakes.examples() + " examples, these are "
                    + examples.size() + "; expected the examples they were found on");
        }
        List<Mistakes.Mistake> shown = mistakes.mostConfident(count);
        float[][] images = new float[shown.size()][];
        int[] labels = new int[shown.size()];
        int[] predicted = new int[shown.size()];
        float[] probability = new float[shown.size()];
        for (int k = 0; k < shown.size(); k++) {
            Mistakes.Mistake m = shown.get(k);
            images[k] = examples.featureRow(m.index());
            labels[k] = m.label();
            predicted[k] = m.predicted();
            probability[k] = m.probability();
        }
        return mistakes(images, labels, predicted, probability, mistakes.count(), mistakes.examples(), classNames);
    }

    /**
     * A probability as a whole percentage, rounded down, so that a probability below 1 never
     * reads 100 % (a digit the model is nearly sure of reads 99 %), and one above 0 never 0 %.
     */
    static String percent(float p) {
        if (p > 0 && p < 0.01f) {
            return "<1%";
        }
        return (int) Math.floor(100.0 * p) + "%";
    }

    private static BufferedImage draw(float[][] images, String[] captions, boolean[] wrong, String title,
            String subtitle, boolean subtitleInRed, ChartSize size) {
        return draw(images, captions, wrong, title, subtitle, subtitleInRed, size, CAPTION);
    }

    private static BufferedImage draw(float[][] images, String[] captions, boolean[] wrong, String title,
            String subtitle, boolean subtitleInRed, ChartSize size, int caption) {
        int side = images.length == 0 ? 0 : (int) Math.round(Math.sqrt(images[0].length));
        GridLayout layout = images.length == 0 ? null
                : GridLayout.fit(images.length, size, caption, captionCell(captions, wrong));
        BufferedImage chart = ChartImages.blank(size);
        Graphics2D g = ChartImages.graphics(chart);
        drawHeader(g, size, title, subtitle, subtitleInRed);
        // two-line captions (class names) share one size, the largest at which every line fits
        float largest = caption > CAPTION ? uniformSize(g, captions, wrong, layout) : MAX_CAPTION_POINTS;
        for (int i = 0; i < images.length; i++) {
            drawDigit(g, layout, i, toImage(images[i], side), captions[i], wrong[i], largest);
        }
        g.dispose();
        return chart;
    }

    private static int requireImages(float[][] images) {
        Inputs.requireNonEmpty(images.length, "images");
        int length = images[0] == null ? 0 : images[0].length;
        int side = (int) Math.round(Math.sqrt(length));
        if (length == 0 || side * side != length) {
            throw new InvalidInputException("images[0] has " + length
                    + " gray levels; expected a square image, e.g. 784 for 28 x 28");
        }
        for (int i = 0; i < images.length; i++) {
            Inputs.requireLength(images[i] == null ? 0 : images[i].length, "images[" + i + "]",
                    length, "images[0]");
            for (int p = 0; p < length; p++) {
                float v = images[i][p];
                if (!(v >= 0 && v <= 1)) {
                    throw new InvalidInputException("images[" + i + "][" + p + "] is " + v
                            + "; expected a gray level in [0, 1]");
                }
            }
        }
        return side;
    }

    private static void drawHeader(Graphics2D g, ChartSize size, String title, String subtitle, boolean inRed) {
        g.setColor(ChartStyle.TEXT);
        g.setFont(ChartStyle.TITLE_FONT);
        Drawing.centred(g, title, size.width() / 2.0, MARGIN + 10);
        if (subtitle != null) {
            g.setFont(Drawing.fitted(g, ChartStyle.LEGEND_FONT, subtitle, size.width() - 2 * MARGIN,
                    ChartStyle.LEGEND_FONT.getSize2D()));
            g.setColor(inRed ? ChartStyle.MISTAKE : ChartStyle.TEXT);
            Drawing.centred(g, subtitle, size.width() / 2.0, MARGIN + 32);
        }
    }

    private static BufferedImage toImage(float[] grays, int side) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                raster.setSample(x, y, 0, Math.round(grays[y * side + x] * 255));
            }
        }
        return image;
    }

    /** The largest size at which every line of every caption fits its cell. */
    private static float uniformSize(Graphics2D g, String[] captions, boolean[] wrong, GridLayout layout) {
        float size = MAX_CAPTION_POINTS;
        for (int i = 0; i < captions.length; i++) {
            for (String line : captions[i].split("\n")) {
                size = Math.min(size, Drawing.fitted(g, captionFont(wrong[i]), line, layout.pitch() - CAPTION_GAP, size)
                        .getSize2D());
            }
        }
        return size;
    }

    private static Font captionFont(boolean wrong) {
        return wrong ? ChartStyle.LEGEND_FONT.deriveFont(Font.BOLD) : ChartStyle.LEGEND_FONT;
    }

    private static void drawDigit(Graphics2D g, GridLayout layout, int index, BufferedImage digit,
            String caption, boolean wrong, float largest) {
        int left = layout.left(index);
        int top = layout.top(index);
        int cell = layout.cell();
        int pad = Math.max(2, cell / 16);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(digit, left + pad, top + pad, cell - 2 * pad, cell - 2 * pad, null);
        if (wrong) {
            g.setColor(ChartStyle.MISTAKE);
            g.setStroke(new BasicStroke(FRAME));
            g.drawRect(left + pad - FRAME + 1, top + pad - FRAME + 1,
                    cell - 2 * pad + 2 * FRAME - 3, cell - 2 * pad + 2 * FRAME - 3);
        }
        g.setColor(wrong ? ChartStyle.MISTAKE : ChartStyle.TEXT);
        Font font = captionFont(wrong);
        String[] lines = caption.split("\n");
        for (int k = 0; k < lines.length; k++) {
            g.setFont(Drawing.fitted(g, font, lines[k], layout.pitch() - CAPTION_GAP, largest));
            Drawing.centred(g, lines[k], left + cell / 2.0, top + cell + CAPTION * (k + 0.5) - 2 - 2 * k);
        }
    }

    /**
     * Where each digit's cell lies: columns chosen to make square cells as large as possible,
     * each column {@code pitch} pixels wide (at least the cell, and at least its captions' width),
     * a digit centred in its column.
     */
    record GridLayout(int columns, int cell, int pitch, int left, int top, int caption) {

        /**
         * Finds the number of columns that gives the largest square cells, with one line of
         * caption under each.
         *
         * @param count how many digits
         * @param size the image's size
         * @return the layout
         * @throws InvalidInputException if the cells would be smaller than {@link #MIN_CELL}
         */
        static GridLayout fit(int count, ChartSize size) {
            return fit(count, size, CAPTION, MIN_CELL);
        }

        /**
         * Finds the number of columns that gives the largest square cells.
         *
         * @param count how many digits
         * @param size the image's size
         * @param caption the pixels under each cell for its caption
         * @param captionCell the narrowest column its captions fit at the smallest font
         * @return the layout
         * @throws InvalidInputException if the cells would be smaller than {@link #MIN_CELL}, or
         *     one column of {@code captionCell} pixels does not fit the width
         */
        static GridLayout fit(int count, ChartSize size, int caption, int captionCell) {
            int width = size.width() - 2 * MARGIN;
            int height = size.height() - HEADER - MARGIN;
            GridLayout best = null;
            // no more columns than the captions' width allows
            for (int columns = 1; columns <= count && columns * captionCell <= width; columns++) {
                int rows = (count + columns - 1) / columns;
                int cell = Math.min(width / columns, height / rows - caption);
                if (best == null || cell > best.cell) {
                    int pitch = Math.max(cell, captionCell);
                    int left = (size.width() - columns * pitch) / 2;
                    best = new GridLayout(columns, cell, pitch, left, HEADER, caption);
                }
            }
            if (best == null) {
                throw new InvalidInputException("a caption needs a column " + captionCell + " px wide, but a "
                        + size.width() + " px wide chart leaves " + width + " px inside its margins; use a wider size");
            }
            if (best.cell < MIN_CELL) {
                throw new InvalidInputException(count + " digits do not fit in "
                        + size.width() + " x " + size.height() + " px with cells of at least "
                        + MIN_CELL + " px; use a larger size or fewer digits");
            }
            return best;
        }

        /**
         * @param index a digit
         * @return the left edge of its cell, centred in its column
         */
        int left(int index) {
            return left + (index % columns) * pitch + (pitch - cell) / 2;
        }

        /**
         * @param index a digit
         * @return the top edge of its cell
         */
        int top(int index) {
            return top + (index / columns) * (cell + caption);
        }
    }
}

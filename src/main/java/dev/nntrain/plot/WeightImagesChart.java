package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Dropout;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.weights.LayerWeights;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * What the units of a model's first layer look for in an image: each unit's weights on the
 * pixels (a dense layer) or each filter's kernel (a 2-D convolution), drawn in the image's own
 * shape, red where a bright pixel raises the unit's pre-activation, blue where it lowers it, white
 * where the pixel does not matter. A digit network's first units come out as blurred strokes and
 * blobs: the parts of digits each one adds up.
 */
public final class WeightImagesChart {

    /** The most units drawn; a wider layer is drawn by its first units, and the header says so. */
    public static final int MOST_UNITS = 100;

    /** Where weights are positive. */
    static final Color POSITIVE = ChartStyle.PALETTE[3];
    /** Where weights are negative. */
    static final Color NEGATIVE = ChartStyle.PALETTE[0];
    /** The thin frame around each unit's image, whose zero weights are as white as the page. */
    private static final Color FRAME = new Color(0xbbbbbb);

    private WeightImagesChart() {}

    /**
     * Draws the first layer with weights of a built model whose input is a one-channel image:
     * a {@code Dense} layer on the image's pixels (an input of a square number of values, such as
     * MNIST's 784, or an image shape through {@code Flatten}), or a {@code Conv2D} layer on it.
     * Layers without weights in front of it ({@code Flatten}, {@code Dropout}) are looked
     * through.
     *
     * @param model a built model
     * @return the chart, at {@link DigitGridChart#defaultSize(int)} of the units drawn
     * @throws InvalidInputException if the model's input is not a one-channel image, or its first
     *     layer with weights is neither of these (naming the layer and the input's shape)
     * @throws IllegalStateException if the model has been closed
     */
    public static BufferedImage of(Sequential model) {
        if (model.isClosed()) { // built once, maybe trained, and freed: not a build call that is missing
            throw new IllegalStateException("this model has been closed and its parameters freed (closing a"
                    + " CompiledModel closes its Sequential too); draw it before closing, or load it again");
        }
        if (!model.isBuilt()) {
            throw new InvalidInputException("the model is not built yet: its first layer has no weights to draw");
        }
        long[] input = model.inputShape();
        int first = -1;
        for (int i = 0; i < model.layers().size() && first < 0; i++) {
            Layer layer = model.layers().get(i);
            if (!model.shapes().parameters(i).isEmpty()) {
                first = i;
            } else if (!(layer instanceof Flatten || layer instanceof Dropout)) {
                throw new InvalidInputException("the model's first layer with weights reads the output of "
                        + model.layerNames().get(i) + ", not the input image; expected Dense or Conv2D on the image"
                        + " (with at most Flatten or Dropout in front of it)");
            }
        }
        if (first < 0) {
            throw new InvalidInputException("the model has no layer with weights to draw");
        }
        Layer layer = model.layers().get(first);
        String name = model.layerNames().get(first);
        LayerWeights weights = model.weights().get(first);
        int[] image = imageShape(input, name);
        if (layer instanceof Dense) {
            float[][] kernel = weights.kernel(); // [pixel][unit]
            float[][] units = new float[kernel[0].length][kernel.length];
            for (int p = 0; p < kernel.length; p++) {
                for (int u = 0; u < kernel[p].length; u++) {
                    units[u][p] = kernel[p][u];
                }
            }
            return render(units, image[0], image[1], "unit", "What each unit of " + name + " responds to",
                    "its weight on each pixel");
        }
        if (layer instanceof Conv2D) {
            float[][][][] kernel = weights.conv2dKernel(); // [row][column][in channel][filter]
            int kh = kernel.length;
            int kw = kernel[0].length;
            float[][] filters = new float[kernel[0][0][0].length][kh * kw];
            for (int r = 0; r < kh; r++) {
                for (int c = 0; c < kw; c++) {
                    for (int f = 0; f < filters.length; f++) {
                        filters[f][r * kw + c] = kernel[r][c][0][f];
                    }
                }
            }
            return render(filters, kh, kw, "filter", "What each filter of " + name + " responds to",
                    "its " + kh + " x " + kw + " kernel");
        }
        throw new InvalidInputException("the model's first layer with weights, " + name + " ("
                + layer.getClass().getSimpleName() + "), has no image-shaped weights; expected Dense or Conv2D");
    }

    /**
     * The rows and columns of a one-channel image input: a square number of values, or
     * (1, rows, columns), (rows, columns, 1) or (rows, columns).
     */
    private static int[] imageShape(long[] input, String layer) {
        String shape = Arrays.toString(input);
        if (input.length == 1) {
            int side = (int) Math.round(Math.sqrt(input[0]));
            if ((long) side * side == input[0]) {
                return new int[] {side, side};
            }
        } else if (input.length == 2) {
            return new int[] {(int) input[0], (int) input[1]};
        } else if (input.length == 3 && (input[0] == 1 || input[2] == 1)) {
            return input[0] == 1 ? new int[] {(int) input[1], (int) input[2]} : new int[] {(int) input[0], (int) input[1]};
        }
        throw new InvalidInputException("the model's input, of shape " + shape + ", is not a one-channel image whose"
                + " pixels " + layer + "'s weights could be drawn on; expected a square number of values (784 for"
                + " 28 x 28) or an image shape with one channel");
    }

    /**
     * Draws weights in an image's shape, one image per unit, each scaled to its own largest
     * weight (a unit's pattern shows whatever its overall size); at most {@value #MOST_UNITS}.
     *
     * @param units one row of {@code rows * columns} weights per unit, row by row
     * @param rows the image's rows
     * @param columns the image's columns
     * @param what what a unit is called in the captions ("unit", "filter")
     * @param title the chart's title
     * @param weights what the weights are, for the header ("its weight on each pixel")
     * @return the chart
     * @throws InvalidInputException if there are no units, a unit's weights are not {@code rows *
     *     columns}, or a weight is not finite
     */
    public static BufferedImage render(float[][] units, int rows, int columns, String what, String title,
            String weights) {
        Inputs.requireNonEmpty(units.length, "units");
        for (int u = 0; u < units.length; u++) {
            if (units[u].length != rows * columns) {
                throw new InvalidInputException("units[" + u + "] has " + units[u].length + " weights; expected one per"
                        + " pixel of " + rows + " x " + columns + ", " + rows * columns);
            }
            for (float w : units[u]) {
                if (!Float.isFinite(w)) {
                    throw new InvalidInputException("units[" + u + "] holds the weight " + w + "; expected numbers");
                }
            }
        }
        int drawn = Math.min(units.length, MOST_UNITS);
        ChartSize size = DigitGridChart.defaultSize(drawn);
        DigitGridChart.GridLayout layout = DigitGridChart.GridLayout.fit(drawn, size);
        BufferedImage chart = ChartImages.blank(size);
        Graphics2D g = ChartImages.graphics(chart);
        g.setColor(ChartStyle.TEXT);
        g.setFont(ChartStyle.TITLE_FONT);
        Drawing.centred(g, title, size.width() / 2.0, DigitGridChart.MARGIN + 10);
        String subtitle = weights + ": red raises its input, blue lowers it (each " + what + " scaled to its largest"
                + " weight)" + (drawn < units.length ? "; the first " + drawn + " of " + units.length : "");
        g.setFont(Drawing.fitted(g, ChartStyle.LEGEND_FONT, subtitle, size.width() - 2 * DigitGridChart.MARGIN,
                ChartStyle.LEGEND_FONT.getSize2D()));
        Drawing.centred(g, subtitle, size.width() / 2.0, DigitGridChart.MARGIN + 32);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        int cell = layout.cell();
        int pad = Math.max(2, cell / 16);
        for (int u = 0; u < drawn; u++) {
            int left = layout.left(u);
            int top = layout.top(u);
            g.drawImage(toImage(units[u], rows, columns), left + pad, top + pad, cell - 2 * pad, cell - 2 * pad, null);
            g.setColor(FRAME);
            g.drawRect(left + pad - 1, top + pad - 1, cell - 2 * pad + 1, cell - 2 * pad + 1);
            g.setColor(ChartStyle.TEXT);
            String caption = what + " " + u;
            g.setFont(Drawing.fitted(g, ChartStyle.LEGEND_FONT, caption, cell - 4, 13f));
            Drawing.centred(g, caption, left + cell / 2.0, top + cell + DigitGridChart.CAPTION / 2.0 - 2);
        }
        g.dispose();
        return chart;
    }

    private static BufferedImage toImage(float[] weights, int rows, int columns) {
        double largest = 0;
        for (float w : weights) {
            largest = Math.max(largest, Math.abs(w));
        }
        BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double t = largest == 0 ? 0 : weights[r * columns + c] / largest;
                image.setRGB(c, r, shade(t).getRGB());
            }
        }
        return image;
    }

    /**
     * The colour of a scaled weight: white at 0, {@link #POSITIVE} at 1, {@link #NEGATIVE} at -1,
     * mixed linearly between.
     *
     * @param t the weight over its unit's largest, in [-1, 1]
     * @return the colour
     */
    static Color shade(double t) {
        Color end = t >= 0 ? POSITIVE : NEGATIVE;
        double s = Math.min(1, Math.abs(t));
        return new Color(mix(255, end.getRed(), s), mix(255, end.getGreen(), s), mix(255, end.getBlue(), s));
    }

    private static int mix(int from, int to, double s) {
        return (int) Math.round(from + (to - from) * s);
    }
}

package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A regression model's predictions against the true targets: one point per example (x: the true
 * value, y: the prediction) and the diagonal y = x, where a perfect model's points lie, drawn
 * across the plot. Points above the line are over-estimates, below it under-estimates. Both axes
 * span the same range of values at the same scale (pixels per unit), so the diagonal runs at 45
 * degrees. Above the plot, the number of examples, the mean squared error, the mean absolute error
 * and R² = 1 - SS_res / SS_tot, all over every example; R² is undefined (and said to be) when all
 * the true values are equal.
 *
 * <p>At most {@value #MAX_POINTS} points are drawn per output: more, and a deterministic, evenly
 * spaced subsample is drawn (examples 0, n / k, 2n / k ... for k points out of n), which the
 * subtitle states, while the scores still use every example. Past tens of thousands, points of 4
 * pixels cover each other and only cost time and memory.
 *
 * <p>A model with several outputs gets one panel per output, each with its own axes and scores,
 * up to {@value #MAX_OUTPUTS}; more are refused. Panels rather than one chart with a series per
 * output because outputs often have different units and ranges (a price and a duration): shared
 * axes would squeeze the smaller ones into a corner, and the points of six colours over each other
 * would hide which output is off; each output's own R² is also what one wants to read.
 */
public final class RegressionChart {

    /** The size of a chart of one output drawn without a size. */
    public static final ChartSize DEFAULT_SIZE = new ChartSize(640, 680);

    /** The most outputs drawn, one panel each. */
    public static final int MAX_OUTPUTS = 6;

    /** The most points drawn per output; the scores use every example. */
    public static final int MAX_POINTS = 20_000;

    /** The points' colour. */
    static final Color POINTS = ChartStyle.color(0);
    /** The diagonal's colour. */
    static final Color DIAGONAL = ChartStyle.color(1);

    /** Panels per row for several outputs. */
    private static final int COLUMNS = 3;
    /** The height of the title and subtitle above each plot. */
    private static final int HEADER = 62;
    /** A panel's size at the default size of several outputs. */
    private static final ChartSize PANEL = new ChartSize(480, 540);

    private RegressionChart() {}

    /**
     * Returns the size a chart of a number of outputs has when drawn without one: {@link
     * #DEFAULT_SIZE} for one, panels of 480 x 540 px in rows of up to three for more.
     *
     * @param outputs the model's outputs, 1 to {@value #MAX_OUTPUTS}
     * @return the size
     * @throws InvalidInputException if {@code outputs} is outside 1 to {@value #MAX_OUTPUTS}
     */
    public static ChartSize defaultSize(int outputs) {
        requireOutputs(outputs);
        if (outputs == 1) {
            return DEFAULT_SIZE;
        }
        int columns = Math.min(outputs, COLUMNS);
        int rows = (outputs + COLUMNS - 1) / COLUMNS;
        return new ChartSize(columns * PANEL.width(), rows * PANEL.height());
    }

    /**
     * Draws predictions against the true values of one output at {@link #DEFAULT_SIZE}.
     *
     * @param truth the true target of each example
     * @param predicted the model's prediction for each example
     * @return the chart
     * @throws InvalidInputException see {@link #render(double[], double[], ChartSize)}
     */
    public static BufferedImage render(double[] truth, double[] predicted) {
        return render(truth, predicted, DEFAULT_SIZE);
    }

    /**
     * Draws predictions against the true values of one output.
     *
     * @param truth the true target of each example, finite
     * @param predicted the model's prediction for each example, finite
     * @param size the image's size
     * @return the chart
     * @throws InvalidInputException if there are no examples, the counts differ, or a value is
     *     NaN or infinite
     */
    public static BufferedImage render(double[] truth, double[] predicted, ChartSize size) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(size, "size");
        requireValues(truth, predicted, "truth", "predicted");
        return panel(truth, predicted, "Predicted against true", size);
    }

    /**
     * Draws predictions against the true values of every output at {@link #defaultSize(int)}.
     *
     * @param truth one row of true targets per example, as {@code Examples.targetRows()} gives
     * @param predicted one row of predictions per example, as {@code CompiledModel.predict} gives
     * @return the chart
     * @throws InvalidInputException see {@link #render(float[][], float[][], ChartSize)}
     */
    public static BufferedImage render(float[][] truth, float[][] predicted) {
        Objects.requireNonNull(truth, "truth");
        int outputs = truth.length == 0 || truth[0] == null ? 0 : truth[0].length;
        return render(truth, predicted, defaultSize(Math.max(outputs, 1)));
    }

    /**
     * Draws predictions against the true values, one panel per output (a single chart for one
     * output), in rows of up to three panels.
     *
     * @param truth one row of true targets per example, every row as wide, finite
     * @param predicted one row of predictions per example, as wide as {@code truth}'s, finite
     * @param size the whole image's size
     * @return the chart
     * @throws InvalidInputException if there are no examples or no outputs, more than {@value
     *     #MAX_OUTPUTS} outputs, the counts or widths differ, a value is NaN or infinite, or the
     *     panels would be smaller than {@link ChartSize#MIN_SIDE}
     */
    public static BufferedImage render(float[][] truth, float[][] predicted, ChartSize size) {
        return render(truth, predicted, List.of(), size);
    }

    /**
     * Draws predictions against the true values at {@link #defaultSize(int)}, each panel titled
     * with its output's name (a CSV header's name for the label column).
     *
     * @param truth one row of true targets per example
     * @param predicted one row of predictions per example
     * @param names each output's name, or an empty list for {@code Output 0}, {@code Output 1}...
     * @return the chart
     * @throws InvalidInputException see {@link #render(float[][], float[][], ChartSize)}, or names
     *     that are not one per output
     */
    public static BufferedImage render(float[][] truth, float[][] predicted, List<String> names) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(names, "names");
        int outputs = truth.length == 0 || truth[0] == null ? 0 : truth[0].length;
        return render(truth, predicted, names, defaultSize(Math.max(outputs, 1)));
    }

    private static BufferedImage render(float[][] truth, float[][] predicted, List<String> names, ChartSize size) {
        Objects.requireNonNull(size, "size");
        int outputs = outputs(truth, predicted);
        requireOutputs(outputs);
        double[][] t = columns(truth, outputs, "truth");
        double[][] p = columns(predicted, outputs, "predicted");
        for (int o = 0; o < outputs; o++) {
            requireValues(t[o], p[o], outputs == 1 ? "truth" : "truth of output " + o,
                    outputs == 1 ? "predicted" : "predicted of output " + o);
        }
        if (!names.isEmpty() && names.size() != outputs) {
            throw new InvalidInputException(names.size() + " output names " + names + " for " + outputs
                    + " outputs; expected one name per output");
        }
        if (outputs == 1) {
            return panel(t[0], p[0], names.isEmpty() ? "Predicted against true" : names.get(0) + ": predicted against true",
                    size);
        }
        List<Function<ChartSize, BufferedImage>> panels = new ArrayList<>();
        for (int o = 0; o < outputs; o++) {
            int output = o;
            String name = names.isEmpty() ? "Output " + output : names.get(output);
            panels.add(s -> panel(t[output], p[output], name + ": predicted against true", s));
        }
        return Panels.grid(size, Math.min(outputs, COLUMNS), panels);
    }

    /**
     * Returns the scores of predictions, as the chart's subtitle gives them: e.g. {@code MSE
     * 0.2500, MAE 0.2500, R² 0.8000}, or {@code R² undefined (all true values equal)}.
     *
     * @param truth the true target of each example, finite
     * @param predicted the model's prediction for each example, finite
     * @return the scores, four decimals each
     * @throws InvalidInputException as {@link #render(double[], double[], ChartSize)}
     */
    public static String scores(double[] truth, double[] predicted) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(predicted, "predicted");
        requireValues(truth, predicted, "truth", "predicted");
        return Scores.of(truth, predicted).format();
    }

    /**
     * Returns the scores of each output, as {@link #scores(double[], double[])} does.
     *
     * @param truth one row of true targets per example
     * @param predicted one row of predictions per example
     * @return one line of scores per output
     * @throws InvalidInputException as {@link #render(float[][], float[][], ChartSize)}, but for
     *     any number of outputs
     */
    public static List<String> scores(float[][] truth, float[][] predicted) {
        int outputs = outputs(truth, predicted);
        double[][] t = columns(truth, outputs, "truth");
        double[][] p = columns(predicted, outputs, "predicted");
        List<String> lines = new ArrayList<>();
        for (int o = 0; o < outputs; o++) {
            requireValues(t[o], p[o], "truth", "predicted");
            lines.add(Scores.of(t[o], p[o]).format());
        }
        return lines;
    }

    /**
     * The scores of one output's predictions, over every example.
     *
     * @param count the number of examples
     * @param mse the mean squared error
     * @param mae the mean absolute error
     * @param r2 R² = 1 - SS_res / SS_tot, or NaN when every true value is the same
     */
    record Scores(int count, double mse, double mae, double r2) {

        static Scores of(double[] truth, double[] predicted) {
            int n = truth.length;
            double mean = 0;
            for (double t : truth) {
                mean += t;
            }
            mean /= n;
            double squares = 0;
            double absolutes = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                double error = predicted[i] - truth[i];
                squares += error * error;
                absolutes += Math.abs(error);
                total += (truth[i] - mean) * (truth[i] - mean);
            }
            double r2 = total > 0 ? 1 - squares / total : Double.NaN;
            return new Scores(n, squares / n, absolutes / n, r2);
        }

        /** @return e.g. {@code MSE 0.2500, MAE 0.2500, R² 0.8000} */
        String format() {
            return String.format(Locale.ROOT, "MSE %.4f, MAE %.4f, %s", mse, mae,
                    Double.isNaN(r2) ? "R\u00b2 undefined (all true values equal)"
                            : String.format(Locale.ROOT, "R\u00b2 %.4f", r2));
        }
    }

    /**
     * Returns the subtitle of one panel: the examples and scores, and what the line is and how
     * many points are drawn.
     *
     * @param truth the true values
     * @param predicted the predictions
     * @return two lines
     */
    static String[] subtitle(double[] truth, double[] predicted) {
        Scores s = Scores.of(truth, predicted);
        String first = String.format(Locale.ROOT, "%,d examples; %s", s.count(), s.format());
        int drawn = Math.min(truth.length, MAX_POINTS);
        String second = drawn < truth.length
                ? String.format(Locale.ROOT, "%,d of %,d points drawn, evenly spaced; line: y = x", drawn,
                        truth.length)
                : "line: y = x, a perfect prediction";
        return new String[] {first, second};
    }

    /**
     * Returns which examples are drawn: all of them up to {@value #MAX_POINTS}, else that many
     * evenly spaced, {@code i * n / MAX_POINTS}.
     *
     * @param n the number of examples
     * @return the indices, increasing
     */
    static int[] drawnIndices(int n) {
        int k = Math.min(n, MAX_POINTS);
        int[] indices = new int[k];
        for (int i = 0; i < k; i++) {
            indices[i] = (int) ((long) i * n / k);
        }
        return indices;
    }

    private static BufferedImage panel(double[] truth, double[] predicted, String title, ChartSize size) {
        String[] subtitle = subtitle(truth, predicted);
        if (size.height() - HEADER < ChartSize.MIN_SIDE) {
            throw new InvalidInputException("a regression chart needs at least " + (HEADER + ChartSize.MIN_SIDE)
                    + " px of height, got " + size.height());
        }
        BufferedImage image = ChartImages.blank(size);
        Graphics2D g = ChartImages.graphics(image);
        g.drawImage(plot(truth, predicted, new ChartSize(size.width(), size.height() - HEADER)), 0, HEADER, null);
        g.setColor(ChartStyle.TEXT);
        g.setFont(Drawing.fitted(g, ChartStyle.TITLE_FONT, title, size.width() - 16, 15f));
        Drawing.centred(g, title, size.width() / 2.0, 20);
        for (int line = 0; line < subtitle.length; line++) {
            g.setFont(Drawing.fitted(g, ChartStyle.LEGEND_FONT, subtitle[line], size.width() - 16, 12f));
            Drawing.centred(g, subtitle[line], size.width() / 2.0, 40 + 16 * line);
        }
        g.dispose();
        return image;
    }

    private static BufferedImage plot(double[] truth, double[] predicted, ChartSize size) {
        int[] drawn = drawnIndices(truth.length);
        double[] x = new double[drawn.length];
        double[] y = new double[drawn.length];
        for (int i = 0; i < drawn.length; i++) {
            x[i] = truth[drawn[i]];
            y[i] = predicted[drawn[i]];
        }
        // one range for both axes, over every example (not only the drawn ones)
        double low = Math.min(min(truth), min(predicted));
        double high = Math.max(max(truth), max(predicted));
        Bounds range = new Bounds(low, high, low, high).padded(0.05);

        XYChart chart = ChartStyle.xyChart(size, "", "true value", "predicted value");
        chart.getStyler().setChartTitleVisible(false);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(drawn.length > 2_000 ? 4 : 7);
        range.applyTo(chart);
        XYSeries diagonal = chart.addSeries("y = x", new double[] {range.xMin(), range.xMax()},
                new double[] {range.yMin(), range.yMax()});
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(DIAGONAL);
        diagonal.setLineStyle(ChartStyle.solid(2f));
        XYSeries points = chart.addSeries("examples", x, y);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(POINTS);
        equalScale(chart, range);
        // the line across the whole plot: from the larger of the two axes' minima to the smaller maximum
        double from = Math.max(chart.getStyler().getXAxisMin(), chart.getStyler().getYAxisMin());
        double to = Math.min(chart.getStyler().getXAxisMax(), chart.getStyler().getYAxisMax());
        chart.updateXYSeries("y = x", new double[] {from, to}, new double[] {from, to}, null);
        return ChartImages.render(chart);
    }

    /**
     * Widens the axis that has more pixels, so that a unit is as many pixels on both and the
     * diagonal runs at 45 degrees; the plot then shows the same values' range on its shorter side
     * and a little more on its longer one. Laid out twice, as the tick labels change the plot's
     * width a little.
     */
    private static void equalScale(XYChart chart, Bounds range) {
        for (int pass = 0; pass < 2; pass++) {
            ChartImages.render(chart); // lays the axes out
            PlotArea area = new PlotArea(chart);
            double xMin = chart.getStyler().getXAxisMin();
            double xMax = chart.getStyler().getXAxisMax();
            double yMin = chart.getStyler().getYAxisMin();
            double yMax = chart.getStyler().getYAxisMax();
            double xPixels = area.x(xMax) - area.x(xMin);
            double yPixels = area.y(yMin) - area.y(yMax);
            // the fewer pixels per unit of the two, over the values' range, on both axes
            double perUnit = Math.min(xPixels, yPixels) / (range.xMax() - range.xMin());
            double xHalf = xPixels / perUnit / 2;
            double yHalf = yPixels / perUnit / 2;
            double mid = (range.xMin() + range.xMax()) / 2;
            chart.getStyler().setXAxisMin(mid - xHalf).setXAxisMax(mid + xHalf)
                    .setYAxisMin(mid - yHalf).setYAxisMax(mid + yHalf);
        }
    }

    private static double min(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    private static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static void requireOutputs(int outputs) {
        if (outputs < 1 || outputs > MAX_OUTPUTS) {
            throw new InvalidInputException(outputs + " outputs; a regression chart draws 1 to " + MAX_OUTPUTS
                    + ", one panel each");
        }
    }

    private static void requireValues(double[] truth, double[] predicted, String truthName, String predictedName) {
        Inputs.requireNonEmpty(truth.length, truthName);
        Inputs.requireLength(predicted.length, predictedName, truth.length, truthName);
        Inputs.requireFinite(truth, truthName);
        Inputs.requireFinite(predicted, predictedName);
    }

    /** Checks that both tables are there, as long as each other and not empty; returns the outputs per row. */
    private static int outputs(float[][] truth, float[][] predicted) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(predicted, "predicted");
        Inputs.requireNonEmpty(truth.length, "truth");
        Inputs.requireLength(predicted.length, "predicted", truth.length, "truth");
        int outputs = truth[0] == null ? 0 : truth[0].length;
        Inputs.requireNonEmpty(outputs, "truth[0]");
        return outputs;
    }

    private static double[][] columns(float[][] rows, int outputs, String name) {
        double[][] columns = new double[outputs][rows.length];
        for (int i = 0; i < rows.length; i++) {
            Inputs.requireLength(rows[i] == null ? 0 : rows[i].length, name + "[" + i + "]", outputs, "truth[0]");
            for (int o = 0; o < outputs; o++) {
                columns[o][i] = rows[i][o];
            }
        }
        return columns;
    }
}

package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Two stacked linear layers against the single linear function they collapse to: the composed
 * function as a thick light line, the single layer dashed on top of it, and the largest gap
 * between them in the legend. The lines coincide, which is the point: without a nonlinear
 * activation, depth adds nothing.
 */
public final class LinearCollapseChart {

    /** The size of {@link #render(double[], double[], double[])}. */
    public static final ChartSize DEFAULT_SIZE = new ChartSize(800, 500);

    /** The colour of the two stacked layers. */
    static final java.awt.Color STACKED = ChartStyle.tint(ChartStyle.color(0), 0.35);

    /** The colour of the single layer. */
    static final java.awt.Color SINGLE = ChartStyle.color(1);

    private LinearCollapseChart() {}

    /**
     * Draws the two functions at {@link #DEFAULT_SIZE}.
     *
     * @param x the inputs
     * @param stacked the two stacked layers' output at each input
     * @param single the single layer's output at each input
     * @return the chart
     * @throws InvalidInputException see {@link #render(double[], double[], double[],
     *     ChartSize)}
     */
    public static BufferedImage render(double[] x, double[] stacked, double[] single) {
        return render(x, stacked, single, DEFAULT_SIZE);
    }

    /**
     * Draws the two functions over the inputs.
     *
     * @param x the inputs, finite, at least 2
     * @param stacked {@code W2 (W1 x + b1) + b2} at each input, finite
     * @param single {@code w x + b} at each input, finite
     * @param size the image's size
     * @return the chart
     * @throws InvalidInputException if there are fewer than 2 inputs, the lengths differ, or
     *     a value is NaN or infinite
     */
    public static BufferedImage render(
            double[] x, double[] stacked, double[] single, ChartSize size) {
        if (x.length < 2) {
            throw new InvalidInputException(
                    "x has " + x.length + " values; expected at least 2 to draw a line");
        }
        Inputs.requireFinite(x, "x");
        Inputs.requireLength(stacked.length, "stacked", x.length, "x");
        Inputs.requireFinite(stacked, "stacked");
        Inputs.requireLength(single.length, "single", x.length, "x");
        Inputs.requireFinite(single, "single");
        double gap = 0;
        for (int i = 0; i < x.length; i++) {
            gap = Math.max(gap, Math.abs(stacked[i] - single[i]));
        }

        XYChart chart = ChartStyle.xyChart(size,
                "Two stacked linear layers collapse to one linear function", "x (input)",
                "output");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        Bounds.of(x, stacked).padded(0.04).applyTo(chart);
        XYSeries two = chart.addSeries("two linear layers: W2 (W1 x + b1) + b2", x, stacked);
        two.setMarker(SeriesMarkers.NONE);
        two.setLineColor(STACKED);
        two.setLineStyle(ChartStyle.solid(9f));
        String gapText = gap == 0 ? "no gap" : String.format(Locale.ROOT, "largest gap %.1e", gap);
        XYSeries one = chart.addSeries("one linear layer: w x + b (" + gapText + ")", x, single);
        one.setMarker(SeriesMarkers.NONE);
        one.setLineColor(SINGLE);
        one.setLineStyle(ChartStyle.dashed(2.5f));
        return ChartImages.render(chart);
    }
}

package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;
import dev.nntrain.train.tune.LearningRateFinder;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * The learning-rate range test's curve, as fastai's {@code lr_find} plots it: each step's
 * mini-batch loss (faint) and the smoothed loss (solid) against the learning rate on a
 * logarithmic axis, with the suggested rate (the steepest fall of the smoothed loss) marked by a
 * dot on the curve and a dotted line, its value in the legend, and the classic rule's rate (the
 * minimum's over ten) in the title.
 *
 * <p>The loss axis stops a little above the highest smoothed loss, so that the last raw losses of
 * a run that blew up (often thousands of times the rest) do not flatten the curve that matters;
 * they run off the top of the chart.
 */
public final class LearningRateFinderChart {

    /** The size of {@link #of(LearningRateFinder.Result)}. */
    public static final ChartSize DEFAULT_SIZE = new ChartSize(800, 480);

    /** The raw losses' colour: the smoothed curve's, mostly white. */
    static final Color RAW = ChartStyle.tint(ChartStyle.TRAINING, 0.6);
    /** The suggestion's colour. */
    static final Color SUGGESTION = ChartStyle.PALETTE[3];

    private LearningRateFinderChart() {}

    /**
     * Draws a range test at {@link #DEFAULT_SIZE}.
     *
     * @param result the test's outcome
     * @return the chart
     * @throws InvalidInputException if the test took fewer than two steps with a finite loss
     */
    public static BufferedImage of(LearningRateFinder.Result result) {
        return of(result, DEFAULT_SIZE);
    }

    /**
     * Draws a range test.
     *
     * @param result the test's outcome
     * @param size the image's size
     * @return the chart
     * @throws InvalidInputException if the test took fewer than two steps with a finite loss
     */
    public static BufferedImage of(LearningRateFinder.Result result, ChartSize size) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(size, "size");
        return ChartImages.render(chart(result, size));
    }

    /** The chart, not yet rendered. */
    static XYChart chart(LearningRateFinder.Result result, ChartSize size) {
        double[] rates = result.rates();
        double[] smoothed = result.smoothed();
        double[] losses = result.losses();
        int n = 0; // the finite prefix: a NaN ends the test
        while (n < smoothed.length && Double.isFinite(smoothed[n])) {
            n++;
        }
        if (n < 2) {
            throw new InvalidInputException("the range test took " + n + " step" + (n == 1 ? "" : "s")
                    + " with a finite loss; expected at least 2 to draw");
        }
        double[] x = new double[n];
        double[] raw = new double[n];
        double[] smooth = new double[n];
        double top = 0;
        double bottom = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            x[i] = rates[i];
            raw[i] = Double.isFinite(losses[i]) ? losses[i] : Double.NaN;
            smooth[i] = smoothed[i];
            top = Math.max(top, smoothed[i]);
            bottom = Math.min(bottom, Math.min(smoothed[i], Double.isNaN(raw[i]) ? smoothed[i] : raw[i]));
        }
        String title = "Learning-rate range test" + (result.diverged() ? " (stopped: the loss diverged)" : "");
        if (!Double.isNaN(result.minimumRate())) {
            title += "; minimum/10: " + rate(result.minimumRateOverTen());
        }
        XYChart chart = ChartStyle.xyChart(size, title, "learning rate (log scale)", "loss (mean per example)");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        chart.getStyler().setXAxisLogarithmic(true).setXAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        // whole decades at both ends, so that every power of ten between is labelled
        chart.getStyler().setXAxisMin(Math.pow(10, Math.floor(Math.log10(rates[0]) + 1e-9)));
        chart.getStyler().setXAxisMax(Math.pow(10, Math.ceil(Math.log10(rates[n - 1]) - 1e-9)));
        chart.getStyler().setXAxisDecimalPattern("0.#E0");
        double span = top - Math.max(0, bottom);
        chart.getStyler().setYAxisMax(top + 0.15 * Math.max(span, 1e-3 * top));
        chart.getStyler().setYAxisMin(Math.max(0, bottom - 0.05 * span));

        XYSeries rawSeries = chart.addSeries("loss per step", x, raw);
        rawSeries.setLineColor(RAW);
        rawSeries.setLineStyle(ChartStyle.solid(1f));
        rawSeries.setMarker(SeriesMarkers.NONE);
        XYSeries smoothSeries = chart.addSeries("smoothed loss", x, smooth);
        smoothSeries.setLineColor(ChartStyle.TRAINING);
        smoothSeries.setLineStyle(ChartStyle.solid(2.5f));
        smoothSeries.setMarker(SeriesMarkers.NONE);

        int steepest = result.steepestStep();
        if (steepest >= 0 && steepest < n) {
            double at = x[steepest];
            XYSeries line = chart.addSeries("suggested rate: " + rate(rates[steepest]) + " (steepest fall)",
                    new double[] {at, at}, new double[] {chart.getStyler().getYAxisMin(), chart.getStyler().getYAxisMax()});
            line.setLineColor(SUGGESTION);
            line.setLineStyle(ChartStyle.dashed(1.5f));
            line.setMarker(SeriesMarkers.NONE);
            XYSeries dot = chart.addSeries("suggestion", new double[] {at}, new double[] {smooth[steepest]});
            dot.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            dot.setMarker(SeriesMarkers.CIRCLE);
            dot.setMarkerColor(SUGGESTION);
            dot.setShowInLegend(false);
        }
        return chart;
    }

    /**
     * Writes a rate with three significant digits, as the command line prints it.
     *
     * @param rate the rate
     * @return e.g. {@code 0.0148} or {@code 2.50e-05}
     */
    public static String rate(double rate) {
        return String.format(java.util.Locale.ROOT, "%.3g", rate);
    }
}

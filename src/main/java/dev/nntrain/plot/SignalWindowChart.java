package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A signal with the windows the units of a convolutional layer see, the course's EKG trace of
 * 100 samples: the trace on top, and under it one shaded bar per unit spanning the samples it
 * reads. Overlapping windows go to separate rows.
 */
public final class SignalWindowChart {

    /** The size of {@link #render(double[], List)}. */
    public static final ChartSize DEFAULT_SIZE = new ChartSize(1000, 480);

    /** A row of bars' height as a share of the signal's range. */
    private static final double ROW_HEIGHT = 0.16;

    private SignalWindowChart() {}

    /**
     * Draws a signal and its windows at {@link #DEFAULT_SIZE}.
     *
     * @param signal the samples, e.g. an EKG trace of 100 numbers x1..x100
     * @param windows each unit's window, in the order of the units
     * @return the chart
     * @throws InvalidInputException see {@link #render(double[], List, ChartSize)}
     */
    public static BufferedImage render(double[] signal, List<IndexRange> windows) {
        return render(signal, windows, DEFAULT_SIZE);
    }

    /**
     * Draws a signal, samples numbered from 1 as x1, x2 ..., and one labelled bar per window:
     * "unit 1: x1-x20" covers samples 1 to 20.
     *
     * @param signal the samples, finite
     * @param windows each unit's window, as 0-based index ranges into {@code signal}
     * @param size the image's size
     * @return the chart
     * @throws InvalidInputException if the signal is empty or not finite, there are no
     *     windows, or a window reaches past the signal's end
     */
    public static BufferedImage render(double[] signal, List<IndexRange> windows, ChartSize size) {
        Inputs.requireNonEmpty(signal.length, "signal");
        Inputs.requireFinite(signal, "signal");
        Inputs.requireNonEmpty(windows.size(), "windows");
        for (int k = 0; k < windows.size(); k++) {
            if (windows.get(k).end() > signal.length) {
                throw new InvalidInputException("window " + (k + 1) + " " + windows.get(k)
                        + " reaches past the signal's " + signal.length + " samples");
            }
        }
        double[] sample = new double[signal.length];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = i + 1;
        }
        Bounds signalBounds = Bounds.of(sample, signal).padded(0.05);
        int[] rows = rows(windows);
        int rowCount = Inputs.max(rows) + 1;
        double rowHeight = ROW_HEIGHT * (signalBounds.yMax() - signalBounds.yMin());
        double barsBottom = signalBounds.yMin() - rowCount * rowHeight;

        XYChart chart = ChartStyle.xyChart(size, "EKG signal and the window each unit sees",
                "input x_i (sample number)", "signal (arbitrary units)");
        new Bounds(0.5, signal.length + 0.5, barsBottom, signalBounds.yMax()).applyTo(chart);
        chart.getStyler().setLegendVisible(false);
        // no signal values beside the rows of bars
        chart.setCustomYAxisTickLabelsFormatter(y -> y < signalBounds.yMin() ? ""
                : ChartStyle.tickLabel(y));
        XYSeries trace = chart.addSeries("signal", sample, signal);
        trace.setMarker(SeriesMarkers.NONE);
        trace.setLineColor(ChartStyle.TEXT);
        trace.setLineStyle(ChartStyle.solid(1.8f));
        return ChartImages.renderOver(chart, (g, area) -> {
            for (int k = 0; k < windows.size(); k++) {
                double top = signalBounds.yMin() - rows[k] * rowHeight;
                drawBar(g, area, k, windows.get(k), top, top - 0.8 * rowHeight);
            }
        });
    }

    /**
     * Gives each window the first row where it overlaps no earlier window.
     *
     * @param windows the windows, in order
     * @return each window's row, from 0
     */
    static int[] rows(List<IndexRange> windows) {
        List<Integer> rowEnds = new ArrayList<>();
        int[] rows = new int[windows.size()];
        for (int k = 0; k < windows.size(); k++) {
            IndexRange w = windows.get(k);
            int row = 0;
            while (row < rowEnds.size() && rowEnds.get(row) > w.start()) {
                row++;
            }
            if (row == rowEnds.size()) {
                rowEnds.add(w.end());
            } else {
                rowEnds.set(row, w.end());
            }
            rows[k] = row;
        }
        return rows;
    }

    private static void drawBar(Graphics2D g, PlotArea area, int unit, IndexRange window,
            double top, double bottom) {
        double left = area.x(window.start() + 0.5);
        double right = area.x(window.end() + 0.5);
        Rectangle2D bar = new Rectangle2D.Double(
                left + 1, area.y(top), right - left - 2, area.y(bottom) - area.y(top));
        Color color = ChartStyle.color(unit);
        g.setColor(ChartStyle.tint(color, 0.55));
        g.fill(bar);
        g.setColor(color);
        g.setStroke(ChartStyle.solid(1.5f));
        g.draw(bar);
        String label = "unit " + (unit + 1) + ": x" + (window.start() + 1) + "-x" + window.end();
        g.setColor(ChartStyle.TEXT);
        g.setFont(Drawing.fitted(g, ChartStyle.TICK_FONT, label, bar.getWidth() - 4, 12f));
        Drawing.centred(g, label, bar.getCenterX(), bar.getCenterY());
    }
}

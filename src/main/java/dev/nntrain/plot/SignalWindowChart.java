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
 * reads. Overlapping windows go to separate rows. A stretch of the signal can be marked, e.g. the
 * bump that makes a trace abnormal: a shaded band over the trace, named above it.
 */
public final class SignalWindowChart {

    /** The size of {@link #render(double[], List)}. */
    public static final ChartSize DEFAULT_SIZE = new ChartSize(1000, 480);

    /** A row of bars' height as a share of the signal's range. */
    private static final double ROW_HEIGHT = 0.16;

    /** The fill of a {@link Mark}'s band: a light red that no window's bar uses. */
    static final Color MARK_FILL = ChartStyle.tint(ChartStyle.MISTAKE, 0.78);
    /** The edges and the label of a {@link Mark}. */
    static final Color MARK_EDGE = ChartStyle.MISTAKE;

    /**
     * A stretch of the signal to point out, in the chart's units: sample numbers from 1, so that
     * {@code from = 47.5, to = 57.5} covers samples x48 to x57.
     *
     * @param from where the band starts, a sample number (fractions allowed)
     * @param to where it ends, more than {@code from}
     * @param label what it is, written above the band
     */
    public record Mark(double from, double to, String label) {

        /**
         * Checks the mark.
         *
         * @param from where the band starts
         * @param to where it ends
         * @param label what it is
         * @throws InvalidInputException if the ends are not finite, {@code to} is not past
         *     {@code from}, or the label is blank or holds a line break
         */
        public Mark {
            if (!Double.isFinite(from) || !Double.isFinite(to) || to <= from) {
                throw new InvalidInputException("a marked span runs from a finite sample number to a larger one, got "
                        + from + " to " + to);
            }
            if (label == null || label.isBlank()) {
                throw new InvalidInputException("a marked span needs a label");
            }
            if (label.chars().anyMatch(Character::isISOControl)) {
                // the strip above the signal holds one line; a drawn line break would vanish
                throw new InvalidInputException("a marked span's label is one line, got one with a line break or"
                        + " control character: " + label.strip().lines().findFirst().orElse("") + "...");
            }
        }
    }

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
        return render(signal, windows, null, size);
    }

    /**
     * Draws a signal and its windows, as {@link #render(double[], List, ChartSize)} does, with one
     * stretch of the signal marked: a shaded band from the bottom to the top of the signal's
     * range, clipped to the samples drawn, with its label in a strip above the signal.
     *
     * @param signal the samples, finite
     * @param windows each unit's window, as 0-based index ranges into {@code signal}
     * @param mark the stretch to mark, or null for none
     * @param size the image's size
     * @return the chart
     * @throws InvalidInputException as {@link #render(double[], List, ChartSize)}, or if the mark
     *     lies wholly outside the samples or its label is wider than the plot
     */
    public static BufferedImage render(double[] signal, List<IndexRange> windows, Mark mark, ChartSize size) {
        Inputs.requireNonEmpty(signal.length, "signal");
        if (mark != null && (mark.to() <= 0.5 || mark.from() >= signal.length + 0.5)) {
            throw new InvalidInputException("the marked span " + mark.from() + " to " + mark.to()
                    + " lies outside the signal's samples 1 to " + signal.length);
        }
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
        // a mark's label gets a strip of one row's height above the signal
        double chartTop = mark == null ? signalBounds.yMax() : signalBounds.yMax() + rowHeight;
        new Bounds(0.5, signal.length + 0.5, barsBottom, chartTop).applyTo(chart);
        chart.getStyler().setLegendVisible(false);
        // no signal values beside the rows of bars (blanking more ticks, say above the signal, makes
        // XChart's tick calculator widen its spacing again and again in search of distinct labels)
        chart.setCustomYAxisTickLabelsFormatter(y -> y < signalBounds.yMin() ? ""
                : ChartStyle.tickLabel(y));
        XYSeries trace = chart.addSeries("signal", sample, signal);
        trace.setMarker(SeriesMarkers.NONE);
        trace.setLineColor(ChartStyle.TEXT);
        trace.setLineStyle(ChartStyle.solid(1.8f));
        return ChartImages.renderOver(chart, (g, area) -> {
            if (mark != null) {
                drawMark(g, area, mark, signal.length, signalBounds, chartTop);
            }
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

    /**
     * Shades the marked stretch over the signal's range, edges it, and writes its label in the
     * strip above.
     */
    private static void drawMark(Graphics2D g, PlotArea area, Mark mark, int samples, Bounds signalBounds,
            double top) {
        double left = area.x(Math.max(mark.from(), 0.5));
        double right = area.x(Math.min(mark.to(), samples + 0.5));
        double bandTop = area.y(signalBounds.yMax());
        Rectangle2D band = new Rectangle2D.Double(left, bandTop, right - left, area.y(signalBounds.yMin()) - bandTop);
        g.setColor(MARK_FILL);
        g.fill(band);
        g.setColor(MARK_EDGE);
        g.setStroke(ChartStyle.dashed(1.2f));
        g.draw(band);
        g.setFont(ChartStyle.LEGEND_FONT);
        double labelWidth = g.getFontMetrics().stringWidth(mark.label());
        double plotWidth = area.x(samples + 0.5) - area.x(0.5);
        if (labelWidth + 4 > plotWidth) {
            throw new InvalidInputException(String.format(java.util.Locale.ROOT,
                    "the marked span's label is %.0f px wide, wider than the plot's %.0f px; shorten it or widen the chart",
                    labelWidth, plotWidth));
        }
        // centred on the band, moved in where it would run past the plot's sides
        double cx = Math.max(area.x(0.5) + labelWidth / 2 + 2,
                Math.min(area.x(samples + 0.5) - labelWidth / 2 - 2, band.getCenterX()));
        Drawing.centred(g, mark.label(), cx, (area.y(top) + bandTop) / 2);
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

package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Optimisers compared on a cost of two parameters, the course's gradient descent against Adam on
 * an elongated bowl: the loss per step, and the parameter paths over the cost's contour lines.
 */
public final class OptimizerCharts {

    /** The size of {@link #render(List, DoubleBinaryOperator)}: two panels side by side. */
    public static final ChartSize DEFAULT_SIZE = new ChartSize(1100, 460);

    /** Contour lines drawn under the paths. */
    static final int CONTOUR_LEVELS = 12;

    /** Cells along the longer side of the grid the cost is sampled on. */
    private static final int CELLS_ACROSS = 160;

    private OptimizerCharts() {}

    /**
     * Draws the loss per step and the parameter paths at {@link #DEFAULT_SIZE}.
     *
     * @param traces the runs, e.g. gradient descent and Adam
     * @param cost the cost as a function of (w1, w2)
     * @return the chart
     * @throws InvalidInputException see {@link #render(List, DoubleBinaryOperator, ChartSize)}
     */
    public static BufferedImage render(List<OptimizerTrace> traces, DoubleBinaryOperator cost) {
        return render(traces, cost, DEFAULT_SIZE);
    }

    /**
     * Draws the loss per step on the left and the parameter paths over the contours on the right.
     *
     * @param traces the runs, one colour each
     * @param cost the cost as a function of (w1, w2), finite where the paths go
     * @param size the image's size, shared by the two panels
     * @return the chart
     * @throws InvalidInputException see {@link #lossPerStep} and {@link #paths}
     */
    public static BufferedImage render(
            List<OptimizerTrace> traces, DoubleBinaryOperator cost, ChartSize size) {
        return render(traces, cost, size, "w1", "w2");
    }

    /**
     * Draws the loss per step and the parameter paths, naming the two parameters on the paths'
     * axes as the problem names them (say {@code w} and {@code b} for a line's weight and bias).
     *
     * @param traces the runs, one colour each
     * @param cost the cost as a function of the two parameters, finite where the paths go
     * @param size the image's size, shared by the two panels
     * @param first the first parameter's name, on the horizontal axis
     * @param second the second parameter's name, on the vertical axis
     * @return the chart
     * @throws InvalidInputException see {@link #lossPerStep} and {@link #paths}, or if a name is blank
     */
    public static BufferedImage render(List<OptimizerTrace> traces, DoubleBinaryOperator cost, ChartSize size,
            String first, String second) {
        requireTraces(traces);
        requireName(first, "first");
        requireName(second, "second");
        return Panels.grid(size, 2, List.of(s -> lossPerStep(traces, s), s -> paths(traces, cost, s, first, second)));
    }

    private static void requireName(String name, String which) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("the " + which + " parameter's name is " + (name == null ? "null" : "blank")
                    + "; expected a name for its axis, e.g. w or b");
        }
    }

    /**
     * Draws each run's loss per step, on a logarithmic scale when every loss is positive.
     *
     * @param traces the runs, at least one
     * @param size the image's size
     * @return the chart
     * @throws InvalidInputException if there are no runs
     */
    public static BufferedImage lossPerStep(List<OptimizerTrace> traces, ChartSize size) {
        requireTraces(traces);
        boolean positive = true;
        for (OptimizerTrace trace : traces) {
            for (double loss : trace.lossPerStep()) {
                positive &= loss > 0;
            }
        }
        XYChart chart = ChartStyle.xyChart(size, "Loss per step", "step",
                positive ? "loss (log scale)" : "loss");
        // XChart draws a grid line at every 2, 3 ... 9 of each decade: too dense to keep
        chart.getStyler().setYAxisLogarithmic(positive).setYAxisLogarithmicDecadeOnly(true)
                .setPlotGridHorizontalLinesVisible(!positive);
        int lastStep = 0;
        for (int k = 0; k < traces.size(); k++) {
            double[] loss = traces.get(k).lossPerStep();
            double[] steps = new double[loss.length];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = i;
            }
            addLine(chart, traces.get(k).name(), steps, loss, k);
            lastStep = Math.max(lastStep, loss.length - 1);
        }
        // limits off the whole steps, for round ticks (see Bounds.applyTo)
        chart.getStyler().setXAxisMin(-0.01 * lastStep - 0.5).setXAxisMax(1.01 * lastStep + 0.5);
        return ChartImages.render(chart);
    }

    /**
     * Draws each run's path through (w1, w2) over contour lines of the cost, from a black dot at
     * its start to a ring at its end.
     *
     * @param traces the runs, at least one
     * @param cost the cost as a function of (w1, w2)
     * @param size the image's size
     * @return the chart
     * @throws InvalidInputException if there are no runs, or the cost is NaN or infinite
     *     somewhere around the paths
     */
    public static BufferedImage paths(
            List<OptimizerTrace> traces, DoubleBinaryOperator cost, ChartSize size) {
        return paths(traces, cost, size, "w1", "w2");
    }

    /**
     * Whether a horizontal legend of these entries fits across the chart: each entry is its
     * marker's and line's room and its name in the legend's font.
     */
    static boolean fitsInOneRow(XYChart chart, List<String> entries, int width) {
        java.awt.image.BufferedImage scratch = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = scratch.createGraphics();
        try {
            java.awt.FontMetrics metrics = g.getFontMetrics(chart.getStyler().getLegendFont());
            int needed = 2 * chart.getStyler().getLegendPadding();
            for (String entry : entries) {
                needed += metrics.stringWidth(entry) + chart.getStyler().getLegendSeriesLineLength()
                        + 3 * chart.getStyler().getLegendPadding();
            }
            return needed <= width;
        } finally {
            g.dispose();
        }
    }

    private static BufferedImage paths(List<OptimizerTrace> traces, DoubleBinaryOperator cost, ChartSize size,
            String first, String second) {
        requireTraces(traces);
        List<double[]> all = new ArrayList<>();
        traces.forEach(t -> all.addAll(t.path()));
        Lattice lattice = new Lattice(Bounds.of(all).padded(0.12), CELLS_ACROSS,
                (double) size.width() / size.height());
        double[] values = sample(lattice, cost);

        XYChart chart = ChartStyle.xyChart(size, "Parameter paths over the cost's contours",
                first, second);
        lattice.bounds().applyTo(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal);
        for (int k = 0; k < traces.size(); k++) {
            List<double[]> path = traces.get(k).path();
            double[] w1 = new double[path.size()];
            double[] w2 = new double[path.size()];
            for (int i = 0; i < w1.length; i++) {
                w1[i] = path.get(i)[0];
                w2[i] = path.get(i)[1];
            }
            addLine(chart, traces.get(k).name(), w1, w2, k);
            addEnd(chart, traces.get(k).name() + " end", w1[w1.length - 1], w2[w2.length - 1], k);
        }
        double[] start = traces.get(0).path().get(0);
        XYSeries startSeries = chart.addSeries("start", new double[] {start[0]},
                new double[] {start[1]});
        startSeries.setMarker(SeriesMarkers.CIRCLE);
        startSeries.setMarkerColor(ChartStyle.TEXT);
        startSeries.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        List<String> entries = new ArrayList<>();
        traces.forEach(t -> entries.add(t.name()));
        entries.add("start");
        if (!fitsInOneRow(chart, entries, size.width())) {
            // one row of long names ran past the image's edge, cutting the last entries off
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        // 0.05, not XChart's .05: as the other charts write their ticks
        chart.getStyler().setXAxisDecimalPattern("0.###").setYAxisDecimalPattern("0.###");
        return ChartImages.renderOver(chart, (g, area) -> {
            g.setColor(ChartStyle.GRID.darker());
            g.setStroke(ChartStyle.solid(1.2f));
            for (double level : Contours.quantileLevels(values, CONTOUR_LEVELS)) {
                area.drawSegments(g, Contours.at(lattice, values, level));
            }
        });
    }

    private static void requireTraces(List<OptimizerTrace> traces) {
        Inputs.requireNonEmpty(traces.size(), "traces");
    }

    private static double[] sample(Lattice lattice, DoubleBinaryOperator cost) {
        double[][] points = lattice.points();
        double[] values = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            values[i] = cost.applyAsDouble(points[i][0], points[i][1]);
            if (!Double.isFinite(values[i])) {
                throw new InvalidInputException("the cost at (" + points[i][0] + ", "
                        + points[i][1] + ") is " + values[i] + "; expected a finite number");
            }
        }
        return values;
    }

    private static void addLine(XYChart chart, String name, double[] x, double[] y, int index) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(ChartStyle.color(index));
        series.setLineStyle(ChartStyle.solid(2.5f));
    }

    private static void addEnd(XYChart chart, String name, double x, double y, int index) {
        XYSeries end = chart.addSeries(name, new double[] {x}, new double[] {y});
        end.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        end.setMarker(SeriesMarkers.DIAMOND);
        end.setMarkerColor(ChartStyle.color(index));
        end.setShowInLegend(false);
    }
}

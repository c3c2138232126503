package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;
import dev.nntrain.train.EpochLogs;
import dev.nntrain.train.History;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Objects;

/**
 * Several training runs in one chart: one metric per epoch, a line per run in its own colour,
 * named in the legend, so that runs at other learning rates, batch sizes or layers can be compared
 * at a glance (their histories from {@code fit}, or read back from training logs with {@code
 * CsvLogger.read}).
 *
 * <p>An epoch whose value is NaN or infinite (not measured, or a run that diverged) leaves a gap in
 * its run's line; a run shorter than the others simply ends. Each epoch is marked with a dot up
 * to {@value #MARKED_EPOCHS} epochs.
 */
public final class RunsChart {

    /** The size of {@link #of(Map, String)}. */
    public static final ChartSize DEFAULT_SIZE = new ChartSize(900, 500);

    /** Runs up to this many epochs get a dot on each epoch. */
    static final int MARKED_EPOCHS = 30;

    private RunsChart() {}

    /**
     * Draws the runs at {@link #DEFAULT_SIZE}.
     *
     * @param runs each run's name (the legend's label) and history, in the legend's order
     * @param metric one of {@link EpochLogs#NAMES}, e.g. {@code val_loss}
     * @return the chart
     * @throws InvalidInputException see {@link #of(Map, String, ChartSize)}
     */
    public static BufferedImage of(Map<String, History> runs, String metric) {
        return of(runs, metric, DEFAULT_SIZE);
    }

    /**
     * Draws the runs.
     *
     * @param runs each run's name (the legend's label) and history, in the legend's order
     * @param metric one of {@link EpochLogs#NAMES}, e.g. {@code val_loss}
     * @param size the image's size
     * @return the chart
     * @throws InvalidInputException if there is no run, the metric is not one of {@link
     *     EpochLogs#NAMES}, or a run has no finite value of it (naming the run)
     */
    public static BufferedImage of(Map<String, History> runs, String metric, ChartSize size) {
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(size, "size");
        if (runs.isEmpty()) {
            throw new InvalidInputException("no run to draw; expected at least one");
        }
        if (!EpochLogs.NAMES.contains(metric)) {
            throw new InvalidInputException("unknown metric '" + metric + "'; expected one of "
                    + String.join(", ", EpochLogs.NAMES));
        }
        XYChart chart = ChartStyle.xyChart(size, title(metric) + " per epoch", "epoch", metric);
        // beside the plot: with several runs a legend inside would hide some epochs of one of them
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.setCustomXAxisTickLabelsFormatter(HistoryChart::wholeEpoch);
        int longest = 0;
        double low = Double.POSITIVE_INFINITY;
        int index = 0;
        for (Map.Entry<String, History> run : runs.entrySet()) {
            String name = Objects.requireNonNull(run.getKey(), "a run's name");
            History history = Objects.requireNonNull(run.getValue(), "run " + name);
            double[] values = history.get(metric);
            double[] epochs = new double[values.length];
            boolean any = false;
            for (int i = 0; i < values.length; i++) {
                epochs[i] = history.epochs().get(i).epoch();
                if (Double.isFinite(values[i])) {
                    any = true;
                    low = Math.min(low, values[i]);
                } else {
                    values[i] = Double.NaN; // a gap: XChart cannot place an infinite value
                }
            }
            if (!any) {
                throw new InvalidInputException("run " + name + " has no " + metric + " (" + values.length
                        + " epoch" + (values.length == 1 ? "" : "s") + ", none measured it)");
            }
            longest = Math.max(longest, values.length);
            XYSeries series = chart.addSeries(name, epochs, values);
            series.setLineColor(ChartStyle.color(index));
            series.setMarkerColor(ChartStyle.color(index));
            series.setLineStyle(ChartStyle.solid(2.5f));
            series.setMarker(values.length <= MARKED_EPOCHS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            index++;
        }
        if (longest >= 2) {
            HistoryChart.addSpacer(chart, low); // round epoch ticks, as the history chart has
        }
        return ChartImages.render(chart);
    }

    /** {@code val_loss} as "Validation loss", {@code mae} as "Mean absolute error". */
    static String title(String metric) {
        String base = metric.startsWith("val_") ? metric.substring(4) : metric;
        String what = switch (base) {
            case "mae" -> "mean absolute error";
            case "learning_rate" -> "learning rate";
            default -> base;
        };
        String text = metric.startsWith("val_") ? "validation " + what : metric.equals("learning_rate") ? what : "training " + what;
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

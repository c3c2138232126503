package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;
import dev.nntrain.train.History;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training history: loss per epoch on the left, accuracy per epoch on the right (for a
 * regression, the mean absolute error), each for the training data (solid blue) and the validation
 * data (dashed orange).
 *
 * <p>Only the training loss is required. The other series are optional: {@code null}, or all
 * {@code NaN} as {@code History} reports metrics that were not measured, leaves a series out, and
 * the accuracy panel is left out when there is no accuracy at all. A single {@code NaN} epoch
 * leaves a gap in its line.
 */
public final class HistoryChart {

    /** The size of {@link #render(double[], double[], double[], double[])}. */
    public static final ChartSize DEFAULT_SIZE = new ChartSize(1000, 420);

    /** Epoch counts up to which each epoch is marked with a dot. */
    private static final int MARKED_EPOCHS = 30;

    private HistoryChart() {}

    /**
     * Draws what a {@code fit} recorded, at {@link #DEFAULT_SIZE}: the chart of Keras'
     * {@code plt.plot(history.history['loss'])} and friends in one call.
     *
     * <p>This is where a history is drawn, rather than a {@code History.plot()} method: data flows
     * one way in nntrain (data, model, train, then plot and the command line), so the training
     * package knows nothing of charts and a program that trains on a server does not load them.
     *
     * @param history the epochs' logs; validation series appear when {@code fit} had validation data
     * @return the chart
     * @throws InvalidInputException if the history has no epoch, or its loss is all NaN
     */
    public static BufferedImage of(History history) {
        return of(history, DEFAULT_SIZE);
    }

    /**
     * Draws what a {@code fit} recorded.
     *
     * @param history the epochs' logs
     * @param size the image's size
     * @return the chart
     * @throws InvalidInputException if the history has no epoch, or its loss is all NaN
     */
    public static BufferedImage of(History history, ChartSize size) {
        return of(history, size, "validation");
    }

    /**
     * Draws what a {@code fit} recorded, naming the held-out data in the legend as the run names
     * it: {@code test} where the test examples were scored after every epoch, as {@code nntrain
     * train} does without a validation split.
     *
     * @param history the epochs' logs
     * @param size the image's size
     * @param heldOut the held-out series' name in the legend, e.g. {@code validation} or {@code test}
     * @return the chart
     * @throws InvalidInputException if the history has no epoch, its loss is all NaN, or the name is blank
     */
    public static BufferedImage of(History history, ChartSize size, String heldOut) {
        if (heldOut == null || heldOut.isBlank()) {
            throw new InvalidInputException("the held-out series' name is " + (heldOut == null ? "null" : "blank")
                    + "; expected a name for the legend, e.g. validation or test");
        }
        if (history.size() == 0) {
            throw new InvalidInputException("the history has no epoch to draw; fit for at least one");
        }
        if (!Inputs.hasValue(history.accuracy()) && !Inputs.hasValue(history.valAccuracy())) {
            // a regression: its second panel is the error in the targets' units, which the loss
            // (their square) does not show at a glance
            return draw(history.loss(), history.valLoss(), new Metric("mean absolute error",
                    "Mean absolute error per epoch", "mean absolute error", history.meanAbsoluteError(), history.valMeanAbsoluteError(),
                    Styler.LegendPosition.InsideNE), size, heldOut);
        }
        return draw(history.loss(), history.valLoss(), accuracy(history.accuracy(), history.valAccuracy()), size, heldOut);
    }

    /** The right-hand panel's series. */
    private record Metric(String name, String title, String yAxis, double[] training, double[] validation,
            Styler.LegendPosition legend) {}

    /**
     * Draws a training history at {@link #DEFAULT_SIZE}.
     *
     * @param loss the training loss per epoch
     * @param validationLoss the validation loss per epoch, or {@code null}
     * @param accuracy the training accuracy per epoch (fraction correct), or {@code null}
     * @param validationAccuracy the validation accuracy per epoch, or {@code null}
     * @return the chart
     * @throws InvalidInputException see {@link #render(double[], double[], double[], double[],
     *     ChartSize)}
     */
    public static BufferedImage render(
            double[] loss, double[] validationLoss, double[] accuracy, double[] validationAccuracy) {
        return render(loss, validationLoss, accuracy, validationAccuracy, DEFAULT_SIZE);
    }

    /**
     * Draws a training history.
     *
     * @param loss the training loss per epoch, epoch 1 first
     * @param validationLoss the validation loss per epoch, or {@code null}
     * @param accuracy the training accuracy per epoch (fraction correct), or {@code null}
     * @param validationAccuracy the validation accuracy per epoch, or {@code null}
     * @param size the image's size; the two panels share its width
     * @return the chart
     * @throws InvalidInputException if {@code loss} is empty or all NaN, a series' length
     *     differs from {@code loss}'s, or a value is infinite
     */
    public static BufferedImage render(double[] loss, double[] validationLoss, double[] accuracy,
            double[] validationAccuracy, ChartSize size) {
        return draw(loss, validationLoss, accuracy(accuracy, validationAccuracy), size, "validation");
    }

    /** A classifier's right-hand panel. */
    private static Metric accuracy(double[] training, double[] validation) {
        return new Metric("accuracy", "Accuracy per epoch", "accuracy (fraction correct)", training, validation,
                Styler.LegendPosition.InsideSE);
    }

    private static BufferedImage draw(double[] loss, double[] validationLoss, Metric metric, ChartSize size,
            String heldOut) {
        Inputs.requireNonEmpty(loss.length, "loss");
        if (!Inputs.hasValue(loss)) {
            throw new InvalidInputException(
                    "loss has " + loss.length + " values, all NaN; expected at least one number");
        }
        requireEpochs(loss, "loss", loss.length);
        requireEpochs(validationLoss, "validation loss", loss.length);
        requireEpochs(metric.training(), metric.name(), loss.length);
        requireEpochs(metric.validation(), "validation " + metric.name(), loss.length);

        List<Function<ChartSize, BufferedImage>> panels = new ArrayList<>();
        panels.add(s -> panel(s, "Loss per epoch", "loss (mean per example)", loss, validationLoss,
                Styler.LegendPosition.InsideNE, heldOut));
        if (Inputs.hasValue(metric.training()) || Inputs.hasValue(metric.validation())) {
            panels.add(s -> panel(s, metric.title(), metric.yAxis(), metric.training(), metric.validation(),
                    metric.legend(), heldOut));
        }
        return Panels.grid(size, panels.size(), panels);
    }

    private static void requireEpochs(double[] values, String name, int epochs) {
        if (values != null) {
            Inputs.requireLength(values.length, name, epochs, "loss");
            Inputs.requireFiniteOrNaN(values, name);
        }
    }

    private static BufferedImage panel(ChartSize size, String title, String yAxis,
            double[] training, double[] validation, Styler.LegendPosition legend, String heldOut) {
        XYChart chart = ChartStyle.xyChart(size, title, "epoch", yAxis);
        chart.getStyler().setLegendPosition(legend);
        chart.setCustomXAxisTickLabelsFormatter(HistoryChart::wholeEpoch);
        int epochs = training != null ? training.length : validation.length;
        double[] epochNumbers = new double[epochs];
        for (int i = 0; i < epochs; i++) {
            epochNumbers[i] = i + 1;
        }
        if (Inputs.hasValue(training)) {
            addCurve(chart, "training", epochNumbers, training, ChartStyle.TRAINING,
                    ChartStyle.solid(2.5f));
        }
        if (Inputs.hasValue(validation)) {
            addCurve(chart, heldOut, epochNumbers, validation, ChartStyle.VALIDATION,
                    ChartStyle.dashed(2.5f));
        }
        return ChartImages.render(chart);
    }

    private static void addCurve(XYChart chart, String name, double[] epochs, double[] values,
            Color color, BasicStroke stroke) {
        XYSeries series = chart.addSeries(name, epochs, values);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setLineStyle(stroke);
        series.setMarker(epochs.length <= MARKED_EPOCHS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }

    private static String wholeEpoch(double epoch) {
        return epoch == Math.rint(epoch) ? String.valueOf((long) epoch) : "";
    }
}

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
 *
 * <p>When the learning rate changed during the run (a {@code LearningRateScheduler}, {@code
 * ReduceLROnPlateau} or a callback of one's own), a third panel below the two, as wide as both,
 * draws the rate of each epoch: on a logarithmic axis when it spans a factor of ten or more, on a
 * linear one otherwise; all three panels then label the same epochs. Where it changed a few times only (a plateau's drops, a step decay, up to
 * {@value #MARKED_CHANGES} changes), a dotted line between the two epochs also marks each change
 * on the loss and accuracy panels, so that what the loss did after a drop shows where it happened.
 * A run at one rate throughout (or whose rate was not recorded: NaN, as for the epochs of an old
 * checkpoint) draws exactly the chart it drew before rates were recorded, pixel for pixel.
 */
public final class HistoryChart {

    /** The size of {@link #render(double[], double[], double[], double[])}. */
    public static final ChartSize DEFAULT_SIZE = new ChartSize(1000, 420);

    /**
     * The size of {@link #of(History)} when the learning rate changed: the two panels of {@link
     * #DEFAULT_SIZE} above the learning rate's.
     */
    public static final ChartSize LEARNING_RATE_SIZE = new ChartSize(1000, 600);

    /** Epoch counts up to which each epoch is marked with a dot. */
    private static final int MARKED_EPOCHS = 30;
    /** Runs this long get round epoch ticks: XChart's own start colliding past 100 epochs, sooner when narrow. */
    private static final int ROUND_TICKS_FROM = 50;

    /** Changes of the rate up to which each is marked on the loss and accuracy panels. */
    static final int MARKED_CHANGES = 8;

    /** The learning rate's panel's share of the image's height. */
    private static final double RATE_SHARE = 0.3;

    /** The learning rate's panel's least height, below which its axis has no room for labels. */
    private static final int RATE_MIN_HEIGHT = 180;

    /** The learning rate's curve. */
    static final Color LEARNING_RATE = ChartStyle.PALETTE[2];

    /** The lines that mark where the rate changed. */
    static final Color RATE_CHANGE = ChartStyle.PALETTE[7];

    /** The learning rate's series, in its panel. */
    static final String RATE_SERIES = "learning rate";

    /** A point in the learning rate's panel that is not drawn, see {@link #rateChart}. */
    static final String SPACER_SERIES = "spacer";

    private HistoryChart() {}

    /**
     * Draws what a {@code fit} recorded, at {@link #defaultSize(History)}: the chart of Keras'
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
        return of(history, defaultSize(history));
    }

    /**
     * Returns the size {@link #of(History)} draws a history at: {@link #DEFAULT_SIZE}, or {@link
     * #LEARNING_RATE_SIZE} when the learning rate changed during the run, so that its panel below
     * leaves the loss and accuracy panels their usual height.
     *
     * @param history the epochs' logs
     * @return the size
     */
    public static ChartSize defaultSize(History history) {
        return rateChanged(history.learningRate()) ? LEARNING_RATE_SIZE : DEFAULT_SIZE;
    }

    /**
     * Draws what a {@code fit} recorded.
     *
     * @param history the epochs' logs
     * @param size the image's size; with the learning rate's panel, at least 280 px high
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
     * @param size the image's size; with the learning rate's panel, at least 280 px high
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
                    Styler.LegendPosition.InsideNE), history.learningRate(), size, heldOut);
        }
        return draw(history.loss(), history.valLoss(), accuracy(history.accuracy(), history.valAccuracy()),
                history.learningRate(), size, heldOut);
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
        return draw(loss, validationLoss, accuracy(accuracy, validationAccuracy), null, size, "validation");
    }

    /**
     * Draws a training history with its learning rate per epoch, in a panel below the others when
     * the rate changed; at one rate throughout it is {@link #render(double[], double[], double[],
     * double[], ChartSize)}'s chart.
     *
     * @param loss the training loss per epoch, epoch 1 first
     * @param validationLoss the validation loss per epoch, or {@code null}
     * @param accuracy the training accuracy per epoch (fraction correct), or {@code null}
     * @param validationAccuracy the validation accuracy per epoch, or {@code null}
     * @param learningRate the learning rate per epoch ({@code History.learningRate()}), NaN where
     *     it was not recorded, or {@code null}
     * @param size the image's size; with the learning rate's panel, at least 280 px high
     * @return the chart
     * @throws InvalidInputException as {@link #render(double[], double[], double[], double[],
     *     ChartSize)} does, or if a learning rate is negative or infinite
     */
    public static BufferedImage render(double[] loss, double[] validationLoss, double[] accuracy,
            double[] validationAccuracy, double[] learningRate, ChartSize size) {
        return draw(loss, validationLoss, accuracy(accuracy, validationAccuracy), learningRate, size, "validation");
    }

    /** A classifier's right-hand panel. */
    private static Metric accuracy(double[] training, double[] validation) {
        return new Metric("accuracy", "Accuracy per epoch", "accuracy (fraction correct)", training, validation,
                Styler.LegendPosition.InsideSE);
    }

    private static BufferedImage draw(double[] loss, double[] validationLoss, Metric metric, double[] learningRate,
            ChartSize size, String heldOut) {
        Inputs.requireNonEmpty(loss.length, "loss");
        if (!Inputs.hasValue(loss)) {
            throw new InvalidInputException(
                    "loss has " + loss.length + " values, all NaN; expected at least one number");
        }
        requireEpochs(loss, "loss", loss.length);
        requireEpochs(validationLoss, "validation loss", loss.length);
        requireEpochs(metric.training(), metric.name(), loss.length);
        requireEpochs(metric.validation(), "validation " + metric.name(), loss.length);
        requireEpochs(learningRate, "learning rate", loss.length);
        if (learningRate != null) {
            for (int i = 0; i < learningRate.length; i++) {
                if (learningRate[i] < 0) {
                    throw new InvalidInputException("learning rate[" + i + "] is " + learningRate[i]
                            + "; expected a rate of 0 or more, or NaN where none was recorded");
                }
            }
        }

        boolean changed = rateChanged(learningRate);
        // round epoch ticks where XChart's own would collide (see addSpacer), or would not match
        // the rate panel's
        boolean roundTicks = changed || loss.length >= ROUND_TICKS_FROM;
        List<Double> marks = marks(learningRate);
        boolean twoPanels = Inputs.hasValue(metric.training()) || Inputs.hasValue(metric.validation());
        int columns = twoPanels ? 2 : 1;
        int rateHeight = 0;
        if (changed) {
            rateHeight = Math.max(RATE_MIN_HEIGHT, (int) Math.round(size.height() * RATE_SHARE));
            if (size.height() - rateHeight < ChartSize.MIN_SIDE) {
                throw new InvalidInputException("a history chart with its learning rate's panel needs at least "
                        + (RATE_MIN_HEIGHT + ChartSize.MIN_SIDE) + " px of height, got " + size.height());
            }
        }
        // with the rate's panel below, every panel labels the same epochs: the step XChart would
        // choose for the loss panel, laid out once to measure it; alone, XChart chooses as before
        double step = changed ? epochStep(panelChart(new ChartSize(size.width() / columns, size.height() - rateHeight),
                "Loss per epoch", "loss (mean per example)", loss, validationLoss, Styler.LegendPosition.InsideNE,
                heldOut, marks, roundTicks, Double.NaN)) : Double.NaN;
        List<Function<ChartSize, BufferedImage>> panels = new ArrayList<>();
        panels.add(s -> ChartImages.render(panelChart(s, "Loss per epoch", "loss (mean per example)", loss,
                validationLoss, Styler.LegendPosition.InsideNE, heldOut, marks, roundTicks, step)));
        if (twoPanels) {
            panels.add(s -> ChartImages.render(panelChart(s, metric.title(), metric.yAxis(), metric.training(),
                    metric.validation(), metric.legend(), heldOut, marks, roundTicks, step)));
        }
        if (!changed) {
            return Panels.grid(size, columns, panels);
        }
        return Panels.stack(size, size.height() - rateHeight, s -> Panels.grid(s, columns, panels),
                s -> ChartImages.render(rateChart(s, learningRate, step)));
    }

    /**
     * The epochs between labelled ticks that XChart chooses for a chart at its default spacing
     * hint, before it widens the spacing for labels that would not fit: the hint's width in
     * epochs, rounded up to 1, 2 or 5 times a power of ten as XChart rounds it (from 1.5, 3.5 and
     * 7.5), and at least one epoch.
     *
     * @param chart a chart of epochs, which this lays out at its size
     * @return the step, in epochs
     */
    static double epochStep(XYChart chart) {
        double epochs = chart.getStyler().getXAxisTickMarkSpacingHint() / pixelsPerEpoch(chart);
        double power = Math.pow(10, Math.floor(Math.log10(epochs)));
        double significand = epochs / power;
        double step = (significand > 7.5 ? 10 : significand > 3.5 ? 5 : significand > 1.5 ? 2 : 1) * power;
        return Math.max(1, step);
    }

    /**
     * Makes XChart label every {@code step} epochs: its spacing hint set to a width in pixels that
     * XChart rounds to that step (1.25, 2.5 or 5.5 times the step's power of ten, within XChart's
     * rounding bands, so that a pixel's rounding keeps the same step).
     *
     * @param chart a chart of epochs, which this lays out at its size to measure it
     * @param step the epochs between ticks: 1, 2 or 5 times a power of ten
     */
    private static void tickEvery(XYChart chart, double step) {
        double power = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
        long multiple = Math.round(step / power);
        double significand = multiple == 1 ? 1.25 : multiple == 2 ? 2.5 : 5.5;
        chart.getStyler().setXAxisTickMarkSpacingHint(
                (int) Math.round(significand * power * pixelsPerEpoch(chart)));
    }

    /** The pixels between epochs 1 and 2 on a chart laid out at its size (with its axes' labels). */
    private static double pixelsPerEpoch(XYChart chart) {
        ChartImages.render(chart);
        return chart.getScreenXFromChart(2) - chart.getScreenXFromChart(1);
    }

    /**
     * Whether the learning rate changed during the run.
     *
     * @param learningRate the rate per epoch, NaN where it was not recorded, or {@code null}
     * @return whether two of its recorded rates differ
     */
    static boolean rateChanged(double[] learningRate) {
        if (learningRate == null) {
            return false;
        }
        double first = Double.NaN;
        for (double rate : learningRate) {
            if (Double.isNaN(rate)) {
                continue;
            }
            if (Double.isNaN(first)) {
                first = rate;
            } else if (rate != first) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the loss and accuracy panels mark a change of the rate.
     *
     * @param learningRate the rate per epoch, NaN where it was not recorded, or {@code null}
     * @return {@link #changes}, when there are at most {@value #MARKED_CHANGES}; none otherwise, as
     *     a change every epoch or so would hide the curves behind the lines
     */
    static List<Double> marks(double[] learningRate) {
        if (!rateChanged(learningRate)) {
            return List.of();
        }
        List<Double> changes = changes(learningRate);
        return changes.size() <= MARKED_CHANGES ? changes : List.of();
    }

    /**
     * Where the rate changed between two recorded epochs.
     *
     * @param learningRate the rate per epoch
     * @return the epoch halfway between each pair of consecutive epochs whose rates differ, e.g.
     *     5.5 for a rate that epoch 6 (counted from 1) is the first to use
     */
    static List<Double> changes(double[] learningRate) {
        List<Double> changes = new ArrayList<>();
        for (int i = 1; i < learningRate.length; i++) {
            if (!Double.isNaN(learningRate[i - 1]) && !Double.isNaN(learningRate[i])
                    && learningRate[i] != learningRate[i - 1]) {
                changes.add(i + 0.5); // between epoch i and epoch i + 1, counted from 1
            }
        }
        return changes;
    }

    /**
     * The learning rate's panel: the rate of each epoch, on a logarithmic axis when every rate is
     * positive and they span a factor of ten or more.
     *
     * @param size the panel's size
     * @param learningRate the rate per epoch, NaN where it was not recorded
     * @param epochStep the epochs between labelled ticks, those of the panels above (see {@link
     *     #epochStep}); NaN for XChart's choice
     * @return the chart, not yet rendered
     */
    static XYChart rateChart(ChartSize size, double[] learningRate, double epochStep) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double rate : learningRate) {
            if (!Double.isNaN(rate)) {
                min = Math.min(min, rate);
                max = Math.max(max, rate);
            }
        }
        boolean log = min > 0 && max / min >= 10;
        XYChart chart = ChartStyle.xyChart(size, "Learning rate per epoch", "epoch",
                log ? "rate (log scale)" : "rate");
        chart.getStyler().setLegendVisible(false);
        chart.setCustomXAxisTickLabelsFormatter(HistoryChart::wholeEpoch);
        double[] plotted = learningRate;
        if (log) {
            // the rate's logarithm on a linear axis, labelled at each power of ten: XChart's own
            // logarithmic axis draws no labels once the epoch axis' tick spacing hint exceeds its
            // height (it compares the rate axis' space with the epoch axis' hint), and epochStep
            // needs a wide one
            plotted = new double[learningRate.length];
            for (int i = 0; i < plotted.length; i++) {
                plotted[i] = Math.log10(learningRate[i]); // NaN stays NaN: an epoch not recorded
            }
            chart.setCustomYAxisTickLabelsFormatter(HistoryChart::decadeLabel);
            // XChart ticks this short panel at its ends: make them powers of ten, or rates between
            // decades (0.05 to 5e-4) would leave the axis without a label
            chart.getStyler().setYAxisMin(Math.floor(Math.log10(min) + 1e-9));
            chart.getStyler().setYAxisMax(Math.ceil(Math.log10(max) - 1e-9));
            // ticks between the powers of ten are left unlabelled; their grid lines would look like decades
            chart.getStyler().setPlotGridHorizontalLinesVisible(false);
        } else {
            chart.setCustomYAxisTickLabelsFormatter(HistoryChart::rateLabel);
        }
        chart.getStyler().setYAxisTickMarkSpacingHint(20);
        addCurve(chart, RATE_SERIES, epochNumbers(learningRate.length), plotted, LEARNING_RATE,
                ChartStyle.solid(2.5f));
        addSpacer(chart, log ? Math.log10(max) : max);
        if (!Double.isNaN(epochStep)) {
            tickEvery(chart, epochStep);
        }
        return chart;
    }

    /**
     * Adds a point between epochs 1 and 2 that is not drawn. XChart tries a tick at every epoch
     * when all x values are equally spaced, and its test of whether their labels fit lets a long
     * run's collide (1 6 11 ... 101106111); a point between two epochs makes it choose round steps
     * (0, 20, 40 ...) instead.
     *
     * @param chart the chart, of two epochs or more
     * @param y a value within the curves' range, which the point leaves as it is
     */
    static void addSpacer(XYChart chart, double y) {
        XYSeries spacer = chart.addSeries(SPACER_SERIES, new double[] {1.5}, new double[] {y});
        spacer.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        spacer.setMarker(SeriesMarkers.NONE);
        spacer.setShowInLegend(false);
    }

    /**
     * Writes a rate as people write one: {@code 0.001} as {@code 1e-3}, {@code 0.00025} as {@code
     * 2.5e-4}, rates of 0.01 and more as decimals.
     *
     * @param rate a tick's rate
     * @return its label
     */
    static String rateLabel(double rate) {
        if (rate == 0 || Math.abs(rate) >= 0.01) {
            return ChartStyle.tickLabel(rate);
        }
        int exponent = (int) Math.floor(Math.log10(Math.abs(rate)));
        double mantissa = Math.round(rate / Math.pow(10, exponent) * 100) / 100.0;
        if (Math.abs(mantissa) >= 10) { // 9.999e-4 rounds to 1e-3
            mantissa /= 10;
            exponent++;
        }
        return ChartStyle.tickLabel(mantissa) + "e" + exponent;
    }

    /**
     * Labels a tick of the logarithmic rate axis: the power of ten it stands for, as {@link
     * #rateLabel} writes rates, at whole exponents only.
     *
     * @param exponent the tick's base-10 logarithm of a rate
     * @return its label, or "" between powers of ten
     */
    static String decadeLabel(double exponent) {
        double whole = Math.rint(exponent);
        return Math.abs(exponent - whole) < 1e-9 ? rateLabel(Math.pow(10, whole)) : "";
    }

    private static void requireEpochs(double[] values, String name, int epochs) {
        if (values != null) {
            Inputs.requireLength(values.length, name, epochs, "loss");
            Inputs.requireFiniteOrNaN(values, name);
        }
    }

    /**
     * One panel: a loss or metric per epoch, training and held out, with the rate's changes marked.
     *
     * @param epochStep the epochs between labelled ticks, or NaN for XChart's choice
     * @return the chart, not yet rendered
     */
    static XYChart panelChart(ChartSize size, String title, String yAxis,
            double[] training, double[] validation, Styler.LegendPosition legend, String heldOut,
            List<Double> rateChanges, boolean roundTicks, double epochStep) {
        XYChart chart = ChartStyle.xyChart(size, title, "epoch", yAxis);
        chart.getStyler().setLegendPosition(legend);
        chart.setCustomXAxisTickLabelsFormatter(HistoryChart::wholeEpoch);
        int epochs = training != null ? training.length : validation.length;
        double[] epochNumbers = epochNumbers(epochs);
        // first, so that the curves are drawn over them
        markChanges(chart, rateChanges, roundTicks, training, validation);
        if (Inputs.hasValue(training)) {
            addCurve(chart, "training", epochNumbers, training, ChartStyle.TRAINING,
                    ChartStyle.solid(2.5f));
        }
        if (Inputs.hasValue(validation)) {
            addCurve(chart, heldOut, epochNumbers, validation, ChartStyle.VALIDATION,
                    ChartStyle.dashed(2.5f));
        }
        padFlatRange(chart, training, validation);
        if (!Double.isNaN(epochStep)) {
            tickEvery(chart, epochStep);
        }
        return chart;
    }

    /**
     * Gives curves of one value (a run of one epoch, a metric that never moved) a range around
     * it: XChart would put a single tick at the value itself, labelled with all its digits
     * ({@code 0.942892333984375}).
     */
    private static void padFlatRange(XYChart chart, double[] training, double[] validation) {
        double[] range = range(training, validation);
        double low = range[0];
        double high = range[1];
        if (low <= high && high - low <= 1e-9 * Math.max(1, Math.abs(high))) {
            double pad = Math.max(0.1 * Math.abs(high), 0.05);
            chart.getStyler().setYAxisMin(low - pad);
            chart.getStyler().setYAxisMax(high + pad);
        }
    }

    /** The lowest and highest recorded values of two curves (either may be null), {+inf, -inf} for none. */
    private static double[] range(double[] training, double[] validation) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double[] values : new double[][] {training, validation}) {
            if (values != null) {
                for (double v : values) {
                    if (!Double.isNaN(v)) {
                        low = Math.min(low, v);
                        high = Math.max(high, v);
                    }
                }
            }
        }
        return new double[] {low, high};
    }

    private static double[] epochNumbers(int epochs) {
        double[] numbers = new double[epochs];
        for (int i = 0; i < epochs; i++) {
            numbers[i] = i + 1;
        }
        return numbers;
    }

    /**
     * Marks each change of the rate with a dotted vertical line across the curves' range, which
     * leaves the axes as the curves alone set them, and asks for round epoch ticks, as the rate's
     * panel has (see {@link #addSpacer}).
     */
    private static void markChanges(XYChart chart, List<Double> changes, boolean roundTicks, double[] training,
            double[] validation) {
        double[] range = range(training, validation);
        double low = range[0];
        double high = range[1];
        if (low == Double.POSITIVE_INFINITY) {
            return;
        }
        if (roundTicks) {
            addSpacer(chart, low);
        }
        for (int i = 0; i < changes.size(); i++) {
            double x = changes.get(i);
            XYSeries line = chart.addSeries(i == 0 ? "rate changed" : "rate changed " + (i + 1),
                    new double[] {x, x}, new double[] {low, high});
            line.setLineColor(RATE_CHANGE);
            line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {2f, 3f}, 0f));
            line.setMarker(SeriesMarkers.NONE);
            line.setShowInLegend(i == 0);
        }
    }

    private static void addCurve(XYChart chart, String name, double[] epochs, double[] values,
            Color color, BasicStroke stroke) {
        XYSeries series = chart.addSeries(name, epochs, values);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setLineStyle(stroke);
        series.setMarker(epochs.length <= MARKED_EPOCHS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }

    static String wholeEpoch(double epoch) {
        return epoch == Math.rint(epoch) ? String.valueOf((long) epoch) : "";
    }
}

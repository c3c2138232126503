package dev.nntrain.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.History;
import dev.nntrain.train.callback.LearningRateSchedule;
import dev.nntrain.train.callback.LearningRateScheduler;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.optimizer.Adam;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

class HistoryChartTest {

    private static final ChartSize SIZE = new ChartSize(900, 360);

    @Test
    void drawsTrainingAndValidationInTwoColours() {
        BufferedImage chart = HistoryChart.render(SampleData.loss(), SampleData.validationLoss(),
                SampleData.accuracy(), SampleData.validationAccuracy(), SIZE);

        Pixels.assertChart(chart, SIZE);
        Pixels.assertShows(chart, ChartStyle.TRAINING, 400, "training curves");
        Pixels.assertShows(chart, ChartStyle.VALIDATION, 300, "validation curves");
    }

    @Test
    void drawsTheAccuracyPanelOnlyWhenThereIsAccuracy() {
        double[] loss = SampleData.loss();
        BufferedImage both = HistoryChart.render(loss, null, SampleData.accuracy(), null, SIZE);
        BufferedImage lossOnly = HistoryChart.render(loss, null, null, null, SIZE);

        Pixels.assertChart(lossOnly, SIZE);
        // Two panels leave a white gap in the middle; one wide panel has its grid there.
        double gapInk = Pixels.inkFraction(both.getSubimage(446, 0, 8, 360));
        double plotInk = Pixels.inkFraction(lossOnly.getSubimage(446, 0, 8, 360));
        assertTrue(gapInk < 0.01, "two panels: " + gapInk + " of the middle is drawn on");
        assertTrue(plotInk > 0.05, "one panel: " + plotInk + " of the middle is drawn on");
    }

    @Test
    void leavesOutSeriesThatAreAllNaN() {
        double[] none = new double[SampleData.EPOCHS];
        Arrays.fill(none, Double.NaN);

        BufferedImage chart = HistoryChart.render(SampleData.loss(), none, none, none, SIZE);

        Pixels.assertChart(chart, SIZE);
        Pixels.assertShows(chart, ChartStyle.TRAINING, 300, "training loss");
        assertTrue(Pixels.count(chart, ChartStyle.VALIDATION) < 20, "no validation curve");
    }

    @Test
    void toleratesASingleMissingEpoch() {
        double[] validation = SampleData.validationLoss();
        validation[3] = Double.NaN;

        Pixels.assertChart(HistoryChart.render(SampleData.loss(), validation, null, null, SIZE), SIZE);
    }

    @Test
    void drawsASingleEpoch() {
        Pixels.assertChart(HistoryChart.render(new double[] {0.7}, new double[] {0.8},
                new double[] {0.5}, new double[] {0.4}, SIZE), SIZE);
    }

    @Test
    void rejectsBadSeriesNamingTheValue() {
        double[] loss = SampleData.loss();
        assertMessage("loss has 0 values",
                () -> HistoryChart.render(new double[0], null, null, null, SIZE));
        assertMessage("accuracy has 3 values but loss has 40",
                () -> HistoryChart.render(loss, null, new double[3], null, SIZE));
        assertMessage("all NaN",
                () -> HistoryChart.render(new double[] {Double.NaN}, null, null, null, SIZE));
        double[] diverged = loss.clone();
        diverged[5] = Double.POSITIVE_INFINITY;
        assertMessage("loss[5] is Infinity",
                () -> HistoryChart.render(diverged, null, null, null, SIZE));
    }

    @Test
    void drawsAFitsHistoryWithValidationOnlyWhenThereWasValidationData() {
        // OR of two inputs: four examples, a few epochs, enough for a history of real numbers
        Examples or = Examples.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new int[] {0, 1, 1, 1});
        History withValidation = fit(or, FitOptions.builder().optEpochs(5).optSeed(1).optValidationData(or));
        History without = fit(or, FitOptions.builder().optEpochs(5).optSeed(1));

        BufferedImage both = HistoryChart.of(withValidation);
        BufferedImage trainingOnly = HistoryChart.of(without);

        Pixels.assertChart(both, HistoryChart.DEFAULT_SIZE);
        Pixels.assertShows(both, ChartStyle.TRAINING, 300, "training curves");
        Pixels.assertShows(both, ChartStyle.VALIDATION, 200, "validation curves");
        Pixels.assertShows(trainingOnly, ChartStyle.TRAINING, 300, "training curves");
        assertTrue(Pixels.count(trainingOnly, ChartStyle.VALIDATION) < 20, "no validation curve");
    }

    @Test
    void drawsARegressionsMeanAbsoluteErrorBesideItsLoss() {
        float[][] x = {{0}, {1}, {2}, {3}, {4}, {5}};
        float[][] y = {{1}, {3}, {5}, {7}, {9}, {11}};
        History measured;
        History unmeasured;
        try (CompiledModel net = CompiledModel.compile(Sequential.builder().add(Dense.of(1)).optSeed(3).build(),
                new MeanSquaredError(), new Adam(0.1))) {
            measured = net.fit(x, y, FitOptions.builder().optEpochs(6).optVerbose(0).build());
            unmeasured = net.fit(x, y, FitOptions.builder().optEpochs(6).optVerbose(0).optTrainAccuracy(false).build());
        }
        BufferedImage two = HistoryChart.of(measured, SIZE);
        BufferedImage one = HistoryChart.of(unmeasured, SIZE);

        Pixels.assertChart(two, SIZE);
        Pixels.assertChart(one, SIZE);
        // as above: two panels leave a white gap in the middle, one wide panel has its grid there
        double gapInk = Pixels.inkFraction(two.getSubimage(446, 0, 8, 360));
        double plotInk = Pixels.inkFraction(one.getSubimage(446, 0, 8, 360));
        assertTrue(gapInk < 0.01, "loss and mae: " + gapInk + " of the middle is drawn on");
        assertTrue(plotInk > 0.05, "the loss alone: " + plotInk + " of the middle is drawn on");
        // the right-hand panel holds the mae's training curve
        Pixels.assertShows(two.getSubimage(454, 0, 446, 360), ChartStyle.TRAINING, 150, "the mae's curve");
    }

    @Test
    void namesTheHeldOutSeriesAsTheRunDoes() {
        Examples or = Examples.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new int[] {0, 1, 1, 1});
        History h = fit(or, FitOptions.builder().optEpochs(5).optSeed(1).optValidationData(or));
        BufferedImage validation = HistoryChart.of(h, SIZE);
        BufferedImage same = HistoryChart.of(h, SIZE, "validation");
        BufferedImage test = HistoryChart.of(h, SIZE, "test");
        int changed = 0;
        int differences = 0;
        for (int y = 0; y < SIZE.height(); y++) {
            for (int x = 0; x < SIZE.width(); x++) {
                changed += validation.getRGB(x, y) == test.getRGB(x, y) ? 0 : 1;
                differences += validation.getRGB(x, y) == same.getRGB(x, y) ? 0 : 1;
            }
        }
        assertTrue(differences == 0 && changed > 0, "validation is the default name; test is another legend: " + changed);
        assertMessage("the held-out series' name is blank", () -> HistoryChart.of(h, SIZE, " "));
    }

    @Test
    void refusesAnEmptyHistory() {
        assertMessage("no epoch", () -> HistoryChart.of(new History()));
    }

    // ---- the learning rate ----

    /** The rates of a schedule that divides by ten before epochs 13 and 26 (counted from 1). */
    private static double[] steppedRates() {
        double[] rates = new double[SampleData.EPOCHS];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = i < 12 ? 1e-3 : i < 25 ? 1e-4 : 1e-5;
        }
        return rates;
    }

    /** A cosine decay from 1e-3 towards 1e-5: a change before every epoch. */
    private static double[] cosineRates() {
        double[] rates = new double[SampleData.EPOCHS];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = 1e-5 + (1e-3 - 1e-5) * (1 + Math.cos(Math.PI * i / rates.length)) / 2;
        }
        return rates;
    }

    private static BufferedImage withRates(double[] rates, ChartSize size) {
        return HistoryChart.render(SampleData.loss(), SampleData.validationLoss(), SampleData.accuracy(),
                SampleData.validationAccuracy(), rates, size);
    }

    /** The epoch step of the panels above the rate's, at the default size with two panels. */
    private static double stepAbove(double[] loss, double[] validationLoss, double[] rates) {
        return HistoryChart.epochStep(HistoryChart.panelChart(new ChartSize(500, 420), "Loss per epoch",
                "loss (mean per example)", loss, validationLoss, Styler.LegendPosition.InsideNE, "validation",
                HistoryChart.marks(rates), true, Double.NaN));
    }

    private static BufferedImage withoutRates(ChartSize size) {
        return HistoryChart.render(SampleData.loss(), SampleData.validationLoss(), SampleData.accuracy(),
                SampleData.validationAccuracy(), size);
    }

    @Test
    void aRateThatNeverChangedDrawsExactlyTheChartOfBefore() {
        double[] constant = new double[SampleData.EPOCHS];
        Arrays.fill(constant, 1e-3);
        double[] unrecorded = new double[SampleData.EPOCHS];
        Arrays.fill(unrecorded, Double.NaN);
        double[] resumedFromFormat3 = constant.clone(); // the old checkpoint's epochs have no rate
        Arrays.fill(resumedFromFormat3, 0, 10, Double.NaN);
        BufferedImage before = withoutRates(SIZE);

        assertSamePixels(before, withRates(constant, SIZE), "one rate throughout");
        assertSamePixels(before, withRates(unrecorded, SIZE), "no rate recorded");
        assertSamePixels(before, withRates(resumedFromFormat3, SIZE), "the rate recorded from epoch 11 on, unchanged");
        assertSamePixels(before, withRates(null, SIZE), "no rates given");
    }

    @Test
    void aFitAtOneRateIsDrawnAtTheDefaultSizeAsBefore() {
        Examples or = Examples.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new int[] {0, 1, 1, 1});
        History h = fit(or, FitOptions.builder().optEpochs(5).optSeed(1).optValidationData(or));
        assertFalse(HistoryChart.rateChanged(h.learningRate()), Arrays.toString(h.learningRate()));

        assertEquals(HistoryChart.DEFAULT_SIZE, HistoryChart.defaultSize(h));
        assertSamePixels(HistoryChart.render(h.loss(), h.valLoss(), h.accuracy(), h.valAccuracy(), HistoryChart.DEFAULT_SIZE),
                HistoryChart.of(h), "a fit at Adam's one rate");
    }

    @Test
    void theRatePanelsSeriesIsTheRatePerEpoch() {
        double[] stepped = steppedRates();
        XYChart chart = HistoryChart.rateChart(new ChartSize(900, 180), stepped, Double.NaN);

        double[] epochs = chart.getSeriesMap().get(HistoryChart.RATE_SERIES).getXData();
        double[] rates = chart.getSeriesMap().get(HistoryChart.RATE_SERIES).getYData();
        // on the rate's logarithm, its axis labelled at powers of ten: 1e-3 to 1e-5 spans two decades
        assertEquals("rate (log scale)", chart.getYAxisTitle());
        assertArrayEquals(Arrays.stream(stepped).map(Math::log10).toArray(), rates);
        assertEquals(1, epochs[0]);
        assertEquals(SampleData.EPOCHS, epochs[epochs.length - 1]);
        assertEquals(List.of(HistoryChart.RATE_SERIES, HistoryChart.SPACER_SERIES), List.copyOf(chart.getSeriesMap().keySet()),
                "the rate, and a point that is not drawn");
        assertFalse(chart.getSeriesMap().get(HistoryChart.SPACER_SERIES).isShowInLegend());

        double[] halved = new double[SampleData.EPOCHS];
        Arrays.fill(halved, 1e-3);
        Arrays.fill(halved, 20, halved.length, 5e-4);
        assertEquals("rate", HistoryChart.rateChart(new ChartSize(900, 180), halved, Double.NaN).getYAxisTitle(),
                "a factor of two: a linear axis, whose ticks a log axis would not have");
        double[] toZero = halved.clone();
        toZero[toZero.length - 1] = 0;
        assertEquals("rate", HistoryChart.rateChart(new ChartSize(900, 180), toZero, Double.NaN).getYAxisTitle(),
                "a rate of 0 has no logarithm");
    }

    @Test
    void aRateThatChangedIsDrawnInAPanelBelowTheLossAndAccuracy() {
        double[] stepped = steppedRates();
        ChartSize size = HistoryChart.LEARNING_RATE_SIZE;
        BufferedImage chart = withRates(stepped, size);

        Pixels.assertChart(chart, size);
        // the bottom 30 %, 180 px, is the rate's own chart of these rates, pixel for pixel
        BufferedImage panel = ChartImages.render(HistoryChart.rateChart(new ChartSize(1000, 180), stepped,
                stepAbove(SampleData.loss(), SampleData.validationLoss(), stepped)));
        assertSamePixels(panel, chart.getSubimage(0, 420, 1000, 180), "the rate's panel");
        Pixels.assertShows(panel, HistoryChart.LEARNING_RATE, 300, "the rate's curve");
        BufferedImage top = chart.getSubimage(0, 0, 1000, 420);
        assertTrue(Pixels.count(top, HistoryChart.LEARNING_RATE) < 20, "the rate's colour is its panel's alone");
        Pixels.assertShows(top, ChartStyle.TRAINING, 400, "training curves above");
        Pixels.assertShows(top, ChartStyle.VALIDATION, 300, "validation curves above");
    }

    @Test
    void marksAFewChangesOnTheLossAndAccuracyButNotAChangeEveryEpoch() {
        assertEquals(List.of(12.5, 25.5), HistoryChart.changes(steppedRates()));
        assertEquals(List.of(12.5, 25.5), HistoryChart.marks(steppedRates()));
        assertEquals(SampleData.EPOCHS - 1, HistoryChart.changes(cosineRates()).size());
        assertEquals(List.of(), HistoryChart.marks(cosineRates()), "a change every epoch is left to the rate's panel");
        double[] constant = new double[SampleData.EPOCHS];
        Arrays.fill(constant, 1e-3);
        assertEquals(List.of(), HistoryChart.marks(constant));
        double[] nineChanges = new double[SampleData.EPOCHS];
        for (int i = 0; i < nineChanges.length; i++) {
            nineChanges[i] = 1e-3 / (1 + Math.min(i / 4, HistoryChart.MARKED_CHANGES + 1));
        }
        assertEquals(HistoryChart.MARKED_CHANGES + 1, HistoryChart.changes(nineChanges).size());
        assertEquals(List.of(), HistoryChart.marks(nineChanges), "one change more than are marked");

        // the lines are drawn: the stepped chart's upper panels differ from the cosine's, whose
        // epoch ticks are the same round steps, by the two lines on each panel and a legend entry
        ChartSize size = HistoryChart.LEARNING_RATE_SIZE;
        BufferedImage stepped = withRates(steppedRates(), size).getSubimage(0, 0, 1000, 420);
        BufferedImage cosine = withRates(cosineRates(), size).getSubimage(0, 0, 1000, 420);
        int changed = differingPixels(cosine, stepped);
        assertTrue(changed > 400, "the two changes are marked on both panels: " + changed + " pixels differ");
        // ... and only there: columns away from the lines and the legends are the same
        int left = differingPixels(cosine.getSubimage(60, 0, 40, 420), stepped.getSubimage(60, 0, 40, 420));
        assertEquals(0, left, "epochs 1 to 3 of the loss panel");
    }

    @Test
    void aScheduledFitIsDrawnWithItsRatesAtTheTallerDefaultSize() {
        Examples or = Examples.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new int[] {0, 1, 1, 1});
        History h = fit(or, FitOptions.builder().optEpochs(6).optSeed(1).optValidationData(or)
                .addCallback(LearningRateScheduler.of(LearningRateSchedule.stepDecay(0.1, 2, 0.1))));
        assertArrayEquals(new double[] {0.1, 0.1, 0.01, 0.01, 0.001, 0.001}, h.learningRate(), 1e-8);

        assertEquals(HistoryChart.LEARNING_RATE_SIZE, HistoryChart.defaultSize(h));
        BufferedImage chart = HistoryChart.of(h);
        Pixels.assertChart(chart, HistoryChart.LEARNING_RATE_SIZE);
        assertSamePixels(ChartImages.render(HistoryChart.rateChart(new ChartSize(1000, 180), h.learningRate(),
                stepAbove(h.loss(), h.valLoss(), h.learningRate()))),
                chart.getSubimage(0, 420, 1000, 180), "the panel draws the history's rates");
        assertSamePixels(HistoryChart.render(h.loss(), h.valLoss(), h.accuracy(), h.valAccuracy(), h.learningRate(),
                HistoryChart.LEARNING_RATE_SIZE), chart, "of(history) draws what render draws of its arrays");
    }

    /**
     * The rate's panel, as wide as the panels above together, labels the same epochs as they do
     * (it labelled every 2nd epoch under panels labelling every 5th), for short and long runs,
     * under one panel (a regression without a metric) and under two.
     */
    @Test
    void theRatePanelLabelsTheEpochsThePanelsAboveLabel() {
        for (int epochs : new int[] {6, 12, 20, 40, 75, 150, 400, 2500}) {
            double[] loss = new double[epochs];
            double[] accuracy = new double[epochs];
            double[] rates = new double[epochs];
            for (int i = 0; i < epochs; i++) {
                loss[i] = 1.0 / (i + 1);
                accuracy[i] = 1 - loss[i] / 2;
                rates[i] = i < epochs / 2 ? 1e-2 : 1e-3;
            }
            List<Double> marks = HistoryChart.marks(rates);
            for (int panelsAbove = 1; panelsAbove <= 2; panelsAbove++) {
                // the default size of a chart with the rate's panel: 1000 x 420 above, 1000 x 180 below
                ChartSize above = new ChartSize(1000 / panelsAbove, 420);
                double step = HistoryChart.epochStep(HistoryChart.panelChart(above, "Loss per epoch", "loss", loss,
                        loss, Styler.LegendPosition.InsideNE, "validation", marks, true, Double.NaN));
                List<Double> lossTicks = labelledEpochs(HistoryChart.panelChart(above, "Loss per epoch", "loss", loss,
                        loss, Styler.LegendPosition.InsideNE, "validation", marks, true, step));
                String where = epochs + " epochs under " + panelsAbove + " panel(s)";
                assertTrue(lossTicks.size() >= 4 && lossTicks.size() <= 20, where + ": " + lossTicks);
                for (int k = 1; k < lossTicks.size(); k++) {
                    assertEquals(step, lossTicks.get(k) - lossTicks.get(k - 1), where + ": " + lossTicks);
                }
                assertEquals(lossTicks, labelledEpochs(HistoryChart.panelChart(above, "Accuracy per epoch",
                        "accuracy (fraction correct)", accuracy, accuracy, Styler.LegendPosition.InsideSE,
                        "validation", marks, true, step)), where + ": the accuracy panel");
                assertEquals(lossTicks, labelledEpochs(HistoryChart.rateChart(new ChartSize(1000, 180), rates, step)),
                        where + ": the rate's panel");
                // XChart's own log axis lost its labels with the epoch axis' wide spacing hint
                assertEquals(java.util.Set.of("1e-3", "0.01"), labelledRates(HistoryChart.rateChart(new ChartSize(1000, 180),
                        rates, step)), where + ": the rate's axis");
            }
        }
    }

    /**
     * Rates of two decades whose logarithms fall between whole exponents (0.05 to 5e-4, -1.3 to
     * -3.3): the axis runs from the power of ten below the lowest to the one above the highest,
     * and labels them. XChart ticks the panel at its ends, and ends between decades drew no label.
     */
    @Test
    void aRateAxisBetweenWholeExponentsIsLabelledAtThePowersOfTenAroundIt() {
        double[] rates = {0.05, 0.05, 0.05, 5e-3, 5e-3, 5e-3, 5e-4, 5e-4};
        for (int height : new int[] {150, 180, 240}) {
            java.util.Set<String> labels = labelledRates(HistoryChart.rateChart(new ChartSize(1000, height), rates, Double.NaN));
            assertTrue(labels.containsAll(java.util.Set.of("1e-4", "0.1")), height + " px: " + labels);
        }
    }

    /**
     * A panel of one value per curve (one epoch) spans a range around it, so that XChart ticks
     * round values rather than the value itself with all its digits (0.942892333984375); a panel
     * of several values is left to XChart.
     */
    @Test
    void aPanelOfOneValueSpansARangeAroundIt() {
        double value = 0.942892333984375;
        XYChart flat = HistoryChart.panelChart(new ChartSize(500, 420), "Accuracy per epoch", "accuracy",
                new double[] {value}, new double[] {value}, Styler.LegendPosition.InsideSE, "test", List.of(), false,
                Double.NaN);
        assertTrue(flat.getStyler().getYAxisMin() < value - 0.01 && flat.getStyler().getYAxisMax() > value + 0.01,
                flat.getStyler().getYAxisMin() + " to " + flat.getStyler().getYAxisMax());
        XYChart moving = HistoryChart.panelChart(new ChartSize(500, 420), "Accuracy per epoch", "accuracy",
                new double[] {0.5, 0.9}, new double[] {0.45, 0.8}, Styler.LegendPosition.InsideSE, "test", List.of(), false,
                Double.NaN);
        assertEquals(null, moving.getStyler().getYAxisMin());
        assertEquals(null, moving.getStyler().getYAxisMax());
    }

    /** The labels a chart's rate axis shows once drawn. */
    private static java.util.Set<String> labelledRates(XYChart chart) {
        java.util.Set<String> labels = new java.util.LinkedHashSet<>();
        chart.setCustomYAxisTickLabelsFormatter(y -> {
            String label = HistoryChart.decadeLabel(y);
            if (!label.isEmpty()) {
                labels.add(label);
            }
            return label;
        });
        ChartImages.render(chart);
        return labels;
    }

    /**
     * The epochs an x axis labels once drawn: XChart formats each candidate spacing's labels while
     * choosing one, starting each from the axis' left end, so the last increasing run is the
     * spacing it kept.
     */
    private static List<Double> labelledEpochs(XYChart chart) {
        List<Double> formatted = new java.util.ArrayList<>();
        chart.setCustomXAxisTickLabelsFormatter(x -> {
            formatted.add(x);
            return x == Math.rint(x) ? String.valueOf(x.longValue()) : "";
        });
        ChartImages.render(chart);
        int start = 0;
        for (int i = 1; i < formatted.size(); i++) {
            if (formatted.get(i) <= formatted.get(i - 1)) {
                start = i;
            }
        }
        return formatted.subList(start, formatted.size()).stream().filter(x -> x == Math.rint(x)).toList();
    }

    @Test
    void rejectsBadRatesAndTooShortAChart() {
        double[] rates = steppedRates();
        assertMessage("learning rate has 3 values but loss has 40", () -> withRates(new double[3], SIZE));
        double[] negative = rates.clone();
        negative[4] = -1e-3;
        assertMessage("learning rate[4] is -0.001", () -> withRates(negative, SIZE));
        double[] infinite = rates.clone();
        infinite[2] = Double.POSITIVE_INFINITY;
        assertMessage("learning rate[2] is Infinity", () -> withRates(infinite, SIZE));
        assertMessage("needs at least 280 px of height, got 250", () -> withRates(rates, new ChartSize(900, 250)));
        Pixels.assertChart(withRates(rates, new ChartSize(900, 280)), new ChartSize(900, 280));
    }

    @Test
    void labelsRatesAsPeopleWriteThem() {
        assertEquals("1e-3", HistoryChart.rateLabel(0.001));
        assertEquals("2.5e-4", HistoryChart.rateLabel(0.00025));
        assertEquals("5e-4", HistoryChart.rateLabel(5.000000000000001e-4));
        assertEquals("1e-3", HistoryChart.rateLabel(9.999e-4));
        assertEquals("0.05", HistoryChart.rateLabel(0.05));
        assertEquals("0", HistoryChart.rateLabel(0));
        assertEquals("1e-3", HistoryChart.decadeLabel(-3));
        assertEquals("1e-3", HistoryChart.decadeLabel(-3.0000000000000004));
        assertEquals("0.01", HistoryChart.decadeLabel(-2));
        assertEquals("", HistoryChart.decadeLabel(-2.5), "between powers of ten");
    }

    static int differingPixels(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth(), "width");
        assertEquals(a.getHeight(), b.getHeight(), "height");
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                n += a.getRGB(x, y) == b.getRGB(x, y) ? 0 : 1;
            }
        }
        return n;
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual, String what) {
        assertEquals(0, differingPixels(expected, actual), what + ": pixels differ");
    }

    private static History fit(Examples data, FitOptions.Builder options) {
        Sequential model = Sequential.builder().add(Dense.of(2, Activation.RELU))
                .add(Dense.of(1, Activation.SIGMOID)).optSeed(3).build();
        try (CompiledModel net = CompiledModel.compile(model, new BinaryCrossentropy(false), new Adam(0.1))) {
            return net.fit(data, options.build());
        }
    }

    static void assertMessage(String expected, Runnable render) {
        InvalidInputException e = assertThrows(InvalidInputException.class, render::run);
        assertTrue(e.getMessage().contains(expected),
                "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }
}

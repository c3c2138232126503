package dev.nntrain.plot;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Dense;
import dev.nntrain.model.Sequential;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.History;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.optimizer.Adam;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

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

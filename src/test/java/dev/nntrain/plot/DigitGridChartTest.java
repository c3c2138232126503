package dev.nntrain.plot;

import static dev.nntrain.plot.HistoryChartTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class DigitGridChartTest {

    private static final SampleData.Digits DIGITS = SampleData.digits(12);

    @Test
    void drawsDigitsAtTheDefaultSize() {
        BufferedImage chart = DigitGridChart.render(DIGITS.images(), DIGITS.labels(), null);

        ChartSize size = DigitGridChart.defaultSize(12);
        Pixels.assertChart(chart, size);
        assertEquals(10 * DigitGridChart.DEFAULT_CELL + 2 * DigitGridChart.MARGIN, size.width());
        Pixels.assertShows(chart, Color.BLACK, 20_000, "digit backgrounds");
        Pixels.assertShows(chart, Color.WHITE, 20_000, "digit strokes and the page");
    }

    @Test
    void marksMistakesInRed() {
        ChartSize size = new ChartSize(600, 400);
        int[] allRight = DIGITS.labels();
        BufferedImage right = DigitGridChart.render(DIGITS.images(), DIGITS.labels(), allRight, size);
        BufferedImage wrong =
                DigitGridChart.render(DIGITS.images(), DIGITS.labels(), DIGITS.predicted(), size);

        Pixels.assertChart(wrong, size);
        assertEquals(0, Pixels.count(right, ChartStyle.MISTAKE), "no red when all are right");
        Pixels.assertShows(wrong, ChartStyle.MISTAKE, 4 * 150, "red frames and captions");
    }

    @Test
    void fitsManyDigitsIntoAGivenSize() {
        SampleData.Digits many = SampleData.digits(100);
        ChartSize size = new ChartSize(500, 500);

        Pixels.assertChart(DigitGridChart.render(many.images(), many.labels(), null, size), size);
    }

    @Test
    void rejectsBadInputsNamingTheValue() {
        float[][] images = DIGITS.images();
        int[] labels = DIGITS.labels();
        assertMessage("images has 0 values",
                () -> DigitGridChart.render(new float[0][], new int[0], null));
        assertMessage("images[0] has 10 gray levels",
                () -> DigitGridChart.render(new float[][] {new float[10]}, new int[1], null));
        float[][] bright = {images[0].clone()};
        bright[0][100] = 1.5f;
        assertMessage("images[0][100] is 1.5",
                () -> DigitGridChart.render(bright, new int[1], null));
        bright[0][100] = Float.NaN;
        assertMessage("images[0][100] is NaN",
                () -> DigitGridChart.render(bright, new int[1], null));
        assertMessage("predicted labels has 2 values but images has 12",
                () -> DigitGridChart.render(images, labels, new int[2]));
        SampleData.Digits many = SampleData.digits(200);
        assertMessage("200 digits do not fit in 100 x 100 px", () -> DigitGridChart.render(
                many.images(), many.labels(), null, new ChartSize(100, 100)));
    }

    @Test
    void drawsMistakesFramedWithTheirProbabilities() {
        SampleData.Digits d = SampleData.digits(12);
        int[] predicted = oneOff(d.labels());
        float[] probability = new float[12];
        for (int i = 0; i < 12; i++) {
            probability[i] = 0.99f - i * 0.05f;
        }
        BufferedImage chart = DigitGridChart.mistakes(d.images(), d.labels(), predicted, probability, 40, 2000);
        Pixels.assertChart(chart, DigitGridChart.defaultSize(12));
        // every cell framed: the red of one frame alone, 3 px around a 88 px digit, is over 1,000 pixels
        BufferedImage secondRow = chart.getSubimage(0, DigitGridChart.HEADER + DigitGridChart.DEFAULT_CELL
                + DigitGridChart.CAPTION, chart.getWidth(), DigitGridChart.DEFAULT_CELL);
        Pixels.assertShows(secondRow, ChartStyle.MISTAKE, 2 * 1000, "the two frames of the second row");
        Pixels.assertShows(chart, Color.BLACK, 20_000, "the digits");
    }

    @Test
    void drawsTheHeaderAloneWithoutMistakes() {
        BufferedImage none = DigitGridChart.mistakes(new float[0][], new int[0], new int[0], new float[0], 0, 2000);
        Pixels.assertChart(none, DigitGridChart.defaultSize(1));
        assertEquals(0, Pixels.count(none, ChartStyle.MISTAKE), "nothing in red");
        assertEquals(0, Pixels.count(none, Color.BLACK), "no digit");
    }

    @Test
    void writesProbabilitiesThatNeverRoundToCertainty() {
        assertEquals("99%", DigitGridChart.percent(0.9999f));
        assertEquals("100%", DigitGridChart.percent(1f));
        assertEquals("50%", DigitGridChart.percent(0.5f));
        assertEquals("<1%", DigitGridChart.percent(0.004f));
        assertEquals("0%", DigitGridChart.percent(0f));
    }

    @Test
    void refusesMistakesThatAreNone() {
        SampleData.Digits d = SampleData.digits(2);
        int[] right = d.labels();
        int[] wrong = oneOff(right);
        float[] p = {0.9f, 0.8f};
        assertMessage("images[1] is predicted as its label",
                () -> DigitGridChart.mistakes(d.images(), right, new int[] {wrong[0], right[1]}, p, 2, 10));
        assertMessage("probabilities[0] is 1.5",
                () -> DigitGridChart.mistakes(d.images(), right, wrong, new float[] {1.5f, 0.5f}, 2, 10));
        assertMessage("2 mistakes drawn of 1 in 10 examples",
                () -> DigitGridChart.mistakes(d.images(), right, wrong, p, 1, 10));
        assertMessage("probabilities has 1 values but images has 2",
                () -> DigitGridChart.mistakes(d.images(), right, wrong, new float[] {0.5f}, 2, 10));
    }

    /**
     * From a model's mistakes: a softmax over two "images" of 4 gray levels whose logits are
     * (0, 4 x[0]), so class 1 wherever the first pixel is lit; the mistakes drawn are those
     * examples' own images, most confident first, as the arrays form draws them.
     */
    @Test
    void drawsAModelsMistakesWithTheirOwnImages() {
        float[][] x = {{0.9f, 0, 0, 0}, {0, 1, 1, 0}, {0.3f, 0, 0, 1}, {0.6f, 1, 0, 0}};
        int[] y = {0, 0, 1, 0};
        dev.nntrain.data.Examples examples = dev.nntrain.data.Examples.of(x, y);
        dev.nntrain.model.Sequential model = dev.nntrain.model.Sequential.builder()
                .add(dev.nntrain.model.layer.Dense.of(2)).optInputShape(4).optSeed(1).build();
        model.weights().set(0, new dev.nntrain.model.weights.LayerWeights("dense",
                new float[][] {{0, 4}, {0, 0}, {0, 0}, {0, 0}}, new float[] {0, 0}));
        try (dev.nntrain.train.CompiledModel net = dev.nntrain.train.CompiledModel.compile(model,
                new dev.nntrain.train.loss.SparseCategoricalCrossentropy(true), new dev.nntrain.train.optimizer.Adam())) {
            dev.nntrain.train.Mistakes mistakes = dev.nntrain.train.Mistakes.of(net, examples);
            // wrong: example 0 (sigmoid(3.6)), example 3 (sigmoid(2.4)); example 2 is right (class 1)
            BufferedImage chart = DigitGridChart.mistakes(mistakes, examples, 5);
            BufferedImage byHand = DigitGridChart.mistakes(new float[][] {x[0], x[3]}, new int[] {0, 0},
                    new int[] {1, 1}, new float[] {(float) (1 / (1 + Math.exp(-3.6))), (float) (1 / (1 + Math.exp(-2.4)))},
                    2, 4);
            assertEquals(0, HistoryChartTest.differingPixels(byHand, chart), "the same chart as drawn by hand");
            assertMessage("found on 4 examples, these are 2",
                    () -> DigitGridChart.mistakes(mistakes, examples.slice(0, 2), 5));
        }
    }

    /** Named classes take two caption lines, so each row is a line taller; a label past the names is named. */
    @Test
    void namesTheClassesOnTwoCaptionLines() {
        SampleData.Digits d = SampleData.digits(12);
        int[] predicted = oneOff(d.labels());
        float[] p = new float[12];
        java.util.Arrays.fill(p, 0.9f);
        java.util.List<String> names = dev.nntrain.data.mnist.MnistSource.Variant.FASHION_MNIST.classNames();
        BufferedImage named = DigitGridChart.mistakes(d.images(), d.labels(), predicted, p, 12, 100, names);
        BufferedImage numbered = DigitGridChart.mistakes(d.images(), d.labels(), predicted, p, 12, 100);
        assertEquals(numbered.getWidth(), named.getWidth());
        // two rows of cells, each with a second caption line of CAPTION - 2 pixels
        assertEquals(numbered.getHeight() + 2 * (DigitGridChart.CAPTION - 2), named.getHeight());
        Pixels.assertShows(named, ChartStyle.MISTAKE, 4 * 150, "red frames and captions");
        int[] tooHigh = predicted.clone();
        tooHigh[0] = 12;
        assertMessage("class 12 has no name; 10 class names were given",
                () -> DigitGridChart.mistakes(d.images(), d.labels(), tooHigh, p, 12, 100, names));
    }

    /** Each label's wrong twin: the next digit. */
    private static int[] oneOff(int[] labels) {
        int[] wrong = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            wrong[i] = (labels[i] + 1) % 10;
        }
        return wrong;
    }
}

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
}

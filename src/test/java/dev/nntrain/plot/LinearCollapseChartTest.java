package dev.nntrain.plot;

import static dev.nntrain.plot.HistoryChartTest.assertMessage;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class LinearCollapseChartTest {

    @Test
    void drawsBothFunctionsOnTopOfEachOther() {
        SampleData.Collapse c = SampleData.collapse();
        ChartSize size = new ChartSize(700, 450);

        BufferedImage chart = LinearCollapseChart.render(c.x(), c.stacked(), c.single(), size);

        Pixels.assertChart(chart, size);
        Pixels.assertShows(chart, LinearCollapseChart.STACKED, 3000, "the two stacked layers");
        Pixels.assertShows(chart, LinearCollapseChart.SINGLE, 500, "the single layer");
    }

    @Test
    void rejectsBadInputsNamingTheValue() {
        double[] x = {0, 1, 2};
        assertMessage("x has 1 values; expected at least 2",
                () -> LinearCollapseChart.render(new double[1], new double[1], new double[1]));
        assertMessage("stacked has 2 values but x has 3",
                () -> LinearCollapseChart.render(x, new double[2], new double[3]));
        assertMessage("single[2] is Infinity", () -> LinearCollapseChart.render(
                x, new double[3], new double[] {0, 0, Double.POSITIVE_INFINITY}));
        assertMessage("x[0] is NaN", () -> LinearCollapseChart.render(
                new double[] {Double.NaN, 1}, new double[2], new double[2]));
    }
}

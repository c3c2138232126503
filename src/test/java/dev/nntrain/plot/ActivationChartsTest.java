package dev.nntrain.plot;

import static dev.nntrain.plot.HistoryChartTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ActivationChartsTest {

    @Test
    void drawsEachFunctionInItsOwnColour() {
        ChartSize size = new ChartSize(800, 600);
        BufferedImage chart = ActivationCharts.functions(size);

        Pixels.assertChart(chart, size);
        for (ActivationCharts.Curve curve : ActivationCharts.Curve.values()) {
            Pixels.assertShows(chart, curve.color(), 300, curve.name());
        }
    }

    @Test
    void softmaxShowsInputsAndProbabilitiesAsBars() {
        ChartSize size = new ChartSize(800, 360);
        BufferedImage chart = ActivationCharts.softmax(SampleData.LOGITS, size);

        Pixels.assertChart(chart, size);
        // bars are filled: thousands of pixels of each colour
        Pixels.assertShows(chart, ChartStyle.color(0), 5000, "input bars");
        Pixels.assertShows(chart, ChartStyle.color(1), 5000, "probability bars");
    }

    @Test
    void softmaxIsStableAndSumsToOne() {
        double[] a = ActivationCharts.softmaxOf(new double[] {1000, 1001, 999});
        assertEquals(1.0, a[0] + a[1] + a[2], 1e-12);
        assertTrue(a[1] > a[0] && a[0] > a[2]);
        assertEquals(Math.exp(1) / (1 + Math.exp(1) + Math.exp(-1)), a[1], 1e-12);
    }

    @Test
    void softmaxRejectsBadInputsNamingTheValue() {
        assertMessage("z has 0 values", () -> ActivationCharts.softmax(new double[0]));
        assertMessage("z[1] is NaN", () -> ActivationCharts.softmax(new double[] {1, Double.NaN}));
        assertMessage("z has 41 values", () -> ActivationCharts.softmax(new double[41]));
    }
}

package dev.nntrain.plot;

import static dev.nntrain.plot.HistoryChartTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerChartsTest {

    private static final ChartSize SIZE = new ChartSize(900, 400);

    @Test
    void drawsBothRunsAndTheContours() {
        BufferedImage chart = OptimizerCharts.render(SampleData.bowlTraces(), SampleData::bowlCost, SIZE);

        Pixels.assertChart(chart, SIZE);
        Pixels.assertShows(chart, ChartStyle.color(0), 600, "gradient descent");
        Pixels.assertShows(chart, ChartStyle.color(1), 600, "Adam");
        Pixels.assertShows(chart, ChartStyle.GRID.darker(), 1000, "contour lines");
    }

    @Test
    void drawsLossesThatReachZeroOnALinearScale() {
        OptimizerTrace exact = new OptimizerTrace("exact", new double[] {4, 1, 0},
                List.of(new double[] {0, 0}, new double[] {1, 1}, new double[] {2, 2}));

        BufferedImage chart = OptimizerCharts.lossPerStep(List.of(exact), SIZE);

        Pixels.assertChart(chart, SIZE);
        Pixels.assertShows(chart, ChartStyle.color(0), 300, "the loss");
    }

    @Test
    void traceKeepsItsOwnCopies() {
        double[] loss = {3, 2};
        double[] point = {0, 0};
        OptimizerTrace trace = new OptimizerTrace("gd", loss, List.of(point, new double[] {1, 1}));
        loss[0] = 99;
        point[0] = 99;
        trace.lossPerStep()[1] = 99;

        assertEquals(3, trace.lossPerStep()[0]);
        assertEquals(2, trace.lossPerStep()[1]);
        assertEquals(0, trace.path().get(0)[0]);
    }

    @Test
    void rejectsBadInputsNamingTheValue() {
        List<double[]> path = List.of(new double[] {0, 0});
        assertMessage("Adam loss per step has 0 values",
                () -> new OptimizerTrace("Adam", new double[0], path));
        assertMessage("Adam loss per step[1] is NaN",
                () -> new OptimizerTrace("Adam", new double[] {1, Double.NaN}, path));
        assertMessage("Adam path[0] has 3 coordinates",
                () -> new OptimizerTrace("Adam", new double[] {1}, List.of(new double[3])));
        assertMessage("optimizer name is ' '", () -> new OptimizerTrace(" ", new double[] {1}, path));
        assertMessage("traces has 0 values",
                () -> OptimizerCharts.render(List.of(), SampleData::bowlCost));
        assertMessage("is NaN; expected a finite number", () -> OptimizerCharts.paths(
                SampleData.bowlTraces(), (w1, w2) -> w1 > 0.04 ? Double.NaN : w1, SIZE));
    }
}

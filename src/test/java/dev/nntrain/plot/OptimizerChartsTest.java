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
    void namesTheParametersOnThePathsAxes() {
        BufferedImage plain = OptimizerCharts.render(SampleData.bowlTraces(), SampleData::bowlCost, SIZE);
        BufferedImage same = OptimizerCharts.render(SampleData.bowlTraces(), SampleData::bowlCost, SIZE, "w1", "w2");
        BufferedImage named = OptimizerCharts.render(SampleData.bowlTraces(), SampleData::bowlCost, SIZE, "w", "b");

        assertEquals(0, differingPixels(plain, same), "w1 and w2 are the default names");
        // the names are drawn in the paths' panel (the right half) and nowhere else
        assertEquals(0, differingPixels(plain.getSubimage(0, 0, 450, 400), named.getSubimage(0, 0, 450, 400)),
                "the loss panel does not change");
        // (a narrower name also moves the plot area a little, so the count says only that it changed)
        int changed = differingPixels(plain, named);
        org.junit.jupiter.api.Assertions.assertTrue(changed > 20, changed + " pixels differ");
        assertMessage("the second parameter's name is blank",
                () -> OptimizerCharts.render(SampleData.bowlTraces(), SampleData::bowlCost, SIZE, "w", " "));
    }

    /**
     * Long run names under a half-width panel: the legend's box lies inside the image (one row of
     * them ran past its right edge, cutting off the last entries), and short names stay in a row.
     */
    @Test
    void theLegendOfLongNamesStaysInsideThePanel() {
        List<OptimizerTrace> traces = SampleData.bowlTraces().stream()
                .map(t -> new OptimizerTrace("GradientDescent(0.001) " + t.name(), t.lossPerStep(), t.path())).toList();
        ChartSize half = new ChartSize(550, 450);
        BufferedImage chart = OptimizerCharts.paths(traces, SampleData::bowlCost, half);
        // no ink at the image's side edges anywhere below the plot: a row too wide runs off both sides
        int edgeInk = 0;
        for (int y = 300; y < half.height(); y++) {
            for (int x : new int[] {0, 1, 2, 547, 548, 549}) {
                java.awt.Color c = new java.awt.Color(chart.getRGB(x, y));
                edgeInk += c.getRed() + c.getGreen() + c.getBlue() < 3 * 160 ? 1 : 0;
            }
        }
        assertEquals(0, edgeInk, "dark pixels at the side edges below the plot");
        org.junit.jupiter.api.Assertions.assertTrue(OptimizerCharts.fitsInOneRow(
                new org.knowm.xchart.XYChartBuilder().build(),
                List.of("a", "b", "start"), 550));
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                n += a.getRGB(x, y) == b.getRGB(x, y) ? 0 : 1;
            }
        }
        return n;
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

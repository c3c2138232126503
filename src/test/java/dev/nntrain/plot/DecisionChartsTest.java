package dev.nntrain.plot;

import static dev.nntrain.plot.HistoryChartTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Synthetic;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DecisionChartsTest {

    private static final ChartSize SIZE = new ChartSize(640, 480);
    private static final Examples BLOBS = Synthetic.blobs(200, 3);
    private static final Examples COFFEE = Synthetic.coffee(3);

    private static Color region(int c) {
        return ChartStyle.tint(ChartStyle.color(c), DecisionCharts.REGION_TINT);
    }

    @Test
    void regionsShowEachPredictedClassAndThePoints() {
        BufferedImage chart = DecisionCharts.regions(
                SampleData.points(BLOBS), BLOBS.labels(), SampleData::nearestBlob, SIZE);

        Pixels.assertChart(chart, SIZE);
        for (int c = 0; c < 4; c++) {
            Pixels.assertShows(chart, region(c), 5000, "region of class " + c);
            Pixels.assertShows(chart, ChartStyle.color(c), 200, "points of class " + c);
        }
    }

    @Test
    void regionsFollowTheClassifier() {
        BufferedImage chart = DecisionCharts.regions(SampleData.points(BLOBS), BLOBS.labels(),
                points -> new int[points.length], SIZE);

        Pixels.assertShows(chart, region(0), 100_000, "class 0 everywhere");
        int green = Pixels.count(chart, region(2));
        assertTrue(green < 100, "no region of class 2, only edges of points: " + green);
    }

    @Test
    void regionsAskTheClassifierOnceForABatchInsideThePaddedData() {
        double[][] points = {{0, 0}, {10, 5}};
        double[][][] asked = new double[1][][];
        DecisionCharts.regions(points, new int[] {0, 1}, batch -> {
            assertEquals(null, asked[0], "one batch");
            asked[0] = batch;
            return new int[batch.length];
        }, SIZE);

        assertTrue(asked[0].length > 10_000, asked[0].length + " grid points");
        for (double[] p : asked[0]) {
            assertTrue(p[0] > -1 && p[0] < 11 && p[1] > -0.5 && p[1] < 5.5, Arrays.toString(p));
        }
    }

    @Test
    void regionsRejectBadInputsNamingTheValue() {
        double[][] points = {{0, 0}, {1, 1}};
        assertMessage("points has 0 values",
                () -> DecisionCharts.regions(new double[0][], new int[0], p -> new int[p.length]));
        assertMessage("labels has 1 values but points has 2",
                () -> DecisionCharts.regions(points, new int[] {0}, p -> new int[p.length]));
        assertMessage("points[1][0] is NaN", () -> DecisionCharts.regions(
                new double[][] {{0, 0}, {Double.NaN, 1}}, new int[2], p -> new int[p.length]));
        assertMessage("points[0] has 3 coordinates", () -> DecisionCharts.regions(
                new double[][] {{0, 0, 0}}, new int[1], p -> new int[p.length]));
        assertMessage("labels[1] is -1",
                () -> DecisionCharts.regions(points, new int[] {0, -1}, p -> new int[p.length]));
        assertMessage("the classifier's answer has 3 values",
                () -> DecisionCharts.regions(points, new int[2], p -> new int[3]));
    }

    @Test
    void coffeeShowsBothPredictionsAndTheBoundary() {
        BufferedImage chart = DecisionCharts.coffeeRoasting(
                SampleData.points(COFFEE), COFFEE.labels(), SampleData::roastQuality, SIZE);

        Pixels.assertChart(chart, SIZE);
        Pixels.assertShows(chart, DecisionCharts.GOOD_ROAST, 50, "good roasts");
        Pixels.assertShows(chart, DecisionCharts.BAD_ROAST, 300, "bad roasts");
        double tint = DecisionCharts.REGION_TINT + 0.1;
        Pixels.assertShows(chart, ChartStyle.tint(DecisionCharts.GOOD_ROAST, tint), 5000,
                "where the model says good");
        Pixels.assertShows(chart, ChartStyle.tint(DecisionCharts.BAD_ROAST, tint), 20_000,
                "where the model says bad");
        Pixels.assertShows(chart, new Color(0x222222), 1000, "boundary and text");
    }

    @Test
    void coffeeRejectsBadInputsNamingTheValue() {
        double[][] roasts = SampleData.points(COFFEE);
        int[] labels = COFFEE.labels();
        assertMessage("is 1.5; expected one in [0, 1]", () -> DecisionCharts.coffeeRoasting(
                roasts, labels, batch -> filled(batch.length, 1.5)));
        assertMessage("is NaN; expected one in [0, 1]", () -> DecisionCharts.coffeeRoasting(
                roasts, labels, batch -> filled(batch.length, Double.NaN)));
        int[] three = labels.clone();
        three[7] = 2;
        assertMessage("labels[7] is 2; expected a class in [0, 2)",
                () -> DecisionCharts.coffeeRoasting(roasts, three, SampleData::roastQuality));
        assertMessage("the model returned null",
                () -> DecisionCharts.coffeeRoasting(roasts, labels, batch -> null));
    }

    private static double[] filled(int n, double value) {
        double[] p = new double[n];
        Arrays.fill(p, value);
        return p;
    }
}

package dev.nntrain.plot;

import static dev.nntrain.plot.HistoryChartTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegressionChartTest {

    private static final ChartSize SIZE = new ChartSize(600, 640);

    /** Scores worked out by hand: errors 0, 0, 0, 1; the truth's mean 2.5, SS_tot 5. */
    @Test
    void theScoresAreTheOnesWorkedOutByHand() {
        double[] truth = {1, 2, 3, 4};
        double[] predicted = {1, 2, 3, 5};
        // MSE = 1/4, MAE = 1/4, R² = 1 - 1/5 = 0.8
        assertEquals("MSE 0.2500, MAE 0.2500, R\u00b2 0.8000", RegressionChart.scores(truth, predicted));
        assertArrayEquals(new String[] {"4 examples; MSE 0.2500, MAE 0.2500, R\u00b2 0.8000",
                "line: y = x, a perfect prediction"}, RegressionChart.subtitle(truth, predicted));
        // errors -2, 2, 1, -1: MSE 10/4, MAE 6/4; truth 0, 2, 4, 6 (mean 3, SS_tot 20): R² = 1 - 10/20
        assertEquals("MSE 2.5000, MAE 1.5000, R\u00b2 0.5000",
                RegressionChart.scores(new double[] {0, 2, 4, 6}, new double[] {-2, 4, 5, 5}));
        // predicting the mean everywhere: R² 0; worse than the mean: negative
        assertEquals("MSE 1.2500, MAE 1.0000, R\u00b2 0.0000",
                RegressionChart.scores(new double[] {1, 2, 3, 4}, new double[] {2.5, 2.5, 2.5, 2.5}));
        // errors 2, 2, -2, -2: MSE 4, MAE 2, R² = 1 - 16/5
        assertEquals("MSE 4.0000, MAE 2.0000, R\u00b2 -2.2000",
                RegressionChart.scores(new double[] {1, 2, 3, 4}, new double[] {3, 4, 1, 2}));
    }

    @Test
    void rSquaredIsUndefinedWhenEveryTrueValueIsTheSame() {
        // errors -1, 1
        assertEquals("MSE 1.0000, MAE 1.0000, R\u00b2 undefined (all true values equal)",
                RegressionChart.scores(new double[] {3, 3}, new double[] {2, 4}));
        Pixels.assertChart(RegressionChart.render(new double[] {3, 3}, new double[] {2, 4}, SIZE), SIZE);
        Pixels.assertChart(RegressionChart.render(new double[] {0}, new double[] {0}, SIZE), SIZE);
    }

    @Test
    void eachOutputHasItsOwnScores() {
        float[][] truth = {{1, 10}, {2, 20}, {3, 30}, {4, 40}};
        float[][] predicted = {{1, 10}, {2, 20}, {3, 30}, {5, 40}};
        assertEquals(List.of("MSE 0.2500, MAE 0.2500, R\u00b2 0.8000", "MSE 0.0000, MAE 0.0000, R\u00b2 1.0000"),
                RegressionChart.scores(truth, predicted));
    }

    /**
     * A perfect model's points: every pixel of theirs is within a marker's radius of the line
     * fitted through the diagonal's pixels (points clustered together hide the line below them,
     * so the line's visible pixels alone are not the oracle).
     */
    @Test
    void aPerfectModelsPointsLieOnTheDiagonal() {
        double[] truth = values(60, 1);
        BufferedImage chart = RegressionChart.render(truth, truth.clone(), SIZE);
        Pixels.assertChart(chart, SIZE);
        List<int[]> points = pixels(chart, RegressionChart.POINTS);
        List<int[]> line = pixels(chart, RegressionChart.DIAGONAL);
        assertTrue(points.size() > 300, points.size() + " pixels of points");
        assertTrue(line.size() > 300, line.size() + " pixels of the line");
        double[] fitted = fit(line);
        for (int[] p : points) {
            assertTrue(Math.abs(signedDistance(p, fitted)) <= 6,
                    "a point's pixel at " + p[0] + ", " + p[1] + " far from the line");
        }
    }

    /** The same points predicted too high: above the line, none near it. */
    @Test
    void aBiasedModelsPointsLieAboveTheDiagonal() {
        double[] truth = values(60, 2);
        double[] predicted = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            predicted[i] = truth[i] + 3; // the values span about 10
        }
        BufferedImage chart = RegressionChart.render(truth, predicted, SIZE);
        List<int[]> points = pixels(chart, RegressionChart.POINTS);
        List<int[]> line = pixels(chart, RegressionChart.DIAGONAL);
        assertTrue(points.size() > 300, points.size() + " pixels of points");
        double[] fitted = fit(line);
        for (int[] p : points) {
            // image rows grow downwards: above the line is a smaller row than the line's there
            double below = signedDistance(p, fitted);
            assertTrue(below < -20, "a point's pixel at " + p[0] + ", " + p[1] + " is " + below
                    + " px below the line, expected well above it");
        }
    }

    /** The axes share one scale: the diagonal rises one pixel per pixel across. */
    @Test
    void theDiagonalRunsAtFortyFiveDegrees() {
        for (ChartSize size : new ChartSize[] {SIZE, new ChartSize(900, 500), new ChartSize(400, 800)}) {
            double[] truth = {-4, 0, 7, 20};
            BufferedImage chart = RegressionChart.render(truth, new double[] {-1, 2, 5, 13}, size);
            List<int[]> line = pixels(chart, RegressionChart.DIAGONAL);
            int[] leftmost = line.get(0);
            int[] rightmost = line.get(0);
            for (int[] p : line) {
                leftmost = p[0] < leftmost[0] ? p : leftmost;
                rightmost = p[0] > rightmost[0] ? p : rightmost;
            }
            double across = rightmost[0] - leftmost[0];
            double up = leftmost[1] - rightmost[1];
            assertTrue(across > 200, size + ": the line spans " + across + " px");
            assertEquals(1.0, up / across, 0.03, size + ": slope of the line, " + up + " up over " + across);
        }
    }

    @Test
    void severalOutputsGetAPanelEachUpToTheLimit() {
        float[][] truth = new float[50][6];
        Random random = new Random(3);
        for (float[] row : truth) {
            for (int o = 0; o < row.length; o++) {
                row[o] = (float) random.nextGaussian() * (o + 1);
            }
        }
        BufferedImage chart = RegressionChart.render(truth, truth);
        assertEquals(RegressionChart.defaultSize(6), new ChartSize(chart.getWidth(), chart.getHeight()));
        assertEquals(new ChartSize(1440, 1080), RegressionChart.defaultSize(6), "two rows of three panels");
        assertEquals(new ChartSize(960, 540), RegressionChart.defaultSize(2));
        assertEquals(RegressionChart.DEFAULT_SIZE, RegressionChart.defaultSize(1));
        // each panel has its points and its diagonal
        for (int panel = 0; panel < 6; panel++) {
            BufferedImage part = chart.getSubimage(panel % 3 * 480, panel / 3 * 540, 480, 540);
            Pixels.assertShows(part, RegressionChart.POINTS, 50, "points of output " + panel);
            Pixels.assertShows(part, RegressionChart.DIAGONAL, 100, "diagonal of output " + panel);
        }
        float[][] seven = new float[3][7];
        assertMessage("7 outputs; a regression chart draws 1 to 6", () -> RegressionChart.render(seven, seven));
    }

    @Test
    void manyExamplesAreSubsampledEvenlyAndScoredInFull() {
        int[] drawn = RegressionChart.drawnIndices(50_000);
        assertEquals(RegressionChart.MAX_POINTS, drawn.length);
        assertEquals(0, drawn[0]);
        assertEquals(2, drawn[1]); // 50,000 / 20,000 = 2.5: 0, 2, 5, 7, 10 ...
        assertEquals(5, drawn[2]);
        assertEquals(49_997, drawn[drawn.length - 1]);
        assertArrayEquals(new int[] {0, 1, 2}, RegressionChart.drawnIndices(3));
        double[] truth = new double[50_000];
        double[] predicted = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = i % 2;
            predicted[i] = i < 25_000 ? i % 2 : 1 - i % 2; // half of them wrong by 1: MSE = MAE = 0.5
        }
        String[] subtitle = RegressionChart.subtitle(truth, predicted);
        assertEquals("50,000 examples; MSE 0.5000, MAE 0.5000, R\u00b2 -1.0000", subtitle[0]);
        assertEquals("20,000 of 50,000 points drawn, evenly spaced; line: y = x", subtitle[1]);
        Pixels.assertChart(RegressionChart.render(truth, predicted, SIZE), SIZE);
    }

    @Test
    void badInputsAreRefusedNamingTheValue() {
        assertMessage("truth has 0 values", () -> RegressionChart.render(new double[0], new double[0]));
        assertMessage("predicted has 2 values but truth has 3",
                () -> RegressionChart.render(new double[3], new double[2]));
        assertMessage("predicted[1] is NaN",
                () -> RegressionChart.render(new double[2], new double[] {0, Double.NaN}));
        assertMessage("truth[0] is Infinity",
                () -> RegressionChart.scores(new double[] {Double.POSITIVE_INFINITY}, new double[1]));
        assertMessage("predicted[1] has 1 values but truth[0] has 2",
                () -> RegressionChart.render(new float[2][2], new float[][] {{0, 0}, {0}}));
        assertMessage("predicted of output 1[0] is NaN",
                () -> RegressionChart.render(new float[1][2], new float[][] {{0, Float.NaN}}));
        assertMessage("0 outputs", () -> RegressionChart.defaultSize(0));
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> RegressionChart.render(null, new double[1]));
        assertEquals("truth", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> RegressionChart.scores(new float[1][1], null));
        assertEquals("predicted", e.getMessage());
    }

    private static double[] values(int n, long seed) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 10 * random.nextDouble() - 2;
        }
        return values;
    }

    /** The pixels within 12 of a colour in each channel, as {x, y}. */
    private static List<int[]> pixels(BufferedImage image, Color color) {
        List<int[]> found = new ArrayList<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - color.getRed()) <= 12 && Math.abs(c.getGreen() - color.getGreen()) <= 12
                        && Math.abs(c.getBlue() - color.getBlue()) <= 12) {
                    found.add(new int[] {x, y});
                }
            }
        }
        return found;
    }

    /** The least-squares line through pixels, row = a + b * column, as {a, b}. */
    private static double[] fit(List<int[]> pixels) {
        double n = pixels.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int[] p : pixels) {
            sx += p[0];
            sy += p[1];
            sxx += (double) p[0] * p[0];
            sxy += (double) p[0] * p[1];
        }
        double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new double[] {(sy - b * sx) / n, b};
    }

    /** How far below a fitted line (in rows, perpendicular) a pixel is; negative above it. */
    private static double signedDistance(int[] p, double[] line) {
        return (p[1] - (line[0] + line[1] * p[0])) / Math.sqrt(1 + line[1] * line[1]);
    }
}

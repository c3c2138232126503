package dev.nntrain.plot;

import static dev.nntrain.plot.HistoryChartTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.train.metric.ConfusionMatrix;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

class ConfusionMatrixChartTest {

    @Test
    void shadesTheDiagonalDarkest() {
        BufferedImage chart = ConfusionMatrixChart.render(SampleData.CONFUSION);

        Pixels.assertChart(chart, ConfusionMatrixChart.DEFAULT_SIZE);
        Color diagonal = ConfusionMatrixChart.shade(SampleData.CONFUSION[0][0] / 191.0);
        Pixels.assertShows(chart, diagonal, 10 * 1000, "ten dark diagonal cells");
    }

    @Test
    void writesCountsInTheCells() {
        ChartSize size = new ChartSize(300, 300);
        int[][] counts = {{0, 0}, {0, 88888}};

        BufferedImage chart = ConfusionMatrixChart.render(counts, List.of("cat", "dog"), size);

        Pixels.assertChart(chart, size);
        // Only the bottom-right cell is fully dark; its count is written in white inside it.
        Rectangle cell = Pixels.boundingBox(chart, ConfusionMatrixChart.FULL);
        assertTrue(cell.width > 30 && cell.height > 30, "the dark cell: " + cell);
        int digits = Pixels.countLight(chart.getSubimage(cell.x, cell.y, cell.width, cell.height));
        assertTrue(digits > 100, "light pixels of the count in the dark cell: " + digits);
    }

    @Test
    void drawsATrainConfusionMatrixAsItsCountsTalliedByHand() {
        // true 0 0 0 1 1 1 1 against predicted 0 0 1 1 1 1 0: rows {2, 1} and {1, 3}
        ConfusionMatrix matrix = ConfusionMatrix.of(2, new int[] {0, 0, 0, 1, 1, 1, 1},
                new int[] {0, 0, 1, 1, 1, 1, 0});

        BufferedImage fromTrain = ConfusionMatrixChart.of(matrix);
        BufferedImage byHand = ConfusionMatrixChart.render(new int[][] {{2, 1}, {1, 3}});

        Pixels.assertChart(fromTrain, ConfusionMatrixChart.DEFAULT_SIZE);
        for (int y = 0; y < byHand.getHeight(); y++) {
            for (int x = 0; x < byHand.getWidth(); x++) {
                assertTrue(fromTrain.getRGB(x, y) == byHand.getRGB(x, y), "pixel (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void acceptsCountsPastTheIntRange() {
        long many = 3L * Integer.MAX_VALUE;
        BufferedImage chart = ConfusionMatrixChart.render(new long[][] {{many, 1}, {0, many}}, null,
                ConfusionMatrixChart.DEFAULT_SIZE);
        Pixels.assertShows(chart, ConfusionMatrixChart.FULL, 1000, "two dark diagonal cells");
    }

    @Test
    void rejectsBadInputsNamingTheValue() {
        assertMessage("counts has 0 values", () -> ConfusionMatrixChart.render(new int[0][]));
        assertMessage("counts[1] has 1 values but counts (rows) has 2",
                () -> ConfusionMatrixChart.render(new int[][] {{1, 2}, {3}}));
        assertMessage("counts[0][1] is -4",
                () -> ConfusionMatrixChart.render(new int[][] {{1, -4}, {3, 0}}));
        assertMessage("class names has 3 values but the matrix has 2",
                () -> ConfusionMatrixChart.render(new int[][] {{1, 0}, {0, 1}},
                        List.of("a", "b", "c"), ConfusionMatrixChart.DEFAULT_SIZE));
    }

    /**
     * A class name is written at the same size beside its row as under its column: the rows'
     * labels get the room the widest name needs (they were squeezed into 36 px, "versicolor" at
     * about 6 pt). The oracle is the font's own measure of the name at the 12 pt the column
     * labels use.
     */
    @Test
    void rowNamesAreWrittenAtFullSizeBesideTheGrid() {
        long[][] counts = {{10, 0, 0}, {0, 9, 1}, {0, 0, 10}};
        BufferedImage chart = ConfusionMatrixChart.render(counts, List.of("versicolor", "a", "b"),
                ConfusionMatrixChart.DEFAULT_SIZE);
        Pixels.assertChart(chart, ConfusionMatrixChart.DEFAULT_SIZE);
        Rectangle grid = Pixels.boundingBox(chart, ConfusionMatrixChart.FULL); // cells (0, 0) to (2, 2)
        int rowHeight = grid.height / 3;
        // the first row's band left of the grid holds only its name (the axis title is beside the middle row)
        int inkLeft = Integer.MAX_VALUE;
        int inkRight = -1;
        for (int y = grid.y; y < grid.y + rowHeight; y++) {
            for (int x = 0; x < grid.x - 3; x++) { // short of the grid's frame
                Color c = new Color(chart.getRGB(x, y));
                if (c.getRed() + c.getGreen() + c.getBlue() < 3 * 128) {
                    inkLeft = Math.min(inkLeft, x);
                    inkRight = Math.max(inkRight, x);
                }
            }
        }
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        int expected = scratch.createGraphics().getFontMetrics(ChartStyle.TICK_FONT.deriveFont(12f)).stringWidth("versicolor");
        int drawn = inkRight - inkLeft + 1;
        assertTrue(inkRight >= 0 && drawn >= expected - 3 && drawn <= expected + 1,
                "\"versicolor\" drawn " + drawn + " px wide; at 12 pt it is " + expected + " px");
        assertTrue(inkRight < grid.x - 5, "the name ends before the grid: " + inkRight + " against " + grid.x);
    }
}

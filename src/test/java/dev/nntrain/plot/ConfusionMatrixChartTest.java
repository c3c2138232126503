package dev.nntrain.plot;

import static dev.nntrain.plot.HistoryChartTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}

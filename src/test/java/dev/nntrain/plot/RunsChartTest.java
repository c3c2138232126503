package dev.nntrain.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.train.EpochLogs;
import dev.nntrain.train.History;

import org.junit.jupiter.api.Test;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs side by side: each run's colour where its values put it, gaps, and bad input named. */
class RunsChartTest {

    /** A run whose validation loss is {@code start * decay^epoch}, NaN at the epochs given. */
    private static History run(int epochs, double start, double decay, int... missing) {
        List<EpochLogs> logs = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            double value = start * Math.pow(decay, e);
            for (int m : missing) {
                value = m == e ? Double.NaN : value;
            }
            logs.add(new EpochLogs(e, value, Double.NaN, Double.NaN, value, Double.NaN, Double.NaN, 1e-3, 1, 1));
        }
        return History.of(logs);
    }

    /**
     * Two flat runs, one at 2 and one at 1: the first's colour lies wholly above the second's, and
     * each spans the plot's width; the legend's samples sit beside the plot on the right, left out
     * here by looking at the left half only.
     */
    @Test
    void eachRunIsItsOwnColourWhereItsValuesAre() throws IOException {
        Map<String, History> runs = new LinkedHashMap<>();
        runs.put("high", run(20, 2, 1));
        runs.put("low", run(20, 1, 1));
        BufferedImage image = RunsChart.of(runs, "val_loss");
        Pixels.assertChart(image, RunsChart.DEFAULT_SIZE);
        BufferedImage left = image.getSubimage(0, 0, image.getWidth() / 2, image.getHeight());
        Rectangle high = Pixels.boundingBox(left, ChartStyle.color(0));
        Rectangle low = Pixels.boundingBox(left, ChartStyle.color(1));
        assertTrue(high.getMaxY() < low.getMinY(), "high " + high + " above low " + low);
        Files.createDirectories(Path.of("target", "plots"));
        Charts.writePng(image, Path.of("target", "plots", "runs.png"));
    }

    /** A run with NaN epochs and one that diverged to infinity still draw their finite epochs. */
    @Test
    void gapsAndDivergedEpochsLeaveTheRestDrawn() {
        List<EpochLogs> diverged = new ArrayList<>(run(5, 1, 0.9).epochs());
        diverged.add(new EpochLogs(6, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NaN, Double.NaN, 1e-3, 1, 1));
        Map<String, History> runs = new LinkedHashMap<>();
        runs.put("gaps", run(12, 1, 0.95, 3, 4));
        runs.put("diverged", History.of(diverged));
        BufferedImage image = RunsChart.of(runs, "val_loss");
        Pixels.assertShows(image, ChartStyle.color(0), 100, "the run with gaps");
        Pixels.assertShows(image, ChartStyle.color(1), 50, "the run that diverged");
    }

    @Test
    void badInputIsNamed() {
        Map<String, History> runs = new LinkedHashMap<>();
        assertEquals("no run to draw; expected at least one",
                assertThrows(InvalidInputException.class, () -> RunsChart.of(runs, "loss")).getMessage());
        runs.put("a", run(3, 1, 0.9));
        assertTrue(assertThrows(InvalidInputException.class, () -> RunsChart.of(runs, "loss_val")).getMessage()
                .startsWith("unknown metric 'loss_val'; expected one of loss, accuracy"));
        assertEquals("run a has no val_accuracy (3 epochs, none measured it)",
                assertThrows(InvalidInputException.class, () -> RunsChart.of(runs, "val_accuracy")).getMessage());
    }

    @Test
    void titlesSayWhatIsDrawn() {
        assertEquals("Validation loss", RunsChart.title("val_loss"));
        assertEquals("Training mean absolute error", RunsChart.title("mae"));
        assertEquals("Learning rate", RunsChart.title("learning_rate"));
    }
}

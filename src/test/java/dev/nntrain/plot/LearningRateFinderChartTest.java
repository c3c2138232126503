package dev.nntrain.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.train.tune.LearningRateFinder;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The range test's chart: its curves, the suggestion's mark where the suggestion is, and bad input. */
class LearningRateFinderChartTest {

    /** 61 steps from 1e-7 to 10 (a step per 8/60 decade), a fall centred on 1e-3, then a blow-up from step 44. */
    private static LearningRateFinder.Result curve() {
        double[] losses = new double[61];
        for (int i = 0; i < losses.length; i++) {
            double x = -7 + i * 8.0 / 60;
            losses[i] = i <= 44 ? 2 - Math.tanh((x + 3) / 0.5) + 0.05 * Math.sin(7 * i)
                    : 1.2 * Math.pow(1.5, i - 44);
        }
        return LearningRateFinder.builder().optSteps(61).optSmoothing(0.6).build().analyse(losses);
    }

    @Test
    void drawsBothCurvesAndMarksTheSuggestion() throws IOException {
        LearningRateFinder.Result r = curve();
        XYChart chart = LearningRateFinderChart.chart(r, LearningRateFinderChart.DEFAULT_SIZE);
        assertEquals(r.steps(), chart.getSeriesMap().get("loss per step").getXData().length);
        String legend = "suggested rate: " + LearningRateFinderChart.rate(r.steepestRate()) + " (steepest fall)";
        assertTrue(chart.getSeriesMap().containsKey(legend), chart.getSeriesMap().keySet().toString());
        assertTrue(chart.getTitle().contains("diverged"), chart.getTitle());

        BufferedImage image = LearningRateFinderChart.of(r);
        Pixels.assertChart(image, LearningRateFinderChart.DEFAULT_SIZE);
        Pixels.assertShows(image, ChartStyle.TRAINING, 200, "the smoothed loss");
        Pixels.assertShows(image, LearningRateFinderChart.RAW, 100, "the losses per step");
        Files.createDirectories(Path.of("target", "plots"));
        Charts.writePng(image, Path.of("target", "plots", "lr-finder.png"));
    }

    @Test
    void theSuggestionsLineIsHalfwayAlongAnAxisFrom1eMinus7To10WhenTheSuggestionIs1eMinus3() {
        // no smoothing and no stop: the curve covers the whole axis, 1e-7 to 10, and falls fastest at
        // step 30, 1e-3, the axis' middle decade on a log scale (4 of its 8 decades along)
        double[] losses = new double[61];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = 2 - Math.tanh((-7 + i * 8.0 / 60 + 3) / 0.5);
        }
        LearningRateFinder.Result r = LearningRateFinder.builder().optSteps(61).optSmoothing(0)
                .optDivergence(Double.POSITIVE_INFINITY).build().analyse(losses);
        assertEquals(1e-3, r.steepestRate(), 1e-15);
        BufferedImage image = LearningRateFinderChart.of(r);
        // the curve's ends: its left one high (a loss near 3), above the legend's sample line in the
        // lower left; its right one low, right of the legend
        Rectangle upper = Pixels.boundingBox(image.getSubimage(0, 0, image.getWidth(), image.getHeight() / 2),
                ChartStyle.TRAINING);
        Rectangle whole = Pixels.boundingBox(image, ChartStyle.TRAINING);
        double middle = (upper.getMinX() + whole.getMaxX()) / 2;
        int best = -1;
        int most = 0;
        for (int x = 0; x < image.getWidth(); x++) { // the dotted line: the column with the most of its colour
            int n = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                n += image.getRGB(x, y) == LearningRateFinderChart.SUGGESTION.getRGB() ? 1 : 0;
            }
            if (n > most) {
                most = n;
                best = x;
            }
        }
        assertTrue(Math.abs(best - middle) <= 3, "line at x " + best + ", the curve's middle at " + middle);
    }

    @Test
    void rateHasThreeSignificantDigits() {
        assertEquals("0.0148", LearningRateFinderChart.rate(0.014849682622544665));
        assertEquals("1.00e-07", LearningRateFinderChart.rate(1e-7));
    }

    @Test
    void refusesATestWithoutTwoFiniteSteps() {
        LearningRateFinder.Result r = LearningRateFinder.builder().build().analyse(new double[] {2.3, Double.NaN});
        assertTrue(assertThrows(InvalidInputException.class, () -> LearningRateFinderChart.of(r)).getMessage()
                .contains("1 step"));
    }
}

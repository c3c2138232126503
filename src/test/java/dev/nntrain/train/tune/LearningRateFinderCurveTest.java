package dev.nntrain.train.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;

import org.junit.jupiter.api.Test;

/**
 * The range test's bookkeeping on loss curves given directly: the rate schedule against its
 * closed form, the smoothing against fastai's formula worked by hand and against a second,
 * closed-form implementation, the divergence stop and the suggestions at points known by
 * construction.
 */
class LearningRateFinderCurveTest {

    @Test
    void ratesAreOneDecadeApartWhenStepsSpanTheDecades() {
        // 1e-7 to 10 in 9 steps: one decade per step, by hand
        double[] rates = LearningRateFinder.builder().optSteps(9).build().rates();
        double[] decades = {1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10};
        assertEquals(decades.length, rates.length);
        for (int i = 0; i < decades.length; i++) {
            assertEquals(decades[i], rates[i], decades[i] * 1e-12, "step " + i);
        }
    }

    @Test
    void ratesFollowTheGeometricClosedForm() {
        LearningRateFinder finder = LearningRateFinder.builder().optStartRate(3e-6).optEndRate(0.5).optSteps(37).build();
        double ratio = Math.exp(Math.log(0.5 / 3e-6) / 36); // the constant ratio of consecutive rates
        double expected = 3e-6;
        for (int i = 0; i < 37; i++) {
            assertEquals(expected, finder.rate(i), expected * 1e-12, "step " + i);
            expected *= ratio;
        }
        assertEquals(0.5, finder.rate(36), 0.0, "the last rate is the end rate itself");
    }

    @Test
    void smoothingIsFastaisBiasCorrectedAverageByHand() {
        // beta 0.5 on 1, 2, 3: averages 0.5, 1.25, 2.125; corrections 1 - 0.5^k = 0.5, 0.75, 0.875
        LearningRateFinder finder = LearningRateFinder.builder().optSmoothing(0.5).optSteps(3).build();
        LearningRateFinder.Result r = finder.analyse(new double[] {1, 2, 3});
        assertArrayEquals(new double[] {1, 5.0 / 3, 17.0 / 7}, r.smoothed(), 1e-15);
        assertArrayEquals(new double[] {1, 2, 3}, r.losses(), 0.0);
        assertFalse(r.diverged());
        assertEquals(3, r.steps());
    }

    /** The smoothed loss as a weighted mean of all the losses so far, the closed form of fastai's recurrence. */
    private static double closedFormSmoothed(double[] losses, int i, double beta) {
        double weighted = 0;
        double weights = 0;
        for (int k = 0; k <= i; k++) {
            double w = Math.pow(beta, i - k);
            weighted += w * losses[k];
            weights += w;
        }
        return weighted / weights; // (1 - beta) * sum(w) = 1 - beta^(i+1): the bias correction
    }

    @Test
    void divergenceStopsWhereTheClosedFormFirstExceedsFourTimesItsMinimum() {
        double[] losses = new double[100];
        for (int i = 0; i < losses.length; i++) {
            // flat, a decline, then a blow-up growing by half each step; wiggles as batches have
            losses[i] = (i < 60 ? 2.3 - 0.03 * Math.max(0, i - 20) : 1.1 * Math.pow(1.5, i - 60)) + 0.05 * Math.sin(i);
        }
        int expectedStop = -1;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < losses.length && expectedStop < 0; i++) {
            double s = closedFormSmoothed(losses, i, 0.98);
            min = Math.min(min, s);
            if (s > 4 * min) {
                expectedStop = i;
            }
        }
        assertTrue(expectedStop > 60 && expectedStop < 99, "the curve is built to diverge: " + expectedStop);
        LearningRateFinder.Result r = LearningRateFinder.builder().build().analyse(losses);
        assertTrue(r.diverged());
        assertEquals(expectedStop + 1, r.steps(), "the step that diverges is the last one recorded");
        for (int i = 0; i < r.steps(); i++) {
            assertEquals(closedFormSmoothed(losses, i, 0.98), r.smoothed()[i], 1e-12, "step " + i);
        }
    }

    @Test
    void suggestionIsAtTheKnownSteepestPointAndTheMinimumRuleAtTheKnownMinimum() {
        // 61 steps from 1e-7 to 10: log10(rate) = -7 + i * 8/60, so step 30 is at 1e-3
        LearningRateFinder finder = LearningRateFinder.builder().optSteps(61).optSmoothing(0).build();
        double[] losses = new double[61];
        for (int i = 0; i < losses.length; i++) {
            double x = -7 + i * 8.0 / 60;
            // a tanh step centred on 1e-3 falls fastest there (its central differences are
            // symmetric about the centre); the loss is lowest at step 44, then grows 1.5-fold a step
            losses[i] = i <= 44 ? 2 - Math.tanh((x + 3) / 0.5) : (2 - Math.tanh((-7 + 44 * 8.0 / 60 + 3) / 0.5)) * Math.pow(1.5, i - 44);
        }
        LearningRateFinder.Result r = finder.analyse(losses);
        assertEquals(30, r.steepestStep());
        assertEquals(1e-3, r.steepestRate(), 1e-15);
        assertEquals(44, r.minimumStep());
        assertEquals(finder.rate(44) / 10, r.minimumRateOverTen(), 0.0);
        // without smoothing the stop is at the first loss above 4x the minimum: 1.5^4 = 5.06 > 4 > 1.5^3
        assertTrue(r.diverged());
        assertEquals(49, r.steps());
    }

    @Test
    void slopeIsNumpysGradientOnANonUniformGrid() {
        // numpy.gradient([1, 4, 2, 8], [0, 1, 3, 4]) = [3, 1.666..., 3.666..., 6] (numpy 1.x; by hand: 10/6, 22/6)
        double[] g = LearningRateFinder.Result.gradient(new double[] {1, 4, 2, 8}, new double[] {0, 1, 3, 4});
        assertArrayEquals(new double[] {3, 10.0 / 6, 22.0 / 6, 6}, g, 1e-12);
    }

    @Test
    void aNonFiniteLossEndsTheTestAsDiverged() {
        double[] losses = {2.3, 2.3, 2.2, 2.1, Double.NaN, 1.0};
        LearningRateFinder.Result r = LearningRateFinder.builder().optSteps(6).build().analyse(losses);
        assertTrue(r.diverged());
        assertEquals(5, r.steps());
        assertTrue(Double.isNaN(r.smoothed()[4]));
        assertTrue(r.minimumStep() >= 0 && r.minimumStep() < 4, "the finite prefix still has a minimum");
    }

    @Test
    void tooShortACurveHasNoSuggestion() {
        LearningRateFinder.Result r = LearningRateFinder.builder().build().analyse(new double[] {Double.POSITIVE_INFINITY});
        assertTrue(r.diverged());
        assertTrue(Double.isNaN(r.steepestRate()));
        assertTrue(Double.isNaN(r.minimumRate()));
    }

    @Test
    void badSettingsNameTheValue() {
        assertTrue(assertThrows(InvalidInputException.class, () -> LearningRateFinder.builder().optStartRate(-1))
                .getMessage().contains("-1"));
        assertTrue(assertThrows(InvalidInputException.class,
                () -> LearningRateFinder.builder().optStartRate(1).optEndRate(0.1).build()).getMessage().contains("above"));
        assertThrows(InvalidInputException.class, () -> LearningRateFinder.builder().optSteps(1));
        assertThrows(InvalidInputException.class, () -> LearningRateFinder.builder().optSmoothing(1));
        assertThrows(InvalidInputException.class, () -> LearningRateFinder.builder().optDivergence(1));
        assertThrows(InvalidInputException.class, () -> LearningRateFinder.builder().optEndRate(Double.NaN));
    }

    @Test
    void writeCsvWritesEveryStepAndLeavesNoFileWhereItCannot(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        // no smoothing: the smoothed loss is the raw one; the test stops at the NaN, keeping it
        LearningRateFinder finder = LearningRateFinder.builder().optStartRate(0.01).optEndRate(1).optSteps(3)
                .optSmoothing(0).build();
        LearningRateFinder.Result r = finder.analyse(new double[] {2.5, 1.25, Double.NaN});
        java.nio.file.Path file = tmp.resolve("steps.csv");
        r.writeCsv(file);
        assertEquals(java.util.List.of("step,learning_rate,loss,smoothed_loss", "1,0.01,2.5,2.5", "2,0.1,1.25,1.25",
                "3,1.0,NaN,NaN"), java.nio.file.Files.readAllLines(file));
        java.nio.file.Path nowhere = tmp.resolve("no-such-folder").resolve("steps.csv");
        assertThrows(java.io.IOException.class, () -> r.writeCsv(nowhere));
        assertFalse(java.nio.file.Files.exists(nowhere.getParent()));
        try (java.util.stream.Stream<java.nio.file.Path> left = java.nio.file.Files.list(tmp)) {
            assertEquals(java.util.List.of(file), left.toList(), "no temporary file left behind");
        }
    }
}

package dev.nntrain.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.lessons.RoundoffLesson.LossRoutes;
import dev.nntrain.lessons.RoundoffLesson.Prediction;
import dev.nntrain.lessons.RoundoffLesson.TwoWays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Holds the lesson to the course's section 9. */
class RoundoffLessonTest {

    // ---------------------------------------------------------------- the course's two numbers

    @Test
    void float64PrintsTheCoursesTwoValues() {
        TwoWays t = RoundoffLesson.float64();
        assertEquals("0.000200000000000000", t.directPrinted(), "x1 = 2.0 / 10000");
        assertEquals("0.000199999999999978", t.roundaboutPrinted(), "x2 = 1 + (1/10000) - (1 - 1/10000)");
        assertEquals(2.0E-4, t.direct(), 0.0);
        assertEquals(1.9999999999997797E-4, t.roundabout(), 0.0);
        assertNotEquals(t.direct(), t.roundabout());
    }

    @Test
    void float32LosesMoreDigits() {
        TwoWays single = RoundoffLesson.float32();
        assertEquals("0.000199999994947575", single.directPrinted());
        assertEquals("0.000200033187866211", single.roundaboutPrinted());
        assertNotEquals(single.direct(), single.roundabout());
        assertTrue(single.relativeError() > 1e-4, "float32 keeps about 7 digits: " + single.relativeError());
        assertTrue(RoundoffLesson.float64().relativeError() < 1e-12);
    }

    // ---------------------------------------------------------------- losses from logits and from probabilities

    private static LossRoutes find(List<LossRoutes> routes, float z) {
        return routes.stream().filter(r -> r.z()[0] == z).findFirst().orElseThrow();
    }

    @Test
    void binaryLossFromLogitsStaysAccurate() {
        List<LossRoutes> routes = RoundoffLesson.binaryLosses();
        assertEquals(RoundoffLesson.BINARY_CASES.length, routes.size());
        for (LossRoutes r : routes) {
            // float32 from logits: within a few units of the last place of the loss itself
            assertEquals(r.exact(), r.fromLogits(), 1e-6 * Math.max(1, r.exact()), "z = " + r.z()[0] + ", y = " + r.y());
        }
        assertEquals(Math.log(2), find(routes, 0).exact(), 1e-15, "L = log 2 at z = 0");
        assertEquals(40, find(routes, 40).fromLogits(), 1e-5);
        assertEquals(30, find(routes, -30).fromLogits(), 1e-5);
    }

    @Test
    void binaryLossFromProbabilitiesLosesPrecisionThenSaturates() {
        List<LossRoutes> routes = RoundoffLesson.binaryLosses();
        LossRoutes ten = find(routes, 10);
        assertTrue(Math.abs(ten.fromProbabilities() - ten.exact()) > 1e-4,
                "1 - sigmoid(10) keeps only a few digits in float32: " + ten);
        assertTrue(ten.fromProbabilitiesError() > 100 * ten.fromLogitsError());
        // sigmoid(20) and sigmoid(40) round to 1; Keras' clip to 1 - 1e-7 (0.99999988 in float32) caps L
        assertEquals(15.9424, find(routes, 20).fromProbabilities(), 1e-4);
        assertEquals(15.9424, find(routes, 40).fromProbabilities(), 1e-4);
        assertEquals(RoundoffLesson.saturation(), find(routes, -30).fromProbabilities(), 1e-4, "clip at 1e-7");
        assertEquals(16.1181, RoundoffLesson.saturation(), 1e-4);
        for (LossRoutes r : routes) {
            assertTrue(r.fromProbabilities() <= RoundoffLesson.saturation() + 1e-4, "never above the clip: " + r);
        }
    }

    @Test
    void softmaxLossFromLogitsIsExactWhereProbabilitiesSaturate() {
        List<LossRoutes> routes = RoundoffLesson.softmaxLosses();
        assertEquals(4, routes.size());
        for (LossRoutes r : routes) {
            assertEquals(r.exact(), r.fromLogits(), 1e-6 * Math.max(1, r.exact()), java.util.Arrays.toString(r.z()));
        }
        assertEquals(0.4401897, routes.get(0).fromProbabilities(), 1e-6, "harmless logits: both routes agree");
        assertEquals(30, routes.get(2).exact(), 1e-9);
        assertEquals(RoundoffLesson.saturation(), routes.get(2).fromProbabilities(), 1e-4, "a_0 = e^-30 is clipped");
        assertEquals(200, routes.get(3).exact(), 1e-9);
        assertEquals(200, routes.get(3).fromLogits(), 1e-4);
        assertEquals(RoundoffLesson.saturation(), routes.get(3).fromProbabilities(), 1e-4);
    }

    // ---------------------------------------------------------------- predicting

    @Test
    void predictProbabilitiesAppliesSigmoidToTheLogits() {
        Prediction p = RoundoffLesson.logisticPrediction();
        assertEquals(3, p.logits().length);
        assertTrue(p.maxDifference() < 1e-6, "predictProbabilities = sigmoid(predict): " + p.maxDifference());
    }

    @Test
    void predictProbabilitiesAppliesSoftmaxToTheLogits() {
        Prediction p = RoundoffLesson.softmaxPrediction();
        assertTrue(p.maxDifference() < 1e-6, "predictProbabilities = softmax(predict): " + p.maxDifference());
        for (float[] row : p.predicted()) {
            double sum = 0;
            for (float a : row) {
                sum += a;
            }
            assertEquals(1, sum, 1e-6);
        }
    }

    @Test
    void compileRefusesALogitsLossOnASigmoidOutput() {
        String message = RoundoffLesson.mismatchMessage();
        assertTrue(message.contains("expects logits") && message.contains("linear output layer"), message);
    }

    @Test
    void runPrintsTheLesson() {
        String text = LessonOutput.capture(RoundoffLesson::run);
        LessonOutput.assertContains(text, "9. Numerical roundoff", "0.000200000000000000", "0.000199999999999978",
                "from_logits=True", "15.9423847198", "16.1180953979", "L stops at -log(1.19e-7) = 15.9424", "200.0000000000", "predictProbabilities", "is refused");
    }
}

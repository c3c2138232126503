package dev.nntrain.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Examples;
import dev.nntrain.data.mnist.MnistSource;
import dev.nntrain.lessons.AdamLesson.BowlRun;
import dev.nntrain.lessons.AdamLesson.DigitRun;
import dev.nntrain.lessons.AdamLesson.ParameterTrace;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.optimizer.GradientDescent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Holds the lesson to the course's section 11. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdamLessonTest {

    private static final double LR = AdamLesson.LEARNING_RATE;
    private static final int STEPS = AdamLesson.BOWL_STEPS;

    private BowlRun adam;
    private BowlRun gd;

    @BeforeAll
    void run() {
        adam = AdamLesson.bowlRun(new Adam(LR), STEPS);
        gd = AdamLesson.bowlRun(new GradientDescent(LR), STEPS);
    }

    @Test
    void theCoursesSettingIsAdamAtOneThousandthForFortyEpochs() {
        // Adam(learning_rate = 1e-3); the assignment's 40 epochs, what `nntrain lesson adam` and main() run
        assertEquals(0.001, AdamLesson.LEARNING_RATE, 0.0);
        assertEquals(40, AdamLesson.COURSE_EPOCHS);
    }

    @Test
    void bowlIsSteepAlongW1AndFlatAlongW2() {
        Examples bowl = AdamLesson.bowl();
        assertEquals(64, bowl.size());
        double x1 = 0;
        double x2 = 0;
        double cross = 0;
        for (int i = 0; i < bowl.size(); i++) {
            float[] x = bowl.featureRow(i);
            x1 += x[0] * x[0] / 64.0;
            x2 += x[1] * x[1] / 64.0;
            cross += x[0] * x[1] / 64.0;
        }
        assertEquals(85.714, 2 * x1, 1e-3, "curvature along w1");
        assertEquals(0.0085714, 2 * x2, 1e-6, "curvature along w2");
        assertEquals(0, cross, 1e-6, "uncorrelated features: one parabola per parameter");
    }

    @Test
    void gradientsSpanOrdersOfMagnitude() {
        double w1 = Math.abs(adam.parameter("w1").gradients()[0]);
        double w2 = Math.abs(adam.parameter("w2").gradients()[0]);
        assertEquals(4.2857, w1, 1e-3, "2 E[x1^2] (0 - 0.05)");
        assertEquals(0.0085714, w2, 1e-6, "2 E[x2^2] (0 - 1)");
        assertTrue(w1 / w2 > 400);
    }

    @Test
    void adamsFirstStepMovesEveryParameterByTheLearningRate() {
        for (ParameterTrace p : adam.parameters()) {
            assertEquals(LR, p.step(0), 0.01 * LR, p.name() + ": whatever the size of dJ/d" + p.name());
        }
    }

    @Test
    void gradientDescentStepsAreTheLearningRateTimesTheGradient() {
        for (ParameterTrace p : gd.parameters()) {
            for (int t : new int[] {0, 1, 10}) {
                assertEquals(LR, p.effectiveRate(t), 1e-3 * LR, p.name() + " step " + t);
            }
        }
        assertEquals(LR * 4.2857, gd.parameter("w1").step(0), 1e-5);
        assertEquals(LR * 0.0085714, gd.parameter("w2").step(0), 1e-8);
    }

    @Test
    void adamGivesEachParameterItsOwnRate() {
        double w1 = adam.parameter("w1").effectiveRate(0);
        double w2 = adam.parameter("w2").effectiveRate(0);
        double b = adam.parameter("b").effectiveRate(0);
        assertEquals(LR / 4.2857, w1, 1e-3 * w1);
        assertEquals(LR / 0.0085714, w2, 1e-2 * w2);
        assertEquals(LR / 0.4, b, 1e-3 * b);
        assertTrue(w2 > 400 * w1, "the flat direction gets the larger rate");
    }

    @Test
    void adamKeepsPaceOnAParameterThatKeepsItsDirection() {
        ParameterTrace w2 = adam.parameter("w2");
        assertEquals(0, w2.directionChanges(), "w2 moves towards 1 all along");
        assertTrue(w2.meanStepSize(STEPS - 100, STEPS) > 0.5 * LR, "still about lr per step: " + w2.meanStepSize(STEPS - 100, STEPS));
        assertTrue(w2.last() > 0.3, "Adam's w2 after " + STEPS + " steps: " + w2.last());
        assertTrue(gd.parameter("w2").last() < 0.01, "gradient descent's w2 crawls: " + gd.parameter("w2").last());
    }

    @Test
    void adamSlowsDownOnAParameterThatTurnsBack() {
        ParameterTrace w1 = adam.parameter("w1");
        assertTrue(w1.directionChanges() >= 1, "w1 overshoots 0.05 and turns back");
        assertTrue(w1.meanStepSize(STEPS - 100, STEPS) < 0.01 * LR, "then its steps shrink: " + w1.meanStepSize(STEPS - 100, STEPS));
        assertEquals(AdamLesson.TRUE_PARAMETERS[0], w1.last(), 1e-4);
    }

    @Test
    void adamReachesALowerCost() {
        assertTrue(adam.cost() < gd.cost() / 3, "Adam " + adam.cost() + ", gradient descent " + gd.cost());
        BowlRun fastest = AdamLesson.bowlRun(new GradientDescent(0.02), STEPS);
        assertTrue(fastest.parameter("w1").directionChanges() > 50, "near its largest rate, GD makes w1 oscillate");
        assertTrue(adam.cost() < fastest.cost(), "and still ends above Adam: " + fastest.cost());
    }

    @Test
    void courseDigitSettingLearnsFasterWithAdam() {
        // the course trains 40 epochs; three show the difference and keep the suite fast
        DigitRun withAdam = AdamLesson.digits(MnistSource.embedded(), new Adam(LR), 3);
        DigitRun withGd = AdamLesson.digits(MnistSource.embedded(), new GradientDescent(LR), 3);
        assertTrue(withAdam.test().accuracy() >= 0.88, "Adam(1e-3), 3 epochs: " + withAdam.test().accuracy());
        assertTrue(withGd.test().accuracy() < withAdam.test().accuracy() - 0.2,
                "GradientDescent(1e-3), 3 epochs: " + withGd.test().accuracy());
        assertEquals(2000, withAdam.test().count());
    }

    @Test
    void runPrintsTheLesson() {
        String text = LessonOutput.capture(out -> AdamLesson.run(out, MnistSource.embedded(), 1));
        LessonOutput.assertContains(text, "11. Adam", "Adam(learning_rate=0.001), 400 full-batch steps",
                "GradientDescent(learning_rate=0.02)", "rate first step", "SparseCategoricalCrossentropy(from_logits = true)",
                "test digits");
    }
}

package dev.nntrain.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Standardizer;
import dev.nntrain.data.Synthetic;
import dev.nntrain.data.mnist.MnistSource;
import dev.nntrain.lessons.KerasRecipeLesson.CoffeeRoasting;
import dev.nntrain.lessons.KerasRecipeLesson.DigitRecipe;
import dev.nntrain.lessons.KerasRecipeLesson.GradientStep;
import dev.nntrain.lessons.KerasRecipeLesson.RegressionCost;
import dev.nntrain.lessons.KerasRecipeLesson.WorkedExample;
import dev.nntrain.model.weights.LayerWeights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Holds the lesson to the course's sections 1–2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KerasRecipeLessonTest {

    /** Float32 outputs against the same formula in double. */
    private static final double FLOAT = 1e-6;

    private CoffeeRoasting coffee;

    @BeforeAll
    void train() {
        coffee = KerasRecipeLesson.coffeeRoasting(KerasRecipeLesson.COFFEE_EPOCHS);
    }

    @Test
    void digitRecipeSeparatesZerosFromOnes() {
        // a few epochs instead of the course's 100: 0 vs 1 is easy, and the suite must stay fast
        DigitRecipe recipe = KerasRecipeLesson.zeroOrOne(MnistSource.embedded(), 3);
        assertEquals(801 + 902, recipe.trainExamples(), "the embedded training zeros and ones");
        assertEquals(200 + 225, recipe.testExamples(), "the embedded test zeros and ones");
        assertEquals(3, recipe.history().size());
        assertTrue(recipe.test().accuracy() >= 0.99, "held-out accuracy " + recipe.test().accuracy());
        assertTrue(recipe.summary().contains("Total params: 20,031"), "784-25-15-1: " + recipe.summary());
        // the course's Dense(25, sigmoid), Dense(15, sigmoid), Dense(1, sigmoid)
        for (String units : new String[] {"(None, 25)", "(None, 15)", "(None, 1)"}) {
            assertTrue(recipe.summary().contains(units), units + " in " + recipe.summary());
        }
        assertEquals(3, recipe.summary().split("activation: sigmoid", -1).length - 1, recipe.summary());
    }

    @Test
    void theLessonFitsForTheCoursesHundredEpochs() {
        // fit(X, Y, epochs = 100): what `nntrain lesson keras-recipe` and main() run
        assertEquals(100, KerasRecipeLesson.COURSE_DIGIT_EPOCHS);
    }

    @Test
    void coffeeModelLearnsTheRoasts() {
        assertEquals(KerasRecipeLesson.COFFEE_EPOCHS, coffee.history().size());
        assertTrue(coffee.training().accuracy() >= 0.95, "training accuracy " + coffee.training().accuracy());
        double[] loss = coffee.history().loss();
        assertTrue(loss[loss.length - 1] < loss[0] / 3, "the loss falls");
    }

    @Test
    void coffeeWeightsHaveTheLabsShapes() {
        LayerWeights first = coffee.weights().get(0);
        LayerWeights second = coffee.weights().get(1);
        assertEquals(2, first.inputs());
        assertEquals(3, first.units());
        assertEquals(3, second.inputs());
        assertEquals(1, second.units());
    }

    @Test
    void courseTestRoastsAreGoodThenTooLong() {
        // the lab: 200 C for 13.9 min is a good roast, for 17 min it is burnt
        assertArrayEquals(new int[] {1, 0}, coffee.testDecisions());
        assertTrue(coffee.testProbabilities()[0] > 0.5);
        assertTrue(coffee.testProbabilities()[1] < 0.01);
    }

    @Test
    void standardizerUsesTheRoastsStatistics() {
        float[] mean = coffee.standardizer().mean();
        assertTrue(mean[0] > 150 && mean[0] < 285, "temperature mean " + mean[0]);
        assertTrue(mean[1] > 11.5 && mean[1] < 15.5, "duration mean " + mean[1]);
    }

    @Test
    void modelOutputByHandMatchesPredict() {
        assertEquals(4, coffee.examples().size());
        for (WorkedExample e : coffee.examples()) {
            assertEquals(e.fByHand(), e.fByLibrary(), FLOAT, "f(x) for roast " + java.util.Arrays.toString(e.roast()));
            // the course's two-case form of the loss, which the one-line formula only rewrites for y in {0, 1}
            double twoCase = e.y() == 1 ? -Math.log(e.fByHand()) : -Math.log(1 - e.fByHand());
            assertEquals(twoCase, e.lossByHand(), 1e-12, "L for roast " + java.util.Arrays.toString(e.roast()));
        }
    }

    @Test
    void logisticLossOnHandPickedOutputs() {
        // f chosen so that the loss is a round number: -log(1/2) = ln 2, -log(1 - 3/4) = ln 4,
        // -log(e^-2) = 2, and -log(1 - (1 - e^-3)) = 3
        assertEquals(0.6931471805599453, HandMath.logisticLoss(1, 0.5), 1e-15);
        assertEquals(1.3862943611198906, HandMath.logisticLoss(0, 0.75), 1e-15);
        assertEquals(2.0, HandMath.logisticLoss(1, Math.exp(-2)), 1e-15);
        assertEquals(3.0, HandMath.logisticLoss(0, 1 - Math.exp(-3)), 1e-12);
    }

    @Test
    void costIsTheMeanLogisticLoss() {
        assertEquals(coffee.costByHand(), coffee.training().loss(), 1e-5);
    }

    @Test
    void regressionCostIsMeanSquaredError() {
        RegressionCost mse = KerasRecipeLesson.regressionCost();
        assertEquals(50, mse.examples());
        assertEquals(mse.costByHand(), mse.costByLibrary(), 1e-5 * mse.costByHand());
        assertTrue(mse.costByHand() > 0.1, "untrained weights leave a cost to minimise");
    }

    /**
     * The lesson's gradient and fit's step against a second, independent computation: central
     * differences of the cost J(w1, w2, b) on the same standardised roasts, with the logistic
     * loss written as {@code log(1 + e^-z)} for a good roast and {@code log(1 + e^z)} for a bad one.
     */
    @Test
    void fitTakesTheGradientDescentStep() {
        GradientStep step = KerasRecipeLesson.gradientStep();
        assertEquals(KerasRecipeLesson.ALPHA, step.alpha());
        assertEquals(0, step.before()[2], "the bias starts at zero");
        Examples roasts = Synthetic.coffee(KerasRecipeLesson.SEED);
        Examples x = Standardizer.fit(roasts).apply(roasts);
        double h = 1e-6;
        for (int k = 0; k < 3; k++) {
            double[] up = step.before().clone();
            double[] down = step.before().clone();
            up[k] += h;
            down[k] -= h;
            double slope = (logisticRegressionCost(x, up) - logisticRegressionCost(x, down)) / (2 * h);
            assertEquals(slope, step.gradient()[k], 1e-8, "dJ/dparameter " + k + " by hand vs central differences");
            assertTrue(Math.abs(slope) > 1e-3, "parameter " + k + " has a gradient to follow: " + slope);
            // fit's weights are float32: the step itself is about 0.1, its rounding about 1e-8
            assertEquals(step.before()[k] - KerasRecipeLesson.ALPHA * slope, step.after()[k], 1e-6,
                    "parameter " + k + " after one fit step");
        }
    }

    /** J = (1/m) sum L for {@code f = sigmoid(w1 x1 + w2 x2 + b)}, each L in softplus form. */
    private static double logisticRegressionCost(Examples x, double[] w) {
        double sum = 0;
        for (int i = 0; i < x.size(); i++) {
            float[] xi = x.featureRow(i);
            double z = w[0] * xi[0] + w[1] * xi[1] + w[2];
            sum += Math.log1p(Math.exp(x.targets()[i] == 1 ? -z : z));
        }
        return sum / x.size();
    }

    @Test
    void runPrintsBothSections() {
        String text = LessonOutput.capture(out -> KerasRecipeLesson.run(out, MnistSource.embedded(), 1));
        LessonOutput.assertContains(text, "1. Train a neural network", "fit(X, Y, epochs = 1)", "Total params: 20,031",
                "dense_1 kernel (inputs x units)", "roast [200.0, 13.9]", "decision 1", "decision 0",
                "2. Training details", "J by hand", "MeanSquaredError", "after one fit step");
    }
}

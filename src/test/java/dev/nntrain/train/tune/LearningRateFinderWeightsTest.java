package dev.nntrain.train.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.GradientDescent;

import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * The range test with class or sample weights: every step's loss and update are Keras' weighted
 * ones, {@code sum_i w_i L_i / m}, {@code w_i} the class's weight times the example's own. The oracle is softmax cross-entropy and its gradient written out
 * in plain Java, in double precision, for one linear layer of two logits trained by plain
 * gradient descent on all the rows at every step.
 */
class LearningRateFinderWeightsTest {

    private static final double[][] X = {{1, 0.5}, {-0.5, 2}, {0.25, -1}, {2, 1.5}, {-1.5, -0.5}, {0.75, 0.25}};
    private static final int[] Y = {0, 1, 0, 0, 1, 0};
    /** The kernel, symmetric so that its layout ((inputs, units) or the transpose) cannot matter, then the bias. */
    private static final double[] START = {0.3, -0.2, -0.2, 0.5, 0.1, -0.1};
    private static final double W0 = 0.5;
    private static final double W1 = 3.0;

    private static CompiledModel linear() {
        Sequential model = Sequential.builder().add(Dense.of(2)).optInputShape(2).optSeed(1).build();
        model.parameters().restore(START);
        return CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new GradientDescent(0.5));
    }

    private static LearningRateFinder.Builder threeSteps() {
        // rates 0.1, 0.2, 0.4; every step on all six rows; the raw losses, never stopped early
        return LearningRateFinder.builder().optStartRate(0.1).optEndRate(0.4).optSteps(3).optBatchSize(X.length)
                .optSmoothing(0).optDivergence(Double.POSITIVE_INFINITY);
    }

    /** Per-row weights, arbitrary, one of them 0. */
    private static final double[] ROWS = {2, 0.5, 0, 1.25, 3, 1};

    /** The losses of three steps of gradient descent on {@code sum_i w_{y_i} L_i / m}, by hand. */
    private static double[] byHand(double w0, double w1) {
        double[] weights = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            weights[i] = Y[i] == 0 ? w0 : w1;
        }
        return byHand(weights);
    }

    /** The losses of three steps of gradient descent on {@code sum_i w_i L_i / m}, by hand. */
    private static double[] byHand(double[] weights) {
        double[][] k = {{START[0], START[1]}, {START[2], START[3]}}; // k[input][unit]
        double[] b = {START[4], START[5]};
        double[] losses = new double[3];
        int m = X.length;
        for (int step = 0; step < 3; step++) {
            double loss = 0;
            double[][] dk = new double[2][2];
            double[] db = new double[2];
            for (int i = 0; i < m; i++) {
                double[] z = new double[2];
                for (int u = 0; u < 2; u++) {
                    z[u] = b[u] + X[i][0] * k[0][u] + X[i][1] * k[1][u];
                }
                double top = Math.max(z[0], z[1]);
                double sum = Math.exp(z[0] - top) + Math.exp(z[1] - top);
                double w = weights[i];
                loss += w * -(z[Y[i]] - top - Math.log(sum)) / m;
                for (int u = 0; u < 2; u++) {
                    double g = w * (Math.exp(z[u] - top) / sum - (u == Y[i] ? 1 : 0)) / m; // dLoss/dz_u
                    db[u] += g;
                    dk[0][u] += X[i][0] * g;
                    dk[1][u] += X[i][1] * g;
                }
            }
            losses[step] = loss;
            double rate = 0.1 * Math.pow(2, step);
            for (int u = 0; u < 2; u++) {
                b[u] -= rate * db[u];
                k[0][u] -= rate * dk[0][u];
                k[1][u] -= rate * dk[1][u];
            }
        }
        return losses;
    }

    @Test
    void everyStepsLossAndUpdateAreTheWeightedOnes() {
        double[] weighted = byHand(W0, W1);
        double[] plain = byHand(1, 1);
        // the oracle tells the two apart by far more than float32's rounding
        for (int i = 0; i < 3; i++) {
            assertTrue(Math.abs(weighted[i] - plain[i]) > 0.05, "step " + i + ": " + weighted[i] + " vs " + plain[i]);
        }
        try (CompiledModel net = linear()) {
            // the first step's loss from the model's own outputs: sum_i w_{y_i} L_i / m of its initial logits
            float[][] logits = net.predict(X);
            double first = 0;
            for (int i = 0; i < X.length; i++) {
                double top = Math.max(logits[i][0], logits[i][1]);
                double log = top + Math.log(Math.exp(logits[i][0] - top) + Math.exp(logits[i][1] - top));
                first += (Y[i] == 0 ? W0 : W1) * (log - logits[i][Y[i]]) / X.length;
            }
            LearningRateFinder finder = threeSteps().optClassWeights(Map.of(0, W0, 1, W1)).build();
            assertEquals(Map.of(0, W0, 1, W1), finder.classWeights());
            LearningRateFinder.Result r = finder.find(net, Examples.of(X, Y));
            assertEquals(first, r.losses()[0], 1e-6);
            assertArrayEquals(weighted, r.losses(), 1e-5 * weighted[0]); // float32 arithmetic
            assertArrayEquals(START, net.model().parameters().snapshot(), 1e-7, "the model left as it was");
            // and without weights the plain losses, as before
            assertArrayEquals(plain, threeSteps().build().find(net, Examples.of(X, Y)).losses(), 1e-5 * plain[0]);
        }
    }

    @Test
    void aClassLeftOutWeighsOne() {
        try (CompiledModel net = linear()) {
            double[] losses = threeSteps().optClassWeights(Map.of(1, W1)).build().find(net, Examples.of(X, Y)).losses();
            assertArrayEquals(byHand(1, W1), losses, 1e-5 * losses[0]);
        }
    }

    @Test
    void weightsAreCheckedAsFitChecksThem() {
        assertEquals("weights", assertThrows(NullPointerException.class,
                () -> LearningRateFinder.builder().optClassWeights(null)).getMessage());
        for (Map<Integer, Double> bad : java.util.List.<Map<Integer, Double>>of(Map.of(), Map.of(-1, 1.0), Map.of(0, -2.0),
                Map.of(0, Double.NaN), Map.of(1, Double.POSITIVE_INFINITY))) {
            String fit = assertThrows(InvalidInputException.class, () -> FitOptions.builder().optClassWeights(bad))
                    .getMessage();
            assertEquals(fit, assertThrows(InvalidInputException.class,
                    () -> LearningRateFinder.builder().optClassWeights(bad)).getMessage(), bad.toString());
        }
    }

    @Test
    void aStepWhoseBatchWeighsNothingIsNamedAndTheModelIsRestored() {
        // one row per step; class 1 weighs 0, so a step on a class-1 row has nothing to train: fit refuses it
        try (CompiledModel net = linear()) {
            LearningRateFinder finder = LearningRateFinder.builder().optStartRate(0.1).optEndRate(0.4).optSteps(12)
                    .optBatchSize(1).optClassWeights(Map.of(1, 0.0)).build();
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> finder.find(net, Examples.of(X, Y)));
            assertTrue(e.getMessage().startsWith("the range test's step ") && e.getMessage().contains("(a batch of 1 examples)")
                    && e.getMessage().contains("weight 0"), e.getMessage());
            assertArrayEquals(START, net.model().parameters().snapshot(), 1e-7, "the model left as it was");
        }
    }

    @Test
    void aClassTheModelLacksIsRefusedBeforeAnyStepTrains() {
        try (CompiledModel net = linear()) {
            LearningRateFinder finder = threeSteps().optClassWeights(Map.of(2, 1.0)).build();
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> finder.find(net, Examples.of(X, Y)));
            assertTrue(e.getMessage().contains("class 2 is not one of the model's 2 classes"), e.getMessage());
            assertArrayEquals(START, net.model().parameters().snapshot(), 1e-7);
        }
    }

    @Test
    void sampleWeightsWeighEachRowsLoss() {
        double[] weighted = byHand(ROWS);
        double[] plain = byHand(1, 1);
        for (int i = 0; i < 3; i++) {
            assertTrue(Math.abs(weighted[i] - plain[i]) > 0.05, "step " + i + ": " + weighted[i] + " vs " + plain[i]);
        }
        try (CompiledModel net = linear()) {
            LearningRateFinder.Result r = threeSteps().build().find(net, Examples.of(X, Y), ROWS.clone());
            assertArrayEquals(weighted, r.losses(), 1e-5 * weighted[0]);
            assertArrayEquals(START, net.model().parameters().snapshot(), 1e-7, "the model left as it was");
        }
    }

    @Test
    void classTimesSampleWeightsWeighTheProduct() {
        double[] product = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            product[i] = ROWS[i] * (Y[i] == 0 ? W0 : W1);
        }
        try (CompiledModel net = linear()) {
            double[] losses = threeSteps().optClassWeights(Map.of(0, W0, 1, W1)).build()
                    .find(net, Examples.of(X, Y), ROWS.clone()).losses();
            assertArrayEquals(byHand(product), losses, 1e-5 * losses[0]);
        }
    }

    /**
     * In shuffled batches smaller than the data, weights that follow the class row by row give
     * the losses the same class weights give (checked by hand above): a weight taken for the wrong
     * row would weigh another class.
     */
    @Test
    void sampleWeightsFollowTheirRowsIntoShuffledBatches() {
        double[] byClass = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            byClass[i] = Y[i] == 0 ? W0 : W1;
        }
        try (CompiledModel net = linear()) {
            double[] classes = nineShuffledSteps().optClassWeights(Map.of(0, W0, 1, W1)).build()
                    .find(net, Examples.of(X, Y)).losses();
            double[] rows = nineShuffledSteps().build().find(net, Examples.of(X, Y), byClass).losses();
            assertArrayEquals(classes, rows, 1e-6);
            double[] unweighted = nineShuffledSteps().build().find(net, Examples.of(X, Y)).losses();
            assertTrue(Math.abs(unweighted[0] - rows[0]) > 0.01, "the weights change the losses");
        }
    }

    private static LearningRateFinder.Builder nineShuffledSteps() {
        return LearningRateFinder.builder().optStartRate(0.1).optEndRate(0.4).optSteps(9).optBatchSize(2).optSeed(3)
                .optSmoothing(0).optDivergence(Double.POSITIVE_INFINITY);
    }

    @Test
    void sampleWeightsAreCheckedBeforeAnyStepTrains() {
        try (CompiledModel net = linear()) {
            LearningRateFinder finder = threeSteps().build();
            Examples data = Examples.of(X, Y);
            assertEquals("sample weights: 2 weights for 6 examples; expected one per example",
                    assertThrows(InvalidInputException.class, () -> finder.find(net, data, new double[] {1, 1})).getMessage());
            double[] negative = {1, 1, -0.5, 1, 1, 1};
            assertEquals(assertThrows(InvalidInputException.class, () -> FitOptions.builder().optSampleWeights(negative))
                    .getMessage(), assertThrows(InvalidInputException.class, () -> finder.find(net, data, negative))
                    .getMessage());
            assertEquals("the sample weights give every training example the weight 0; nothing would train",
                    assertThrows(InvalidInputException.class, () -> finder.find(net, data, new double[X.length]))
                            .getMessage());
            assertArrayEquals(START, net.model().parameters().snapshot(), 1e-7);
        }
    }

    @Test
    void aStepWhoseRowsAllWeighNothingIsNamed() {
        try (CompiledModel net = linear()) {
            LearningRateFinder finder = LearningRateFinder.builder().optStartRate(0.1).optEndRate(0.4).optSteps(12)
                    .optBatchSize(1).build();
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> finder.find(net, Examples.of(X, Y), ROWS.clone())); // row 2 weighs 0
            assertTrue(e.getMessage().startsWith("the range test's step ") && e.getMessage().contains("(a batch of 1 examples)")
                    && e.getMessage().contains("weight 0"), e.getMessage());
            assertArrayEquals(START, net.model().parameters().snapshot(), 1e-7, "the model left as it was");
        }
    }
}

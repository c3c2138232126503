package dev.nntrain.train.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Examples;
import dev.nntrain.data.mnist.MnistSource;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.optimizer.GradientDescent;
import dev.nntrain.train.optimizer.Optimizer;

import org.junit.jupiter.api.Test;

/**
 * The range test on the course's digit model: a suggestion in a principled band, and a model
 * left exactly as it was, whether it had been fitted before or not.
 */
class LearningRateFinderModelTest {

    private static CompiledModel courseModel(long seed) {
        Sequential model = Sequential.builder()
                .addAll(Dense.of(25, Activation.RELU), Dense.of(15, Activation.RELU), Dense.of(10))
                .optInputShape(784)
                .optSeed(seed)
                .build();
        return CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(1e-3));
    }

    private static FitOptions twoEpochs() {
        return FitOptions.builder().optEpochs(2).optBatchSize(32).optSeed(5).optVerbose(0).build();
    }

    @Test
    void suggestsARateInTheBandAdamTrainsThisModelWithAndLeavesTheModelUntouched() {
        Examples digits = MnistSource.embedded().train();
        try (CompiledModel net = courseModel(1); CompiledModel twin = courseModel(1)) {
            double[] before = net.model().parameters().snapshot();
            LearningRateFinder.Result r = LearningRateFinder.builder().build().find(net, digits);

            // Why [1e-4, 1e-1], not a tuned number: with Adam a step moves each weight by about the
            // rate, so below 1e-4 the 784-25-15-10 net barely moves in the test's 100 steps (no
            // steep fall there), and Keras' default 1e-3 trains it well; from around 0.1 a step
            // moves the Glorot weights (about 0.08 in the first layer) by their own size and the
            // loss blows up. The steepest fall must lie between: two decades either side of 1e-3.
            assertTrue(r.steepestRate() >= 1e-4 && r.steepestRate() <= 1e-1, r.toString());
            // (it need not diverge: at rates near 10 the ReLUs die and the loss sits near 2.5, below 4x its minimum)
            assertTrue(r.minimumRateOverTen() > 1e-5 && r.minimumRateOverTen() < 1e-1, r.toString());
            // the first steps, at 1e-7, change nothing: their loss is the untrained model's, about ln 10
            assertEquals(Math.log(10), r.losses()[0], 0.5);

            assertArrayEquals(before, net.model().parameters().snapshot(), 0.0, "weights bit for bit");
            assertNull(net.optimizerStateCopy(), "an unfitted model's optimiser starts afresh, as before the test");
            assertFalse(net.usesWrittenBackprop());
            // what follows is the fit the model would have had without the test
            double[] after = net.fit(digits.slice(0, 640), twoEpochs()).loss();
            double[] without = twin.fit(digits.slice(0, 640), twoEpochs()).loss();
            assertArrayEquals(without, after, 0.0);
            assertArrayEquals(twin.model().parameters().snapshot(), net.model().parameters().snapshot(), 0.0);
        }
    }

    @Test
    void aFittedModelKeepsItsWeightsAndItsOptimizerState() {
        Examples digits = MnistSource.embedded().train().slice(0, 640);
        try (CompiledModel net = courseModel(2); CompiledModel twin = courseModel(2)) {
            net.fit(digits, twoEpochs());
            twin.fit(digits, twoEpochs());
            double[] weights = net.model().parameters().snapshot();
            Optimizer.Updater.State state = net.optimizerStateCopy();

            LearningRateFinder.Result r = LearningRateFinder.builder().optSteps(30).optBatchSize(16).optSeed(9).build()
                    .find(net, digits);
            assertTrue(r.steps() > 1);

            assertArrayEquals(weights, net.model().parameters().snapshot(), 0.0);
            Optimizer.Updater.State restored = net.optimizerStateCopy();
            assertEquals(state.steps(), restored.steps());
            assertEquals(1e-3, restored.learningRate(), 0.0, "the compiled rate, not the test's last");
            for (int k = 0; k < state.arrays().size(); k++) {
                assertArrayEquals(state.arrays().get(k), restored.arrays().get(k), 0.0, "Adam's moment " + k);
            }
            assertArrayEquals(twin.fit(digits, twoEpochs()).loss(), net.fit(digits, twoEpochs()).loss(), 0.0);
        }
    }

    @Test
    void eachStepTrainsAtItsRateAndRecordsTheLossBeforeItsUpdate() {
        // y = 2x on x = 1, 2, 3, one linear unit from w = b = 0, plain gradient descent on the mean
        // squared error, every step on all three rows: the losses follow from the rates by hand
        double[][] x = {{1}, {2}, {3}};
        double[][] y = {{2}, {4}, {6}};
        LearningRateFinder finder = LearningRateFinder.builder().optStartRate(0.01).optEndRate(0.04).optSteps(3)
                .optBatchSize(3).optSmoothing(0).optDivergence(Double.POSITIVE_INFINITY).build();
        double[] expected = new double[3];
        double w = 0;
        double b = 0;
        for (int i = 0; i < 3; i++) {
            double loss = 0;
            double dw = 0;
            double db = 0;
            for (int k = 0; k < 3; k++) {
                double r = w * x[k][0] + b - y[k][0];
                loss += r * r / 3;
                dw += 2 * r * x[k][0] / 3;
                db += 2 * r / 3;
            }
            expected[i] = loss;
            double rate = 0.01 * Math.pow(2, i); // 0.01, 0.02, 0.04: geometric from 0.01 to 0.04
            w -= rate * dw;
            b -= rate * db;
        }
        Sequential model = Sequential.builder().add(Dense.of(1)).optInputShape(1).optSeed(1).build();
        model.parameters().restore(new double[] {0, 0}); // the kernel, then the bias
        try (CompiledModel net = CompiledModel.compile(model, new MeanSquaredError(), new GradientDescent(0.5))) {
            LearningRateFinder.Result r = finder.find(net, Examples.of(x, y));
            assertArrayEquals(new double[] {0.01, 0.02, 0.04}, r.rates(), 1e-15);
            assertArrayEquals(expected, r.losses(), 1e-5 * expected[0]); // float32 arithmetic
            assertArrayEquals(new double[] {0, 0}, net.model().parameters().snapshot(), 0.0);
        }
    }
}

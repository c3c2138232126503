package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Synthetic;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.callback.Callback;
import dev.nntrain.train.callback.EarlyStopping;
import dev.nntrain.train.callback.TrainingContext;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

/** Regressions of the training core: the bugs that two copies of the parameters caused. */
class TrainingCoreRegressionTest {

    /** Random labels: the validation loss can only get worse once the model memorises them. */
    private static Examples noise(int n, long seed) {
        return EarlyStoppingNanThroughoutTest.noise(n, seed);
    }

    @Test
    void restoreBestWeightsRestoresThemOnADenseModel() {
        Examples train = noise(60, 1);
        Examples validation = noise(200, 2);
        Sequential model = Sequential.builder()
                .addAll(Dense.of(64, Activation.RELU), Dense.of(3)).optSeed(3).build();
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(0.02))) {
            EarlyStopping stop = new EarlyStopping("val_loss", 3, 0, true);
            History history = net.fit(train, FitOptions.builder()
                    .optEpochs(60).optSeed(4).optValidationData(validation).addCallback(stop).build());
            assertTrue(net.usesWrittenBackprop(), "a Dense model takes the written-out path");
            int best = stop.bestEpoch();
            assertTrue(best < history.last().epoch(), "the case needs a best epoch before the last: " + best);
            double bestValLoss = history.valLoss()[best - 1];
            assertTrue(history.last().valLoss() > bestValLoss + 1e-3, "the last epoch is worse");
            // the oracle: the validation loss the fit measured on the best epoch's weights
            assertEquals(bestValLoss, net.evaluate(validation).loss(), 1e-5);
        }
    }

    @Test
    void theModelsSeedDecidesItsWeightsAndTheFitSeedItsShuffling() {
        Examples data = Synthetic.blobs(200, 5);
        double[] expected;
        try (Sequential reference = Sequential.builder()
                .addAll(Dense.of(8, Activation.RELU), Dense.of(4)).optSeed(7).optInputShape(2).build()) {
            expected = reference.parameters().snapshot();
        }
        double[][] initial = new double[2][];
        double[][] trained = new double[2][];
        for (int run = 0; run < 2; run++) {
            int r = run;
            Sequential model = Sequential.builder().addAll(Dense.of(8, Activation.RELU), Dense.of(4)).optSeed(7).build();
            try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(0.01))) {
                Callback capture = new Callback() {
                    @Override
                    public void onTrainBegin(TrainingContext context) {
                        initial[r] = context.model().model().parameters().snapshot();
                    }
                };
                net.fit(data, FitOptions.builder().optEpochs(2).optSeed(100 + run).addCallback(capture).build());
                trained[run] = model.parameters().snapshot();
            }
        }
        assertArrayEquals(expected, initial[0], 0, "model seed 7 gives the weights of a model built with seed 7");
        assertArrayEquals(expected, initial[1], 0, "whatever the fit's seed");
        assertFalse(Arrays.equals(trained[0], trained[1]), "the fit seeds shuffle differently");
    }

    @Test
    void theDjlParametersAreTheStorage() {
        try (Sequential model = Sequential.builder()
                .addAll(Dense.of(2)).optInputShape(2).optSeed(1).optDataType(DataType.FLOAT64).build()) {
            // W = [[1, 2], [3, 4]] (DJL's (units, inputs) layout), b = [5, 6], written through the flat array
            model.parameters().restore(new double[] {1, 2, 3, 4, 5, 6});
            NDArray djlWeight = model.block().getChildren().get(0).getValue().getParameters().get("weight").getArray();
            assertArrayEquals(new double[] {1, 2, 3, 4}, djlWeight.toDoubleArray(), 0);
            NDArray out = model.forward(model.manager().create(new double[][] {{1, 1}}));
            assertArrayEquals(new double[] {1 + 2 + 5, 3 + 4 + 6}, out.toDoubleArray(), 0);
        }
    }
}

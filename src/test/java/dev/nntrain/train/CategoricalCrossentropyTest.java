package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Synthetic;
import dev.nntrain.engine.EngineScalars;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.loss.CategoricalCrossentropy;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;

/** Categorical cross-entropy against hand-computed values and its sparse twin. */
class CategoricalCrossentropyTest {

    @Test
    void valueIsMinusTheLogOfTheTrueClassProbability() {
        try (NDManager m = NDManager.newBaseManager()) {
            Loss ce = new CategoricalCrossentropy(true);
            NDArray z = m.create(new double[][] {{1, 2, 3}, {0, 0, 0}});
            NDArray t = ce.targets(m, new float[] {0, 0, 1, 1, 0, 0}, 2, 3, 3, DataType.FLOAT64);
            double first = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
            double second = Math.log(3);
            assertEquals((first + second) / 2, ce.compute(z, t).getDouble(), 1e-12);
            Loss probs = new CategoricalCrossentropy(false);
            NDArray a = m.create(new double[][] {{0.2, 0.3, 0.5}, {0.9, 0.05, 0.05}});
            assertEquals(-(Math.log(0.5) + Math.log(0.9)) / 2, probs.compute(a, t).getDouble(), 1e-12);
        }
    }

    @Test
    void oneHotTargetsTrainExactlyAsClassIndicesDo() {
        Examples labels = Synthetic.blobs(300, 4);
        float[][] oneHot = new float[labels.size()][4];
        for (int i = 0; i < labels.size(); i++) {
            oneHot[i][labels.labels()[i]] = 1;
        }
        Examples rows = Examples.of(labels.featureRows(), oneHot);
        double[] sparse = train(new SparseCategoricalCrossentropy(true), labels, true);
        double[] dense = train(new CategoricalCrossentropy(true), rows, true);
        double[] autograd = train(new CategoricalCrossentropy(true), rows, false);
        assertArrayEquals(sparse, dense, 1e-6);
        assertArrayEquals(dense, autograd, 1e-5, "written-out gradient against autograd");
        assertTrue(dense[dense.length - 1] < dense[0], "the loss falls");
    }

    private static double[] train(Loss loss, Examples data, boolean written) {
        Sequential model = Sequential.builder().addAll(Dense.of(8, Activation.RELU), Dense.of(4)).optSeed(5).build();
        try (CompiledModel net = CompiledModel.compile(model, loss, new Adam(0.01))) {
            net.setWrittenBackpropAllowed(written);
            double[] curve = net.fit(data, FitOptions.builder().optEpochs(5).optSeed(6).build()).loss();
            assertEquals(written, net.usesWrittenBackprop());
            return curve;
        }
    }

    @Test
    void refusesClassIndicesAndRowsThatAreNotDistributions() {
        Loss ce = new CategoricalCrossentropy(true);
        assertThrows(dev.nntrain.InvalidInputException.class, () -> ce.validateTargets(new float[] {2, 1}, 1, 3));
        Exception e = assertThrows(dev.nntrain.InvalidInputException.class,
                () -> ce.validateTargets(new float[] {0.5f, 0, 0}, 3, 3));
        assertTrue(e.getMessage().contains("sum to 0.5"), e.getMessage());
    }

    @Test
    void theTableKnowsItByItsNames() {
        assertTrue(Loss.parse("categorical_crossentropy", true) instanceof CategoricalCrossentropy);
        assertEquals(Activation.SOFTMAX, Loss.parse("ce-probs").expectedOutputActivation());
        assertEquals(Activation.SOFTMAX, Loss.parse("ce").predictionActivation());
    }

    /**
     * Soft targets whose rows sum to slightly more or less than 1, as rounding leaves them (the
     * loss accepts sums within 1e-3): the written-out gradient {@code softmax(z) sum(t) - t} is
     * the loss's exact gradient for any row sum, checked in float64 against DJL's autograd and
     * central finite differences. {@code softmax(z) - t} would be off by {@code softmax(z) (sum(t) - 1)}.
     */
    @Test
    void theWrittenGradientIsExactWhenRowsDoNotSumToExactlyOne() {
        Engines.prepareThread();
        CategoricalCrossentropy loss = new CategoricalCrossentropy(true);
        try (Sequential model = Sequential.builder().add(Dense.of(4, Activation.TANH)).add(Dense.of(3))
                        .optInputShape(2).optSeed(5).optDataType(DataType.FLOAT64).build();
                NDManager scope = model.manager().newSubManager();
                EngineScalars scalars = new EngineScalars(scope, DataType.FLOAT64)) {
            NDArray x = scope.create(new double[] {0.3, -1.2, 2.0, 0.5, -0.7, 0.1}, new Shape(3, 2));
            float[] soft = {0.7f, 0.2f, 0.1009f, 0.0f, 0.9991f, 0.0f, 0.3333f, 0.3333f, 0.3333f};
            loss.validateTargets(soft, 3, 3); // accepted: each row within 1e-3 of 1
            NDArray t = loss.targets(scope, soft, 3, 3, 3, DataType.FLOAT64);
            double[] written = new WrittenBackprop(model, loss, scalars)
                    .gradient(x, t, null, 3, scope.zeros(new Shape(), DataType.FLOAT64), null).toDoubleArray();
            double[] autograd = ModelGradients.autograd(model, loss, x, t);
            double[] numeric = ModelGradients.finiteDifferences(model, loss, x, t, 1e-6);
            for (int i = 0; i < written.length; i++) {
                assertEquals(autograd[i], written[i], 1e-12, "parameter " + i + " vs autograd");
                assertEquals(numeric[i], written[i], 1e-8, "parameter " + i + " vs finite differences");
            }
        }
    }
}

package dev.nntrain.backprop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MlpTest {

    private final Random random = new Random(11);

    // ---------------------------------------------------------------- layout and forward pass

    @Test
    void aDenseLayerComputesXTimesWTransposedPlusBInDjlLayout() {
        Mlp mlp = Mlp.of(2, new DenseLayer(3, ActivationFunction.LINEAR));
        // W is (units 3, inputs 2): row j holds unit j's weights.
        double[] weight = {1, 2, 3, 4, 5, 6};
        double[] bias = {0.5, -0.5, 1};
        double[] x = {10, 100, -1, 1}; // two examples
        double[] out = mlp.predict(List.of(new LayerParameters(weight, bias)), x);
        assertArrayEquals(new double[] {
                    10 * 1 + 100 * 2 + 0.5, 10 * 3 + 100 * 4 - 0.5, 10 * 5 + 100 * 6 + 1,
                    -1 + 2 + 0.5, -3 + 4 - 0.5, -5 + 6 + 1},
                out, 1e-12);
    }

    @Test
    void layersChainAndApplyTheirActivations() {
        Mlp mlp = Mlp.of(1, new DenseLayer(2, ActivationFunction.RELU), new DenseLayer(1, ActivationFunction.SIGMOID));
        List<LayerParameters> params = List.of(
                new LayerParameters(new double[] {1, -1}, new double[] {0, 0}),
                new LayerParameters(new double[] {2, 3}, new double[] {-1}));
        // x = 2: hidden = relu(2, -2) = (2, 0); output = sigmoid(2·2 + 3·0 - 1) = sigmoid(3).
        assertEquals(1 / (1 + Math.exp(-3)), mlp.predict(params, new double[] {2})[0], 1e-15);
    }

    @Test
    void gradientsComeBackInTheParametersLayout() {
        // One linear layer, one example, MSE: dJ/dW[j][i] = 2 (a_j - y_j) / units · x_i.
        Mlp mlp = Mlp.of(2, new DenseLayer(3, ActivationFunction.LINEAR));
        double[] weight = {1, 2, 3, 4, 5, 6};
        double[] bias = {0, 0, 0};
        double[] x = {1, -2};
        double[] y = {0, 0, 0};
        Mlp.LossAndGradients result =
                mlp.lossAndGradients(List.of(new LayerParameters(weight, bias)), x, LossKind.MEAN_SQUARED_ERROR, y);
        double[] a = {1 - 4, 3 - 8, 5 - 12};
        assertArrayEquals(a, result.output(), 1e-12);
        assertEquals((9 + 25 + 49) / 3.0, result.loss(), 1e-12);
        double[] expectedWeightGrad = new double[6];
        double[] expectedBiasGrad = new double[3];
        for (int j = 0; j < 3; j++) {
            expectedBiasGrad[j] = 2 * a[j] / 3;
            for (int i = 0; i < 2; i++) {
                expectedWeightGrad[j * 2 + i] = 2 * a[j] / 3 * x[i];
            }
        }
        assertArrayEquals(expectedWeightGrad, result.gradients().get(0).weight(), 1e-12);
        assertArrayEquals(expectedBiasGrad, result.gradients().get(0).bias(), 1e-12);
        assertEquals(expectedWeightGrad[1 * 2 + 0], result.gradients().get(0).weightAt(1, 0, 2), 1e-12);
    }

    // ---------------------------------------------------------------- gradients against nudging

    @Test
    void regressionNetworkWithMeanSquaredError() {
        checkAgainstFiniteDifferences(Mlp.of(2, new DenseLayer(1, ActivationFunction.LINEAR)), 1, LossKind.MEAN_SQUARED_ERROR);
        checkAgainstFiniteDifferences(
                Mlp.of(3, new DenseLayer(4, ActivationFunction.RELU), new DenseLayer(2, ActivationFunction.LINEAR)),
                5, LossKind.MEAN_SQUARED_ERROR);
    }

    @Test
    void coffeeStyleNetworkWithBinaryCrossEntropy() {
        // The course's first network, shrunk: sigmoid layers and BinaryCrossentropy().
        checkAgainstFiniteDifferences(
                Mlp.of(2, new DenseLayer(3, ActivationFunction.SIGMOID), new DenseLayer(1, ActivationFunction.SIGMOID)),
                4, LossKind.BINARY_CROSS_ENTROPY);
    }

    @Test
    void logisticOutputFromLogits() {
        checkAgainstFiniteDifferences(
                Mlp.of(3, new DenseLayer(4, ActivationFunction.RELU), new DenseLayer(1, ActivationFunction.LINEAR)),
                6, LossKind.BINARY_CROSS_ENTROPY_FROM_LOGITS);
    }

    @Test
    void multiLabelOutputFromLogits() {
        checkAgainstFiniteDifferences(
                Mlp.of(4, new DenseLayer(3, ActivationFunction.TANH), new DenseLayer(3, ActivationFunction.LINEAR)),
                3, LossKind.BINARY_CROSS_ENTROPY_FROM_LOGITS);
    }

    @Test
    void softmaxOutputWithSparseCategoricalCrossEntropy() {
        checkAgainstFiniteDifferences(
                Mlp.of(3, new DenseLayer(5, ActivationFunction.leakyRelu(0.1)), new DenseLayer(4, ActivationFunction.SOFTMAX)),
                4, LossKind.SPARSE_CATEGORICAL_CROSS_ENTROPY);
    }

    @Test
    void digitStyleNetworkFromLogits() {
        // The course's digit model, shrunk: relu, relu, linear and softmax cross-entropy.
        checkAgainstFiniteDifferences(
                Mlp.of(6, new DenseLayer(5, ActivationFunction.RELU), new DenseLayer(4, ActivationFunction.RELU),
                        new DenseLayer(3, ActivationFunction.LINEAR)),
                7, LossKind.SOFTMAX_CROSS_ENTROPY_FROM_LOGITS);
        checkAgainstFiniteDifferences(
                Mlp.of(2, new DenseLayer(1, ActivationFunction.RELU), new DenseLayer(2, ActivationFunction.LINEAR)),
                1, LossKind.SOFTMAX_CROSS_ENTROPY_FROM_LOGITS);
    }

    private void checkAgainstFiniteDifferences(Mlp mlp, int batchSize, LossKind loss) {
        List<LayerParameters> params = mlp.randomParameters(random);
        double[] x = new double[batchSize * mlp.inputs()];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * random.nextDouble() - 1;
        }
        double[] targets = targets(loss, batchSize, mlp.outputs());

        Mlp.LossAndGradients result = mlp.lossAndGradients(params, x, loss, targets);
        double[] analytic = mlp.flatten(result.gradients());
        double[] numeric = FiniteDifferences.gradient(
                p -> mlp.loss(mlp.unflatten(p), x, loss, targets), mlp.flatten(params));

        String name = mlp + " with " + loss + ", batch " + batchSize;
        assertEquals(mlp.loss(params, x, loss, targets), result.loss(), 1e-15, name);
        assertTrue(FiniteDifferences.relativeError(analytic, numeric) < 1e-7, name);
        for (int i = 0; i < analytic.length; i++) {
            assertEquals(numeric[i], analytic[i], 1e-7, name + ", parameter " + i);
        }
    }

    private double[] targets(LossKind loss, int batchSize, int outputs) {
        if (loss.takesClassIndices()) {
            double[] labels = new double[batchSize];
            for (int i = 0; i < batchSize; i++) {
                labels[i] = random.nextInt(outputs);
            }
            return labels;
        }
        double[] targets = new double[batchSize * outputs];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = loss == LossKind.MEAN_SQUARED_ERROR ? 2 * random.nextDouble() - 1 : random.nextInt(2);
        }
        return targets;
    }

    // ---------------------------------------------------------------- parameters as a vector

    @Test
    void flattenPutsEachLayersWeightThenBias() {
        Mlp mlp = Mlp.of(2, new DenseLayer(2, ActivationFunction.RELU), new DenseLayer(1, ActivationFunction.LINEAR));
        List<LayerParameters> params = List.of(
                new LayerParameters(new double[] {1, 2, 3, 4}, new double[] {5, 6}),
                new LayerParameters(new double[] {7, 8}, new double[] {9}));
        double[] flat = mlp.flatten(params);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, flat);
        List<LayerParameters> back = mlp.unflatten(flat);
        assertArrayEquals(params.get(0).weight(), back.get(0).weight());
        assertArrayEquals(params.get(0).bias(), back.get(0).bias());
        assertArrayEquals(params.get(1).weight(), back.get(1).weight());
        assertArrayEquals(params.get(1).bias(), back.get(1).bias());
    }

    @Test
    void parameterCountOfTheCourseDigitNetwork() {
        Mlp digits = Mlp.of(784, new DenseLayer(25, ActivationFunction.RELU), new DenseLayer(15, ActivationFunction.RELU),
                new DenseLayer(10, ActivationFunction.LINEAR));
        assertEquals(784 * 25 + 25 + 25 * 15 + 15 + 15 * 10 + 10, digits.parameterCount());
        assertEquals(20_175, digits.parameterCount());
        assertEquals(10, digits.outputs());
        assertEquals(25, digits.layerInputs(1));
        assertEquals("Mlp(784 -> 25 relu -> 15 relu -> 10 linear)", digits.toString());
    }

    @Test
    void floatParametersFromDjlAreWidened() {
        LayerParameters p = LayerParameters.ofFloats(new float[] {0.5f, -1.25f}, new float[] {2f});
        assertArrayEquals(new double[] {0.5, -1.25}, p.weight());
        assertArrayEquals(new double[] {2}, p.bias());
    }

    @Test
    void forwardExposesTheParameterLeaves() {
        Mlp mlp = Mlp.of(3, new DenseLayer(2, ActivationFunction.TANH));
        Mlp.Pass pass = mlp.forward(mlp.randomParameters(random), new double[] {1, 2, 3});
        assertEquals("2 x 3", pass.weights().get(0).shape(), "weight (units, inputs)");
        assertEquals("1 x 2", pass.biases().get(0).shape());
        assertEquals("1 x 2", pass.output().shape());
    }

    // ---------------------------------------------------------------- misuse

    @Test
    void mistakesAreReported() {
        Mlp mlp = Mlp.of(2, new DenseLayer(3, ActivationFunction.RELU));
        LayerParameters good = new LayerParameters(new double[6], new double[3]);
        LayerParameters wrongSize = new LayerParameters(new double[5], new double[3]);
        assertThrows(IllegalArgumentException.class, () -> mlp.predict(List.of(good), new double[3]));
        assertThrows(IllegalArgumentException.class, () -> mlp.predict(List.of(wrongSize), new double[2]));
        assertThrows(IllegalArgumentException.class,
                () -> mlp.predict(List.of(new LayerParameters(new double[6], new double[2])), new double[2]));
        assertThrows(IllegalArgumentException.class, () -> mlp.predict(List.of(good, good), new double[2]));
        assertThrows(IllegalArgumentException.class, () -> mlp.unflatten(new double[8]));
        assertThrows(IllegalArgumentException.class, () -> new DenseLayer(0, ActivationFunction.RELU));
        assertThrows(IllegalArgumentException.class, () -> new Mlp(2, List.of()));
    }
}

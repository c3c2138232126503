package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Examples;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Regularizer;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.WeightedLayer;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.optimizer.GradientDescent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keras' {@code kernel_regularizer=L2(l2)} in training: one step of gradient descent, the loss a
 * fit reports and the loss evaluate reports, each against the same quantities written out by hand
 * in plain Java below; on both training paths, for a dense and a convolutional model.
 */
class L2RegularizationTest {

    private static final double L2 = 0.1;
    private static final double LR = 0.05;

    // a linear Dense(2) on 3 inputs, one batch of 4
    private static final float[][] X = {{1, 2, -1}, {0.5f, -1, 2}, {-2, 0, 1}, {1, 1, 1}};
    private static final float[][] Y = {{1, 0}, {-1, 2}, {0.5f, 0.5f}, {2, -1}};
    private static final float[][] KERNEL = {{0.5f, -0.25f}, {0.1f, 0.3f}, {-0.4f, 0.2f}};
    private static final float[] BIAS = {0.2f, -0.1f};

    @TempDir
    Path tmp;

    private static CompiledModel linear(double l2, boolean written) {
        Sequential model = Sequential.builder()
                .add(Dense.builder().setUnits(2).optKernelRegularizer(l2).build())
                .optInputShape(3).optSeed(1).build();
        model.weights().set(0, new LayerWeights("dense_1", KERNEL, BIAS));
        CompiledModel net = CompiledModel.compile(model, new MeanSquaredError(), new GradientDescent(LR));
        net.setWrittenBackpropAllowed(written);
        return net;
    }

    private static FitOptions oneBatch(int epochs) {
        return FitOptions.builder().optEpochs(epochs).optBatchSize(X.length).optSeed(3).optVerbose(0).build();
    }

    /** The mean squared error of x W + b, by hand. */
    private static double mse(float[][] kernel, float[] bias) {
        double sum = 0;
        for (int i = 0; i < X.length; i++) {
            for (int k = 0; k < 2; k++) {
                double d = output(kernel, bias, i, k) - Y[i][k];
                sum += d * d;
            }
        }
        return sum / (X.length * 2);
    }

    private static double output(float[][] kernel, float[] bias, int i, int k) {
        double z = bias[k];
        for (int j = 0; j < 3; j++) {
            z += (double) X[i][j] * kernel[j][k];
        }
        return z;
    }

    private static double squares(float[][] kernel) {
        double sum = 0;
        for (float[] row : kernel) {
            for (float v : row) {
                sum += (double) v * v;
            }
        }
        return sum;
    }

    @ParameterizedTest(name = "written-out path: {0}")
    @ValueSource(booleans = {true, false})
    void oneStepOfGradientDescentPullsTheKernelNotTheBias(boolean written) {
        // by hand: dJ/dW_jk = 2/(m k) sum_i x_ij (out_ik - y_ik), dJ/db_k = 2/(m k) sum_i (out_ik - y_ik)
        int m = X.length;
        double[][] expectedKernel = new double[3][2];
        double[] expectedBias = new double[2];
        for (int k = 0; k < 2; k++) {
            double db = 0;
            for (int i = 0; i < m; i++) {
                db += 2.0 / (m * 2) * (output(KERNEL, BIAS, i, k) - Y[i][k]);
            }
            expectedBias[k] = BIAS[k] - LR * db;
            for (int j = 0; j < 3; j++) {
                double dw = 0;
                for (int i = 0; i < m; i++) {
                    dw += 2.0 / (m * 2) * X[i][j] * (output(KERNEL, BIAS, i, k) - Y[i][k]);
                }
                expectedKernel[j][k] = KERNEL[j][k] - LR * (dw + 2 * L2 * KERNEL[j][k]);
            }
        }
        double expectedLoss = mse(KERNEL, BIAS) + L2 * squares(KERNEL); // before the update

        try (CompiledModel net = linear(L2, written)) {
            History h = net.fit(X, Y, oneBatch(1));
            assertEquals(written, net.usesWrittenBackprop());
            LayerWeights after = net.model().weights().get(0);
            for (int j = 0; j < 3; j++) {
                assertArrayEquals(expectedKernel[j], toDouble(after.kernel()[j]), 1e-6, "kernel row " + j);
            }
            assertArrayEquals(expectedBias, toDouble(after.bias()), 1e-6, "bias");
            assertEquals(expectedLoss, h.loss()[0], 1e-5 * expectedLoss, "the epoch's loss includes the penalty");

            // evaluate: the data loss plus the penalty at the weights after training
            double atNewWeights = mse(after.kernel(), after.bias()) + L2 * squares(after.kernel());
            assertEquals(atNewWeights, net.evaluate(Examples.of(X, Y)).loss(), 1e-5 * atNewWeights);
            assertTrue(L2 * squares(after.kernel()) > 1e-3 * atNewWeights, "the penalty is not negligible here");
        }
    }

    @Test
    void validationLossIncludesThePenalty() {
        try (CompiledModel net = linear(L2, true)) {
            History h = net.fit(Examples.of(X, Y), FitOptions.builder().optEpochs(1).optBatchSize(X.length).optSeed(3)
                    .optVerbose(0).optValidationData(Examples.of(X, Y)).build());
            LayerWeights after = net.model().weights().get(0);
            double expected = mse(after.kernel(), after.bias()) + L2 * squares(after.kernel());
            assertEquals(expected, h.valLoss()[0], 1e-5 * expected);
        }
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static Sequential convModel(double l2) {
        Sequential model = Sequential.builder()
                .addAll(Conv2D.builder().setFilters(2).setKernelSize(3, 3).optActivation(Activation.TANH)
                                .optKernelRegularizer(l2).build(),
                        Flatten.of(), Dense.of(3))
                .optInputShape(1, 5, 5).optSeed(11).build();
        // a bias far from zero, so that a penalty on it would move it
        LayerWeights w = model.weights().get(0);
        model.weights().set(0, LayerWeights.ofFlat(w.layer(), w.kernelShape(), w.kernelValues(), new float[] {0.7f, -0.9f}));
        return model;
    }

    private static Examples images() {
        java.util.Random r = new java.util.Random(4);
        float[][] x = new float[6][25];
        int[] labels = new int[6];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 25; j++) {
                x[i][j] = (float) r.nextGaussian();
            }
            labels[i] = i % 3;
        }
        return Examples.of(x, labels).withFeatureShape(new long[] {1, 5, 5});
    }

    private static CompiledModel convNet(double l2, boolean written) {
        CompiledModel net = CompiledModel.compile(convModel(l2), new SparseCategoricalCrossentropy(true), new GradientDescent(LR));
        net.setWrittenBackpropAllowed(written);
        return net;
    }

    @ParameterizedTest(name = "written-out path: {0}")
    @ValueSource(booleans = {true, false})
    void convolutionKernelIsPulledItsBiasIsNot(boolean written) {
        double l2 = 0.5;
        FitOptions one = FitOptions.builder().optEpochs(1).optBatchSize(6).optSeed(3).optVerbose(0).build();
        try (CompiledModel plain = convNet(0, written); CompiledModel reg = convNet(l2, written)) {
            float[] k0 = reg.model().weights().get(0).kernelValues();
            plain.fit(images(), one);
            reg.fit(images(), one);
            assertEquals(written, reg.usesWrittenBackprop());
            // one step from the same weights on the same batch: the data gradients agree, so the
            // regularized kernel is the plain one less lr * 2 * l2 * W0, and everything else equal
            float[] plainKernel = plain.model().weights().get(0).kernelValues();
            float[] regKernel = reg.model().weights().get(0).kernelValues();
            for (int i = 0; i < k0.length; i++) {
                assertEquals(plainKernel[i] - LR * 2 * l2 * k0[i], regKernel[i], 1e-6, "kernel value " + i);
            }
            assertArrayEquals(plain.model().weights().get(0).bias(), reg.model().weights().get(0).bias(), 1e-7f,
                    "the bias is not penalised");
            assertArrayEquals(plain.model().weights().get(2).kernelValues(), reg.model().weights().get(2).kernelValues(),
                    1e-7f, "the unregularized Dense layer is not penalised");
        }
    }

    @Test
    void convolutionFitAgreesOnBothPaths() {
        FitOptions three = FitOptions.builder().optEpochs(3).optBatchSize(4).optSeed(3).optVerbose(0).build();
        try (CompiledModel written = convNet(0.05, true); CompiledModel autograd = convNet(0.05, false)) {
            History a = written.fit(images(), three);
            History b = autograd.fit(images(), three);
            assertTrue(written.usesWrittenBackprop());
            assertFalse(autograd.usesWrittenBackprop());
            assertArrayEquals(b.loss(), a.loss(), 1e-5);
            assertArrayEquals(autograd.model().parameters().snapshot(), written.model().parameters().snapshot(), 1e-5);
        }
    }

    @Test
    void zeroIsExactlyNoRegularizer() {
        FitOptions two = FitOptions.builder().optEpochs(2).optBatchSize(2).optSeed(3).optVerbose(0).build();
        Sequential none = Sequential.builder().addAll(Dense.of(4, Activation.RELU), Dense.of(2)).optInputShape(3).optSeed(8).build();
        Sequential zero = Sequential.builder()
                .addAll(Dense.builder().setUnits(4).optActivation(Activation.RELU).optKernelRegularizer(0.0).build(),
                        Dense.builder().setUnits(2).optKernelRegularizer(Regularizer.l2(0)).build())
                .optInputShape(3).optSeed(8).build();
        try (CompiledModel a = CompiledModel.compile(none, new MeanSquaredError(), new Adam(0.01));
                CompiledModel b = CompiledModel.compile(zero, new MeanSquaredError(), new Adam(0.01))) {
            assertNull(((WeightedLayer) zero.layers().get(0)).kernelRegularizer());
            History ha = a.fit(X, Y, two);
            History hb = b.fit(X, Y, two);
            assertArrayEquals(ha.loss(), hb.loss(), 0.0);
            assertArrayEquals(none.parameters().snapshot(), zero.parameters().snapshot(), 0.0, "bit-identical");
        }
    }

    @Test
    void savedModelKeepsTheRegularizer() throws IOException {
        FitOptions one = FitOptions.builder().optEpochs(1).optBatchSize(2).optSeed(5).optVerbose(0).build();
        Path dir = tmp.resolve("model");
        try (CompiledModel net = linear(L2, true)) {
            net.fit(X, Y, one);
            net.model().save(dir);
            String json = Files.readString(dir.resolve("model.json"));
            assertTrue(json.replaceAll("\\s", "").contains("\"kernel_regularizer\":{\"module\":\"keras.regularizers\","
                    + "\"class_name\":\"L2\",\"config\":{\"l2\":0.1},\"registered_name\":null}"), json);
            try (Sequential loaded = Sequential.load(dir);
                    CompiledModel again = CompiledModel.compile(loaded, new MeanSquaredError(), new GradientDescent(LR))) {
                assertEquals(Regularizer.l2(L2), ((WeightedLayer) loaded.layers().get(0)).kernelRegularizer());
                assertTrue(loaded.summary().contains("kernel_regularizer: L2(0.1)"), loaded.summary());
                net.fit(X, Y, one);
                again.fit(X, Y, one);
                assertArrayEquals(net.model().parameters().snapshot(), loaded.parameters().snapshot(), 0.0);
            }
        }
        // and one epoch more without the regularizer ends elsewhere: the regularizer mattered
        try (CompiledModel plain = linear(0, true); Sequential loaded = Sequential.load(dir);
                CompiledModel again = CompiledModel.compile(loaded, new MeanSquaredError(), new GradientDescent(LR))) {
            plain.model().weights().setAll(loaded.weights().all());
            plain.fit(X, Y, one);
            again.fit(X, Y, one);
            assertFalse(java.util.Arrays.equals(plain.model().parameters().snapshot(), loaded.parameters().snapshot()));
        }
    }

    @Test
    void aCheckpointResumesOnlyWithTheSameRegularizer() {
        Path dir = tmp.resolve("ckpt");
        FitOptions.Builder two = FitOptions.builder().optEpochs(2).optBatchSize(2).optSeed(5).optVerbose(0);
        double[] uninterrupted;
        try (CompiledModel net = linear(L2, true)) {
            net.fit(X, Y, two.build());
            uninterrupted = net.model().parameters().snapshot();
        }
        try (CompiledModel net = linear(L2, true)) {
            net.fit(X, Y, FitOptions.builder().optEpochs(1).optBatchSize(2).optSeed(5).optVerbose(0)
                    .addCallback(new dev.nntrain.train.callback.TrainingCheckpoint(dir, 1)).build());
        }
        try (CompiledModel other = linear(0.2, true)) {
            dev.nntrain.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.nntrain.InvalidInputException.class, () -> other.fit(X, Y, two.optResumeFrom(dir).build()));
            assertTrue(e.getMessage().contains("kernel_regularizer=L2(0.1)") && e.getMessage().contains("L2(0.2)"),
                    e.getMessage());
        }
        try (CompiledModel net = linear(L2, true)) {
            net.fit(X, Y, two.optResumeFrom(dir).build());
            assertArrayEquals(uninterrupted, net.model().parameters().snapshot(), 0.0, "bit-identical");
        }
    }

    @Test
    void modelWithoutRegularizerIsSavedAsBefore() throws IOException {
        Path dir = tmp.resolve("plain");
        try (Sequential model = Sequential.builder().addAll(Dense.of(4, Activation.RELU), Dense.of(2)).optInputShape(3).build()) {
            model.save(dir);
        }
        assertFalse(Files.readString(dir.resolve("model.json")).contains("regularizer"));
        try (Sequential loaded = Sequential.load(dir)) {
            for (var layer : loaded.layers()) {
                assertNull(((WeightedLayer) layer).kernelRegularizer());
            }
        }
    }

    @Test
    void checkpointWrittenBeforeRegularizersLoadsWithNone() throws IOException {
        Path dir = CheckpointFormat3Test.fixture(tmp);
        assertFalse(Files.readString(dir.resolve("model.json")).contains("regularizer"));
        try (Sequential loaded = Sequential.load(dir)) {
            for (var layer : loaded.layers()) {
                assertNull(((WeightedLayer) layer).kernelRegularizer());
            }
        }
    }
}

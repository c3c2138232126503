package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.nntrain.data.Examples;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Conv1D;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;
import dev.nntrain.train.callback.EarlyStopping;
import dev.nntrain.train.callback.ModelCheckpoint;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.metric.Evaluation;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * Convolutional models train on their written-out backward pass (through DJL's autograd where a
 * layer has none): their gradients agree with finite differences, the two paths give the same
 * loss curve, and {@code fit}, early stopping and checkpoints work.
 */
class ConvTrainingTest {

    private static final double EPSILON = 1e-6;

    private static Sequential conv1d() {
        return Sequential.builder()
                .add(Conv1D.of(3, 4, 2, Activation.TANH))
                .add(Conv1D.of(2, 2, 1, Activation.SIGMOID))
                .add(Flatten.of())
                .add(Dense.of(1))
                .optInputShape(2, 12)
                .optSeed(4)
                .optDataType(DataType.FLOAT64)
                .build();
    }

    private static Sequential conv2d() {
        return Sequential.builder()
                .add(Conv2D.builder().setFilters(2).setKernelSize(2, 3).optStrides(1, 2)
                        .optActivation(Activation.TANH).build())
                .add(MaxPool2D.of(2))
                .add(Flatten.of())
                .add(Dense.of(3))
                .optInputShape(1, 7, 9)
                .optSeed(6)
                .optDataType(DataType.FLOAT64)
                .build();
    }

    private static NDArray randomBatch(Sequential model, int m, long seed) {
        long[] example = model.inputShape();
        long[] shape = new long[example.length + 1];
        shape[0] = m;
        System.arraycopy(example, 0, shape, 1, example.length);
        Random random = new Random(seed);
        double[] values = new double[Math.toIntExact(new Shape(shape).size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        return model.manager().create(values, new Shape(shape));
    }

    private static void assertGradientsAgree(Sequential model, Loss loss, NDArray x, NDArray y) {
        double[] exact = ModelGradients.autograd(model, loss, x, y);
        double[] numeric = ModelGradients.finiteDifferences(model, loss, x, y, EPSILON);
        assertEquals(model.parameters().size(), exact.length);
        double worst = 0;
        for (int i = 0; i < exact.length; i++) {
            double error = Math.abs(exact[i] - numeric[i]) / Math.max(1e-3, Math.abs(exact[i]) + Math.abs(numeric[i]));
            worst = Math.max(worst, error);
        }
        // central differences at 1e-6 in float64 agree to about 3e-8 here; a wrong gradient is off by O(1)
        assertTrue(worst < 1e-6, "worst relative error " + worst);
    }

    @Test
    void conv1dGradientMatchesFiniteDifferences() {
        try (Sequential model = conv1d(); NDManager scope = model.manager().newSubManager()) {
            NDArray x = randomBatch(model, 5, 1);
            x.attach(scope);
            NDArray y = scope.create(new double[] {1, 0, 0, 1, 1}, new Shape(5, 1));
            assertGradientsAgree(model, new BinaryCrossentropy(true), x, y);
        }
    }

    @Test
    void conv2dAndPoolingGradientMatchesFiniteDifferences() {
        try (Sequential model = conv2d(); NDManager scope = model.manager().newSubManager()) {
            NDArray x = randomBatch(model, 4, 2);
            x.attach(scope);
            Loss loss = new SparseCategoricalCrossentropy(true);
            NDArray y = loss.targets(scope, new float[] {2, 0, 1, 2}, 4, 1, 3, DataType.FLOAT64); // one-hot rows
            assertGradientsAgree(model, loss, x, y);
        }
    }

    /** Traces of 12 steps on 2 channels; the label says whether channel 0 rises above channel 1 somewhere. */
    private static Examples traces(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][24];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 24; j++) {
                x[i][j] = (float) (0.3 * random.nextGaussian());
            }
            labels[i] = random.nextBoolean() ? 1 : 0;
            if (labels[i] == 1) {
                int at = random.nextInt(10);
                x[i][at] += 2;
                x[i][at + 1] += 2;
            }
        }
        return Examples.of(x, labels).withFeatureShape(2, 12);
    }

    @Test
    void fitTrainsAConvolutionalModel(@TempDir Path dir) throws IOException {
        Examples train = traces(256, 1);
        Examples validation = traces(128, 2);
        Sequential model = Sequential.builder()
                .add(Conv1D.of(4, 3, 1, Activation.RELU))
                .add(Flatten.of())
                .add(Dense.of(1))
                .optSeed(3)
                .build();
        try (CompiledModel net = CompiledModel.compile(model, new BinaryCrossentropy(true), new Adam(0.01))) {
            EarlyStopping stopping = new EarlyStopping("val_loss", 3, 0, true);
            ModelCheckpoint checkpoint = new ModelCheckpoint(dir.resolve("best"), "val_loss", true);
            History history = net.fit(train, FitOptions.builder().optEpochs(15).optBatchSize(32).optSeed(3)
                    .optValidationData(validation).addCallback(stopping).addCallback(checkpoint).build());
            assertTrue(net.usesWrittenBackprop(), "convolutions train on their written-out rules by default");
            assertTrue(model.isBuilt());
            assertArrayEquals(new long[] {2, 12}, model.inputShape(), "built from the examples' shape");
            double[] loss = history.loss();
            assertTrue(loss[loss.length - 1] < 0.5 * loss[0], "the loss falls: " + java.util.Arrays.toString(loss));
            Evaluation evaluation = net.evaluate(validation);
            assertTrue(evaluation.accuracy() >= 0.9, "held-out accuracy " + evaluation.accuracy());
            // both callbacks watch val_loss: the checkpoint holds the epoch early stopping put back
            assertTrue(checkpoint.savedEpoch() > 0);
            assertEquals(stopping.bestEpoch(), checkpoint.savedEpoch());
            try (CompiledModel saved = CompiledModel.load(dir.resolve("best"))) {
                float[][] rows = validation.featureRows();
                float[][] now = net.predict(rows);
                float[][] back = saved.predict(rows);
                for (int i = 0; i < rows.length; i++) {
                    assertArrayEquals(now[i], back[i], 1e-7f);
                }
            }
        }
    }

    @Test
    void writtenOutAndAutogradPathsGiveTheSameLossCurve() {
        Examples train = traces(192, 4).withFeatureShape(2, 12);
        double[][] curves = new double[2][];
        double[][] weights = new double[2][];
        for (int path = 0; path < 2; path++) {
            Sequential model = Sequential.builder()
                    .add(Conv1D.of(4, 3, 1, Activation.RELU))
                    .add(Conv1D.of(3, 2, 2, Activation.TANH))
                    .add(Flatten.of())
                    .add(Dense.of(1))
                    .optSeed(8)
                    .build();
            try (CompiledModel net = CompiledModel.compile(model, new BinaryCrossentropy(true), new Adam(0.01))) {
                net.setWrittenBackpropAllowed(path == 0);
                curves[path] = net.fit(train, FitOptions.builder().optEpochs(6).optBatchSize(16).optSeed(9).build()).loss();
                assertEquals(path == 0, net.usesWrittenBackprop());
                weights[path] = model.parameters().snapshot();
            }
        }
        assertArrayEquals(curves[1], curves[0], 1e-5, "float32 loss per epoch, written-out against autograd");
        assertArrayEquals(weights[1], weights[0], 1e-4, "the weights after six epochs");
        assertTrue(curves[0][5] < curves[0][0], "the loss falls: " + java.util.Arrays.toString(curves[0]));
    }
}

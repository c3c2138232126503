package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;

import dev.nntrain.engine.EngineScalars;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.WrittenBackward;
import dev.nntrain.model.layer.Conv1D;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;
import dev.nntrain.model.layer.Padding;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The written-out backward passes of the convolution and pooling layers, in float64, against two
 * oracles: DJL's autograd through the same blocks, and central finite differences of the loss.
 * Shapes, strides, activations and batch sizes vary; the last windows of some cases do not reach
 * the input's end, and some pools leave rows and columns out, so every branch of the rules runs.
 */
class ConvWrittenBackwardTest {

    private static final double EPSILON = 1e-6;

    static Stream<Arguments> cases() {
        return Stream.of(
                // two 1-D convolutions, the second strided: the EKG network's shape
                Arguments.of("conv1d k20 s10 -> k5 s2", new long[] {1, 100}, 3, new Layer[] {
                    Conv1D.of(4, 20, 10, Activation.RELU), Conv1D.of(3, 5, 2, Activation.TANH), Flatten.of(), Dense.of(1)},
                        new BinaryCrossentropy(true)),
                // the last window stops short of the end: (13 - 4) % 3 = 0, (12 - 4) % 3 = 2
                Arguments.of("conv1d k4 s3, 2 channels", new long[] {2, 12}, 5, new Layer[] {
                    Conv1D.of(3, 4, 3, Activation.SIGMOID), Conv1D.of(2, 2, 1, Activation.LINEAR), Flatten.of(), Dense.of(2)},
                        new MeanSquaredError()),
                // the lesson's CNN in small: conv, tiling pool, dense
                Arguments.of("conv2d 3x3, pool 2", new long[] {1, 8, 8}, 4, new Layer[] {
                    Conv2D.of(3, 3, Activation.RELU), MaxPool2D.of(2), Flatten.of(), Dense.of(3)},
                        new SparseCategoricalCrossentropy(true)),
                // 'same' padding: symmetric (3 x 3, stride 1), then one zero after (2 x 2, stride 2 over 7)
                Arguments.of("conv2d same, then same strided", new long[] {1, 7, 7}, 3, new Layer[] {
                    Conv2D.builder().setFilters(2).setKernelSize(3, 3).optPadding(Padding.SAME).optActivation(Activation.RELU).build(),
                    Conv2D.builder().setFilters(2).setKernelSize(2, 2).optStrides(2, 2).optPadding(Padding.SAME)
                            .optActivation(Activation.TANH).build(),
                    MaxPool2D.of(2), Flatten.of(), Dense.of(3)},
                        new SparseCategoricalCrossentropy(true)),
                // 1-D 'same': window 4 (one zero before, two after), then window 3 by 2
                Arguments.of("conv1d same k4, same k3 s2", new long[] {2, 9}, 2, new Layer[] {
                    Conv1D.builder().setFilters(3).setKernelSize(4).optPadding(Padding.SAME).optActivation(Activation.SIGMOID).build(),
                    Conv1D.builder().setFilters(2).setKernelSize(3).optStrides(2).optPadding(Padding.SAME).build(),
                    Flatten.of(), Dense.of(2)},
                        new MeanSquaredError()),
                // a 3 x 3 pool over 8 x 8 leaves two rows and columns out
                Arguments.of("conv2d 3x3, pool 3", new long[] {2, 10, 10}, 3, new Layer[] {
                    Conv2D.of(2, 3, Activation.RELU), MaxPool2D.of(3), Flatten.of(), Dense.of(2)},
                        new SparseCategoricalCrossentropy(true)),
                // strided 2-D convolutions, a pool that leaves a row and a column out
                Arguments.of("conv2d strided, pool with leftovers", new long[] {2, 11, 9}, 2, new Layer[] {
                    Conv2D.builder().setFilters(3).setKernelSize(3, 2).optStrides(2, 1).optActivation(Activation.LEAKY_RELU).build(),
                    Conv2D.builder().setFilters(2).setKernelSize(2, 2).optStrides(1, 2).optActivation(Activation.TANH).build(),
                    MaxPool2D.of(2), Flatten.of(), Dense.of(3)},
                        new SparseCategoricalCrossentropy(true)));
    }

    @ParameterizedTest(name = "{0}, batch {2}")
    @MethodSource("cases")
    void writtenGradientsMatchAutogradAndFiniteDifferences(
            String name, long[] inputShape, int batch, Layer[] layers, Loss loss) {
        Engines.prepareThread();
        try (Sequential model = Sequential.builder().addAll(layers).optInputShape(inputShape).optSeed(11)
                        .optDataType(DataType.FLOAT64).build();
                NDManager scope = model.manager().newSubManager();
                EngineScalars scalars = new EngineScalars(scope, DataType.FLOAT64)) {
            assertTrue(WrittenBackprop.supports(model, loss), name + " has written-out rules");
            Random random = new Random(5);
            NDArray x = scope.create(gaussian(random, batch * (int) new Shape(inputShape).size()),
                    new Shape(dev.nntrain.model.Shapes.batched(batch, inputShape)));
            long outputs = model.outputShape()[0];
            float[] raw = new float[(int) (batch * (loss instanceof SparseCategoricalCrossentropy ? 1 : outputs))];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = loss instanceof SparseCategoricalCrossentropy ? random.nextInt((int) outputs)
                        : loss instanceof BinaryCrossentropy ? random.nextInt(2) : (float) random.nextGaussian();
            }
            int width = loss instanceof SparseCategoricalCrossentropy ? 1 : (int) outputs;
            NDArray t = loss.targets(scope, raw, batch, width, outputs, DataType.FLOAT64);

            NDArray lossSum = scope.zeros(new Shape(), DataType.FLOAT64);
            double[] written = new WrittenBackprop(model, loss, scalars)
                    .gradient(x, t, null, batch, lossSum, null).toDoubleArray();
            double[] autograd = ModelGradients.autograd(model, loss, x, t);
            double[] numeric = ModelGradients.finiteDifferences(model, loss, x, t, EPSILON);
            assertEquals(autograd.length, written.length);
            for (int i = 0; i < written.length; i++) {
                assertEquals(autograd[i], written[i], 1e-10 * Math.max(1, Math.abs(autograd[i])), name + " parameter " + i + " vs autograd");
                double scale = Math.max(1e-3, Math.abs(written[i]) + Math.abs(numeric[i]));
                assertTrue(Math.abs(written[i] - numeric[i]) / scale < 1e-5,
                        name + " parameter " + i + ": written " + written[i] + ", finite differences " + numeric[i]);
            }
            assertNotNull(lossSum);
        }
    }

    /**
     * Patches that hold their maximum more than once, as a blank corner of a digit does after a
     * convolution with a positive bias and a ReLU: the whole gradient goes to the first copy in
     * reading order, once. Two oracles: the gradient worked out by hand, and autograd through
     * DJL's pooling operation (PyTorch's pooling kernel).
     */
    @Test
    void tiedMaximaGiveTheGradientOnceToTheFirstCopy() {
        Engines.prepareThread();
        double[] image = {
            0.5, 0.5, /**/ 0.0, 1.0,
            0.5, 0.5, /**/ 1.0, 0.2,
            /* ------------------- */
            0.3, 0.9, /**/ 0.0, 0.0,
            0.1, 0.2, /**/ 0.0, 0.0};
        double[] pooled = {0.5, 1.0, 0.9, 0.0};
        double[] outputGradient = {1, 2, 3, 4};
        double[] byHand = {
            1, 0, /**/ 0, 2,
            0, 0, /**/ 0, 0,
            0, 3, /**/ 4, 0,
            0, 0, /**/ 0, 0};
        try (NDManager scope = NDManager.newBaseManager();
                EngineScalars scalars = new EngineScalars(scope, DataType.FLOAT64)) {
            Shape imageShape = new Shape(1, 1, 4, 4);
            Shape pooledShape = new Shape(1, 1, 2, 2);
            NDArray x = scope.create(image, imageShape);
            NDArray dPooled = scope.create(outputGradient, pooledShape);
            WrittenBackward rule = MaxPool2D.of(2).writtenBackward().orElseThrow();
            double[] written = rule.backward(new WrittenBackward.Step(x, scope.create(pooled, pooledShape), dPooled,
                    List.of(), true, scalars)).input().toDoubleArray();
            assertArrayEquals(byHand, written, 0, "by hand");

            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
                assertArrayEquals(pooled, y.toDoubleArray(), 0, "the pooled values");
                collector.backward(y.mul(dPooled).sum());
            }
            assertArrayEquals(x.getGradient().toDoubleArray(), written, 0, "PyTorch's pooling kernel");
        }
    }

    private static double[] gaussian(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }
}

package dev.nntrain.model;

import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;
import dev.nntrain.model.weights.LayerWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;

import org.junit.jupiter.api.Test;


class SequentialTest {

    private static Sequential courseModel(long seed) {
        return Sequential.builder()
                .addAll(Dense.of(25, Activation.RELU), Dense.of(15, Activation.RELU), Dense.of(10))
                .optInputShape(784)
                .optSeed(seed)
                .build();
    }

    @Test
    void summaryListsLayersShapesAndParameterCounts() {
        try (Sequential model = courseModel(1)) {
            String summary = model.summary();
            assertTrue(summary.contains("dense_1 (Dense)             (None, 25)                19625"), summary);
            assertTrue(summary.contains("dense_2 (Dense)             (None, 15)                390"), summary);
            assertTrue(summary.contains("dense_3 (Dense)             (None, 10)                160"), summary);
            assertTrue(summary.contains("Total params: 20,175"), summary);
            assertEquals(20175, model.parameterCount());
        }
    }

    @Test
    void estimatesForwardFlopsAndChoosesThreads() {
        try (Sequential course = courseModel(1);
                Sequential wide = Sequential.builder()
                        .addAll(Dense.of(256, Activation.RELU), Dense.of(128, Activation.RELU), Dense.of(10))
                        .optInputShape(784).build();
                Sequential cnn = Sequential.builder().optInputShape(1, 28, 28)
                        .addAll(Conv2D.of(8, 3, Activation.RELU), MaxPool2D.of(2), Flatten.of(), Dense.of(10))
                        .build()) {
            assertEquals(2 * 20175, course.forwardFlopsPerExample());
            // the convolution's 80 parameters work at each of its 26 x 26 output positions
            assertEquals(2L * 80 * 26 * 26 + 2L * 13530, cnn.forwardFlopsPerExample());
            assertEquals(2L * (784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10), wide.forwardFlopsPerExample());
        }
    }

    @Test
    void buildsADjlSequentialBlockOfLinearAndActivationBlocks() {
        try (Sequential model = courseModel(1)) {
            // Linear, relu, Linear, relu, Linear: the linear output layer needs no block
            assertEquals(5, model.block().getChildren().size());
            assertEquals(6, model.parameters().arrays().size());
            assertArrayEquals(new long[] {25, 784}, model.parameters().arrays().get(0).getShape().getShape());
        }
    }

    @Test
    void initialWeightsAreGlorotUniformWithZeroBiasAndSeeded() {
        try (Sequential a = courseModel(7); Sequential b = courseModel(7); Sequential c = courseModel(8)) {
            LayerWeights w = a.weights().get(0);
            double limit = Math.sqrt(6.0 / (784 + 25));
            double sumSquares = 0;
            int n = 0;
            for (float[] row : w.kernel()) {
                for (float v : row) {
                    assertTrue(Math.abs(v) <= limit, "inside the Glorot bound");
                    sumSquares += v * v;
                    n++;
                }
            }
            // a uniform on [-limit, limit] has variance limit^2 / 3
            assertEquals(limit * limit / 3, sumSquares / n, limit * limit / 3 * 0.05);
            for (float v : w.bias()) {
                assertEquals(0f, v);
            }
            assertArrayEquals(a.weights().get(1).kernel()[3], b.weights().get(1).kernel()[3]);
            assertFalse(java.util.Arrays.equals(a.weights().get(1).kernel()[3], c.weights().get(1).kernel()[3]));
        }
    }

    @Test
    void weightsRoundTripInKerasLayout() {
        try (Sequential model = Sequential.builder().add(Dense.of(3, Activation.SIGMOID)).optInputShape(2).build()) {
            float[][] kernel = {{1, 2, 3}, {4, 5, 6}};
            model.weights().set(0, new LayerWeights("dense_1", kernel, new float[] {0.5f, -0.5f, 0}));
            LayerWeights back = model.weights().get(0);
            assertArrayEquals(kernel[1], back.kernel()[1]);
            assertEquals(2, back.inputs());
            assertEquals(3, back.units());
            // a = sigmoid(x W + b) for x = (1, 1): z = (5.5, 6.5, 9)
            float[][] out = BatchedInference.outputs(model, new float[][] {{1, 1}});
            assertEquals(1 / (1 + Math.exp(-5.5)), out[0][0], 1e-6);
            assertEquals(1 / (1 + Math.exp(-9)), out[0][2], 1e-6);
            assertThrows(IllegalArgumentException.class,
                    () -> model.weights().set(0, new LayerWeights("x", new float[][] {{1}}, new float[] {1})));
        }
    }

    @Test
    void layerByLayerForwardMatchesTheWholeBlock() {
        try (Sequential model = Sequential.builder()
                .addAll(Dense.of(4, Activation.TANH), Dense.of(3, Activation.LEAKY_RELU), Dense.of(2, Activation.SOFTMAX))
                .optInputShape(5).optSeed(3).optDataType(DataType.FLOAT64).build()) {
            var x = model.manager().randomNormal(new ai.djl.ndarray.types.Shape(6, 5), DataType.FLOAT64);
            var viaBlock = model.forward(x);
            var h = x;
            for (int i = 0; i < model.layers().size(); i++) {
                h = model.forwardLayer(i, h, false);
            }
            assertArrayEquals(viaBlock.toDoubleArray(), h.toDoubleArray(), 1e-12);
        }
    }

    @Test
    void rejectsBadArchitecturesAndInputs() {
        assertThrows(IllegalArgumentException.class, () -> Dense.of(0));
        assertThrows(IllegalArgumentException.class, () -> Sequential.of());
        IllegalArgumentException softmax = assertThrows(IllegalArgumentException.class,
                () -> Sequential.of(Dense.of(4, Activation.SOFTMAX), Dense.of(2)));
        assertTrue(softmax.getMessage().contains("only allowed on the output layer"));
        try (Sequential model = courseModel(1)) {
            IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                    () -> BatchedInference.outputs(model, new float[][] {{1, 2, 3}}));
            assertEquals("row 0 has 3 feature values but the model expects 784 (input shape (784,))", width.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
        assertEquals(Activation.LEAKY_RELU, Activation.parse("leaky-relu"));
    }
}

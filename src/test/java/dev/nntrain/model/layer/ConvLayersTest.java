package dev.nntrain.model.layer;

import dev.nntrain.model.Activation;
import dev.nntrain.model.BatchedInference;
import dev.nntrain.model.ModelFormatException;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.Shapes;
import dev.nntrain.model.file.LoadOptions;
import dev.nntrain.model.layer.Conv1D;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;
import dev.nntrain.model.layer.Padding;
import dev.nntrain.model.weights.LayerWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Conv1D, Conv2D and MaxPool2D: shapes, parameters, the training path's forward, files. */
class ConvLayersTest {

    /** The course's EKG network: 100 inputs, windows of 20 by 10, then of 5 by 2. */
    private static Sequential ekg(DataType type) {
        return Sequential.builder()
                .add(Conv1D.of(9, 20, 10, Activation.RELU))
                .add(Conv1D.of(3, 5, 2, Activation.TANH))
                .add(Flatten.of())
                .add(Dense.of(1))
                .optInputShape(1, 100)
                .optSeed(5)
                .optDataType(type)
                .build();
    }

    private static Sequential smallCnn(DataType type) {
        return Sequential.builder()
                .add(Conv2D.builder().setFilters(4).setKernelSize(3, 2).optStrides(2, 1)
                        .optActivation(Activation.LEAKY_RELU).build())
                .add(MaxPool2D.builder().setPoolSize(2, 2).optStrides(1, 2).build())
                .add(Conv2D.of(3, 2, Activation.SIGMOID))
                .add(Flatten.of())
                .add(Dense.of(5, Activation.SOFTMAX))
                .optInputShape(2, 13, 10)
                .optSeed(9)
                .optDataType(type)
                .build();
    }

    @Test
    void conv1dShapesAndParameterCounts() {
        Conv1D layer = Conv1D.of(9, 20, 10, Activation.RELU);
        assertArrayEquals(new long[] {9, 9}, layer.outputShape(new long[] {1, 100}));
        assertEquals(9 * 20 + 9, layer.parameterCount(new long[] {1, 100}));
        assertArrayEquals(new long[] {4, 1}, Conv1D.of(4, 3).outputShape(new long[] {2, 3}));
        // 2 channels, 11 steps, kernel 3, stride 4: windows at 0, 4, 8
        assertArrayEquals(new long[] {5, 3}, Conv1D.of(5, 3, 4, Activation.LINEAR).outputShape(new long[] {2, 11}));
        assertEquals(5 * 2 * 3 + 5, Conv1D.of(5, 3, 4, Activation.LINEAR).parameterCount(new long[] {2, 11}));
        assertArrayEquals(new long[] {80, 100}, layer.window(8));
        assertEquals(2, layer.parameterShapes(new long[] {1, 100}).size());
    }

    @Test
    void conv2dAndPoolingShapesAndParameterCounts() {
        Conv2D conv = Conv2D.of(8, 3, Activation.RELU);
        assertArrayEquals(new long[] {8, 26, 26}, conv.outputShape(new long[] {1, 28, 28}));
        assertEquals(8 * 9 + 8, conv.parameterCount(new long[] {1, 28, 28}));
        Conv2D strided = Conv2D.builder().setFilters(2).setKernelSize(3, 2).optStrides(2, 3).build();
        assertArrayEquals(new long[] {2, 5, 3}, strided.outputShape(new long[] {3, 11, 9}));
        assertEquals(2 * 3 * 3 * 2 + 2, strided.parameterCount(new long[] {3, 11, 9}));
        MaxPool2D pool = MaxPool2D.of(2);
        assertArrayEquals(new long[] {8, 13, 13}, pool.outputShape(new long[] {8, 26, 26}));
        assertArrayEquals(new long[] {8, 12, 12}, pool.outputShape(new long[] {8, 25, 25}), "floor, as in valid pooling");
        assertEquals(0, pool.parameterCount(new long[] {8, 26, 26}));
        assertArrayEquals(new int[] {2, 2}, pool.strides(), "strides default to the pool size");
        assertEquals(0, pool.parameterShapes(new long[] {1, 28, 28}).size());
    }

    @Test
    void summaryShowsConvolutionsLikeKeras() {
        try (Sequential model = ekg(DataType.FLOAT32); Sequential cnn = smallCnn(DataType.FLOAT32)) {
            String summary = model.summary();
            assertTrue(summary.contains("conv1d_1 (Conv1D)           (None, 9, 9)              189"), summary);
            assertTrue(summary.contains("conv1d_2 (Conv1D)           (None, 3, 3)              138"), summary);
            assertTrue(summary.contains("flatten_1 (Flatten)         (None, 9)                 0"), summary);
            assertTrue(summary.contains("dense_1 (Dense)             (None, 1)                 10"), summary);
            assertTrue(summary.contains("Total params: 337"), summary);
            assertEquals(337, model.parameterCount());
            String s = cnn.summary();
            // the label column widens for the long pooling name instead of running into the shapes
            assertTrue(s.contains(" max_pooling2d_1 (MaxPooling2D)  (None, 4, 5, 4)"), s);
            assertTrue(s.contains(" conv2d_1 (Conv2D)               (None, 4, 6, 9)"), s);
            assertEquals(List.of("conv2d_1", "max_pooling2d_1", "conv2d_2", "flatten_1", "dense_1"), cnn.layerNames());
        }
    }

    @Test
    void parametersComeWeightThenBiasInLayerOrder() {
        try (Sequential model = ekg(DataType.FLOAT32); Sequential cnn = smallCnn(DataType.FLOAT32)) {
            List<long[]> shapes = model.parameters().arrays().stream().map(a -> a.getShape().getShape()).toList();
            assertEquals(6, shapes.size());
            assertArrayEquals(new long[] {9, 1, 20}, shapes.get(0));
            assertArrayEquals(new long[] {9}, shapes.get(1));
            assertArrayEquals(new long[] {3, 9, 5}, shapes.get(2));
            assertArrayEquals(new long[] {3}, shapes.get(3));
            assertArrayEquals(new long[] {1, 9}, shapes.get(4));
            assertArrayEquals(new long[] {1}, shapes.get(5));
            assertEquals(6, model.parameters().parameters().size());
            assertEquals(6, model.parameters().arrays().size());
            List<long[]> cnnShapes = cnn.parameters().arrays().stream().map(a -> a.getShape().getShape()).toList();
            assertArrayEquals(new long[] {4, 2, 3, 2}, cnnShapes.get(0));
            assertArrayEquals(new long[] {3, 4, 2, 2}, cnnShapes.get(2));
            assertArrayEquals(new long[] {5, 3 * 3 * 4}, cnnShapes.get(4));
        }
    }

    @Test
    void kernelsStartGlorotUniformOverTheReceptiveFieldWithZeroBias() {
        try (Sequential model = ekg(DataType.FLOAT64); Sequential again = ekg(DataType.FLOAT64)) {
            double[] kernel = model.parameters().arrays().get(0).toDoubleArray();
            // fan-in 1 channel x 20 steps, fan-out 9 filters x 20 steps
            double limit = Math.sqrt(6.0 / (1 * 20 + 9 * 20));
            double sumSquares = 0;
            double largest = 0;
            for (double v : kernel) {
                sumSquares += v * v;
                largest = Math.max(largest, Math.abs(v));
            }
            assertTrue(largest <= limit, "inside the Glorot bound");
            assertTrue(largest > 0.9 * limit, "uses the whole range: " + largest + " of " + limit);
            assertEquals(limit * limit / 3, sumSquares / kernel.length, limit * limit / 3 * 0.2);
            for (double b : model.parameters().arrays().get(1).toDoubleArray()) {
                assertEquals(0.0, b);
            }
            assertArrayEquals(kernel, again.parameters().arrays().get(0).toDoubleArray(), "the seed fixes the weights");
        }
    }

    @Test
    void layerByLayerForwardMatchesTheWholeBlock() {
        for (Sequential model : List.of(ekg(DataType.FLOAT64), smallCnn(DataType.FLOAT64))) {
            try (model) {
                long[] example = model.inputShape();
                long[] batch = new long[example.length + 1];
                batch[0] = 7;
                System.arraycopy(example, 0, batch, 1, example.length);
                NDArray x = model.manager().randomNormal(new Shape(batch), DataType.FLOAT64);
                NDArray viaBlock = model.forward(x);
                NDArray h = x;
                for (int i = 0; i < model.layers().size(); i++) {
                    h = model.forwardLayer(i, h, false);
                }
                assertArrayEquals(viaBlock.getShape().getShape(), h.getShape().getShape());
                assertArrayEquals(viaBlock.toDoubleArray(), h.toDoubleArray(), 1e-12);
            }
        }
    }

    @Test
    void convolutionComputesWindowedSums() {
        // one filter of ones over windows of 3 stepping by 2, bias 0: sums of x[0..2], x[2..4], x[4..6]
        try (Sequential model = Sequential.builder().add(Conv1D.of(1, 3, 2, Activation.LINEAR))
                .optInputShape(1, 7).optDataType(DataType.FLOAT64).build()) {
            model.parameters().restore(new double[] {1, 1, 1, 0.5});
            float[][] out = BatchedInference.outputs(model, new float[][] {{1, 2, 3, 4, 5, 6, 7}});
            assertArrayEquals(new float[] {6.5f, 12.5f, 18.5f}, out[0]);
        }
        try (Sequential model = Sequential.builder().add(MaxPool2D.of(2)).optInputShape(1, 2, 4).build()) {
            float[][] out = BatchedInference.outputs(model, new float[][] {{1, 5, 2, 0, 3, -1, 8, 4}});
            assertArrayEquals(new float[] {5, 8}, out[0]);
        }
    }

    /**
     * Tiling patches are pooled from strided views rather than by DJL's pooling operation: the
     * two must agree on every shape, leftover rows and columns and non-square patches included.
     */
    @Test
    void tilingMaxPoolEqualsDjlsPooling() {
        long[][] inputs = {{2, 3, 8, 8}, {1, 2, 7, 9}, {2, 1, 9, 11}, {1, 2, 6, 8}};
        int[][] pools = {{2, 2}, {2, 2}, {3, 3}, {2, 4}};
        java.util.Random random = new java.util.Random(3);
        for (int c = 0; c < inputs.length; c++) {
            long[] in = inputs[c];
            MaxPool2D pool = MaxPool2D.builder().setPoolSize(pools[c][0], pools[c][1]).build();
            try (Sequential model = Sequential.builder().add(pool).optInputShape(in[1], in[2], in[3])
                            .optDataType(DataType.FLOAT64).build();
                    ai.djl.ndarray.NDManager scope = model.manager().newSubManager()) {
                double[] values = new double[(int) new Shape(in).size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = random.nextInt(7) - 3 + random.nextGaussian(); // ties and signs
                }
                NDArray x = scope.create(values, new Shape(in));
                double[] ours = model.forward(x).toDoubleArray();
                Shape size = new Shape(pools[c][0], pools[c][1]);
                NDArray expected = ai.djl.nn.pooling.Pool.maxPool2d(x, size, size, new Shape(0, 0), false);
                assertArrayEquals(expected.toDoubleArray(), ours, 0, pool + " on " + new Shape(in));
            }
        }
    }

    /** 'same' padding, by hand: sums of each pixel's neighbourhood, with zeros past the edges. */
    @Test
    void samePaddingAddsZerosAroundTheInput() {
        try (Sequential model = Sequential.builder()
                .add(Conv2D.builder().setFilters(1).setKernelSize(3, 3).optPadding(Padding.SAME).build())
                .optInputShape(1, 3, 3).optDataType(DataType.FLOAT64).build()) {
            model.parameters().restore(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 0});
            float[][] out = BatchedInference.outputs(model, new float[][] {{1, 2, 3, 4, 5, 6, 7, 8, 9}});
            assertArrayEquals(new float[] {12, 21, 16, 27, 45, 33, 24, 39, 28}, out[0]);
        }
        // an even window: the one zero goes after the input, as TensorFlow puts it
        try (Sequential model = Sequential.builder()
                .add(Conv1D.builder().setFilters(1).setKernelSize(2).optPadding(Padding.SAME).build())
                .optInputShape(1, 3).optDataType(DataType.FLOAT64).build()) {
            model.parameters().restore(new double[] {1, 1, 0});
            assertArrayEquals(new float[] {3, 5, 3}, BatchedInference.outputs(model, new float[][] {{1, 2, 3}})[0]);
        }
        // Keras' output sizes: ceil(n / s)
        Conv2D strided = Conv2D.builder().setFilters(2).setKernelSize(3, 2).optStrides(2, 3).optPadding(Padding.SAME).build();
        assertArrayEquals(new long[] {2, 14, 4}, strided.outputShape(new long[] {1, 28, 10}));
        // a window longer than its input, as Keras allows: 3 over 2 rows, 2 over 2 columns
        assertArrayEquals(new long[] {2, 1, 1}, strided.outputShape(new long[] {1, 2, 2}));
        assertThrows(dev.nntrain.InvalidInputException.class, () -> Padding.parse("full"));
    }

    /**
     * A 'same' window may be longer than its input, up to 2n - 1: by hand, a window of 3 over one
     * value meets it with its middle weight only, and 1,048,576 over 784 values leaves all but
     * 1,567 of its weights on padding zeros at every position.
     */
    @Test
    void aSameWindowLongerThanTwiceItsInputIsRefused() {
        Conv1D longest = Conv1D.builder().setFilters(1).setKernelSize(1567).optPadding(Padding.SAME).build();
        assertArrayEquals(new long[] {1, 784}, longest.outputShape(new long[] {1, 784}));
        Conv1D tooLong = Conv1D.builder().setFilters(8).setKernelSize(1_048_576).optPadding(Padding.SAME).build();
        dev.nntrain.InvalidInputException e = assertThrows(dev.nntrain.InvalidInputException.class,
                () -> tooLong.outputShape(new long[] {1, 784}));
        for (String part : new String[] {"1,048,576", "784", "(1, 784)", "at most 1,567"}) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
        Conv2D threeOnOne = Conv2D.builder().setFilters(2).setKernelSize(3, 1).optPadding(Padding.SAME).build();
        e = assertThrows(dev.nntrain.InvalidInputException.class, () -> threeOnOne.outputShape(new long[] {1, 1, 5}));
        assertTrue(e.getMessage().contains("height") && e.getMessage().contains("at most 1"), e.getMessage());
        // the valid rule is unchanged: the window must fit once
        assertThrows(dev.nntrain.InvalidInputException.class, () -> Conv2D.of(1, 30, Activation.LINEAR).outputShape(new long[] {1, 28, 28}));
    }

    /**
     * A stride longer than the input is Keras' too: floor((28 - 3) / 1000) + 1 = 1 position
     * ('valid'), ceil(28 / 1000) = 1 ('same'); the one window starts at the first pixel.
     */
    @Test
    void aStrideLongerThanTheInputLeavesOnePositionAsInKeras() {
        Conv2D valid = Conv2D.builder().setFilters(4).setKernelSize(3, 3).optStrides(1000, 1000).build();
        assertArrayEquals(new long[] {4, 1, 1}, valid.outputShape(new long[] {1, 28, 28}));
        Conv2D same = Conv2D.builder().setFilters(4).setKernelSize(3, 3).optStrides(1000, 1000).optPadding(Padding.SAME).build();
        assertArrayEquals(new long[] {4, 1, 1}, same.outputShape(new long[] {1, 28, 28}));
        // (1 - 1) x 1000 + 3 - 28 < 0: no zeros added
        assertArrayEquals(new long[] {0, 0}, Padding.SAME.amounts(28, 3, 1000));
    }

    @Test
    void saveAndLoadRoundTrip(@TempDir Path dir) throws IOException {
        Sequential padded = Sequential.builder()
                .add(Conv2D.builder().setFilters(3).setKernelSize(3, 3).optStrides(2, 2).optPadding(Padding.SAME)
                        .optActivation(Activation.RELU).build())
                .add(Flatten.of()).add(Dense.of(2)).optInputShape(1, 7, 6).optSeed(3).build();
        for (Sequential model : List.of(ekg(DataType.FLOAT32), smallCnn(DataType.FLOAT64), padded)) {
            try (model) {
                long[] shape = model.inputShape();
                int width = Math.toIntExact(Shapes.size(shape));
                float[][] x = new float[3][width];
                java.util.Random random = new java.util.Random(2);
                for (float[] row : x) {
                    for (int i = 0; i < width; i++) {
                        row[i] = (float) random.nextGaussian();
                    }
                }
                Path file = dir.resolve("model-" + shape.length + "-" + model.layers().size());
                model.save(file);
                assertTrue(Files.readString(file.resolve("model.json")).contains("\"type\": \"conv"));
                try (Sequential back = Sequential.load(file)) {
                    assertEquals(model.layerNames(), back.layerNames());
                    assertEquals(model.layers().toString(), back.layers().toString());
                    assertEquals(model.summary(), back.summary());
                    float[][] before = BatchedInference.outputs(model, x);
                    float[][] after = BatchedInference.outputs(back, x);
                    for (int i = 0; i < x.length; i++) {
                        assertArrayEquals(before[i], after[i], 0f);
                    }
                }
            }
        }
    }

    @Test
    void badSavedSettingsAreReportedWithTheFile(@TempDir Path dir) throws IOException {
        try (Sequential model = ekg(DataType.FLOAT32)) {
            model.save(dir.resolve("m"));
        }
        Path json = dir.resolve("m").resolve("model.json");
        Files.writeString(json, Files.readString(json).replace("\"kernel_size\": 20", "\"kernel_size\": \"20\""));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sequential.load(dir.resolve("m")));
        assertTrue(e.getMessage().contains("fails its checksum"), e.getMessage());
        e = assertThrows(ModelFormatException.class,
                () -> Sequential.load(dir.resolve("m"), LoadOptions.builder().optVerify(false).build()));
        assertTrue(e.getMessage().contains("'kernel_size' as a whole number"), e.getMessage());

        try (Sequential model = ekg(DataType.FLOAT32)) {
            model.save(dir.resolve("p"));
        }
        Path padded = dir.resolve("p").resolve("model.json");
        String text = Files.readString(padded);
        assertTrue(text.contains("\"padding\": \"valid\""), "saved padding");
        Files.writeString(padded, text.replaceFirst("\"padding\": \"valid\"", "\"padding\": \"full\""));
        e = assertThrows(ModelFormatException.class,
                () -> Sequential.load(dir.resolve("p"), LoadOptions.builder().optVerify(false).build()));
        assertTrue(e.getMessage().contains("'padding' as 'valid' or 'same'") && e.getMessage().contains("'full'"),
                e.getMessage());
        // files written before padding existed have none: valid
        String legacy = text.replaceAll("\"padding\": \"valid\",\\s*", "");
        assertTrue(!legacy.contains("padding"), legacy);
        Files.writeString(padded, legacy);
        try (Sequential old = Sequential.load(dir.resolve("p"), LoadOptions.builder().optVerify(false).build())) {
            assertEquals(Padding.VALID, ((Conv1D) old.layers().get(0)).padding());
            assertArrayEquals(new long[] {9, 9}, old.shapes().output(0));
        }
    }

    @Test
    void inputsTooSmallForTheWindowNameTheLayerAndShapes() {
        IllegalArgumentException shortTrace = assertThrows(IllegalArgumentException.class,
                () -> Sequential.builder().add(Dense.of(2)).build().build(1, 3));
        assertTrue(shortTrace.getMessage().startsWith("layer dense_1 (Dense)"), shortTrace.getMessage());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sequential.builder().add(Conv1D.of(9, 20, 10, Activation.RELU)).optInputShape(1, 15).build());
        assertEquals("layer conv1d_1 (Conv1D): Conv1D(filters=9, kernel_size=20, strides=10, relu) needs an input"
                + " length of at least 20, got input shape (1, 15)", e.getMessage());

        IllegalArgumentException second = assertThrows(IllegalArgumentException.class,
                () -> Sequential.builder().add(Conv1D.of(9, 20, 10, Activation.RELU))
                        .add(Conv1D.of(3, 10, 2, Activation.RELU)).optInputShape(1, 100).build());
        assertTrue(second.getMessage().startsWith("layer conv1d_2 (Conv1D): ")
                && second.getMessage().endsWith("got input shape (9, 9)"), second.getMessage());

        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> Sequential.builder().add(Conv2D.of(8, 3, Activation.RELU)).optInputShape(784).build());
        assertTrue(flat.getMessage().contains("expects inputs of shape (channels, height, width) per example, got (784,)"),
                flat.getMessage());

        IllegalArgumentException pool = assertThrows(IllegalArgumentException.class,
                () -> Sequential.builder().add(Conv2D.of(2, 3, Activation.RELU)).add(MaxPool2D.of(4))
                        .optInputShape(1, 5, 9).build());
        assertTrue(pool.getMessage().startsWith("layer max_pooling2d_1 (MaxPooling2D): ")
                && pool.getMessage().contains("height of at least 4, got input shape (2, 3, 7)"), pool.getMessage());

        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class,
                () -> Sequential.builder().add(Conv1D.of(2, 3)).add(Dense.of(1)).optInputShape(1, 8).build());
        assertTrue(dense.getMessage().contains("add a Flatten layer first"), dense.getMessage());
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> Conv1D.of(0, 3));
        assertThrows(IllegalArgumentException.class, () -> Conv1D.of(2, 0));
        assertThrows(IllegalArgumentException.class, () -> Conv1D.of(2, 3, 0, Activation.RELU));
        assertThrows(IllegalArgumentException.class, () -> Conv2D.builder().setFilters(2).build());
        assertThrows(IllegalArgumentException.class, () -> Conv2D.of(2, 3, -1, Activation.RELU));
        assertThrows(IllegalArgumentException.class, () -> MaxPool2D.of(0));
        assertThrows(IllegalArgumentException.class, () -> Conv1D.of(2, 3, 1, Activation.SOFTMAX));
    }

    @Test
    void everyLayerWithWeightsHasThemInKerasLayout() {
        try (Sequential model = ekg(DataType.FLOAT32)) {
            // Conv1D(9, 20, strides 10) on (1, 100): Keras' kernel (kernel_size, in_channels, filters)
            assertArrayEquals(new int[] {20, 1, 9}, model.weights().get(0).kernelShape());
            assertArrayEquals(new int[] {5, 9, 3}, model.weights().get(1).kernelShape());
            assertEquals(3, model.weights().get(1).conv1dKernel()[4][8].length);
            assertEquals(3, model.weights().all().size(), "Keras' get_weights(): a kernel and a bias per layer");
            IllegalArgumentException flatten = assertThrows(IllegalArgumentException.class, () -> model.weights().get(2));
            assertTrue(flatten.getMessage().startsWith("layer flatten_1 (Flatten) has no weights")
                    && flatten.getMessage().contains("[conv1d_1, conv1d_2, dense_1]"), flatten.getMessage());
            IllegalArgumentException dense = assertThrows(IllegalArgumentException.class,
                    () -> model.weights().set(1, new LayerWeights("conv1d_2", new float[][] {{1}}, new float[] {0})));
            assertTrue(dense.getMessage().contains("layer conv1d_2 (Conv1D) needs a Keras kernel of shape (5, 9, 3)"),
                    dense.getMessage());
            assertEquals(9, model.weights().get(3).inputs(), "the dense layer after the convolutions");
        }
    }
}

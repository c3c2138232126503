package dev.nntrain.model.weights;

import static dev.nntrain.oracle.TorchOracle.FLOAT64_RELATIVE;
import static dev.nntrain.oracle.TorchOracle.array;
import static dev.nntrain.oracle.TorchOracle.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.nntrain.InvalidInputException;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.BatchedInference;
import dev.nntrain.model.ModelFormatException;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Conv1D;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Dropout;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;
import dev.nntrain.model.layer.Padding;
import dev.nntrain.oracle.TorchOracle.Array;
import dev.nntrain.oracle.TorchOracle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Weights in Keras' layout for every layer that has them ({@link KerasWeights}): the
 * convolutions' kernels, the rows of a dense kernel after a Flatten of a feature map in Keras'
 * channels-last order, the whole model's list as Keras' {@code get_weights()} gives it. Checked
 * against cases worked by hand, against Keras CNNs computed channels last by the PyTorch oracle
 * (make_fixtures.py, keras_cnns), and by round trips.
 */
class KerasWeightsTest {

    // ------------------------------------------------------------------ worked by hand

    /**
     * A 2x2x2 feature map (two channels of 2 x 2), flattened. nntrain's map is channels first:
     * channel 0 holds 1 2 / 3 4 and channel 1 holds 5 6 / 7 8, flattened {@code 1 2 3 4 5 6 7 8}.
     * Keras holds the same map channels last, (row, column, channel), and flattens it
     * {@code 1 5 2 6 3 7 4 8}. Keras' kernel row k therefore belongs to nntrain's input
     * {@code KERAS_ROW_TO_NNTRAIN[k]}, written out here by hand.
     */
    private static final int[] KERAS_ROW_TO_NNTRAIN = {0, 4, 1, 5, 2, 6, 3, 7};

    @Test
    void aDenseKernelAfterAFlattenedFeatureMapIsInKerasRowOrder() {
        Engines.prepareThread();
        try (Sequential model = Sequential.builder()
                .add(Conv2D.of(2, 1, Activation.LINEAR)) // a 1x1 convolution, set to the identity: the map is the input
                .add(Flatten.of())
                .add(Dense.of(1))
                .optInputShape(2, 2, 2).optSeed(3).build()) {
            float[][][][] identity = new float[1][1][2][2]; // Keras (kh, kw, in_channels, filters)
            identity[0][0][0][0] = 1;
            identity[0][0][1][1] = 1;
            model.weights().set(0, new LayerWeights("conv2d_1", identity, new float[2]));
            float[][] kernel = {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}}; // Keras' rows k = 0..7
            model.weights().set(2, new LayerWeights("dense_1", kernel, new float[] {0.5f}));

            float[] channelsFirst = {1, 2, 3, 4, 5, 6, 7, 8};
            // Keras: its flattened map 1 5 2 6 3 7 4 8 times the kernel's column 1..8, plus 0.5
            double keras = 1 * 1 + 5 * 2 + 2 * 3 + 6 * 4 + 3 * 5 + 7 * 6 + 4 * 7 + 8 * 8 + 0.5;
            assertEquals(190.5, keras);
            float[][] out = BatchedInference.outputs(model, new float[][] {channelsFirst});
            assertEquals(keras, out[0][0], 1e-4, "Keras' prediction from Keras' kernel");

            // DJL's weight (1, 8), in nntrain's input order: input i gets Keras' row k where KERAS_ROW_TO_NNTRAIN[k] = i
            double[] snapshot = model.parameters().snapshot();
            double[] dense = Arrays.copyOfRange(snapshot, 4 + 2, 4 + 2 + 8);
            for (int k = 0; k < 8; k++) {
                assertEquals(kernel[k][0], dense[KERAS_ROW_TO_NNTRAIN[k]], "Keras' row " + k);
            }
            assertArrayEquals(new double[] {1, 3, 5, 7, 2, 4, 6, 8}, dense);

            // read back exactly as set
            LayerWeights back = model.weights().get(2);
            assertArrayEquals(kernel, back.kernel());
            assertEquals("dense_1", back.layer());
        }
    }

    /**
     * Only the dense layer that reads the flattened map is reordered: through a Dropout and a
     * MaxPool2D as well, and not the next dense layer, nor a dense layer reading a flattened
     * model input (the caller's data, which nntrain does not reorder).
     */
    @Test
    void onlyTheDenseLayerReadingAFlattenedFeatureMapIsReordered() {
        Engines.prepareThread();
        try (Sequential model = Sequential.builder()
                .add(Conv2D.of(2, 1, Activation.LINEAR)).add(MaxPool2D.of(1)).add(Dropout.of(0.5)).add(Flatten.of()).add(Dropout.of(0.5))
                .add(Dense.of(2)).add(Dense.of(8))
                .optInputShape(2, 2, 2).optSeed(3).build();
                Sequential flatInput = Sequential.builder().add(Flatten.of()).add(Dense.of(1))
                        .optInputShape(2, 2, 2).optSeed(3).build()) {
            float[][] rows = new float[8][2];
            for (int k = 0; k < 8; k++) {
                rows[k] = new float[] {k + 1, -(k + 1)};
            }
            model.weights().set(5, new LayerWeights(null, rows, new float[2]));
            double[] snapshot = model.parameters().snapshot();
            int denseStart = 4 + 2;
            for (int k = 0; k < 8; k++) {
                assertEquals(k + 1, snapshot[denseStart + KERAS_ROW_TO_NNTRAIN[k]], "unit 0, Keras' row " + k);
                assertEquals(-(k + 1), snapshot[denseStart + 8 + KERAS_ROW_TO_NNTRAIN[k]], "unit 1, Keras' row " + k);
            }
            float[][] next = new float[2][8];
            next[1][3] = 7; // Keras' (inputs, units): input 1 to unit 3, DJL's (units, inputs) [3][1]
            model.weights().set(6, new LayerWeights(null, next, new float[8]));
            assertEquals(7, model.parameters().snapshot()[denseStart + 16 + 2 + 3 * 2 + 1]);

            float[][] column = {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}};
            flatInput.weights().set(1, new LayerWeights(null, column, new float[1]));
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 0}, flatInput.parameters().snapshot());
        }
    }

    /**
     * Each kernel value coded by its Keras position, {@code 1000 f + 100 c + 10 i + j}; DJL holds
     * the same value at {@code [f][c][i][j]} (Conv2D) and {@code [f][c][i]} (Conv1D).
     */
    @Test
    void convolutionKernelsAreKerasHwioAndDjlOihw() {
        Engines.prepareThread();
        try (Sequential conv2d = Sequential.builder().add(Conv2D.builder().setFilters(3).setKernelSize(2, 4).build())
                        .optInputShape(2, 5, 6).optSeed(1).build();
                Sequential conv1d = Sequential.builder().add(Conv1D.of(3, 4)).optInputShape(2, 7).optSeed(1).build()) {
            float[][][][] k2 = new float[2][4][2][3]; // (kh, kw, in_channels, filters)
            float[][][] k1 = new float[4][2][3]; // (kernel_size, in_channels, filters)
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 4; j++) {
                    for (int c = 0; c < 2; c++) {
                        for (int f = 0; f < 3; f++) {
                            k2[i][j][c][f] = 1000 * f + 100 * c + 10 * i + j;
                            k1[j][c][f] = 1000 * f + 100 * c + j;
                        }
                    }
                }
            }
            float[] bias = {0.5f, 1.5f, 2.5f};
            conv2d.weights().set(0, new LayerWeights(null, k2, bias));
            conv1d.weights().set(0, new LayerWeights(null, k1, bias));
            double[] p2 = conv2d.parameters().snapshot(); // (filters, in_channels, kh, kw), then the bias
            double[] p1 = conv1d.parameters().snapshot(); // (filters, in_channels, kernel_size), then the bias
            for (int f = 0; f < 3; f++) {
                for (int c = 0; c < 2; c++) {
                    for (int i = 0; i < 2; i++) {
                        for (int j = 0; j < 4; j++) {
                            assertEquals(1000 * f + 100 * c + 10 * i + j, p2[((f * 2 + c) * 2 + i) * 4 + j]);
                        }
                    }
                    for (int j = 0; j < 4; j++) {
                        assertEquals(1000 * f + 100 * c + j, p1[(f * 2 + c) * 4 + j]);
                    }
                }
            }
            assertArrayEquals(new double[] {0.5, 1.5, 2.5}, Arrays.copyOfRange(p2, 48, 51));
            assertArrayEquals(k2, conv2d.weights().get(0).conv2dKernel());
            assertArrayEquals(k1, conv1d.weights().get(0).conv1dKernel());
            assertArrayEquals(new int[] {2, 4, 2, 3}, conv2d.weights().get("conv2d_1").kernelShape());

            // Conv1D's output, as Keras defines it on channels-last steps: y[p][f] = sum_{j,c} x[p + j][c] k[j][c][f] + b[f]
            float[][] xChannelsLast = {{1, -1}, {2, 0.5f}, {0, 3}, {-2, 1}, {1, 1}, {0.25f, -4}, {3, 2}};
            float[] xChannelsFirst = new float[14];
            for (int t = 0; t < 7; t++) {
                for (int c = 0; c < 2; c++) {
                    xChannelsFirst[c * 7 + t] = xChannelsLast[t][c];
                }
            }
            float[] y = BatchedInference.outputs(conv1d, new float[][] {xChannelsFirst})[0]; // (filters, positions)
            for (int p = 0; p < 4; p++) {
                for (int f = 0; f < 3; f++) {
                    double expected = bias[f];
                    for (int j = 0; j < 4; j++) {
                        for (int c = 0; c < 2; c++) {
                            expected += xChannelsLast[p + j][c] * k1[j][c][f];
                        }
                    }
                    assertEquals(expected, y[f * 4 + p], Math.abs(expected) * 1e-6, "position " + p + ", filter " + f);
                }
            }
        }
    }

    // ------------------------------------------------------------------ Keras CNNs (PyTorch oracle)

    static Stream<Arguments> kerasCnns() {
        return TorchOracle.cases("keras_cnns").stream().map(c -> Arguments.of(c.get("name").getAsString(), c));
    }

    /**
     * A Keras CNN's weights as Keras' {@code model.get_weights()} lists them, set as they are,
     * give the outputs the oracle computed channels last, as Keras computes them; read back they
     * are the list given, exactly.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasCnns")
    void aKerasCnnsWeightsGiveKerasOutputs(String name, JsonObject c) {
        Engines.prepareThread();
        Array x = array(c, "x");
        List<LayerWeights> keras = kerasWeights(c);
        try (Sequential model = model(c, x.exampleShape(), DataType.FLOAT64, 1);
                NDManager scope = model.manager().newSubManager()) {
            model.weights().setAll(keras);
            NDArray input = scope.create(x.values(), new Shape(x.shape()));
            assertClose(array(c, "output").values(), model.forward(input).toDoubleArray(), FLOAT64_RELATIVE,
                    name + ": Keras' outputs");
            List<LayerWeights> back = model.weights().all();
            assertEquals(keras.size(), back.size());
            for (int i = 0; i < keras.size(); i++) {
                assertArrayEquals(keras.get(i).kernelShape(), back.get(i).kernelShape(), name + ": shape " + i);
                assertArrayEquals(keras.get(i).kernelValues(), back.get(i).kernelValues(), name + ": kernel " + i);
                assertArrayEquals(keras.get(i).bias(), back.get(i).bias(), name + ": bias " + i);
            }

            // the same list with no row reordering (the convolutions transposed to DJL's layout
            // only) gives other outputs: the reordering is what makes them Keras'
            double[] plain = plainDjlLayout(model, keras);
            model.parameters().restore(plain);
            double[] unordered = model.forward(input).toDoubleArray();
            double gap = 0;
            for (int i = 0; i < unordered.length; i++) {
                gap = Math.max(gap, Math.abs(unordered[i] - array(c, "output").values()[i]));
            }
            assertTrue(gap > 1e-3, name + ": the rows' order matters here, gap " + gap);
        }
        // float32, as a model loaded for inference would be
        try (Sequential model = model(c, x.exampleShape(), DataType.FLOAT32, 2)) {
            model.weights().setAll(keras);
            int n = (int) x.shape()[0];
            int width = x.values().length / n;
            float[][] features = new float[n][width]; // one flat channels-first example per row
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < width; j++) {
                    features[i][j] = (float) x.values()[i * width + j];
                }
            }
            float[][] out = BatchedInference.outputs(model, features);
            double[] flat = Arrays.stream(out).flatMapToDouble(r -> {
                double[] d = new double[r.length];
                for (int i = 0; i < r.length; i++) {
                    d[i] = r[i];
                }
                return Arrays.stream(d);
            }).toArray();
            assertClose(array(c, "output").values(), flat, 1e-5, name + ": float32");
        }
    }

    /**
     * The same CNNs' weights as a Keras user saves them, {@code np.savez(file,
     * *model.get_weights())} (make_fixtures.py writes them with numpy): read and set as they are,
     * they give Keras' outputs. The second file is compressed, its first kernel float64 in
     * Fortran order and its biases big-endian.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasCnns")
    void numpysSavezOfGetWeightsGoesInAsItIs(String name, JsonObject c) throws Exception {
        Engines.prepareThread();
        String file = name.startsWith("conv1d") ? "keras_cnn1d_compressed.npz" : "keras_cnn.npz";
        Path npz = Path.of(KerasWeightsTest.class.getResource("/dev/nntrain/oracle/" + file).toURI());
        List<LayerWeights> read = KerasWeights.readNpz(npz);
        List<LayerWeights> keras = kerasWeights(c);
        assertEquals(keras, read, file + ": the arrays of the fixture, exactly");
        Array x = array(c, "x");
        try (Sequential model = model(c, x.exampleShape(), DataType.FLOAT64, 1);
                NDManager scope = model.manager().newSubManager()) {
            model.weights().setAll(read);
            NDArray input = scope.create(x.values(), new Shape(x.shape()));
            assertClose(array(c, "output").values(), model.forward(input).toDoubleArray(), FLOAT64_RELATIVE,
                    name + ": Keras' outputs from " + file);
        }
    }

    @Test
    void writeNpzIsWhatReadNpzReads(@TempDir Path dir) throws IOException {
        Engines.prepareThread();
        try (Sequential a = cnn(1); Sequential b = cnn(2)) {
            Path file = dir.resolve("weights.npz");
            a.weights().writeNpz(file);
            List<LayerWeights> read = KerasWeights.readNpz(file);
            List<LayerWeights> expected = a.weights().all();
            assertEquals(expected.size(), read.size());
            for (int i = 0; i < read.size(); i++) {
                assertArrayEquals(expected.get(i).kernelShape(), read.get(i).kernelShape());
                assertArrayEquals(expected.get(i).kernelValues(), read.get(i).kernelValues());
                assertArrayEquals(expected.get(i).bias(), read.get(i).bias());
            }
            b.weights().setAll(read);
            assertArrayEquals(a.parameters().snapshot(), b.parameters().snapshot());
            // numpy's layout, byte for byte: the header of arr_0, Conv2D's (3, 2, 2, 4) kernel
            byte[] npy = Npz.npy(new int[] {3, 2, 2, 4}, new float[48]);
            String header = new String(npy, 10, npy.length - 10 - 4 * 48, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2, 2, 4), }", header.strip());
            assertEquals(0, (npy.length - 4 * 48) % 64, "the data starts at a multiple of 64");
            assertEquals("(5,)", new String(Npz.npy(new int[] {5}, new float[5]), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .replaceAll("(?s).*'shape': (\\([^)]*\\)).*", "$1"));
        }
    }

    @Test
    void aFileThatIsNotKerasWeightsIsNamed(@TempDir Path dir) throws IOException {
        Path odd = dir.resolve("odd.npz");
        Npz.write(odd, List.of(new Npz.NamedArray("arr_0", new int[] {2, 3}, new float[6])));
        ModelFormatException count = assertThrows(ModelFormatException.class, () -> KerasWeights.readNpz(odd));
        assertTrue(count.getMessage().startsWith(odd + ": 1 arrays;"), count.getMessage());
        Path swapped = dir.resolve("swapped.npz");
        Npz.write(swapped, List.of(new Npz.NamedArray("arr_0", new int[] {3}, new float[3]),
                new Npz.NamedArray("arr_1", new int[] {2, 3}, new float[6])));
        ModelFormatException pair = assertThrows(ModelFormatException.class, () -> KerasWeights.readNpz(swapped));
        assertTrue(pair.getMessage().contains("arrays arr_0 (3,) and arr_1 (2, 3) are not a kernel"), pair.getMessage());
        Path text = java.nio.file.Files.writeString(dir.resolve("text.npz"), "kernel = [[1, 2]]");
        ModelFormatException notZip = assertThrows(ModelFormatException.class, () -> KerasWeights.readNpz(text));
        assertTrue(notZip.getMessage().startsWith(text + ": not an .npz file"), notZip.getMessage());
        byte[] ints = Npz.npy(new int[] {2}, new float[2]);
        String h = new String(ints, java.nio.charset.StandardCharsets.ISO_8859_1).replace("'<f4'", "'<i4'");
        ModelFormatException dtype = assertThrows(ModelFormatException.class, () -> Npz.readNpy(
                new java.io.ByteArrayInputStream(h.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)), -1, "x.npy", "x"));
        assertTrue(dtype.getMessage().startsWith("x.npy: dtype '<i4' is not float32 or float64"), dtype.getMessage());
        byte[] cut = java.util.Arrays.copyOf(Npz.npy(new int[] {4}, new float[4]), 70);
        ModelFormatException early = assertThrows(ModelFormatException.class,
                () -> Npz.readNpy(new java.io.ByteArrayInputStream(cut), -1, "y.npy", "y"));
        assertEquals("y.npy: the array ends early", early.getMessage());
        // a header promising more than the entry holds is refused before the values are allocated
        byte[] huge = new String(Npz.npy(new int[] {4}, new float[4]), java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("(4,), }", "(9999,)").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ModelFormatException big = assertThrows(ModelFormatException.class,
                () -> Npz.readNpy(new java.io.ByteArrayInputStream(huge), huge.length, "z.npy", "z"));
        assertEquals("z.npy: a shape (9999,) of <f4 needs 39996 bytes; the array holds 16", big.getMessage());
    }

    // ------------------------------------------------------------------ round trips

    private static Sequential cnn(long seed) {
        return Sequential.builder()
                .add(Conv2D.builder().setFilters(4).setKernelSize(3, 2).optPadding(Padding.SAME).optActivation("relu").build())
                .add(MaxPool2D.of(2))
                .add(Conv2D.of(3, 2, Activation.TANH))
                .add(Flatten.of())
                .add(Dropout.of(0.3))
                .add(Dense.of(6, "relu"))
                .add(Dense.of(3))
                .optInputShape(2, 8, 9).optSeed(seed).build();
    }

    private static Sequential cnn1d(long seed) {
        return Sequential.builder().add(Conv1D.of(3, 4, 2, Activation.RELU)).add(Flatten.of()).add(Dense.of(2))
                .optInputShape(2, 12).optSeed(seed).build();
    }

    @Test
    void getThenSetThenGetIsTheIdentityAndGivesTheSamePredictions(@TempDir Path dir) throws IOException {
        Engines.prepareThread();
        float[][] x = new float[3][2 * 8 * 9];
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextDouble(-1, 1);
            }
        }
        try (Sequential a = cnn(1); Sequential b = cnn(2); Sequential a1 = cnn1d(1); Sequential b1 = cnn1d(2)) {
            List<LayerWeights> weights = a.weights().all();
            assertEquals(4, weights.size(), "two convolutions and two dense layers");
            assertNotEquals(weights, b.weights().all(), "other seeds, other weights");
            b.weights().setAll(weights);
            assertEquals(weights, b.weights().all(), "get, set, get");
            assertArrayEquals(a.parameters().snapshot(), b.parameters().snapshot(), "the same parameters in nntrain's layout");
            assertArrayEquals(BatchedInference.outputs(a, x), BatchedInference.outputs(b, x), "the same predictions");
            for (int i = 0; i < a.layers().size(); i++) {
                if (!a.shapes().parameters(i).isEmpty()) {
                    LayerWeights w = a.weights().get(i);
                    a.weights().set(i, w);
                    assertEquals(w, a.weights().get(i), "layer " + i + " set to itself");
                }
            }
            assertArrayEquals(b.parameters().snapshot(), a.parameters().snapshot());

            b1.weights().setAll(a1.weights().all());
            assertEquals(a1.weights().all(), b1.weights().all());
            assertArrayEquals(a1.parameters().snapshot(), b1.parameters().snapshot());

            // save and load keep them
            a.save(dir.resolve("cnn"));
            try (Sequential loaded = Sequential.load(dir.resolve("cnn"))) {
                assertEquals(weights, loaded.weights().all(), "after save and load");
                assertArrayEquals(BatchedInference.outputs(a, x), BatchedInference.outputs(loaded, x));
            }
        }
    }

    /** Keras' get_weights() arrays, flat, go in with their shapes (numpy's ravel) and come out the same. */
    @Test
    void flatKernelsWithTheirShapesRoundTrip() {
        float[] values = new float[2 * 3 * 4 * 5];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        LayerWeights w = LayerWeights.ofFlat("c", new int[] {2, 3, 4, 5}, values, new float[5]);
        assertEquals(4, w.rank());
        assertEquals(4, w.inputs());
        assertEquals(5, w.units());
        assertEquals(1 * 60 + 2 * 20 + 3 * 5 + 4, w.conv2dKernel()[1][2][3][4]);
        assertArrayEquals(values, w.kernelValues());
        assertEquals(LayerWeights.ofFlat("c", new int[] {2, 3, 4, 5}, values, new float[5]), w);
        assertEquals("LayerWeights[c: kernel (2, 3, 4, 5), bias (5,)]", w.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, w::kernel);
        assertTrue(e.getMessage().contains("c have a kernel of 4 axes, (2, 3, 4, 5)")
                && e.getMessage().contains("conv2dKernel()"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> LayerWeights.ofFlat(null, new int[] {2, 3}, values, new float[3]));
        assertThrows(InvalidInputException.class, () -> LayerWeights.ofFlat(null, new int[] {120}, values, new float[3]));
    }

    // ------------------------------------------------------------------ errors

    @Test
    void errorsNameTheLayerTheShapeGivenAndTheShapeExpected() {
        Engines.prepareThread();
        try (Sequential model = cnn(1)) {
            double[] before = model.parameters().snapshot();

            // DJL's and PyTorch's layout, (filters, in_channels, kh, kw)
            InvalidInputException torch = assertThrows(InvalidInputException.class,
                    () -> model.weights().set(0, new LayerWeights(null, new float[4][2][3][2], new float[4])));
            assertEquals("layer conv2d_1 (Conv2D) needs a Keras kernel of shape (3, 2, 2, 4) (kh, kw, in_channels,"
                    + " filters) and a bias of shape (4,); got a kernel of shape (4, 2, 3, 2) and a bias of shape (4,);"
                    + " that is DJL's and PyTorch's layout (filters, in_channels, kh, kw), not Keras'", torch.getMessage());

            // a dense kernel for a convolution, a wrong bias
            InvalidInputException rank = assertThrows(InvalidInputException.class,
                    () -> model.weights().set("conv2d_2", new LayerWeights(null, new float[4][3], new float[3])));
            assertTrue(rank.getMessage().startsWith("layer conv2d_2 (Conv2D) needs a Keras kernel of shape (2, 2, 4, 3)")
                    && rank.getMessage().contains("got a kernel of shape (4, 3)"), rank.getMessage());
            InvalidInputException bias = assertThrows(InvalidInputException.class,
                    () -> model.weights().set(6, new LayerWeights(null, new float[6][3], new float[6])));
            assertTrue(bias.getMessage().contains("layer dense_2 (Dense) needs a Keras kernel of shape (6, 3) (inputs, units)"
                    + " and a bias of shape (3,); got a kernel of shape (6, 3) and a bias of shape (6,)"), bias.getMessage());

            // ragged
            float[][][][] ragged = new float[3][2][2][4];
            ragged[2][1][1] = new float[3];
            InvalidInputException r = assertThrows(InvalidInputException.class,
                    () -> model.weights().set(0, new LayerWeights(null, ragged, new float[4])));
            assertEquals("layer conv2d_1 (Conv2D): the kernel is ragged: kernel[2][1][1] has 3 values; a kernel of"
                    + " shape (3, 2, 2, 4) needs 4", r.getMessage());

            // layers without weights, unknown names
            InvalidInputException pool = assertThrows(InvalidInputException.class, () -> model.weights().get(1));
            assertEquals("layer max_pooling2d_1 (MaxPooling2D) has no weights; the layers with weights are"
                    + " [conv2d_1, conv2d_2, dense_1, dense_2]", pool.getMessage());
            InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> model.weights().get("conv2d"));
            assertTrue(unknown.getMessage().startsWith("the model has no layer named 'conv2d'"), unknown.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> model.weights().get(7));

            // the whole list: its length, and nothing written when one entry does not fit
            List<LayerWeights> all = new ArrayList<>(cnnWeights(2));
            InvalidInputException count = assertThrows(InvalidInputException.class,
                    () -> model.weights().setAll(all.subList(0, 3)));
            assertEquals("the model has 4 layers with weights [conv2d_1, conv2d_2, dense_1, dense_2] (Keras'"
                    + " get_weights() lists each one's kernel and bias); got weights for 3", count.getMessage());
            all.set(3, new LayerWeights(null, new float[3][6], new float[3]));
            InvalidInputException last = assertThrows(InvalidInputException.class, () -> model.weights().setAll(all));
            assertTrue(last.getMessage().contains("that is DJL's and PyTorch's layout (units, inputs)"), last.getMessage());
            assertArrayEquals(before, model.parameters().snapshot(), "nothing written");
            assertFalse(Arrays.equals(before, snapshotAfterSetAll(cnnWeights(2))), "a fitting list is written");
        }
    }

    private static List<LayerWeights> cnnWeights(long seed) {
        try (Sequential other = cnn(seed)) {
            return other.weights().all();
        }
    }

    private static double[] snapshotAfterSetAll(List<LayerWeights> weights) {
        try (Sequential model = cnn(1)) {
            model.weights().setAll(weights);
            return model.parameters().snapshot();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The fixture's model, nntrain's layers for Keras' (the examples channels first). */
    private static Sequential model(JsonObject c, long[] inputShape, DataType type, long seed) {
        Sequential.Builder b = Sequential.builder();
        for (JsonElement e : c.getAsJsonArray("layers")) {
            JsonObject l = e.getAsJsonObject();
            switch (l.get("kind").getAsString()) {
                case "conv2d": {
                    int[] k = ints(l, "kernel_size");
                    int[] s = ints(l, "strides");
                    b.add(Conv2D.builder().setFilters(l.get("filters").getAsInt()).setKernelSize(k[0], k[1])
                            .optStrides(s[0], s[1]).optPadding(Padding.parse(l.get("padding").getAsString()))
                            .optActivation(l.get("activation").getAsString()).build());
                    break;
                }
                case "conv1d":
                    b.add(Conv1D.builder().setFilters(l.get("filters").getAsInt()).setKernelSize(ints(l, "kernel_size")[0])
                            .optStrides(ints(l, "strides")[0]).optPadding(Padding.parse(l.get("padding").getAsString()))
                            .optActivation(l.get("activation").getAsString()).build());
                    break;
                case "maxpool2d": {
                    int[] p = ints(l, "pool_size");
                    int[] s = ints(l, "strides");
                    b.add(MaxPool2D.builder().setPoolSize(p[0], p[1]).optStrides(s[0], s[1]).build());
                    break;
                }
                case "flatten":
                    b.add(Flatten.of());
                    break;
                case "dropout":
                    b.add(Dropout.of(l.get("rate").getAsDouble()));
                    break;
                case "dense":
                    b.add(Dense.of(l.get("units").getAsInt(), l.get("activation").getAsString()));
                    break;
                default:
                    throw new IllegalArgumentException(l.get("kind").getAsString());
            }
        }
        return b.optInputShape(inputShape).optSeed(seed).optDataType(type).build();
    }

    /** Keras' get_weights() list, kernel and bias pairs, as LayerWeights with the kernels' shapes. */
    private static List<LayerWeights> kerasWeights(JsonObject c) {
        JsonArray arrays = c.getAsJsonArray("keras_weights");
        List<LayerWeights> out = new ArrayList<>();
        for (int i = 0; i < arrays.size(); i += 2) {
            Array kernel = wrapped(arrays.get(i));
            Array bias = wrapped(arrays.get(i + 1));
            int[] shape = Arrays.stream(kernel.shape()).mapToInt(Math::toIntExact).toArray();
            out.add(LayerWeights.ofFlat(null, shape, kernel.floats(), bias.floats()));
        }
        return out;
    }

    /**
     * The list put into the parameters with only the convolutions' and dense kernels' axes
     * transposed to DJL's layout, dense rows left in Keras' order.
     */
    private static double[] plainDjlLayout(Sequential model, List<LayerWeights> keras) {
        List<Double> values = new ArrayList<>();
        for (LayerWeights w : keras) {
            int[] shape = w.kernelShape();
            int rank = shape.length;
            int[] axes = new int[rank]; // Keras (k..., in, out) to DJL (out, in, k...)
            axes[0] = rank - 1;
            axes[1] = rank - 2;
            for (int a = 2; a < rank; a++) {
                axes[a] = a - 2;
            }
            for (float v : KerasWeights.permute(w.kernelValues(), shape, axes)) {
                values.add((double) v);
            }
            for (float v : w.bias()) {
                values.add((double) v);
            }
        }
        assertEquals(model.parameterCount(), values.size());
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Array wrapped(JsonElement e) {
        JsonObject o = new JsonObject();
        o.add("a", e);
        return array(o, "a");
    }

    private static int[] ints(JsonObject o, String key) {
        return Arrays.stream(TorchOracle.doubles(o.getAsJsonArray(key))).mapToInt(d -> (int) d).toArray();
    }
}

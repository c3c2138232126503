package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Synthetic;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Activations;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Conv1D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.optimizer.RMSprop;
import dev.nntrain.train.optimizer.SGD;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** What a literal port of the course's Keras lines needs, checked against hand computations. */
class KerasApiTest {

    /** One linear layer with known weights: z = x W + b, W = [[1, -1, 0], [2, 0, 1]], b = [0.5, 0, -1]. */
    private static Sequential linear3() {
        Sequential model = Sequential.builder().add(Dense.of(3)).optInputShape(2).optSeed(1).build();
        model.weights().set(0, new LayerWeights("dense_1",
                new float[][] {{1, -1, 0}, {2, 0, 1}}, new float[] {0.5f, 0, -1}));
        return model;
    }

    private static final float[][] X = {{1, 2}, {-1, 0.5f}};
    /** z = x W + b for the rows of {@link #X}, by hand. */
    private static final float[][] Z = {{5.5f, -1, 1}, {0.5f, 1, -0.5f}};

    @Test
    void predictReturnsTheLogitsAsKerasDoes() {
        try (CompiledModel net = CompiledModel.compile(linear3(), new SparseCategoricalCrossentropy(true), new Adam())) {
            float[][] logits = net.predict(X);
            for (int i = 0; i < X.length; i++) {
                assertArrayEquals(Z[i], logits[i], 1e-6f, "row " + i);
            }
        }
    }

    @Test
    void theLiteralPortOfTheCoursesSoftmaxLineGivesPredictProbabilities() {
        // logits = model(X); f_x = tf.nn.softmax(logits)
        try (CompiledModel net = CompiledModel.compile(linear3(), new SparseCategoricalCrossentropy(true), new Adam())) {
            float[][] logits = net.predict(X);
            float[][] f_x = Activations.softmax(logits);
            float[][] probabilities = net.predictProbabilities(X); // on the engine, not through Activations
            for (int i = 0; i < X.length; i++) {
                assertArrayEquals(probabilities[i], f_x[i], 1e-6f, "row " + i);
                double sum = Math.exp(Z[i][0]) + Math.exp(Z[i][1]) + Math.exp(Z[i][2]);
                assertEquals(Math.exp(Z[i][0]) / sum, f_x[i][0], 1e-6, "by hand, row " + i);
            }
            try (NDManager scope = NDManager.newBaseManager()) {
                NDArray x = scope.create(new float[] {1, 2, -1, 0.5f}, new Shape(2, 2));
                float[] engine = Activations.softmax(net.predict(x)).toFloatArray();
                assertArrayEquals(net.predictProbabilities(x).toFloatArray(), engine, 1e-6f);
                assertEquals(f_x[1][2], engine[5], 1e-6f);
            }
        }
    }

    @Test
    void theLiteralPortOfTheCoursesSigmoidLineGivesPredictProbabilities() {
        // the multi-label outputs: logits = model(X); f_x = tf.nn.sigmoid(logits)
        try (CompiledModel net = CompiledModel.compile(linear3(), new BinaryCrossentropy(true), new Adam())) {
            float[][] f_x = Activations.sigmoid(net.predict(X));
            float[][] probabilities = net.predictProbabilities(X);
            for (int i = 0; i < X.length; i++) {
                assertArrayEquals(probabilities[i], f_x[i], 1e-6f, "row " + i);
                assertEquals(1 / (1 + Math.exp(-Z[i][1])), f_x[i][1], 1e-6, "by hand, row " + i);
            }
        }
    }

    @Test
    void aSigmoidOutputLayerPredictsProbabilitiesAlready() {
        Sequential model = Sequential.builder().add(Dense.of(1, "sigmoid")).optInputShape(2).optSeed(1).build();
        model.weights().set(0, new LayerWeights("dense_1", new float[][] {{1}, {2}}, new float[] {0.5f}));
        try (CompiledModel net = CompiledModel.compile(model, new BinaryCrossentropy(), new Adam())) {
            float[][] p = net.predict(X);
            assertEquals(1 / (1 + Math.exp(-5.5)), p[0][0], 1e-6);
            assertArrayEquals(p[0], net.predictProbabilities(X)[0], 0f, "nothing applied twice");
        }
    }

    @Test
    void kerasDefaultsAndSpellings() {
        assertFalse(new BinaryCrossentropy().fromLogits(), "BinaryCrossentropy() is from_logits=False");
        Dense dense = Dense.of(25, "relu");
        assertEquals(25, dense.units());
        assertEquals(Activation.RELU, dense.activation());
        FitOptions defaults = FitOptions.defaults();
        assertEquals(32, defaults.batchSize());
        assertEquals(1, defaults.verbose());
        assertTrue(defaults.shuffle());
        try (CompiledModel net = CompiledModel.compile(Sequential.of(Dense.of(1)), new MeanSquaredError())) {
            assertInstanceOf(RMSprop.class, net.optimizer(), "Keras' compile defaults to rmsprop");
            assertEquals(1e-3, net.optimizer().learningRate());
        }
    }

    @Test
    void compileWithoutAnOptimiserTakesOneRmspropStep() {
        // one full-batch step of RMSprop(1e-3) from v = 0 moves each weight by lr g / sqrt(0.1 g^2 + eps)
        float[][] x = {{1, 2}, {3, -1}};
        float[][] y = {{4}, {2}};
        Sequential model = Sequential.builder().add(Dense.of(1)).optInputShape(2).optSeed(1).build();
        model.weights().set(0, new LayerWeights("dense_1", new float[][] {{0.5f}, {-0.25f}}, new float[] {0.1f}));
        double[] g = new double[3]; // dJ/d(w1, w2, b) of the mean squared error, by hand
        for (int i = 0; i < 2; i++) {
            double f = 0.5 * x[i][0] - 0.25 * x[i][1] + 0.1;
            double d = 2 * (f - y[i][0]) / 2;
            g[0] += d * x[i][0];
            g[1] += d * x[i][1];
            g[2] += d;
        }
        try (CompiledModel net = CompiledModel.compile(model, new MeanSquaredError())) {
            net.fit(x, y, 1, 2);
            LayerWeights w = model.weights().get(0);
            double[] before = {0.5, -0.25, 0.1};
            double[] after = {w.kernel()[0][0], w.kernel()[1][0], w.bias()[0]};
            for (int k = 0; k < 3; k++) {
                double step = 1e-3 * g[k] / Math.sqrt(0.1 * g[k] * g[k] + 1e-7);
                assertEquals(before[k] - step, after[k], 1e-6, "parameter " + k);
            }
        }
    }

    @Test
    void fitWithEpochsAndBatchSizeNeedsNoBuilder() {
        Examples blobs = Synthetic.blobs(400, 3);
        float[][] x = blobs.featureRows();
        int[] y = blobs.labels();
        try (CompiledModel net = CompiledModel.compile(
                Sequential.of(Dense.of(8, "relu"), Dense.of(4)), new SparseCategoricalCrossentropy(true), new Adam(0.02))) {
            History h = quietly(() -> net.fit(x, y, 3));
            assertEquals(3, h.size());
            History more = quietly(() -> net.fit(x, y, 2, 400));
            assertEquals(2, more.size());
            assertTrue(net.evaluate(x, y).accuracy() > 0.5, "it learns");
        }
        double[][] xd = {{0, 1}, {1, 0}, {1, 1}, {0, 0}};
        double[][] yd = {{1}, {1}, {2}, {0}};
        try (CompiledModel net = CompiledModel.compile(Sequential.of(Dense.of(1)), new MeanSquaredError(), new SGD(0.1))) {
            assertEquals(4, quietly(() -> net.fit(xd, yd, 4, 2)).size());
        }
    }

    @Test
    void fitPrintsOneLinePerEpochUnlessVerboseIsZero() {
        Examples blobs = Synthetic.blobs(200, 4);
        try (CompiledModel net = CompiledModel.compile(
                Sequential.of(Dense.of(4)), new SparseCategoricalCrossentropy(true), new Adam(0.01))) {
            String printed = captured(() -> net.fit(blobs, FitOptions.epochs(3)));
            String[] lines = printed.strip().split("\n");
            assertEquals(3, lines.length, printed);
            for (int e = 1; e <= 3; e++) {
                assertTrue(lines[e - 1].startsWith("Epoch " + e + "/3 - loss: "), lines[e - 1]);
                assertTrue(lines[e - 1].contains(" - accuracy: "), lines[e - 1]);
            }
            String silent = captured(() -> net.fit(blobs, FitOptions.builder().optEpochs(3).optVerbose(0).build()));
            assertEquals("", silent);
        }
    }

    @Test
    void convolutionalModelsFitPlainRows() {
        // a model whose examples are (1, 12): flat rows of 12 train exactly as the shaped ones
        java.util.Random r = new java.util.Random(8);
        float[][] rows = new float[64][12];
        int[] labels = new int[64];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 12; j++) {
                rows[i][j] = (float) r.nextGaussian();
            }
            labels[i] = rows[i][0] + rows[i][11] > 0 ? 1 : 0;
        }
        Examples flat = Examples.of(rows, labels);
        Examples shaped = flat.withFeatureShape(1, 12);
        double[] fromRows = trainConv(flat);
        double[] fromShaped = trainConv(shaped);
        assertArrayEquals(fromShaped, fromRows, 0, "the same weights");
    }

    private static double[] trainConv(Examples data) {
        Sequential model = Sequential.builder()
                .add(Conv1D.of(2, 3, 1, Activation.RELU)).add(Flatten.of()).add(Dense.of(2))
                .optInputShape(1, 12).optSeed(3).build();
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(0.01))) {
            net.fit(data, FitOptions.builder().optEpochs(2).optSeed(3).optVerbose(0).optValidationSplit(0.25).build());
            assertEquals(net.evaluate(data.withFeatureShape(1, 12)).loss(), net.evaluate(data).loss(), 0);
            return model.parameters().snapshot();
        }
    }

    @Test
    void aSavedModelKeepsItsOptimiserSettings(@TempDir Path dir) throws IOException {
        try (CompiledModel net = CompiledModel.compile(
                Sequential.builder().add(Dense.of(2)).optInputShape(3).optSeed(1).build(),
                new MeanSquaredError(), new RMSprop(0.005, 0.8, 0.5, 1e-6))) {
            net.save(dir);
        }
        try (CompiledModel back = CompiledModel.load(dir)) {
            RMSprop rmsprop = assertInstanceOf(RMSprop.class, back.optimizer());
            assertEquals(0.005, rmsprop.learningRate());
            assertEquals(0.8, rmsprop.rho());
            assertEquals(0.5, rmsprop.momentum());
            assertEquals(1e-6, rmsprop.epsilon());
        }
    }

    private static <T> T quietly(java.util.function.Supplier<T> run) {
        PrintStream old = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return run.get();
        } finally {
            System.setOut(old);
        }
    }

    private static String captured(Runnable run) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Standardizer;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.callback.Callback;
import dev.nntrain.train.callback.TrainingCheckpoint;
import dev.nntrain.train.callback.TrainingContext;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.metric.Evaluation;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.optimizer.GradientDescent;
import dev.nntrain.train.optimizer.Optimizer;
import dev.nntrain.train.tune.Tuner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A compiled model's life as an application sees it: input scaling that travels with the model,
 * closing, two compiles of one model, what predictClasses refuses, and resuming like Keras'
 * BackupAndRestore.
 */
class CompiledModelLifecycleTest {

    @TempDir
    Path tmp;

    /** z = x1 + 2 x2 - 1, one output. */
    private static Sequential line() {
        Sequential model = Sequential.builder().add(Dense.of(1)).optInputShape(2).optSeed(1).build();
        model.weights().set(0, new LayerWeights("dense", new float[][] {{1}, {2}}, new float[] {-1}));
        return model;
    }

    /**
     * The optimiser's state put back: Adam counts one step per batch, so two batches of two make
     * 2 steps an epoch (counted by hand). After a second epoch (4 steps) the copy taken after the
     * first puts the count and the moments back, and the next epoch ends at 4 again, not 6; freed,
     * the next fit starts from step 0 as a first fit does.
     */
    @Test
    void anOptimiserStateCopyPutsTheMomentsAndStepCountBack() {
        Examples data = Examples.of(new float[][] {{1, 0}, {0, 1}, {1, 1}, {2, 1}}, new float[][] {{1}, {2}, {3}, {4}});
        FitOptions epoch = FitOptions.builder().optEpochs(1).optBatchSize(2).optShuffle(false).optVerbose(0).build();
        try (CompiledModel net = CompiledModel.compile(line(), new MeanSquaredError(), new Adam(0.1))) {
            assertEquals(null, net.optimizerStateCopy(), "no state before the first fit");
            net.fit(data, epoch);
            Optimizer.Updater.State afterOne = net.optimizerStateCopy();
            assertEquals(2, afterOne.steps());
            net.fit(data, epoch);
            assertEquals(4, net.optimizerStateCopy().steps());
            net.restoreOptimizerState(afterOne);
            Optimizer.Updater.State restored = net.optimizerStateCopy();
            assertEquals(2, restored.steps());
            for (int i = 0; i < afterOne.arrays().size(); i++) {
                assertArrayEquals(afterOne.arrays().get(i), restored.arrays().get(i), "moment " + i);
            }
            net.fit(data, epoch);
            assertEquals(4, net.optimizerStateCopy().steps(), "the restored count goes on from 2");
            net.restoreOptimizerState(null);
            assertEquals(null, net.optimizerStateCopy(), "freed");
            assertThrows(IllegalStateException.class, () -> net.restoreOptimizerState(afterOne));
            net.fit(data, epoch);
            assertEquals(2, net.optimizerStateCopy().steps(), "a fresh state, as a first fit has");
        }
    }

    /**
     * With mean (200, 14) and variance (400, 1), the raw roast (220, 15) is (1, 1) standardised, so
     * z = 1 + 2 - 1 = 2, worked out by hand; the same after saving and loading, on the engine,
     * and in evaluate's loss ((2 - 0.5)^2 = 2.25).
     */
    @Test
    void aModelsInputScalingIsAppliedEverywhereAndTravelsWithIt() throws IOException {
        Standardizer scaling = Standardizer.of(new float[] {200, 14}, new float[] {400, 1});
        float[][] raw = {{220, 15}};
        Path dir = tmp.resolve("scaled");
        try (CompiledModel net = CompiledModel.compile(line(), new MeanSquaredError(), new Adam())) {
            net.setInputScaling(scaling);
            assertEquals(2, net.predict(raw)[0][0], 1e-6);
            assertEquals(2.25, net.evaluate(raw, new float[][] {{0.5f}}).loss(), 1e-5);
            net.save(dir);
        }
        try (CompiledModel loaded = CompiledModel.load(dir)) {
            assertTrue(loaded.inputScaling().isPresent());
            assertEquals(2, loaded.predict(raw)[0][0], 1e-6, "a loaded model scales as the saved one did");
            assertEquals(2.25, loaded.evaluate(raw, new float[][] {{0.5f}}).loss(), 1e-5);
            try (NDManager scope = loaded.model().manager().newSubManager()) {
                NDArray x = scope.create(new float[] {220, 15, 200, 14}, new Shape(2, 2));
                assertArrayEquals(new float[] {2, -1}, loaded.predict(x).toFloatArray(), 1e-6f, "on the engine");
                float[][] rows = {{233.7f, 13.21f}, {151.3f, 15.49f}};
                NDArray batch = scope.create(new float[] {233.7f, 13.21f, 151.3f, 15.49f}, new Shape(2, 2));
                float[] onEngine = loaded.predict(batch).toFloatArray();
                assertEquals(loaded.predict(rows)[0][0], onEngine[0], 0, "the same scaling as the rows get");
                assertEquals(loaded.predict(rows)[1][0], onEngine[1], 0);
            }
            dev.nntrain.InvalidInputException wide = assertThrows(dev.nntrain.InvalidInputException.class,
                    () -> loaded.predict(new float[][] {{1, 2, 3}}));
            assertEquals("row 0 has 3 feature values but the model expects 2 (input shape (2,))", wide.getMessage());
            loaded.setInputScaling(null);
            assertEquals(220 + 30 - 1, loaded.predict(raw)[0][0], 1e-3, "no scaling: the raw values");
        }
    }

    @Test
    void aClosedModelIsRefusedInsteadOfRebuiltFromItsSeed() {
        Sequential model = Sequential.of(Dense.of(3, Activation.RELU), Dense.of(2));
        float[][] x = {{0, 1}, {1, 0}, {1, 1}, {0, 0}};
        int[] y = {1, 1, 0, 0};
        try (CompiledModel first = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam())) {
            first.fit(x, y, FitOptions.builder().optEpochs(2).optVerbose(0).build());
        }
        assertTrue(model.isClosed());
        IllegalStateException compile = assertThrows(IllegalStateException.class,
                () -> CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(1e-4)));
        assertTrue(compile.getMessage().contains("closed"), compile.getMessage());
        IllegalStateException build = assertThrows(IllegalStateException.class, () -> model.build(2));
        assertTrue(build.getMessage().contains("closed"), build.getMessage());
        assertThrows(IllegalStateException.class, () -> model.save(tmp.resolve("never")));
        assertFalse(tmp.resolve("never").toFile().exists());
    }

    @Test
    void theSavedModelRecordsTheLossOfTheCompileThatSavedIt() throws IOException {
        Sequential shared = Sequential.builder().add(Dense.of(1)).optInputShape(2).optSeed(1).build();
        CompiledModel classifier = CompiledModel.compile(shared, new BinaryCrossentropy(true), new Adam());
        CompiledModel regression = CompiledModel.compile(shared, new MeanSquaredError(), new GradientDescent(0.1));
        assertEquals("mean_squared_error", shared.properties().get("loss"), "the last compile's, until a save");
        classifier.save(tmp.resolve("classifier"));
        regression.save(tmp.resolve("regression"));
        try (CompiledModel a = CompiledModel.load(tmp.resolve("classifier"));
                CompiledModel b = CompiledModel.load(tmp.resolve("regression"))) {
            assertEquals("binary_crossentropy", a.loss().name());
            assertTrue(a.loss().fromLogits());
            assertEquals("Adam", a.optimizer().name());
            assertEquals("mean_squared_error", b.loss().name());
        }
        shared.close();
    }

    @Test
    void predictClassesRefusesModelsWithoutOneClassPerExample() {
        try (CompiledModel regression = CompiledModel.compile(line(), new MeanSquaredError(), new Adam())) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> regression.predictClasses(new float[][] {{1, 1}}));
            assertTrue(e.getMessage().contains("use predict"), e.getMessage());
        }
        Sequential threeQuestions = Sequential.builder().add(Dense.of(3)).optInputShape(2).optSeed(1).build();
        try (CompiledModel multiLabel = CompiledModel.compile(threeQuestions, new BinaryCrossentropy(true), new Adam())) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> multiLabel.predictClasses(new float[][] {{1, 1}}));
            assertTrue(e.getMessage().contains("3 yes/no questions"), e.getMessage());
        }
    }

    /**
     * The conversions from outputs give what the predict methods give, worked out by hand: logits
     * (0, ln 3) are probabilities (1/4, 3/4) and class 1; a single logit of 1e-9 is class 1 even
     * though its sigmoid rounds to 0.5f; a row of the wrong width is named.
     */
    @Test
    void outputsConvertToProbabilitiesAndClassesAsPredictDoes() {
        Sequential softmax = Sequential.builder().add(Dense.of(2)).optInputShape(1).optSeed(1).build();
        // z = (0, ln 3) for x = 1
        softmax.weights().set(0, new LayerWeights("dense", new float[][] {{0, (float) Math.log(3)}}, new float[] {0, 0}));
        try (CompiledModel net = CompiledModel.compile(softmax, new SparseCategoricalCrossentropy(true), new Adam())) {
            float[][] outputs = net.predict(new float[][] {{1}});
            float[][] p = net.probabilitiesFromOutputs(outputs);
            assertArrayEquals(new float[] {0.25f, 0.75f}, p[0], 1e-6f);
            assertArrayEquals(net.predictProbabilities(new float[][] {{1}})[0], p[0]);
            assertArrayEquals(new int[] {1, 0}, net.classesFromOutputs(new float[][] {{0, 1.1f}, {2, -3}}));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.probabilitiesFromOutputs(new float[][] {{0, 1}, {0, 1, 2}}));
            assertTrue(e.getMessage().contains("outputs[1] has 3 values; the model outputs 2"), e.getMessage());
        }
        try (CompiledModel net = CompiledModel.compile(line(), new BinaryCrossentropy(true), new Adam())) {
            float[][] tiny = {{1e-9f}, {-1e-9f}};
            assertArrayEquals(new int[] {1, 0}, net.classesFromOutputs(tiny));
            assertEquals(0.5f, net.probabilitiesFromOutputs(tiny)[0][0]);
        }
        try (CompiledModel regression = CompiledModel.compile(line(), new MeanSquaredError(), new Adam())) {
            float[][] values = {{2.5f}};
            assertArrayEquals(values[0], regression.probabilitiesFromOutputs(values)[0]);
            assertThrows(IllegalStateException.class, () -> regression.classesFromOutputs(values));
        }
    }

    private static Examples points() {
        float[][] x = new float[64][2];
        int[] y = new int[64];
        java.util.Random r = new java.util.Random(4);
        for (int i = 0; i < x.length; i++) {
            x[i][0] = (float) r.nextGaussian();
            x[i][1] = (float) r.nextGaussian();
            y[i] = x[i][0] + x[i][1] > 0 ? 1 : 0;
        }
        return Examples.of(x, y);
    }

    private static CompiledModel classifier() {
        return CompiledModel.compile(Sequential.builder().add(Dense.of(4, Activation.RELU)).add(Dense.of(2)).optSeed(3).build(),
                new SparseCategoricalCrossentropy(true), new Adam(0.01));
    }

    /**
     * One fit configuration for the first run and for every run after a crash, as with Keras'
     * BackupAndRestore: no checkpoint yet means a fresh start; an unseeded fit goes on with the
     * seed it drew, so it ends where the uninterrupted fit with that seed ends.
     */
    @Test
    void resumingStartsAfreshWithoutACheckpointAndKeepsTheSeedItDrew() {
        Examples data = points();
        Path dir = tmp.resolve("backup");
        Callback crash = new Callback() {
            @Override
            public void onEpochBegin(int epoch, TrainingContext context) {
                if (epoch == 3) {
                    throw new IllegalStateException("crash");
                }
            }
        };
        try (CompiledModel net = classifier()) {
            assertThrows(IllegalStateException.class, () -> net.fit(data, FitOptions.builder().optEpochs(5).optVerbose(0)
                    .optResumeFrom(dir).addCallback(new TrainingCheckpoint(dir, 1)).addCallback(crash).build()));
        }
        long drawn = Checkpoint.read(dir).fit().seed();
        double[] expected;
        try (CompiledModel net = classifier()) {
            net.fit(data, FitOptions.builder().optEpochs(5).optVerbose(0).optSeed(drawn).build());
            expected = net.model().parameters().snapshot();
        }
        try (CompiledModel net = classifier()) {
            History h = net.fit(data, FitOptions.builder().optEpochs(5).optVerbose(0)
                    .optResumeFrom(dir).addCallback(new TrainingCheckpoint(dir, 1)).build());
            assertEquals(5, h.size());
            assertArrayEquals(expected, net.model().parameters().snapshot(), 0.0);
        }
    }

    /** Double rows give what their float values give, and the classifier fits a chart's function type. */
    @Test
    void doubleRowsAreTheirFloatValues() {
        double[][] points = {{0.25, -1.5}, {2, 3}, {-1, 0.5}, {1, -1}};
        float[][] floats = {{0.25f, -1.5f}, {2, 3}, {-1, 0.5f}, {1, -1}};
        int[] labels = {0, 1, 0, 1};
        try (CompiledModel net = CompiledModel.compile(
                Sequential.builder().add(Dense.of(2)).optInputShape(2).optSeed(2).build(),
                new SparseCategoricalCrossentropy(true), new Adam())) {
            assertArrayEquals(net.predict(floats)[1], net.predict(points)[1], 0f);
            assertArrayEquals(net.predictProbabilities(floats)[2], net.predictProbabilities(points)[2], 0f);
            assertArrayEquals(net.predictClasses(floats), net.predictClasses(points));
            assertEquals(net.evaluate(floats, labels).loss(), net.evaluate(points, labels).loss(), 0);
            java.awt.image.BufferedImage chart = dev.nntrain.plot.DecisionCharts.regions(points, labels, net::predictClasses);
            assertTrue(chart.getWidth() > 0);
        }
    }

    /** Roasts-like rows: temperature 150-285 and duration 11.5-15.5, good in a band, as the course's. */
    private static Examples roasts(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[][] x = new float[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = 150 + 135 * r.nextFloat();
            x[i][1] = 11.5f + 4 * r.nextFloat();
            y[i] = x[i][0] > 200 && x[i][0] < 260 && x[i][1] > 12.5 && x[i][1] < 14.5 ? 1 : 0;
        }
        return Examples.of(x, y);
    }

    /**
     * The validation metrics a fit reports for a scaled model are evaluate's on the same raw rows:
     * scaled once, not twice. The oracle is evaluate after the fit, whose scaling the first test
     * holds to hand-computed values.
     */
    @Test
    void aScaledModelsValidationMetricsAreEvaluatesOnTheSameRows() {
        Examples train = roasts(200, 1);
        Examples validation = roasts(50, 2);
        for (boolean split : new boolean[] {false, true}) {
            try (CompiledModel net = CompiledModel.compile(
                    Sequential.builder().add(Dense.of(6, Activation.RELU)).add(Dense.of(2)).optSeed(4).build(),
                    new SparseCategoricalCrossentropy(true), new Adam(0.01))) {
                net.setInputScaling(Standardizer.fit(train));
                FitOptions.Builder options = FitOptions.builder().optEpochs(3).optVerbose(0).optSeed(5);
                History h = net.fit(train, split ? options.optValidationSplit(0.25).build()
                        : options.optValidationData(validation).build());
                Evaluation after = net.evaluate(split ? train.slice(150, 200) : validation);
                assertEquals(after.loss(), h.last().valLoss(), 1e-6, "split " + split);
                assertEquals(after.accuracy(), h.last().valAccuracy(), 0, "split " + split);
            }
        }
    }

    /**
     * The thread trials train a copy of the model: it must see the rows scaled as the model does.
     * Raw values near 1e20 square past a float's range in the squared error, so a copy trained on
     * raw rows diverges at its first step.
     */
    @Test
    void theThreadTrialsScaleTheRowsAsTheModelDoes() {
        java.util.Random r = new java.util.Random(3);
        float[][] x = new float[256][2];
        float[][] y = new float[256][1];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = (float) (1e20 * (1 + r.nextDouble()));
            x[i][1] = (float) (1e20 * r.nextDouble());
            y[i][0] = (float) (x[i][0] / 1e20 - x[i][1] / 1e20);
        }
        Examples huge = Examples.of(x, y);
        try (CompiledModel net = CompiledModel.compile(
                Sequential.builder().add(Dense.of(4, Activation.RELU)).add(Dense.of(1)).optInputShape(2).optSeed(4).build(),
                new MeanSquaredError(), new Adam(0.01))) {
            net.setInputScaling(Standardizer.fit(huge));
            assertTrue(Tuner.threads(net, huge, 32) >= 1);
            assertTrue(Double.isFinite(net.fit(huge, FitOptions.builder().optEpochs(1).optVerbose(0).build()).last().loss()));
        }
    }

    /** A compile that saves records its own scaling, not another compile's of the same model. */
    @Test
    void theSavedScalingIsTheSavingCompiles() throws IOException {
        Sequential shared = Sequential.builder().add(Dense.of(1)).optInputShape(2).optSeed(1).build();
        CompiledModel scaled = CompiledModel.compile(shared, new MeanSquaredError(), new Adam());
        CompiledModel plain = CompiledModel.compile(shared, new MeanSquaredError(), new Adam());
        scaled.setInputScaling(Standardizer.of(new float[] {200, 14}, new float[] {400, 1}));
        plain.save(tmp.resolve("plain"));
        scaled.save(tmp.resolve("scaled"));
        try (CompiledModel a = CompiledModel.load(tmp.resolve("plain")); CompiledModel b = CompiledModel.load(tmp.resolve("scaled"))) {
            assertFalse(a.inputScaling().isPresent());
            assertTrue(b.inputScaling().isPresent());
        }
        shared.close();
    }

    /** A checkpoint folder that exists but holds no checkpoint yet (made ahead, or a first save killed) starts afresh. */
    @Test
    void anEmptyCheckpointFolderStartsAfresh() throws IOException {
        Path dir = java.nio.file.Files.createDirectories(tmp.resolve("empty"));
        try (CompiledModel net = classifier()) {
            History h = net.fit(points(), FitOptions.builder().optEpochs(2).optVerbose(0).optSeed(1).optResumeFrom(dir)
                    .addCallback(new TrainingCheckpoint(dir, 1)).build());
            assertEquals(2, h.size());
        }
        assertEquals(2, Checkpoint.read(dir).epoch());
    }
}

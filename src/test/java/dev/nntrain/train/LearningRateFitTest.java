package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.callback.Callback;
import dev.nntrain.train.callback.LearningRateSchedule;
import dev.nntrain.train.callback.LearningRateScheduler;
import dev.nntrain.train.callback.ReduceLROnPlateau;
import dev.nntrain.train.callback.TrainingCheckpoint;
import dev.nntrain.train.callback.TrainingContext;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.optimizer.GradientDescent;
import dev.nntrain.train.optimizer.Optimizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Fits whose learning rate changes: against plain-Java references with the same per-epoch rates
 * (gradient descent and the textbook Adam on a linear unit, whose gradient has a closed form), the
 * written-out path against DJL's autograd, and a fit stopped after any epoch and resumed against
 * the one that never stopped.
 */
class LearningRateFitTest {

    @TempDir
    Path tmp;

    private static final float[][] X = {{1, 2}, {3, -1}, {-2, 0.5f}, {0.5f, 1.5f}};
    private static final float[][] Y = {{4}, {2}, {-1}, {3}};
    private static final double[] START = {0.5, -0.25, 0.1}; // w1, w2, b

    /** f = w1 x1 + w2 x2 + b in double, from START. */
    private static CompiledModel line(Optimizer optimizer, boolean written) {
        Sequential model = Sequential.builder().add(Dense.of(1)).optInputShape(2).optSeed(1)
                .optDataType(DataType.FLOAT64).build();
        model.weights().set(0, new LayerWeights("dense_1", new float[][] {{(float) START[0]}, {(float) START[1]}},
                new float[] {(float) START[2]}));
        CompiledModel net = CompiledModel.compile(model, new MeanSquaredError(), optimizer);
        net.setWrittenBackpropAllowed(written);
        return net;
    }

    private static double[] weights(CompiledModel net) {
        LayerWeights w = net.model().weights().get(0);
        return new double[] {w.kernel()[0][0], w.kernel()[1][0], w.bias()[0]};
    }

    /** dJ/d(w1, w2, b) of J = (1/m) sum (f - y)^2 over rows [from, to). */
    private static double[] gradient(double[] w, int from, int to) {
        double[] g = new double[3];
        for (int i = from; i < to; i++) {
            double d = 2 * (w[0] * X[i][0] + w[1] * X[i][1] + w[2] - Y[i][0]) / (to - from);
            g[0] += d * X[i][0];
            g[1] += d * X[i][1];
            g[2] += d;
        }
        return g;
    }

    /**
     * Gradient descent under step decay, one full batch per epoch: w -= (0.1 * 0.5^floor(e / 2))
     * dJ/dw, computed in plain Java; the history records each epoch's rate.
     */
    @Test
    void gradientDescentUnderStepDecayIsThePlainJavaDescent() {
        double[] w = START.clone();
        double[] rates = new double[6];
        for (int e = 0; e < 6; e++) {
            rates[e] = 0.1 * Math.pow(0.5, Math.floor(e / 2.0));
            double[] g = gradient(w, 0, X.length);
            for (int k = 0; k < 3; k++) {
                w[k] -= rates[e] * g[k];
            }
        }
        for (boolean written : new boolean[] {true, false}) {
            try (CompiledModel net = line(new GradientDescent(0.1), written)) {
                History h = net.fit(X, Y, FitOptions.builder().optEpochs(6).optBatchSize(4).optShuffle(false).optVerbose(0)
                        .addCallback(LearningRateScheduler.of(LearningRateSchedule.stepDecay(0.1, 2, 0.5))).build());
                assertEquals(written, net.usesWrittenBackprop());
                assertArrayEquals(w, weights(net), 2e-7, "written-out path: " + written); // LayerWeights reads floats
                assertArrayEquals(rates, h.learningRate(), 0);
                assertArrayEquals(rates, h.get("learning_rate"), 0);
                assertEquals(0.1, net.optimizer().learningRate(), "the compiled rate stays as compiled");
            }
        }
    }

    /**
     * Adam under cosine decay, two batches per epoch: Adam.textbookStep with each epoch's rate,
     * its moments and step count carried across the changes, on both gradient paths.
     */
    @Test
    void adamUnderCosineDecayIsTheTextbookAdamOnBothPaths() {
        LearningRateSchedule cosine = LearningRateSchedule.cosineDecay(0.05, 5, 0.001);
        double[] w = START.clone();
        double[] m = new double[3];
        double[] v = new double[3];
        long t = 0;
        for (int e = 0; e < 7; e++) {
            // 0.001 + 0.049 (1 + cos(pi min(e, 5) / 5)) / 2, written out again
            double rate = 0.001 + 0.049 * (1 + Math.cos(Math.PI * Math.min(e, 5) / 5)) / 2;
            Adam atRate = new Adam(rate);
            for (int b = 0; b < 2; b++) {
                atRate.textbookStep(w, gradient(w, 2 * b, 2 * b + 2), m, v, ++t);
            }
        }
        double[][] paths = new double[2][];
        for (int p = 0; p < 2; p++) {
            try (CompiledModel net = line(new Adam(0.05), p == 0)) {
                net.fit(X, Y, FitOptions.builder().optEpochs(7).optBatchSize(2).optShuffle(false).optVerbose(0)
                        .addCallback(LearningRateScheduler.of(cosine)).build());
                paths[p] = weights(net);
                assertArrayEquals(w, paths[p], 2e-7, p == 0 ? "written-out path" : "autograd path");
            }
        }
    }

    /** 240 noisy points of 3 classes in 4 dimensions. */
    private static Examples blobs() {
        Random r = new Random(5);
        float[][] x = new float[240][4];
        int[] y = new int[240];
        for (int i = 0; i < 240; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i][j] = (float) (r.nextGaussian() + (j % 3 == i % 3 ? 1.5 : 0));
            }
        }
        return Examples.of(x, y);
    }

    private static CompiledModel mlp(boolean written) {
        Sequential model = Sequential.builder().addAll(Dense.of(8, Activation.RELU), Dense.of(3)).optSeed(7).build();
        CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(0.02));
        net.setWrittenBackpropAllowed(written);
        return net;
    }

    /**
     * A plateau that never ends (min_delta 10): the first epoch is the best, then patience 1 with
     * cooldown 2 halves the rate after epochs 2, 4 and 6; epochs 3 and 5 are cooldown.
     */
    private static ReduceLROnPlateau halving() {
        return ReduceLROnPlateau.builder().optFactor(0.5).optPatience(1).optMinDelta(10).optCooldown(2).build();
    }

    private static FitOptions.Builder plateauFit() {
        return FitOptions.builder().optEpochs(7).optBatchSize(16).optSeed(3).optValidationSplit(0.25).optVerbose(0)
                .addCallback(halving());
    }

    @Test
    void theWrittenOutAndAutogradPathsAgreeUnderReduceLrOnPlateau() {
        double[] rates = {0.02, 0.02, 0.01, 0.01, 0.005, 0.005, 0.0025};
        History[] h = new History[2];
        double[][] params = new double[2][];
        for (int p = 0; p < 2; p++) {
            try (CompiledModel net = mlp(p == 0)) {
                h[p] = net.fit(blobs(), plateauFit().build());
                assertEquals(p == 0, net.usesWrittenBackprop());
                params[p] = net.model().parameters().snapshot();
            }
            assertArrayEquals(rates, h[p].learningRate(), 1e-15);
        }
        assertArrayEquals(h[0].loss(), h[1].loss(), 1e-5);
        assertArrayEquals(params[0], params[1], 1e-5);
    }

    /**
     * Stopped after any epoch, in a cooldown or not, and resumed, the fit has the uninterrupted
     * fit's rates, losses and parameters: the rate and ReduceLROnPlateau's best, wait and cooldown
     * counter come back from the checkpoint.
     */
    @Test
    void reduceLrOnPlateauResumesAsTheUninterruptedFit() {
        assertResumesAfterEveryEpoch(LearningRateFitTest::plateauFit);
    }

    /** A schedule of the current rate (0.8 of it every epoch) goes on from the saved rate, not the compiled one. */
    @Test
    void aScheduleOfTheCurrentRateResumesFromTheSavedRate() {
        assertResumesAfterEveryEpoch(() -> FitOptions.builder().optEpochs(7).optBatchSize(16).optSeed(3).optVerbose(0)
                .addCallback(LearningRateScheduler.of((epoch, rate) -> epoch == 0 ? rate : rate * 0.8)));
    }

    private void assertResumesAfterEveryEpoch(Supplier<FitOptions.Builder> fit) {
        Examples data = blobs();
        History expected;
        double[] expectedParams;
        try (CompiledModel net = mlp(true)) {
            expected = net.fit(data, fit.get().build());
            expectedParams = net.model().parameters().snapshot();
        }
        assertTrue(Arrays.stream(expected.learningRate()).distinct().count() >= 3, Arrays.toString(expected.learningRate()));
        for (int k = 1; k < 7; k++) {
            Path dir = tmp.resolve("after-" + k + "-" + System.nanoTime());
            try (CompiledModel net = mlp(true)) {
                int stop = k;
                assertThrows(CheckpointResumeTest.Crash.class, () -> net.fit(data, fit.get().addCallback(new TrainingCheckpoint(dir, 1))
                        .addCallback(CheckpointResumeTest.crashAfter(stop)).build()));
            }
            try (CompiledModel net = mlp(true)) {
                History h = net.fit(data, fit.get().optResumeFrom(dir).build());
                assertArrayEquals(expected.learningRate(), h.learningRate(), 0, "rates, stopped after epoch " + k);
                assertArrayEquals(expected.loss(), h.loss(), 0, "losses, stopped after epoch " + k);
                assertArrayEquals(expectedParams, net.model().parameters().snapshot(), 0, "parameters, stopped after epoch " + k);
            }
        }
    }

    @Test
    void aFitResumedWithAnotherScheduleIsRefused() {
        Examples data = blobs();
        Path dir = tmp.resolve("step");
        FitOptions.Builder first = FitOptions.builder().optEpochs(2).optBatchSize(16).optSeed(3).optVerbose(0)
                .addCallback(LearningRateScheduler.of(LearningRateSchedule.stepDecay(0.02, 1, 0.5)));
        try (CompiledModel net = mlp(true)) {
            net.fit(data, first.addCallback(new TrainingCheckpoint(dir, 1)).build());
        }
        try (CompiledModel net = mlp(true)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> net.fit(data, FitOptions.builder()
                    .optEpochs(4).optBatchSize(16).optSeed(3).optVerbose(0).optResumeFrom(dir)
                    .addCallback(LearningRateScheduler.of(LearningRateSchedule.exponentialDecay(0.02, 0.5))).build()));
            assertTrue(e.getMessage().contains("[LearningRateScheduler(schedule=stepDecay(initial=0.02, every=1, factor=0.5))]"
                    + " (this fit: [LearningRateScheduler(schedule=exponentialDecay(initial=0.02, decayRate=0.5))])"), e.getMessage());
        }
    }

    /** As in Keras, the optimiser keeps the rate a fit left it at; the model file records the compiled one. */
    @Test
    void theNextFitGoesOnAtTheRateTheLastLeft() throws Exception {
        try (CompiledModel net = mlp(true)) {
            History first = net.fit(blobs(), FitOptions.builder().optEpochs(3).optVerbose(0)
                    .addCallback(LearningRateScheduler.of(LearningRateSchedule.exponentialDecay(0.02, 0.5))).build());
            assertEquals(0.005, first.last().learningRate(), 1e-15);
            History second = net.fit(blobs(), FitOptions.builder().optEpochs(1).optVerbose(0).build());
            assertEquals(0.005, second.last().learningRate(), 1e-15);
            Path saved = tmp.resolve("model");
            net.save(saved);
            try (Sequential loaded = Sequential.load(saved)) {
                assertEquals("0.02", loaded.properties().get("learning_rate"));
            }
        }
    }

    @Test
    void aCallbackSettingABadRateIsRefusedNamingIt() {
        try (CompiledModel net = mlp(true)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> net.fit(blobs(),
                    FitOptions.builder().optEpochs(1).optVerbose(0).addCallback(new Callback() {
                        @Override
                        public void onEpochBegin(int epoch, TrainingContext context) {
                            context.setLearningRate(-0.5);
                        }
                    }).build()));
            assertEquals("learning rate must be a positive finite number, got -0.5", e.getMessage());
        }
    }

    /** Keras' verbose line shows learning_rate where it changed: epochs 3 and 5 of a halving every 2. */
    @Test
    void theEpochLineShowsTheRateWhereItChanged() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (CompiledModel net = mlp(true)) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            net.fit(blobs(), FitOptions.builder().optEpochs(5).optVerbose(1)
                    .addCallback(LearningRateScheduler.of(LearningRateSchedule.stepDecay(0.02, 2, 0.5))).build());
        } finally {
            System.setOut(stdout);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(5, lines.length, Arrays.toString(lines));
        String[] shown = {null, null, "learning_rate: 0.0100", null, "learning_rate: 0.0050"};
        for (int e = 0; e < 5; e++) {
            assertEquals(shown[e] != null, lines[e].contains("learning_rate"), lines[e]);
            if (shown[e] != null) {
                assertTrue(lines[e].contains(" - " + shown[e] + " - "), lines[e]);
            }
        }
    }
}

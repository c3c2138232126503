package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.callback.EarlyStopping;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A regression's training mean absolute error per epoch (Keras' {@code mae}): the mean of
 * {@code |f(x) - y|} over every output of the epoch's batches, each batch measured with the
 * weights it was trained from, as Keras' running metric is.
 */
class TrainingMaeTest {

    @TempDir
    Path tmp;

    /** f = w x + b from w = 0.5, b = 0 on y = x² / 10, trained by plain gradient descent. */
    private static CompiledModel line(double learningRate, boolean written) {
        CompiledModel net = ValidationSplitTest.line(learningRate);
        net.setWrittenBackpropAllowed(written);
        return net;
    }

    /**
     * By hand: at w = 0.5, b = 0 the residuals {@code 0.5 i - i²/10} for i = 0..9 are 0, .4, .6,
     * .6, .4, 0, -.6, -1.4, -2.4, -3.6, absolute sum 10, so one full batch measures 1.0. The
     * step (alpha = 0.01) then moves w by {@code -0.01 (2/10) sum r_i i = -0.002 (-60) = +0.12}
     * and b by {@code -0.01 (2/10) sum r_i = -0.002 (-6) = +0.012}; at w = 0.62, b = 0.012 the
     * second epoch's absolute residuals .012, .532, .852, .972, .892, .612, .132, .548, 1.428,
     * 2.508 sum to 8.488.
     */
    @ParameterizedTest(name = "written backprop {0}")
    @ValueSource(booleans = {true, false})
    void oneFullBatchMeasuresTheWeightsItStartsFrom(boolean written) {
        try (CompiledModel net = line(0.01, written)) {
            History h = net.fit(ValidationSplitTest.tenPoints(), FitOptions.builder().optEpochs(2).optBatchSize(10).optShuffle(false)
                    .optVerbose(0).build());
            assertEquals(written, net.usesWrittenBackprop());
            assertEquals(1.0, h.meanAbsoluteError()[0], 1e-6, "epoch 1 at w = 0.5, b = 0");
            assertEquals(0.8488, h.meanAbsoluteError()[1], 1e-5, "epoch 2 after one step");
            assertTrue(h.last().format().contains(" - mae: 0.8488"), h.last().format());
            assertTrue(Double.isNaN(h.accuracy()[0]), "a regression has no accuracy");
            assertTrue(Double.isNaN(h.valMeanAbsoluteError()[0]), "no validation data, no val_mae");
        }
    }

    /**
     * Batches of four without shuffling: the epoch's mae averages every batch's outputs, each
     * predicted before that batch's step. The oracle is the same loop written in plain Java.
     */
    @Test
    void severalBatchesAverageTheOutputsAsEachWasPredicted() {
        double w = 0.5;
        double b = 0;
        double alpha = 0.01;
        double[] expected = new double[3];
        for (int epoch = 0; epoch < 3; epoch++) {
            double absolute = 0;
            for (int start = 0; start < 10; start += 4) {
                int end = Math.min(10, start + 4);
                double gw = 0;
                double gb = 0;
                for (int i = start; i < end; i++) {
                    double r = w * i + b - i * i / 10.0;
                    absolute += Math.abs(r);
                    gw += 2 * r * i / (end - start);
                    gb += 2 * r / (end - start);
                }
                w -= alpha * gw;
                b -= alpha * gb;
            }
            expected[epoch] = absolute / 10;
        }
        try (CompiledModel net = line(alpha, true)) {
            History h = net.fit(ValidationSplitTest.tenPoints(), FitOptions.builder().optEpochs(3).optBatchSize(4).optShuffle(false)
                    .optVerbose(0).build());
            for (int e = 0; e < 3; e++) {
                assertEquals(expected[e], h.meanAbsoluteError()[e], 1e-5, "epoch " + (e + 1));
            }
        }
    }

    /** Two targets per example: the mean runs over both outputs of every example. */
    @Test
    void severalOutputsAreAveragedTogether() {
        float[][] x = {{1, 0}, {0, 1}, {1, 1}, {2, -1}, {-1, 3}};
        float[][] y = {{1, 2}, {0, -1}, {3, 1}, {-2, 0.5f}, {4, 4}};
        try (CompiledModel net = CompiledModel.compile(
                Sequential.builder().addAll(Dense.of(3, Activation.TANH), Dense.of(2)).optInputShape(2).optSeed(4).build(),
                new MeanSquaredError(), new Adam(0.01))) {
            float[][] before = net.predict(x); // the weights the single full batch is measured with
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < 2; j++) {
                    sum += Math.abs(before[i][j] - y[i][j]);
                }
            }
            History h = net.fit(x, y, FitOptions.builder().optEpochs(1).optBatchSize(5).optVerbose(0).build());
            assertEquals(sum / 10, h.meanAbsoluteError()[0], 1e-5);
        }
    }

    @Test
    void aClassifierHasNoMaeAndCannotMonitorIt() {
        float[][] x = {{0, 1}, {1, 0}, {1, 1}, {0, 0}};
        int[] labels = {0, 1, 1, 0};
        try (CompiledModel net = CompiledModel.compile(
                Sequential.builder().add(Dense.of(2)).optInputShape(2).optSeed(1).build(),
                new SparseCategoricalCrossentropy(true), new Adam())) {
            History h = net.fit(x, labels, FitOptions.builder().optEpochs(1).optVerbose(0).build());
            assertTrue(Double.isNaN(h.meanAbsoluteError()[0]));
            assertFalse(h.last().format().contains("mae"), h.last().format());
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> net.fit(x, labels,
                    FitOptions.builder().optEpochs(1).optVerbose(0).addCallback(new EarlyStopping("mae", 1, 0, false)).build()));
            assertTrue(e.getMessage().contains("mae is a regression's metric") && e.getMessage().contains("monitor loss or accuracy"),
                    e.getMessage());
        }
    }

    @Test
    void aRegressionCanStopEarlyOnItsTrainingMaeUnlessItIsNotMeasured() {
        try (CompiledModel net = line(0.01, true)) {
            // gradient descent from w = 0.5 lowers the error every epoch at this rate: no stop
            History h = net.fit(ValidationSplitTest.tenPoints(), FitOptions.builder().optEpochs(3).optBatchSize(10).optVerbose(0)
                    .addCallback(new EarlyStopping("mae", 1, 0, false)).build());
            assertEquals(3, h.size(), Arrays.toString(h.meanAbsoluteError()));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> net.fit(ValidationSplitTest.tenPoints(),
                    FitOptions.builder().optEpochs(1).optVerbose(0).optTrainAccuracy(false)
                            .addCallback(new EarlyStopping("mae", 1, 0, false)).build()));
            assertTrue(e.getMessage().contains("does not measure the training mean absolute error"), e.getMessage());
            History unmeasured = net.fit(ValidationSplitTest.tenPoints(), FitOptions.builder().optEpochs(1).optVerbose(0).optTrainAccuracy(false).build());
            assertTrue(Double.isNaN(unmeasured.meanAbsoluteError()[0]));
        }
    }

    /**
     * A checkpoint written before the training mae was recorded (format 2, by the previous
     * release: the fixture's fit of 4 epochs stopped after epoch 2) still resumes: its epochs have
     * no mae, the epochs trained now have one, and the losses are the ones that release printed
     * for the same fit run without a stop.
     */
    @Test
    void aFormatTwoCheckpointResumes() throws IOException {
        Path dir = tmp.resolve("format2");
        Files.createDirectories(dir);
        for (String name : new String[] {"model.json", "parameters-d12f61bf3882adfb.params", "training-f2695befe96c3804.bin"}) {
            try (InputStream in = TrainingMaeTest.class.getResourceAsStream("checkpoint-format2/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        assertEquals(2, Checkpoint.read(dir).epoch());
        Sequential model = Sequential.builder().addAll(Dense.of(4, Activation.RELU), Dense.of(1)).optInputShape(2).optSeed(5).build();
        try (CompiledModel net = CompiledModel.compile(model, new MeanSquaredError(), new Adam(0.01))) {
            History h = net.fit(CheckpointFormat3Test.data(), FitOptions.builder().optEpochs(4).optBatchSize(8).optSeed(9).optVerbose(0)
                    .optValidationSplit(0.25).optResumeFrom(dir).build());
            double[] releaseLoss = {1.3937602996826173, 1.2883504231770833, 1.1961626688639322, 1.111847178141276};
            double[] releaseValMae = {0.4929454982280731, 0.4841734394431114, 0.46866112351417544, 0.4544477343559265};
            for (int e = 0; e < 4; e++) {
                assertEquals(releaseLoss[e], h.loss()[e], 1e-6, "loss, epoch " + (e + 1));
                assertEquals(releaseValMae[e], h.valMeanAbsoluteError()[e], 1e-6, "val_mae, epoch " + (e + 1));
            }
            assertTrue(Double.isNaN(h.meanAbsoluteError()[0]) && Double.isNaN(h.meanAbsoluteError()[1]),
                    "format 2 recorded no training mae: " + Arrays.toString(h.meanAbsoluteError()));
            assertTrue(h.meanAbsoluteError()[2] > 0 && h.meanAbsoluteError()[3] > 0, Arrays.toString(h.meanAbsoluteError()));
        }
    }
}

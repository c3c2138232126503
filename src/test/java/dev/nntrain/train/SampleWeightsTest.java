package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.callback.TrainingCheckpoint;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.GradientDescent;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Keras' {@code sample_weight}: each example's loss weighed by its own weight. The oracles are
 * other data, not other code: with full-batch gradient descent, {@code sum_i w_i L_i / m} with
 * whole weights is the plain mean loss of a batch of the same size in which example i appears
 * {@code w_i} times, so the weighted fit must end where the repeated rows' fit ends; class weights
 * on top multiply by hand; weights of held-out rows change nothing.
 */
class SampleWeightsTest {

    @TempDir
    Path tmp;

    private static final float[][] X = {{1, 0}, {0, 1}, {1, 1}, {2, -1}, {-1, 2}, {0.5f, 0.5f}};
    private static final float[][] Y = {{1}, {2}, {2.5f}, {0}, {3}, {1}};
    private static final int[] LABELS = {0, 1, 2, 0, 1, 2};

    private static Sequential regression() {
        return Sequential.builder().addAll(Dense.of(4, Activation.RELU), Dense.of(1)).optInputShape(2).optSeed(7).build();
    }

    private static Sequential classifier() {
        return Sequential.builder().addAll(Dense.of(5, Activation.RELU), Dense.of(3)).optInputShape(2).optSeed(7).build();
    }

    /** Trains with full batches of {@code data.size()}, in order; returns the parameters. */
    private static double[] fit(Sequential model, Loss loss, Examples data, FitOptions.Builder options, boolean written) {
        try (CompiledModel net = CompiledModel.compile(model, loss, new GradientDescent(0.05))) {
            net.setWrittenBackpropAllowed(written);
            net.fit(data, options.optEpochs(20).optBatchSize(data.size()).optShuffle(false).optSeed(3).optVerbose(0).build());
            return net.model().parameters().snapshot();
        }
    }

    private static Examples rows(int... which) {
        float[][] x = new float[which.length][];
        float[][] y = new float[which.length][];
        for (int i = 0; i < which.length; i++) {
            x[i] = X[which[i]];
            y[i] = Y[which[i]];
        }
        return Examples.of(x, y);
    }

    /**
     * Weights 2, 1, 0, 1, 1, 1 over six rows train as rows 0, 0, 1, 3, 4, 5: six rows either way,
     * so the same divisor, row 2 gone, row 0 twice. On the written-out and the autograd paths.
     */
    @ParameterizedTest(name = "written-out backward: {0}")
    @ValueSource(booleans = {true, false})
    void wholeWeightsTrainAsRepeatedRows(boolean written) {
        double[] weighted = fit(regression(), new MeanSquaredError(), rows(0, 1, 2, 3, 4, 5),
                FitOptions.builder().optSampleWeights(new double[] {2, 1, 0, 1, 1, 1}), written);
        double[] repeated = fit(regression(), new MeanSquaredError(), rows(0, 0, 1, 3, 4, 5), FitOptions.builder(), written);
        double[] unweighted = fit(regression(), new MeanSquaredError(), rows(0, 1, 2, 3, 4, 5), FitOptions.builder(), written);
        assertArrayEquals(repeated, weighted, 1e-6);
        assertTrue(maxDifference(unweighted, weighted) > 1e-3, "the weights changed the fit");
    }

    /** Class weights on top of sample weights: the products, worked out here, as sample weights alone. */
    @Test
    void classWeightsMultiplyTheSampleWeights() {
        double[] own = {0.5, 2, 1, 3, 0.25, 1};
        Map<Integer, Double> byClass = Map.of(0, 4.0, 2, 0.5); // class 1 weighs 1
        double[] product = new double[own.length];
        for (int i = 0; i < own.length; i++) {
            product[i] = own[i] * byClass.getOrDefault(LABELS[i], 1.0);
        }
        Examples data = Examples.of(X, LABELS);
        double[] both = fit(classifier(), new SparseCategoricalCrossentropy(true), data,
                FitOptions.builder().optSampleWeights(own).optClassWeights(byClass), true);
        double[] alone = fit(classifier(), new SparseCategoricalCrossentropy(true), data,
                FitOptions.builder().optSampleWeights(product), true);
        assertArrayEquals(alone, both, 1e-6);
    }

    /**
     * A validation split holds out the last rows with their weights: a weight of 1000 there changes
     * nothing, and the fit equals one on the first rows alone with their weights.
     */
    @Test
    void theHeldOutRowsWeightsAreNotUsed() {
        Examples data = rows(0, 1, 2, 3, 4, 5);
        double[] small = fit(regression(), new MeanSquaredError(), data,
                FitOptions.builder().optValidationSplit(1.0 / 3).optSampleWeights(new double[] {3, 1, 2, 1, 1, 1}), true);
        double[] large = fit(regression(), new MeanSquaredError(), data,
                FitOptions.builder().optValidationSplit(1.0 / 3).optSampleWeights(new double[] {3, 1, 2, 1, 1000, 1000}), true);
        assertArrayEquals(small, large, 0.0);
        try (CompiledModel net = CompiledModel.compile(regression(), new MeanSquaredError(), new GradientDescent(0.05))) {
            // the first four rows as one batch of four, as the split's fit takes them
            net.fit(rows(0, 1, 2, 3), FitOptions.builder().optEpochs(20).optBatchSize(4).optShuffle(false).optSeed(3)
                    .optVerbose(0).optSampleWeights(new double[] {3, 1, 2, 1}).build());
            assertArrayEquals(net.model().parameters().snapshot(), small, 0.0);
        }
    }

    @Test
    void badWeightsAreRefusedNamingThem() {
        InvalidInputException negative = assertThrows(InvalidInputException.class,
                () -> FitOptions.builder().optSampleWeights(new double[] {1, -0.5}));
        assertEquals("sample weight -0.5 of example 1: expected a finite number of at least 0", negative.getMessage());
        assertThrows(InvalidInputException.class, () -> FitOptions.builder().optSampleWeights(new double[] {Double.NaN}));
        assertThrows(InvalidInputException.class,
                () -> FitOptions.builder().optSampleWeights(new double[] {Double.POSITIVE_INFINITY}));
        try (CompiledModel net = CompiledModel.compile(regression(), new MeanSquaredError(), new GradientDescent(0.05))) {
            InvalidInputException length = assertThrows(InvalidInputException.class, () -> net.fit(rows(0, 1, 2),
                    FitOptions.builder().optVerbose(0).optSampleWeights(new double[] {1, 1}).build()));
            assertEquals("sample weights: 2 weights for 3 training examples; expected one per example", length.getMessage());
            InvalidInputException zero = assertThrows(InvalidInputException.class, () -> net.fit(rows(0, 1),
                    FitOptions.builder().optVerbose(0).optSampleWeights(new double[] {0, 0}).build()));
            assertTrue(zero.getMessage().contains("every training example the weight 0"), zero.getMessage());
        }
    }

    /**
     * A checkpoint records the weights' CRC-32C (worked out here from the floats' big-endian bytes);
     * a resumed fit with other weights is refused naming them; with the same ones it ends where a
     * fit that never stopped ends.
     */
    @Test
    void aCheckpointRecordsTheWeightsAndRefusesOthers() {
        Examples data = rows(0, 1, 2, 3, 4, 5);
        double[] weights = {1, 2, 0.5, 1, 1, 3};
        Path dir = tmp.resolve("weighted");
        try (CompiledModel net = CompiledModel.compile(regression(), new MeanSquaredError(), new GradientDescent(0.05))) {
            net.fit(data, FitOptions.builder().optEpochs(1).optSeed(3).optVerbose(0).optSampleWeights(weights)
                    .addCallback(new TrainingCheckpoint(dir, 1)).build());
        }
        CRC32C crc = new CRC32C();
        ByteBuffer bytes = ByteBuffer.allocate(weights.length * Float.BYTES);
        for (double w : weights) {
            bytes.putFloat((float) w);
        }
        crc.update(bytes.flip());
        assertEquals(crc.getValue(), Checkpoint.read(dir).fit().sampleWeights());
        try (CompiledModel net = CompiledModel.compile(regression(), new MeanSquaredError(), new GradientDescent(0.05))) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> net.fit(data,
                    FitOptions.builder().optEpochs(2).optSeed(3).optVerbose(0).optResumeFrom(dir).build()));
            assertTrue(e.getMessage().contains("sample weights checksum " + Long.toHexString(crc.getValue()) + " (this fit: none)"),
                    e.getMessage());
            History resumed = net.fit(data, FitOptions.builder().optEpochs(2).optSeed(3).optVerbose(0).optResumeFrom(dir)
                    .optSampleWeights(weights).build());
            assertEquals(2, resumed.epochs().size());
            try (CompiledModel whole = CompiledModel.compile(regression(), new MeanSquaredError(), new GradientDescent(0.05))) {
                // the run that never stopped: the resumed one goes on with the same weights, bit for bit
                History h = whole.fit(data, FitOptions.builder().optEpochs(2).optSeed(3).optVerbose(0)
                        .optSampleWeights(weights).build());
                assertArrayEquals(h.loss(), resumed.loss(), 0.0);
                assertArrayEquals(whole.model().parameters().snapshot(), net.model().parameters().snapshot(), 0.0);
            }
        }
    }

    private static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}

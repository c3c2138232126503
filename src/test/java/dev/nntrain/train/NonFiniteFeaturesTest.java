package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.data.Standardizer;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.tune.LearningRateFinder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A NaN or infinite feature is refused before any step, naming the example and the value, as a
 * NaN target is: a fit would otherwise end in a diverged loss blamed on the learning rate, and an
 * evaluation in a NaN loss. The bad value is put at a known place by hand; the message must name
 * that place.
 */
class NonFiniteFeaturesTest {

    /** Twenty examples of three features, 0.1 * (i + j), labels alternating 0 and 1. */
    private static float[][] rows() {
        float[][] x = new float[20][3];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = 0.1f * (i + j);
            }
        }
        return x;
    }

    private static int[] labels() {
        int[] y = new int[20];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 2;
        }
        return y;
    }

    private static double[][] wide(float[][] x) {
        double[][] d = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            d[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                d[i][j] = x[i][j];
            }
        }
        return d;
    }

    private static CompiledModel classifier() {
        return CompiledModel.compile(Sequential.builder().add(Dense.of(2)).optSeed(1).build(),
                new SparseCategoricalCrossentropy(true), new Adam());
    }

    private static FitOptions.Builder options() {
        return FitOptions.builder().optEpochs(1).optBatchSize(4).optSeed(1).optVerbose(0);
    }

    private static void refused(String expected, Executable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void everyFitOverloadRefusesANonFiniteFeatureBeforeAnyStep() {
        float[][] nan = rows();
        nan[5][1] = Float.NaN;
        float[][] inf = rows();
        inf[7][2] = Float.POSITIVE_INFINITY;
        float[][] targets = new float[20][1];
        try (CompiledModel net = classifier()) {
            refused("training data: feature NaN of example 5 (at index 1 of 3) is not finite",
                    () -> net.fit(nan, labels(), options().build()));
            refused("training data: feature Infinity of example 7 (at index 2 of 3) is not finite",
                    () -> net.fit(inf, labels(), 1));
            refused("training data: feature NaN of example 5 (at index 1 of 3) is not finite",
                    () -> net.fit(wide(nan), labels(), options().build()));
            refused("training data: feature NaN of example 5 (at index 1 of 3) is not finite",
                    () -> net.fit(Examples.of(nan, labels()), options().build()));
            assertFalse(net.model().isBuilt(), "refused before the model was built, so before any step");
        }
        try (CompiledModel net = CompiledModel.compile(Sequential.builder().add(Dense.of(1)).optSeed(1).build(),
                new MeanSquaredError(), new Adam())) {
            refused("training data: feature Infinity of example 7 (at index 2 of 3) is not finite",
                    () -> net.fit(inf, targets, options().build()));
            refused("training data: feature Infinity of example 7 (at index 2 of 3) is not finite",
                    () -> net.fit(wide(inf), wide(targets), 1, 4));
        }
    }

    @Test
    void anNdArrayFitToo() {
        float[] flat = new float[20 * 3];
        flat[3 * 3 + 2] = Float.NEGATIVE_INFINITY;
        try (CompiledModel net = classifier(); NDManager manager = NDManager.newBaseManager();
                NDArray x = manager.create(flat, new Shape(20, 3));
                NDArray y = manager.create(labels())) {
            refused("training data: feature -Infinity of example 3 (at index 2 of 3) is not finite",
                    () -> net.fit(x, y, options().build()));
        }
    }

    /** The 25% validation split is examples 15 to 19: example 18 is named as the caller counts it. */
    @Test
    void validationDataAndAValidationSplitToo() {
        float[][] nan = rows();
        nan[18][0] = Float.NaN;
        float[][] validation = rows();
        validation[1][2] = Float.NaN;
        try (CompiledModel net = classifier()) {
            refused("training data: feature NaN of example 18 (at index 0 of 3) is not finite",
                    () -> net.fit(nan, labels(), options().optValidationSplit(0.25).build()));
            refused("validation data: feature NaN of example 1 (at index 2 of 3) is not finite",
                    () -> net.fit(rows(), labels(),
                            options().optValidationData(Examples.of(validation, labels())).build()));
        }
    }

    @Test
    void evaluateRefusesRatherThanReturningNan() {
        float[][] nan = rows();
        nan[4][0] = Float.NaN;
        try (CompiledModel net = classifier()) {
            net.fit(rows(), labels(), options().build());
            refused("evaluation data: feature NaN of example 4 (at index 0 of 3) is not finite",
                    () -> net.evaluate(nan, labels()));
            refused("evaluation data: feature NaN of example 4 (at index 0 of 3) is not finite",
                    () -> net.evaluate(wide(nan), labels()));
        }
    }

    /** Standardising keeps a NaN a NaN: a model that scales its inputs refuses it the same way. */
    @Test
    void aModelThatScalesItsInputsToo() {
        float[][] nan = rows();
        nan[5][1] = Float.NaN;
        try (CompiledModel net = classifier()) {
            net.setInputScaling(Standardizer.of(new double[] {1, 1, 1}, new double[] {4, 4, 4}));
            refused("training data: feature NaN of example 5 (at index 1 of 3) is not finite",
                    () -> net.fit(nan, labels(), options().build()));
        }
    }

    @Test
    void theLearningRateRangeTestToo() {
        float[][] nan = rows();
        nan[13][1] = Float.NaN;
        try (CompiledModel net = classifier()) {
            refused("training data: feature NaN of example 13 (at index 1 of 3) is not finite",
                    () -> LearningRateFinder.builder().optSteps(5).optBatchSize(4).build()
                            .find(net, Examples.of(nan, labels())));
        }
    }
}

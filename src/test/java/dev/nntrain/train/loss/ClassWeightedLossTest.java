package dev.nntrain.train.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import dev.nntrain.InvalidInputException;
import dev.nntrain.engine.EngineScalars;
import dev.nntrain.engine.Engines;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

/**
 * A loss weighted per example, as Keras' {@code class_weight} weighs it, against PyTorch: {@code
 * sum_i w_i L_i / m} and its gradient with respect to the outputs, for each classification loss
 * from logits and from probabilities, through autograd on {@link Loss#compute(NDArray, NDArray,
 * NDArray)} and through the written-out gradient and its running loss sum. The numbers come from
 * {@code src/test/resources/dev/nntrain/train/class_weights.py} (PyTorch 1.13, float64), which
 * uses {@code F.cross_entropy(z, y, weight=w, reduction='none').sum() / m}: torch's {@code
 * reduction='mean'} would divide by the weights' sum, Keras divides by the batch size.
 */
class ClassWeightedLossTest {

    private static final double TOLERANCE = 1e-12;

    // a batch of 4 examples of 3 classes, classes 0, 2, 1, 2 with class weights {0: 1, 1: 5, 2: 0.5}
    private static final double[] LOGITS = {1.5, -0.5, 0.25, 0.2, 0.1, -1.0, -0.3, 2.0, 0.7, 0.0, 0.4, -0.2};
    private static final double[] PROBABILITIES = {0.7, 0.2, 0.1, 0.5, 0.3, 0.2, 0.05, 0.9, 0.05, 0.2, 0.3, 0.5};
    private static final float[] CLASSES = {0, 2, 1, 2};
    private static final float[] ONE_HOT = {1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1};
    private static final double[] WEIGHTS = {1, 0.5, 5, 0.5};

    // 5 examples with one sigmoid output, classes 1, 0, 0, 1, 1 with class weights {0: 3, 1: 0.25}
    private static final double[] BINARY_LOGITS = {0.8, -1.2, 0.1, 2.5, -0.4};
    private static final double[] BINARY_PROBABILITIES = {0.7, 0.2, 0.55, 0.9, 0.4};
    private static final float[] BITS = {1, 0, 0, 1, 1};
    private static final double[] BINARY_WEIGHTS = {0.25, 3, 3, 0.25, 0.25};

    static Stream<Arguments> cases() {
        double ceLogits = 0.9075839079393664;
        double[] ceLogitsGrad = {-0.07417150599455652, 0.023795799037293747, 0.050375706957262734, 0.056662832165709845,
            0.05127065075542582, -0.10793348292113565, 0.09129109078830727, -0.3394460039783678, 0.2481549131900606,
            0.0377580142851383, 0.05632833824446122, -0.09408635252959952};
        double ceProbs = 0.5086925171812217;
        double[] ceProbsGrad = {-0.1071428571428571, 0.25000000000000006, 0.25000000000000006, 0.125, 0.125, -0.5, 1.25,
            -0.13888888888888884, 1.25, 0.125, 0.125, -0.125};
        return Stream.of(
                Arguments.of("sparse CE from logits", new SparseCategoricalCrossentropy(true), LOGITS, 3, CLASSES, 1,
                        WEIGHTS, ceLogits, ceLogitsGrad),
                Arguments.of("CE from logits", new CategoricalCrossentropy(true), LOGITS, 3, ONE_HOT, 3, WEIGHTS, ceLogits,
                        ceLogitsGrad),
                Arguments.of("sparse CE from probabilities", new SparseCategoricalCrossentropy(false), PROBABILITIES, 3,
                        CLASSES, 1, WEIGHTS, ceProbs, ceProbsGrad),
                Arguments.of("CE from probabilities", new CategoricalCrossentropy(false), PROBABILITIES, 3, ONE_HOT, 3,
                        WEIGHTS, ceProbs, ceProbsGrad),
                Arguments.of("BCE from logits", new BinaryCrossentropy(true), BINARY_LOGITS, 1, BITS, 1, BINARY_WEIGHTS,
                        0.6727577590789753, new double[] {-0.015501275943619375, 0.13888512990058946, 0.31498751248736406,
                            -0.0037929090010621726, -0.0299343830056226}),
                Arguments.of("BCE from probabilities", new BinaryCrossentropy(false), BINARY_PROBABILITIES, 1, BITS, 1,
                        BINARY_WEIGHTS, 0.6819070580927246, new double[] {-0.07142857142857144, 0.7500000000000001,
                            1.3333333333333337, -0.05555555555555556, -0.125}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void weightedLossAndGradientMatchPyTorch(String name, Loss loss, double[] output, int k, float[] targets, int width,
            double[] weights, double expected, double[] expectedGradient) {
        Engines.prepareThread();
        int m = output.length / k;
        try (NDManager scope = NDManager.newBaseManager();
                EngineScalars scalars = new EngineScalars(scope, DataType.FLOAT64)) {
            loss.validateTargets(targets, width, k);
            NDArray t = loss.targets(scope, targets, m, width, k, DataType.FLOAT64);
            NDArray w = scope.create(weights, new Shape(m, 1));
            NDArray out = scope.create(output, new Shape(m, k));
            out.setRequiresGradient(true);
            double value;
            try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                NDArray j = loss.compute(out, t, w);
                value = j.getDouble();
                collector.backward(j);
            }
            assertEquals(expected, value, TOLERANCE, name + ": loss");
            assertArrayEquals(expectedGradient, out.getGradient().toDoubleArray(), TOLERANCE, name + ": dJ/doutput (autograd)");
            if (loss.hasWrittenGradient()) {
                NDArray lossSum = scope.zeros(new Shape(), DataType.FLOAT64);
                NDArray fresh = scope.create(output, new Shape(m, k));
                double[] written = loss.writtenGradient(fresh, t, new Loss.Batch(m, k), lossSum, scalars, w).toDoubleArray();
                assertArrayEquals(expectedGradient, written, TOLERANCE, name + ": dJ/doutput (written-out)");
                // the epoch's loss is the running sum over examples times terms per example
                assertEquals(expected, lossSum.getDouble() / ((long) m * loss.termsPerExample(k)), TOLERANCE,
                        name + ": loss from the written-out sum");
            }
        }
    }

    /** Weights of 1 are no weights: the per-example terms add up to the loss compute gives. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void unitWeightsGiveTheUnweightedLoss(String name, Loss loss, double[] output, int k, float[] targets, int width) {
        Engines.prepareThread();
        int m = output.length / k;
        try (NDManager scope = NDManager.newBaseManager()) {
            NDArray t = loss.targets(scope, targets, m, width, k, DataType.FLOAT64);
            NDArray out = scope.create(output, new Shape(m, k));
            NDArray ones = scope.ones(new Shape(m, 1), DataType.FLOAT64);
            assertEquals(loss.compute(out, t).getDouble(), loss.compute(out, t, ones).getDouble(), TOLERANCE, name);
        }
    }

    @Test
    void meanSquaredErrorTakesExampleWeightsToo() {
        // two examples of two outputs: (1/2) * (2 * (1 + 4) / 2 + 0.5 * (0 + 9) / 2) = 3.625
        Engines.prepareThread();
        try (NDManager scope = NDManager.newBaseManager()) {
            Loss mse = new MeanSquaredError();
            NDArray out = scope.create(new double[] {1, 2, 3, 3}, new Shape(2, 2));
            NDArray t = scope.create(new double[] {0, 0, 3, 0}, new Shape(2, 2));
            NDArray w = scope.create(new double[] {2, 0.5}, new Shape(2, 1));
            assertEquals(3.625, mse.compute(out, t, w).getDouble(), TOLERANCE);
        }
    }

    @Test
    void classesAreReadAsKerasReadsThem() {
        assertArrayEquals(new int[] {0, 2, 1, 2}, new SparseCategoricalCrossentropy(true).classes(CLASSES, 1, 3));
        assertArrayEquals(new int[] {0, 2, 1, 2}, new CategoricalCrossentropy(true).classes(ONE_HOT, 3, 3));
        // a soft row's argmax, the first of equal values (NumPy's argmax)
        assertArrayEquals(new int[] {1, 0}, new CategoricalCrossentropy(true).classes(new float[] {0.2f, 0.7f, 0.1f,
            0.4f, 0.4f, 0.2f}, 3, 3));
        // NumPy's round: half to even, so 0.5 is class 0 and 0.51 class 1
        assertArrayEquals(new int[] {1, 0, 0, 1}, new BinaryCrossentropy(true).classes(new float[] {1, 0, 0.5f, 0.51f}, 1, 1));
        assertEquals(2, new BinaryCrossentropy(true).classCount(1));
        assertEquals(3, new SparseCategoricalCrossentropy(true).classCount(3));
    }

    @Test
    void classesAreRefusedWithoutOneClassPerExample() {
        InvalidInputException regression = assertThrows(InvalidInputException.class,
                () -> new MeanSquaredError().classes(new float[] {0.5f}, 1, 1));
        assertTrue(regression.getMessage().contains("regression"), regression.getMessage());
        InvalidInputException multiLabel = assertThrows(InvalidInputException.class,
                () -> new BinaryCrossentropy(true).classes(new float[] {0, 1, 1, 0}, 2, 2));
        assertTrue(multiLabel.getMessage().contains("multi-label"), multiLabel.getMessage());
    }
}

package dev.nntrain.backprop;

import static dev.nntrain.backprop.TensorGradientCheck.between;
import static dev.nntrain.backprop.TensorGradientCheck.check;
import static dev.nntrain.backprop.TensorGradientCheck.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LossesTest {

    /** (rows, cols): one example, one output, a wider batch. */
    private static final int[][] SHAPES = {{1, 1}, {1, 4}, {3, 1}, {5, 3}};

    private final Random random = new Random(2024);

    // ---------------------------------------------------------------- closed forms

    @Test
    void softmaxCrossEntropyIsTheMeanOfMinusLogTheLabelsProbability() {
        Tensor logits = Tensor.of(2, 3, 1, 2, 3, 0, 0, 0);
        double total = Math.exp(1) + Math.exp(2) + Math.exp(3);
        double expected = (-Math.log(Math.exp(3) / total) - Math.log(1.0 / 3)) / 2;
        assertEquals(expected, Losses.softmaxCrossEntropy(logits, new int[] {2, 1}).item(), 1e-12);
    }

    @Test
    void binaryCrossEntropyFromLogitsIsTheLogisticLossOfTheSigmoid() {
        Tensor logits = Tensor.of(1, 2, 0, 2);
        double sigmoidOf2 = 1 / (1 + Math.exp(-2));
        double expected = (-Math.log(0.5) - Math.log(1 - sigmoidOf2)) / 2;
        assertEquals(expected, Losses.binaryCrossEntropyFromLogits(logits, new double[] {1, 0}).item(), 1e-12);
    }

    @Test
    void binaryCrossEntropyFromLogitsAveragesOverEveryOutputForMultiLabel() {
        // The course's multi-label example: y = [1, 0, 1] for car, bus, pedestrian; two images.
        Tensor logits = Tensor.of(2, 3, 1, -1, 2, 0.5, 0.5, -3);
        double[] targets = {1, 0, 1, 0, 1, 1};
        double sum = 0;
        for (int i = 0; i < targets.length; i++) {
            double p = 1 / (1 + Math.exp(-logits.data()[i]));
            sum += -targets[i] * Math.log(p) - (1 - targets[i]) * Math.log(1 - p);
        }
        assertEquals(sum / 6, Losses.binaryCrossEntropyFromLogits(logits, targets).item(), 1e-12);
    }

    @Test
    void binaryCrossEntropyFromProbabilities() {
        Tensor p = Tensor.of(2, 1, 0.9, 0.2);
        double expected = (-Math.log(0.9) - Math.log(0.8)) / 2;
        assertEquals(expected, Losses.binaryCrossEntropy(p, new double[] {1, 0}).item(), 1e-12);
    }

    @Test
    void binaryCrossEntropyClipsProbabilitiesLikeKeras() {
        // p = 0 for a positive example and p = 1 for a negative one would be infinite; Keras
        // clips to [1e-7, 1 - 1e-7], giving -log(1e-7) ≈ 16.118 each.
        Tensor p = Tensor.of(1, 2, 0, 1);
        Tensor loss = Losses.binaryCrossEntropy(p, new double[] {1, 0});
        assertEquals(-Math.log(1e-7), loss.item(), 1e-6);
        assertEquals(16.11809565, loss.item(), 1e-6);
        loss.backward();
        assertArrayEquals(new double[] {0, 0}, p.grad(), "the clip passes no gradient");
    }

    @Test
    void sparseCategoricalCrossEntropyFromProbabilities() {
        Tensor p = Tensor.of(2, 3, 0.2, 0.7, 0.1, 0.5, 0.25, 0.25);
        double expected = (-Math.log(0.7) - Math.log(0.5)) / 2;
        assertEquals(expected, Losses.sparseCategoricalCrossEntropy(p, new int[] {1, 0}).item(), 1e-12);
        Tensor certainAndWrong = Tensor.of(1, 2, 1, 0);
        assertEquals(-Math.log(1e-7),
                Losses.sparseCategoricalCrossEntropy(certainAndWrong, new int[] {1}).item(), 1e-6);
    }

    @Test
    void meanSquaredErrorIsTheMeanNotHalfOfIt() {
        Tensor predictions = Tensor.of(2, 2, 1, 2, 3, 4);
        double[] targets = {0, 2, 5, 4};
        // Squared errors 1, 0, 4, 0: Keras's mean is 5 / 4 = 1.25; half of it would be 0.625.
        assertEquals(1.25, Losses.meanSquaredError(predictions, targets).item(), 1e-15);
    }

    @Test
    void softmaxThenSparseCrossEntropyEqualsCrossEntropyFromLogits() {
        Tensor logits = Tensor.of(2, 3, 0.5, -1, 2, 1, 1, -0.5);
        int[] labels = {2, 0};
        Tensor direct = Losses.softmaxCrossEntropy(logits, labels);
        direct.backward();
        double[] directGrad = logits.grad();
        Tensor viaProbabilities = Losses.sparseCategoricalCrossEntropy(logits.softmaxRows(), labels);
        viaProbabilities.backward();
        assertEquals(direct.item(), viaProbabilities.item(), 1e-12);
        assertArrayEquals(directGrad, logits.grad(), 1e-12);
    }

    @Test
    void sigmoidThenBinaryCrossEntropyEqualsBinaryCrossEntropyFromLogits() {
        Tensor logits = Tensor.of(2, 2, 0.5, -1, 2, -3);
        double[] targets = {1, 0, 0, 1};
        Tensor direct = Losses.binaryCrossEntropyFromLogits(logits, targets);
        direct.backward();
        double[] directGrad = logits.grad();
        Tensor viaProbabilities = Losses.binaryCrossEntropy(logits.sigmoid(), targets);
        viaProbabilities.backward();
        assertEquals(direct.item(), viaProbabilities.item(), 1e-12);
        assertArrayEquals(directGrad, logits.grad(), 1e-12);
    }

    // ---------------------------------------------------------------- gradients against nudging

    @Test
    void softmaxCrossEntropyGradientMatchesFiniteDifferences() {
        for (int[] s : SHAPES) {
            int[] labels = randomLabels(s[0], s[1]);
            check("softmax cross-entropy " + s[0] + "x" + s[1],
                    t -> Losses.softmaxCrossEntropy(t.get(0), labels), random(random, s[0], s[1], 3));
        }
    }

    @Test
    void binaryCrossEntropyFromLogitsGradientMatchesFiniteDifferences() {
        for (int[] s : SHAPES) {
            double[] targets = randomBits(s[0] * s[1]);
            check("bce from logits " + s[0] + "x" + s[1],
                    t -> Losses.binaryCrossEntropyFromLogits(t.get(0), targets), random(random, s[0], s[1], 3));
        }
    }

    @Test
    void binaryCrossEntropyGradientMatchesFiniteDifferences() {
        for (int[] s : SHAPES) {
            double[] targets = randomBits(s[0] * s[1]);
            check("bce " + s[0] + "x" + s[1],
                    t -> Losses.binaryCrossEntropy(t.get(0), targets), between(random, s[0], s[1], 0.05, 0.95));
        }
    }

    @Test
    void sparseCategoricalCrossEntropyGradientMatchesFiniteDifferences() {
        for (int[] s : SHAPES) {
            int[] labels = randomLabels(s[0], s[1]);
            check("sparse cce " + s[0] + "x" + s[1],
                    t -> Losses.sparseCategoricalCrossEntropy(t.get(0), labels),
                    between(random, s[0], s[1], 0.05, 0.95));
        }
    }

    /** Rows that do not sum to 1, soft targets: the gradient through Keras' renormalisation. */
    @Test
    void categoricalCrossEntropyGradientMatchesFiniteDifferences() {
        for (int[] s : SHAPES) {
            double[] targets = between(random, s[0], s[1], 0, 1).values();
            check("cce " + s[0] + "x" + s[1],
                    t -> Losses.categoricalCrossEntropy(t.get(0), targets), between(random, s[0], s[1], 0.05, 0.95));
        }
    }

    @Test
    void categoricalCrossEntropyRenormalisesEachRowLikeKeras() {
        // Keras: -sum t log clip(p / sum p); the row (0.2, 0.3, 0.5) scaled by 2 gives the same loss
        Tensor p = Tensor.of(1, 3, 0.4, 0.6, 1.0);
        double expected = -(0.25 * Math.log(0.2) + 0.75 * Math.log(0.5));
        assertEquals(expected, Losses.categoricalCrossEntropy(p, new double[] {0.25, 0, 0.75}).item(), 1e-15);
        assertEquals(-Math.log(0.3), Losses.sparseCategoricalCrossEntropy(p, new int[] {1}).item(), 1e-15);
    }

    @Test
    void meanSquaredErrorGradientMatchesFiniteDifferences() {
        for (int[] s : SHAPES) {
            double[] targets = random(random, s[0], s[1], 2).values();
            check("mse " + s[0] + "x" + s[1],
                    t -> Losses.meanSquaredError(t.get(0), targets), random(random, s[0], s[1], 2));
        }
    }

    @Test
    void lossesScaleTheIncomingGradient() {
        // A loss that is not the root: 3 × MSE must give 3 × its gradient.
        Tensor p = Tensor.of(1, 2, 1, 2);
        Losses.meanSquaredError(p, new double[] {0, 0}).mul(Tensor.scalar(3)).backward();
        assertArrayEquals(new double[] {3 * 2 * 1 / 2.0, 3 * 2 * 2 / 2.0}, p.grad(), 1e-15);
    }

    // ---------------------------------------------------------------- stability

    @Test
    void softmaxCrossEntropyIsFiniteForHugeLogits() {
        Tensor logits = Tensor.of(2, 2, 1000, -1000, 1000, -1000);
        Tensor loss = Losses.softmaxCrossEntropy(logits, new int[] {0, 1});
        loss.backward();
        assertEquals(1000, loss.item(), 1e-9, "(0 + 2000) / 2");
        assertArrayEquals(new double[] {0, 0, 0.5, -0.5}, logits.grad(), 1e-12);
    }

    @Test
    void binaryCrossEntropyFromLogitsIsFiniteForHugeLogits() {
        Tensor logits = Tensor.of(1, 4, 1000, -1000, 1000, -1000);
        Tensor loss = Losses.binaryCrossEntropyFromLogits(logits, new double[] {0, 1, 1, 0});
        loss.backward();
        assertEquals(500, loss.item(), 1e-9, "(1000 + 1000 + 0 + 0) / 4");
        assertArrayEquals(new double[] {0.25, -0.25, 0, 0}, logits.grad(), 1e-12);
        for (double g : logits.grad()) {
            assertTrue(Double.isFinite(g));
        }
    }

    // ---------------------------------------------------------------- LossKind and misuse

    @Test
    void lossKindDispatchesToTheLoss() {
        Tensor out = Tensor.of(2, 2, 0.3, 0.7, 0.6, 0.4);
        double[] indices = {1, 0};
        double[] bits = {0, 1, 1, 0};
        assertEquals(Losses.softmaxCrossEntropy(out, new int[] {1, 0}).item(),
                LossKind.SOFTMAX_CROSS_ENTROPY_FROM_LOGITS.compute(out, indices).item());
        assertEquals(Losses.sparseCategoricalCrossEntropy(out, new int[] {1, 0}).item(),
                LossKind.SPARSE_CATEGORICAL_CROSS_ENTROPY.compute(out, indices).item());
        assertEquals(Losses.binaryCrossEntropyFromLogits(out, bits).item(),
                LossKind.BINARY_CROSS_ENTROPY_FROM_LOGITS.compute(out, bits).item());
        assertEquals(Losses.binaryCrossEntropy(out, bits).item(),
                LossKind.BINARY_CROSS_ENTROPY.compute(out, bits).item());
        assertEquals(Losses.meanSquaredError(out, bits).item(),
                LossKind.MEAN_SQUARED_ERROR.compute(out, bits).item());
        assertTrue(LossKind.SOFTMAX_CROSS_ENTROPY_FROM_LOGITS.takesClassIndices());
        assertTrue(!LossKind.MEAN_SQUARED_ERROR.takesClassIndices());
    }

    @Test
    void badTargetsAreReported() {
        Tensor out = Tensor.of(2, 3, new double[6]);
        assertThrows(IllegalArgumentException.class, () -> Losses.softmaxCrossEntropy(out, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> Losses.softmaxCrossEntropy(out, new int[] {0, 3}));
        assertThrows(IllegalArgumentException.class, () -> Losses.meanSquaredError(out, new double[5]));
        assertThrows(IllegalArgumentException.class,
                () -> LossKind.SOFTMAX_CROSS_ENTROPY_FROM_LOGITS.compute(out, new double[] {0, 1.5}));
    }

    // ---------------------------------------------------------------- helpers

    private int[] randomLabels(int rows, int classes) {
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextInt(classes);
        }
        return labels;
    }

    private double[] randomBits(int count) {
        double[] bits = new double[count];
        for (int i = 0; i < count; i++) {
            bits[i] = random.nextBoolean() ? 1 : 0;
        }
        return bits;
    }
}

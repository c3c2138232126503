package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.metric.ConfusionMatrix;
import dev.nntrain.train.metric.Evaluation;
import dev.nntrain.train.metric.MetricTally;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;

/**
 * The metrics of {@code evaluate} on a model whose outputs are its inputs (an identity layer), so
 * that every prediction, and every count, is written into the test by hand.
 */
class EvaluationMetricsTest {

    private static CompiledModel identity(int width, Loss loss) {
        float[][] kernel = new float[width][width];
        for (int j = 0; j < width; j++) {
            kernel[j][j] = 1;
        }
        Sequential model = Sequential.builder().add(Dense.of(width)).optInputShape(width).optSeed(1).build();
        model.weights().set(0, new LayerWeights("dense_1", kernel, new float[width]));
        return CompiledModel.compile(model, loss, new Adam());
    }

    @Test
    void multiLabelOutputsGetBinaryAccuracyAndPrecisionAndRecallPerOutput() {
        // logits of three yes/no questions; yes where the logit is above 0
        float[][] z = {{2, -1, 3}, {-2, 1, 1}, {1, 1, -1}, {-1, -3, 2}};
        float[][] y = {{1, 0, 1}, {1, 1, 0}, {0, 1, 0}, {0, 0, 1}};
        // answers: {1,0,1} {0,1,1} {1,1,0} {0,0,1}; right: 3 + 1 + 2 + 3 = 9 of 12
        // output 0: yes predicted for examples 0 and 2, truly yes for 0 and 1 -> precision 1/2, recall 1/2
        // output 1: predicted 1 and 2, truly 1 and 2 -> 1, 1
        // output 2: predicted 0, 1 and 3, truly 0 and 3 -> 2/3, 1
        try (CompiledModel net = identity(3, new BinaryCrossentropy(true))) {
            Evaluation e = net.evaluate(z, y);
            assertEquals(9 / 12.0, e.binaryAccuracy(), 1e-12);
            assertEquals(e.accuracy(), e.binaryAccuracy(), 1e-12, "the engine's count agrees");
            assertArrayEquals(new double[] {0.5, 1, 2 / 3.0}, e.precision(), 1e-12);
            assertArrayEquals(new double[] {0.5, 1, 1}, e.recall(), 1e-12);
            assertTrue(Double.isNaN(e.meanAbsoluteError()));
        }
    }

    @Test
    void softmaxClassifiersGetPrecisionAndRecallPerClass() {
        // predicted class = the largest logit: 0, 1, 1, 2, 2, 0
        float[][] z = {{3, 1, 0}, {0, 2, 1}, {1, 5, 0}, {0, 0, 1}, {-1, 0, 4}, {2, 1, 1}};
        int[] labels = {0, 1, 2, 2, 1, 1};
        // class 0: predicted for 0 and 5, right once -> precision 1/2; one example of 0 -> recall 1
        // class 1: predicted for 1 and 2, right once -> 1/2; examples 1, 4, 5 -> recall 1/3
        // class 2: predicted for 3 and 4, right once -> 1/2; examples 2, 3 -> recall 1/2
        try (CompiledModel net = identity(3, new SparseCategoricalCrossentropy(true))) {
            Evaluation e = net.evaluate(z, labels);
            assertEquals(3 / 6.0, e.accuracy(), 1e-12);
            assertArrayEquals(new double[] {0.5, 0.5, 0.5}, e.precision(), 1e-12);
            assertArrayEquals(new double[] {1, 1 / 3.0, 0.5}, e.recall(), 1e-12);
            assertTrue(Double.isNaN(e.binaryAccuracy()));
            String table = e.formatPrecisionRecall("class");
            assertTrue(table.contains("0.3333"), table);
        }
    }

    @Test
    void aClassNobodyPredictsHasNoPrecision() {
        float[][] z = {{3, 1}, {2, 1}};
        try (CompiledModel net = identity(2, new SparseCategoricalCrossentropy(true))) {
            Evaluation e = net.evaluate(z, new int[] {0, 1});
            assertTrue(Double.isNaN(e.precision()[1]), "class 1 is never predicted");
            assertEquals(0, e.recall()[1]);
        }
    }

    @Test
    void regressionsGetTheMeanAbsoluteError() {
        float[][] f = {{1, -2}, {0.5f, 4}};
        float[][] y = {{2, -2}, {0, 1}};
        // |1 - 2| + 0 + 0.5 + 3 = 4.5 over 4 outputs
        try (CompiledModel net = identity(2, new MeanSquaredError())) {
            Evaluation e = net.evaluate(f, y);
            assertEquals(4.5 / 4, e.meanAbsoluteError(), 1e-7);
            assertEquals((1 + 0 + 0.25 + 9) / 4.0, e.loss(), 1e-6, "the squared error, for comparison");
            assertTrue(e.format().contains("mean_absolute_error: 1.1250"), e.format());
            assertEquals(0, e.precision().length);
        }
    }

    /**
     * A regression's loss is its mean squared error to the last digit, as the MSE evaluate prints
     * beside it (computed in double on the host). By hand: errors 4097 and 1, squares 16,785,409
     * and 1, mean 8,392,705. In float32 the square 16,785,409 (past 2^24, odd) rounds to
     * 16,785,408 and the mean comes out 8,392,704: the loss was 1 off.
     */
    @Test
    void aRegressionsLossIsItsMeanSquaredErrorInDoubles() {
        float[][] f = {{4097}, {1}};
        float[][] y = {{0}, {0}};
        try (CompiledModel net = identity(1, new MeanSquaredError())) {
            Evaluation e = net.evaluate(f, y);
            assertEquals(8_392_705.0, e.loss(), 0.0);
            assertEquals(2049.0, e.meanAbsoluteError(), 0.0);
            assertEquals("MSE 8392705.0000, MAE 2049.0000, R\u00b2 undefined (all true values equal)",
                    dev.nntrain.plot.RegressionChart.scores(y, f).get(0), "the MSE printed beside the loss");
        }
    }

    @Test
    void confusionMatrixPrecisionAndRecallByHand() {
        ConfusionMatrix m = ConfusionMatrix.of(2, new int[] {0, 0, 0, 1, 1}, new int[] {0, 1, 1, 1, 0});
        // predicted 1 three times, right once: precision 1/3; two examples of 1, one found: recall 1/2
        assertEquals(1 / 3.0, m.precision(1), 1e-12);
        assertEquals(0.5, m.recall(1), 1e-12);
        assertEquals(0.5, m.precision(0), 1e-12);
        assertEquals(1 / 3.0, m.recall(0), 1e-12);
    }

    @Test
    void sixtyFiveThousandClassesAreScoredWithPerClassCounts() {
        // a CSV may have labels up to 65,535: a confusion matrix of 65,536 x 65,536 longs would be
        // 32 GB; per-class counts are three arrays of 65,536
        int classes = 65_536;
        // predicted (the largest output) 65535, 0, 0 for true classes 65535, 65535, 0
        float[] outputs = new float[3 * classes];
        outputs[classes - 1] = 1;
        outputs[classes] = 1;
        outputs[2 * classes] = 1;
        float[] labels = {65_535, 65_535, 0};
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        MetricTally tally = new MetricTally(new SparseCategoricalCrossentropy(true), classes);
        tally.add(outputs, labels, 1);
        Evaluation e = tally.result(1, 0.5);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 64L << 20, "allocated " + (allocated >> 20) + " MB");
        // class 65535: predicted once, right once -> precision 1; two examples, one found -> recall 1/2
        // class 0: predicted twice, right once -> 1/2; one example, found -> 1
        assertEquals(1, e.precision()[65_535], 1e-12);
        assertEquals(0.5, e.recall()[65_535], 1e-12);
        assertEquals(0.5, e.precision()[0], 1e-12);
        assertEquals(1, e.recall()[0], 1e-12);
        assertTrue(Double.isNaN(e.precision()[7]) && Double.isNaN(e.recall()[7]), "class 7: no examples, no predictions");
        // the table lists the two classes that occur and counts the rest
        String table = e.formatPrecisionRecall("class");
        assertEquals(4, table.split("\\R").length, table);
        assertTrue(table.contains("65,534 of 65,536 with no examples and no predictions left out"), table);
    }

    @Test
    void precisionAndRecallLinesNameTheirClasses() {
        Evaluation e = new Evaluation(0.5, 0.75, 4, Double.NaN, Double.NaN, new double[] {1, 0.5, Double.NaN},
                new double[] {0.5, 1, Double.NaN});
        // the label column as wide as "0 T-shirt/top" (13), then a space and the scores right-aligned in 9
        String expected = String.join(System.lineSeparator(),
                "  class" + " ".repeat(9) + "precision" + " ".repeat(4) + "recall",
                "  0 T-shirt/top" + " ".repeat(4) + "1.0000" + " ".repeat(4) + "0.5000",
                "  1 Trouser" + " ".repeat(8) + "0.5000" + " ".repeat(4) + "1.0000",
                "  2 Pullover" + " ".repeat(12) + "-" + " ".repeat(9) + "-",
                "");
        assertEquals(expected, e.formatPrecisionRecall("class", java.util.List.of("T-shirt/top", "Trouser", "Pullover")));
        // without names the table is as it always was
        assertEquals(String.join(System.lineSeparator(),
                "  class    precision    recall",
                "  0           1.0000    0.5000",
                "  1           0.5000    1.0000",
                "  2                -         -",
                ""), e.formatPrecisionRecall("class"));
        assertThrows(IllegalArgumentException.class, () -> e.formatPrecisionRecall("class", java.util.List.of("a")));
    }
}

package dev.nntrain.train.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.L2Loss;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each loss against its closed form on small hand-computed arrays. */
class LossTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray rows(double[][] v) {
        return manager.create(v).toType(DataType.FLOAT64, false);
    }

    private double value(Loss loss, double[][] out, float[] targets, int width) {
        NDArray o = rows(out);
        NDArray t = loss.targets(manager, targets, out.length, width, out[0].length, DataType.FLOAT64);
        return loss.compute(o, t).toType(DataType.FLOAT64, false).getDouble();
    }

    private static double logSumExp(double... z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s);
    }

    @Test
    void sparseCategoricalFromLogitsIsMeanOfLogSumExpMinusTrueLogit() {
        double[][] z = {{1, 2, 3}, {1, 0, -1}, {-2, 5, 0.5}};
        float[] y = {2, 0, 1};
        double expected = ((logSumExp(1, 2, 3) - 3) + (logSumExp(1, 0, -1) - 1) + (logSumExp(-2, 5, 0.5) - 5)) / 3;
        assertEquals(expected, value(new SparseCategoricalCrossentropy(true), z, y, 1), 1e-12);
    }

    @Test
    void sparseCategoricalFromLogitsIsStableForHugeLogits() {
        double[][] z = {{1000, -1000, 0}};
        assertEquals(2000, value(new SparseCategoricalCrossentropy(true), z, new float[] {1}, 1), 1e-9);
    }

    @Test
    void sparseCategoricalFromProbabilitiesIsMeanNegativeLogOfTrueClass() {
        double[][] p = {{0.2, 0.3, 0.5}, {0.9, 0.05, 0.05}};
        double expected = (-Math.log(0.5) - Math.log(0.9)) / 2;
        assertEquals(expected, value(new SparseCategoricalCrossentropy(false), p, new float[] {2, 0}, 1), 1e-12);
    }

    @Test
    void sparseCategoricalFromProbabilitiesClipsZeroLikeKeras() {
        double[][] p = {{0, 1}};
        assertEquals(-Math.log(1e-7), value(new SparseCategoricalCrossentropy(false), p, new float[] {0}, 1), 1e-9);
    }

    @Test
    void binaryFromLogitsMatchesLogisticLoss() {
        double[][] z = {{2}, {-1}, {0.5}, {-30}};
        float[] y = {1, 0, 1, 0};
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            double f = 1 / (1 + Math.exp(-z[i][0]));
            expected += -y[i] * Math.log(f) - (1 - y[i]) * Math.log(1 - f);
        }
        assertEquals(expected / 4, value(new BinaryCrossentropy(true), z, y, 1), 1e-12);
    }

    @Test
    void binaryFromLogitsHasTheExactGradientAtZero() {
        // dJ/dz = (sigmoid(z) - y) / m; DJL's own sigmoid loss gives -y / m at z = 0
        NDArray z = rows(new double[][] {{0}, {0}, {2}});
        z.setRequiresGradient(true);
        Loss bce = new BinaryCrossentropy(true);
        NDArray y = bce.targets(manager, new float[] {1, 0, 1}, 3, 1, 1, DataType.FLOAT64);
        try (ai.djl.training.GradientCollector gc = manager.getEngine().newGradientCollector()) {
            gc.backward(bce.compute(z, y));
        }
        double[] g = z.getGradient().toDoubleArray();
        assertEquals((0.5 - 1) / 3, g[0], 1e-12);
        assertEquals((0.5 - 0) / 3, g[1], 1e-12);
        assertEquals((1 / (1 + Math.exp(-2)) - 1) / 3, g[2], 1e-12);
        double viaDjlFacade = bce.toDjl().evaluate(new NDList(y), new NDList(z)).getDouble();
        assertEquals(bce.compute(z, y).getDouble(), viaDjlFacade, 1e-15);
    }

    @Test
    void binaryFromLogitsKeepsItsPrecisionWhenTheLossIsSmall() {
        // -log sigmoid(12) = log(1 + e^-12) = 6.144174602e-6; softplus(z) - z y would cancel
        double exact = Math.log1p(Math.exp(-12));
        double got = value(new BinaryCrossentropy(true), new double[][] {{12}}, new float[] {1}, 1);
        assertEquals(exact, got, exact * 1e-12);
    }

    @Test
    void binaryFromProbabilitiesMatchesCourseFormula() {
        double[][] f = {{0.9}, {0.2}, {0.6}};
        float[] y = {1, 0, 1};
        double expected = (-Math.log(0.9) - Math.log(0.8) - Math.log(0.6)) / 3;
        double got = value(new BinaryCrossentropy(false), f, y, 1);
        assertEquals(expected, got, 1e-12);
        assertTrue(got > 0, "the loss must be positive (DJL's fromSigmoid variant returns it negated)");
    }

    @Test
    void multiLabelBinaryIsMeanOverEveryOutput() {
        // one image, three questions (car? bus? pedestrian?), as in section 10 of the course and the
        // multi-label lesson, dev.nntrain.lessons.MultiLabelLesson
        double[][] z = {{3, -2, 0.5}, {-1, 1, 2}};
        float[] y = {1, 0, 1, 0, 0, 1};
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                double f = 1 / (1 + Math.exp(-z[i][j]));
                double t = y[i * 3 + j];
                expected += -t * Math.log(f) - (1 - t) * Math.log(1 - f);
            }
        }
        assertEquals(expected / 6, value(new BinaryCrossentropy(true), z, y, 3), 1e-12);
    }

    @Test
    void meanSquaredErrorIsKerasMeanNotDjlHalf() {
        double[][] f = {{1}, {2}, {3}};
        float[] y = {1.5f, 2, 2};
        double expected = (0.25 + 0 + 1) / 3;
        assertEquals(expected, value(new MeanSquaredError(), f, y, 1), 1e-12);
        NDArray djlDefault = new L2Loss().evaluate(
                new NDList(manager.create(new double[] {1.5, 2, 2}, new Shape(3, 1))),
                new NDList(rows(f)));
        assertEquals(expected / 2, djlDefault.getDouble(), 1e-12, "DJL's L2Loss is half the MSE");
    }

    @Test
    void accuracyCountsArgmaxAndThresholds() {
        Loss sparse = new SparseCategoricalCrossentropy(true);
        NDArray out = rows(new double[][] {{1, 2, 3}, {5, 0, 1}, {0, 1, 0}});
        NDArray t = sparse.targets(manager, new float[] {2, 1, 1}, 3, 1, 3, DataType.FLOAT64);
        assertEquals(2, sparse.countCorrect(out, t).getLong());
        Loss bce = new BinaryCrossentropy(true);
        NDArray z = rows(new double[][] {{0.3, -2}, {-0.1, 4}});
        NDArray y = bce.targets(manager, new float[] {1, 0, 1, 1}, 2, 2, 2, DataType.FLOAT64);
        // predictions 1, 0 | 0, 1 against targets 1, 0 | 1, 1: three of four right
        assertEquals(3, bce.countCorrect(z, y).getLong());
        assertEquals(2, bce.predictionsPerExample(2));
    }

    @Test
    void labelsOutsideTheOutputRangeAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy(true).validateTargets(new float[] {0, 3, 10}, 1, 10));
        assertEquals("label 10 of example 2 is outside [0, 10): the output layer has 10 units", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy(true).validateTargets(new float[] {-1}, 1, 10));
        assertThrows(IllegalArgumentException.class,
                () -> new BinaryCrossentropy(true).validateTargets(new float[] {0, 2}, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().validateTargets(new float[] {Float.NaN}, 1, 1));
    }

    @Test
    void parsesKerasAndShortNames() {
        assertTrue(Loss.parse("sparse-ce", true) instanceof SparseCategoricalCrossentropy);
        assertTrue(Loss.parse("binary_crossentropy", false) instanceof BinaryCrossentropy);
        assertTrue(Loss.parse("MSE", false) instanceof MeanSquaredError);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loss.parse("hinge", true));
        assertTrue(e.getMessage().contains("'hinge'"));
    }
}

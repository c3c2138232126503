package dev.nntrain.backprop.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;

import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class GradientCheckTest {

    @Test
    void commandLineEntryPoint() {
        GradientCheckReport report = GradientCheck.checkGenerated(new int[] {3, 4, 2}, "relu", "sparse-ce", 8, 1, true);

        assertTrue(report.passed(), report::format);
        assertEquals(0, report.exitCode());
        assertEquals(List.of(Comparison.DJL_FLOAT64, Comparison.FINITE_DIFFERENCES, Comparison.DJL_FLOAT32),
                report.comparisons());
        assertEquals(List.of("dense_1/weight", "dense_1/bias", "dense_2/weight", "dense_2/bias"),
                report.rows().stream().map(GradientCheckReport.Row::parameter).toList());
        assertEquals("(4, 3)", report.rows().get(0).shape());
        assertEquals("(2)", report.rows().get(3).shape());
        assertEquals("Mlp(3 -> 4 relu -> 2 linear), loss sparse-ce = sparse_categorical_crossentropy(from_logits=True),"
                + " batch 8, seed 1", report.description());
    }

    @Test
    void float32CanBeLeftOut() {
        GradientCheckReport report = GradientCheck.checkGenerated(new int[] {2, 3, 1}, "tanh", "bce-probs", 4, 2, false);

        assertEquals(List.of(Comparison.DJL_FLOAT64, Comparison.FINITE_DIFFERENCES), report.comparisons());
        assertFalse(report.format().contains("djl-f32"));
        assertTrue(report.passed(), report::format);
    }

    @Test
    void sameSeedSameReport() {
        String a = GradientCheck.checkGenerated(new int[] {3, 5, 3}, "leaky_relu", "multilabel-bce", 4, 11, true).format();
        String b = GradientCheck.checkGenerated(new int[] {3, 5, 3}, "leaky_relu", "multilabel-bce", 4, 11, true).format();
        String c = GradientCheck.checkGenerated(new int[] {3, 5, 3}, "leaky_relu", "multilabel-bce", 4, 12, true).format();

        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void existingFloat32ModelIsCheckedAndLeftAsItWas() {
        try (Sequential model = Sequential.builder()
                .add(Flatten.of())
                .add(Dense.builder().setUnits(4).optActivation(Activation.TANH).optName("hidden").build())
                .add(Dense.of(1, Activation.SIGMOID))
                .optSeed(3)
                .optInputShape(2, 2)
                .build()) {
            List<double[]> before = ModelCopies.read(model);
            double[][] x = gaussian(new Random(4), 5, 4);
            float[] y = {1, 0, 0, 1, 1};

            GradientCheckReport report = GradientCheck.check(model, new BinaryCrossentropy(false), x, y);

            assertTrue(report.passed(), report::format);
            assertEquals(List.of("hidden/weight", "hidden/bias", "dense_2/weight", "dense_2/bias"),
                    report.rows().stream().map(GradientCheckReport.Row::parameter).toList());
            assertTrue(report.description().endsWith("loss binary_crossentropy, batch 5 (given)"), report.description());
            List<double[]> after = ModelCopies.read(model);
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i));
            }
            for (Parameter p : model.parameters().parameters()) {
                try (NDArray gradient = p.getArray().getGradient()) {
                    assertEquals(0, gradient.abs().sum().getFloat(), "no gradient was left on " + p.getName());
                }
            }
        }
    }

    @Test
    void givenBatchNearAKinkIsReportedNotChanged() {
        // zero biases and an all-zero example: that example's ReLU pre-activations are exactly 0
        try (Sequential model = Sequential.builder()
                .add(Dense.of(3, Activation.RELU))
                .add(Dense.of(2))
                .optDataType(DataType.FLOAT64)
                .optSeed(1)
                .optInputShape(2)
                .build()) {
            double[][] x = {{0.5, -1}, {0, 0}, {1.5, 0.25}};
            float[] y = {0.5f, -1, 2, 0, 1, 1};

            GradientCheckReport report = GradientCheck.builder()
                    .setModel(model, new MeanSquaredError())
                    .setBatch(x, y)
                    .optFloat32(false)
                    .build()
                    .run();

            assertTrue(report.format().contains(
                    "values near a kink (ReLU |z| < 1e-03, or the probability clip): 3 (batch given:"), report::format);
            // DJL and the hand-rolled rule both take ReLU's derivative at 0 as 0
            assertTrue(report.worstRelative(Comparison.DJL_FLOAT64) <= Comparison.DJL_FLOAT64.bound(), report::format);
        }
    }

    @Test
    void floatInputsAndSparseLabelsOnAnExistingSoftmaxModel() {
        try (Sequential model = Sequential.builder()
                .add(Dense.of(6, Activation.LEAKY_RELU))
                .add(Dense.of(3, Activation.SOFTMAX))
                .optDataType(DataType.FLOAT64)
                .optSeed(8)
                .optInputShape(2)
                .build()) {
            float[][] x = {{0.3f, -1.2f}, {2f, 0.7f}, {-0.4f, -0.9f}, {1.1f, 0.05f}};
            float[] labels = {2, 0, 1, 2};

            GradientCheckReport report = GradientCheck.builder()
                    .setModel(model, new SparseCategoricalCrossentropy(false))
                    .setBatch(x, labels)
                    .build()
                    .run();

            assertTrue(report.passed(), report::format);
        }
    }

    @Test
    void existingModelWithARandomBatch() {
        try (Sequential model = Sequential.builder()
                .add(Dense.of(4, Activation.SIGMOID))
                .add(Dense.of(2))
                .optDataType(DataType.FLOAT64)
                .optSeed(2)
                .optInputShape(3)
                .build()) {
            GradientCheckReport report = GradientCheck.builder()
                    .setModel(model, new SparseCategoricalCrossentropy(true))
                    .optBatch(5)
                    .optSeed(6)
                    .build()
                    .run();

            assertTrue(report.passed(), report::format);
            assertTrue(report.description().endsWith("batch 5, seed 6"), report.description());
        }
    }

    @Test
    void unsupportedCombinationOfAnExistingModel() {
        try (Sequential model = Sequential.builder()
                .add(Dense.of(1, Activation.SIGMOID))
                .optDataType(DataType.FLOAT64)
                .optInputShape(2)
                .build()) {
            GradientCheck check = GradientCheck.builder().setModel(model, new BinaryCrossentropy(true)).build();

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, check::run);
            assertTrue(e.getMessage().contains("expects logits from a linear output layer"), e.getMessage());
        }
    }

    @Test
    void givenBatchIsValidated() {
        try (Sequential model = Sequential.builder()
                .add(Dense.of(3))
                .optDataType(DataType.FLOAT64)
                .optInputShape(2)
                .build()) {
            SparseCategoricalCrossentropy loss = new SparseCategoricalCrossentropy(true);
            IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                    () -> GradientCheck.check(model, loss, new double[][] {{1, 2, 3}}, new float[] {0}));
            assertEquals("the model takes 2 inputs per example, the batch has 3", wide.getMessage());
            IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                    () -> GradientCheck.check(model, loss, new double[][] {{1, 2}}, new float[] {3}));
            assertTrue(label.getMessage().startsWith("label 3 of example 0 is outside [0, 3)"), label.getMessage());
        }
    }

    @Test
    void builderRejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.builder().build());
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.builder().setLayers(3, 2).build());
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.builder().setLayers(3).setLoss(Loss.parse("mse")).build());
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.builder().setLayers(3, 0, 2).setLoss(Loss.parse("mse")).build());
        assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.builder().setLayers(3, 2).setLoss(Loss.parse("mse")).optBatch(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.builder().setLayers(3, 2).setLoss(Loss.parse("mse")).optEpsilon(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.builder().setLayers(3, 2).setLoss(Loss.parse("mse")).optKinkThreshold(-1).build());
        IllegalArgumentException bce = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.checkGenerated(new int[] {3, 4, 2}, "relu", "bce", 8, 1, true));
        assertEquals("loss bce needs exactly 1 output unit (use multilabel-bce for several), got 2", bce.getMessage());
        for (String name : new String[] {"binary_crossentropy", "Binary-Crossentropy-Probs", "BCE_probs"}) {
            // the same loss by its other names, which the check once let through on several outputs
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GradientCheck.checkGenerated(new int[] {3, 4, 2}, "relu", name, 8, 1, true), name);
            assertTrue(e.getMessage().contains("needs exactly 1 output unit"), e.getMessage());
        }
        assertTrue(GradientCheck.checkGenerated(new int[] {3, 4, 2}, "relu", "multilabel_bce", 8, 1, false).passed(),
                "the multi-label name takes several outputs");
        IllegalArgumentException softmax = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.checkGenerated(new int[] {3, 4, 2}, "softmax", "mse", 8, 1, true));
        assertEquals("softmax is only allowed on the output layer, not hidden layers", softmax.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.checkGenerated(new int[] {3, 4, 2}, "swish", "mse", 8, 1, true));
        assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.checkGenerated(new int[] {3, 4, 2}, "relu", "hinge", 8, 1, true));
        try (Sequential model = Sequential.builder().add(Dense.of(2)).optInputShape(2).build()) {
            IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                    () -> GradientCheck.builder().setLayers(2, 2).setLoss(Loss.parse("mse"))
                            .setModel(model, new MeanSquaredError()).build());
            assertTrue(both.getMessage().contains("not both or neither"), both.getMessage());
        }
    }

    private static double[][] gaussian(Random random, int rows, int cols) {
        double[][] x = new double[rows][cols];
        for (double[] row : x) {
            for (int c = 0; c < cols; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return x;
    }
}

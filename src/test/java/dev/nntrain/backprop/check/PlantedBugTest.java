package dev.nntrain.backprop.check;

import dev.nntrain.train.loss.Loss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.backprop.ActivationFunction;
import dev.nntrain.backprop.LayerParameters;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The checker must catch a wrong backward rule and name the tensors it corrupts. The reference
 * here is {@link ManualBackprop}, a loop-by-loop backward pass, first with correct derivatives
 * (which must pass, so that the failures below are the planted bugs' doing) and then with one
 * rule broken.
 */
class PlantedBugTest {

    private static GradientCheck.Builder tanhNetwork() {
        // 3 inputs -> 4 tanh -> 2 linear outputs, MSE
        return GradientCheck.builder()
                .setLayers(3, 4, 2)
                .optActivation(dev.nntrain.model.Activation.TANH)
                .setLoss(Loss.parse("mse"))
                .optBatch(8)
                .optSeed(7);
    }

    @Test
    void correctManualBackpropPasses() {
        GradientCheckReport report = tanhNetwork().optReference(new ManualBackprop(ManualBackprop.CORRECT)).build().run();

        assertTrue(report.passed(), report::format);
    }

    @Test
    void wrongTanhDerivativeFailsOnTheHiddenLayerOnly() {
        // tanh'(z) = 1 - a², planted as 1 - a
        ManualBackprop.Derivative wrongTanh =
                (g, z, a) -> g == ActivationFunction.TANH ? 1 - a : ManualBackprop.CORRECT.at(g, z, a);

        GradientCheckReport report = tanhNetwork().optReference(new ManualBackprop(wrongTanh)).build().run();

        assertFalse(report.passed());
        assertEquals(1, report.exitCode());
        for (GradientCheckReport.Row row : report.rows()) {
            // the hidden layer's tensors lie behind the wrong rule; the output layer's do not
            boolean hidden = row.parameter().startsWith("dense_1/");
            for (Comparison c : report.comparisons()) {
                assertEquals(hidden, !row.errors().get(c).within(c.bound()),
                        row.parameter() + " " + c + "\n" + report.format());
            }
        }
        assertTrue(List.of("dense_1/weight", "dense_1/bias").contains(report.worstParameter(Comparison.DJL_FLOAT64)));
        assertTrue(report.failures().contains(String.format(java.util.Locale.ROOT,
                "dense_1/weight: finite differences relative error %.1e > 1e-06",
                report.rows().get(0).errors().get(Comparison.FINITE_DIFFERENCES).relative())), report::format);
        String text = report.format();
        assertTrue(text.contains("FAIL dense_1/weight: DJL float64 relative error"), text);
        assertTrue(text.strip().endsWith(": FAIL"), text);
    }

    @Test
    void slopeOffInItsEighthDigitIsCaughtByDjlFloat64Alone() {
        // leaky ReLU's slope as (double) 0.2f = 0.20000000298 instead of Keras' 0.2 (the bug float64
        // models had while they passed DJL the float slope): off by 1.5e-8 relative, invisible to
        // finite differences and float32, not to the float64 bound
        ManualBackprop.Derivative roundSlope = (g, z, a) ->
                g.name().startsWith("leaky_relu") && z <= 0 ? (double) 0.2f : ManualBackprop.CORRECT.at(g, z, a);

        GradientCheckReport report = GradientCheck.builder()
                .setLayers(3, 6, 2)
                .optActivation(dev.nntrain.model.Activation.LEAKY_RELU)
                .setLoss(Loss.parse("mse"))
                .optBatch(8)
                .optSeed(3)
                .optReference(new ManualBackprop(roundSlope))
                .build()
                .run();

        assertFalse(report.passed());
        double djl = report.worstRelative(Comparison.DJL_FLOAT64);
        assertTrue(djl > 1e-9 && djl < 1e-7, report::format);
        assertTrue(report.worstRelative(Comparison.FINITE_DIFFERENCES) <= Comparison.FINITE_DIFFERENCES.bound());
        assertTrue(report.worstRelative(Comparison.DJL_FLOAT32) <= Comparison.DJL_FLOAT32.bound());
        assertEquals("dense_1/weight", report.worstParameter(Comparison.DJL_FLOAT64));
    }

    @Test
    void oneWrongTensorIsNamed() {
        // the hand-rolled gradients with the output bias scaled by 1.001: a rule off by 0.1 %
        ReferenceGradients scaledBias = (mlp, parameters, batch, loss, targets) -> {
            List<LayerParameters> right = ReferenceGradients.HAND_ROLLED.gradients(mlp, parameters, batch, loss, targets);
            List<LayerParameters> wrong = new ArrayList<>(right);
            LayerParameters last = right.get(right.size() - 1);
            double[] bias = last.bias().clone();
            for (int i = 0; i < bias.length; i++) {
                bias[i] *= 1.001;
            }
            wrong.set(right.size() - 1, new LayerParameters(last.weight(), bias));
            return wrong;
        };

        GradientCheckReport report = GradientCheck.builder()
                .setLayers(4, 5, 3)
                .optActivation(dev.nntrain.model.Activation.RELU)
                .setLoss(Loss.parse("sparse-ce"))
                .optReference(scaledBias)
                .build()
                .run();

        List<String> failing = report.rows().stream()
                .filter(row -> !row.passed())
                .map(GradientCheckReport.Row::parameter)
                .toList();
        assertEquals(List.of("dense_2/bias"), failing, report::format);
        assertEquals(3, report.failures().size(), report::format); // one per comparison
    }
}

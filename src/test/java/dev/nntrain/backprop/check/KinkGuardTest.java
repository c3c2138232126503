package dev.nntrain.backprop.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.backprop.DenseLayer;
import dev.nntrain.backprop.LayerParameters;
import dev.nntrain.backprop.LossKind;
import dev.nntrain.backprop.Mlp;
import dev.nntrain.model.Activation;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class KinkGuardTest {

    private static final List<Activation> RELU_THEN_LINEAR = List.of(Activation.RELU, Activation.LINEAR);

    /** 1 input -> 2 relu -> 1 linear; z of the relu units is x * w + b. */
    private static final Mlp MLP = Mlp.of(1,
            new DenseLayer(2, ReferenceMapping.activation(Activation.RELU)),
            new DenseLayer(1, ReferenceMapping.activation(Activation.LINEAR)));

    private static List<LayerParameters> parameters(double b0, double b1) {
        return List.of(new LayerParameters(new double[] {1, -1}, new double[] {b0, b1}),
                new LayerParameters(new double[] {1, 1}, new double[] {0}));
    }

    private static Batch batch(double... x) {
        return new Batch(x.length, 1, x, new float[x.length], 1);
    }

    @Test
    void countsReluPreActivationsNearZero() {
        // unit 0: z = x + 0 at x = 0.5, 2e-4, -3 ; unit 1: z = -x + 0.5: 0, 0.4998, 3.5
        Batch b = batch(0.5, 2e-4, -3);

        assertEquals(2, KinkGuard.count(MLP, RELU_THEN_LINEAR, parameters(0, 0.5), b, LossKind.MEAN_SQUARED_ERROR, 1e-3));
        assertEquals(1, KinkGuard.count(MLP, RELU_THEN_LINEAR, parameters(0, 0.5), b, LossKind.MEAN_SQUARED_ERROR, 1e-4));
        assertEquals(0, KinkGuard.count(MLP, List.of(Activation.TANH, Activation.LINEAR),
                parameters(0, 0.5), b, LossKind.MEAN_SQUARED_ERROR, 1e-3));
    }

    @Test
    void countsProbabilitiesAtTheClip() {
        Mlp sigmoid = Mlp.of(1, new DenseLayer(1, ReferenceMapping.activation(Activation.SIGMOID)));
        List<LayerParameters> p = List.of(new LayerParameters(new double[] {1}, new double[] {0}));
        // sigmoid(20) = 1 - 2e-9: within the clip; sigmoid(1) is not
        Batch b = batch(20, 1);

        assertEquals(1, KinkGuard.count(sigmoid, List.of(Activation.SIGMOID), p, b, LossKind.BINARY_CROSS_ENTROPY, 1e-3));
        assertEquals(0, KinkGuard.count(sigmoid, List.of(Activation.SIGMOID), p, b, LossKind.MEAN_SQUARED_ERROR, 1e-3));
    }

    @Test
    void smallestClearingShift() {
        assertEquals(0, KinkGuard.smallestClearingShift(new double[] {-1, 1}, 0.1));
        // 0.05 is too close: moving it to 0.1 (shift +0.05) clears everything
        assertEquals(0.05, KinkGuard.smallestClearingShift(new double[] {0.05, 1}, 0.1), 1e-15);
        // -0.02 is closer to -0.1 than to +0.1
        assertEquals(-0.08, KinkGuard.smallestClearingShift(new double[] {-0.02, 1}, 0.1), 1e-15);
        // shifting down by 0.08 would push 0.13 into the band: go up instead
        assertEquals(0.12, KinkGuard.smallestClearingShift(new double[] {-0.02, 0.13}, 0.1), 1e-15);
    }

    @Test
    void shiftedBiasesClearAWideBatch() {
        Random random = new Random(5);
        Mlp wide = Mlp.of(3, new DenseLayer(200, ReferenceMapping.activation(Activation.RELU)),
                new DenseLayer(50, ReferenceMapping.activation(Activation.LEAKY_RELU)),
                new DenseLayer(2, ReferenceMapping.activation(Activation.LINEAR)));
        List<Activation> activations = List.of(Activation.RELU, Activation.LEAKY_RELU, Activation.LINEAR);
        List<LayerParameters> p = wide.randomParameters(random);
        Batch b = RandomBatch.draw(random, 64, 3, 2, LossKind.MEAN_SQUARED_ERROR);
        assertTrue(KinkGuard.count(wide, activations, p, b, LossKind.MEAN_SQUARED_ERROR, 1e-3) > 0,
                "with 12,800 ReLU values some should start near 0");

        KinkGuard.Shift shift = KinkGuard.shiftBiases(wide, activations, p, b.x(), 1e-3);

        assertEquals(0, KinkGuard.count(wide, activations, shift.parameters(), b, LossKind.MEAN_SQUARED_ERROR, 1e-3));
        assertTrue(shift.units() > 0);
        // clearing one value may push another into the band, so a move can exceed 2e-3, but it
        // stays small next to the biases' own range of ±0.1
        assertTrue(shift.largest() < 0.02, "shift " + shift.largest());
        assertEquals(p.get(0).weight(), shift.parameters().get(0).weight()); // weights untouched
    }
}

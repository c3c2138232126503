package dev.nntrain.train.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.loss.MeanSquaredError;

import org.junit.jupiter.api.Test;

/**
 * One Adam step and one gradient-descent step against updates computed by hand, on a single
 * linear unit {@code f = w1 x1 + w2 x2 + b} with the mean squared error.
 */
class OptimizerStepTest {

    private static final float[][] X = {{1, 2}, {3, -1}};
    private static final float[][] Y = {{4}, {2}};
    private static final float W1 = 0.5f;
    private static final float W2 = -0.25f;
    private static final float B = 0.1f;

    /** dJ/d(w1, w2, b) for J = (1/m) sum (f - y)^2 at the starting weights. */
    private static double[] gradient() {
        double[] g = new double[3];
        for (int i = 0; i < X.length; i++) {
            double f = W1 * X[i][0] + W2 * X[i][1] + B;
            double d = 2 * (f - Y[i][0]) / X.length;
            g[0] += d * X[i][0];
            g[1] += d * X[i][1];
            g[2] += d;
        }
        return g;
    }

    private static float[] oneStep(Optimizer optimizer) {
        Sequential model = Sequential.builder().add(Dense.of(1)).optInputShape(2).optSeed(1).build();
        model.weights().set(0, new LayerWeights("dense_1", new float[][] {{W1}, {W2}}, new float[] {B}));
        try (CompiledModel net = CompiledModel.compile(model, new MeanSquaredError(), optimizer)) {
            net.fit(X, Y, FitOptions.builder().optEpochs(1).optBatchSize(2).optShuffle(false).build());
            LayerWeights w = model.weights().get(0);
            return new float[] {w.kernel()[0][0], w.kernel()[1][0], w.bias()[0]};
        }
    }

    @Test
    void gradientDescentStepIsWeightMinusAlphaTimesGradient() {
        double alpha = 0.01;
        double[] g = gradient();
        float[] w = oneStep(new GradientDescent(alpha));
        assertEquals(W1 - alpha * g[0], w[0], 1e-6);
        assertEquals(W2 - alpha * g[1], w[1], 1e-6);
        assertEquals(B - alpha * g[2], w[2], 1e-6);
    }

    @Test
    void adamFirstStepFollowsTheBiasCorrectedFormula() {
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-7;
        double[] g = gradient();
        float[] w = oneStep(new Adam(lr, b1, b2, eps));
        double lrT = lr * Math.sqrt(1 - b2) / (1 - b1);
        double[] start = {W1, W2, B};
        for (int k = 0; k < 3; k++) {
            double m = (1 - b1) * g[k];
            double v = (1 - b2) * g[k] * g[k];
            double expected = start[k] - lrT * m / (Math.sqrt(v) + eps);
            assertEquals(expected, w[k], 1e-6, "parameter " + k);
            // the first Adam step moves each parameter by about the learning rate
            assertEquals(lr, Math.abs(expected - start[k]), 1e-6);
        }
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Adam(0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(1e-3, 1.0, 0.999, 1e-7));
        assertThrows(IllegalArgumentException.class, () -> new GradientDescent(-1));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.parse("adagrad", 0.1));
    }
}

package dev.nntrain.train.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;


import org.junit.jupiter.api.Test;

import java.util.Random;
import dev.nntrain.engine.Engines;

/**
 * SGD with momentum on the engine against Keras' update in plain Java, against a hand computation,
 * and against DJL's own {@code Sgd} on PyTorch, a second implementation.
 */
class SGDTest {

    private static double[][] gradients(int steps, int n) {
        Random r = new Random(5);
        double[][] g = new double[steps][n];
        for (double[] row : g) {
            for (int i = 0; i < n; i++) {
                row[i] = r.nextGaussian() * (i + 1);
            }
        }
        return g;
    }

    @Test
    void engineUpdateFollowsTheTextbook() {
        Engines.prepareThread();
        for (double momentum : new double[] {0, 0.9}) {
            SGD sgd = new SGD(0.05, momentum);
            double[] w = {0.5, -1, 2, 0.25};
            double[] m = new double[w.length];
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray params = manager.create(w.clone());
                try (Optimizer.Updater flat = sgd.newUpdater(params)) {
                    for (double[] g : gradients(200, w.length)) {
                        sgd.textbookStep(w, g, m);
                        flat.step(manager.create(g));
                    }
                }
                assertArrayEquals(w, params.toDoubleArray(), 1e-12, "momentum " + momentum);
            }
        }
    }

    @Test
    void textbookStepIsTheHandComputedVelocity() {
        // lr 0.1, momentum 0.9, gradient 1 twice: m1 = -0.1, w1 = 0.9; m2 = 0.9 * -0.1 - 0.1 = -0.19, w2 = 0.71
        SGD sgd = new SGD(0.1, 0.9);
        double[] w = {1};
        double[] m = new double[1];
        sgd.textbookStep(w, new double[] {1}, m);
        assertEquals(0.9, w[0], 1e-15);
        sgd.textbookStep(w, new double[] {1}, m);
        assertEquals(-0.19, m[0], 1e-15);
        assertEquals(0.71, w[0], 1e-15);
    }

    @Test
    void djlsSgdTakesTheSameSteps() {
        // DJL keeps PyTorch's b = mu b + g and steps by lr b: with a fixed rate, Keras' m = -lr b
        Engines.prepareThread();
        SGD sgd = new SGD(0.05, 0.9);
        double[] w = {0.5, -1, 2};
        double[] m = new double[w.length];
        ai.djl.training.optimizer.Optimizer djl = sgd.toDjl();
        assertInstanceOf(ai.djl.training.optimizer.Sgd.class, djl);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(new float[] {0.5f, -1, 2});
            weight.setRequiresGradient(true);
            for (double[] g : gradients(20, w.length)) {
                sgd.textbookStep(w, g, m);
                float[] gf = new float[g.length];
                for (int i = 0; i < g.length; i++) {
                    gf[i] = (float) g[i];
                }
                djl.update("w", weight, manager.create(gf));
            }
            float[] got = weight.toFloatArray();
            for (int i = 0; i < w.length; i++) {
                assertEquals(w[i], got[i], 1e-5, "weight " + i);
            }
        }
    }

    @Test
    void defaultsAreKeras() {
        SGD sgd = new SGD();
        assertEquals(0.01, sgd.learningRate());
        assertEquals(0.0, sgd.momentum());
        assertEquals("SGD", sgd.name());
        Optimizer back = Optimizer.fromConfig("SGD", 0.3, new SGD(0.3, 0.8).config());
        assertEquals(0.8, ((SGD) back).momentum());
        assertThrows(IllegalArgumentException.class, () -> new SGD(0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SGD(-0.1));
    }
}

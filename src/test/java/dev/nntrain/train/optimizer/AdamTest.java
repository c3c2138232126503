package dev.nntrain.train.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;


import org.junit.jupiter.api.Test;

import java.util.Random;
import dev.nntrain.engine.Engines;

/** The engine's fused Adam against the textbook update in plain Java. */
class AdamTest {

    @Test
    void fusedUpdateFollowsTheTextbook() {
        Engines.prepareThread();
        Adam adam = new Adam(0.01, 0.8, 0.99, 1e-6);
        int n = 7;
        Random r = new Random(3);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.nextGaussian();
        }
        double[] m = new double[n];
        double[] v = new double[n];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray params = manager.create(w.clone());
            try (Optimizer.Updater fused = adam.newUpdater(params)) {
                for (long t = 1; t <= 600; t++) { // past the 512-step schedule
                    double[] g = new double[n];
                    for (int i = 0; i < n; i++) {
                        g[i] = r.nextGaussian() * (i + 1);
                    }
                    adam.textbookStep(w, g, m, v, t);
                    fused.step(manager.create(g));
                }
                assertEquals(600, fused.steps());
            }
            assertArrayEquals(w, params.toDoubleArray(), 1e-10);
        }
    }

    @Test
    void textbookStepIsTheHandComputedFirstStep() {
        // step 1 from m = v = 0: m = (1-b1) g and v = (1-b2) g^2, so after the bias corrections
        // m/sqrt(v) = sign(g): each weight moves by the learning rate, against its gradient
        Adam adam = new Adam(0.1, 0.9, 0.999, 1e-12);
        double[] w = {1, 1};
        adam.textbookStep(w, new double[] {3, -0.5}, new double[2], new double[2], 1);
        assertArrayEquals(new double[] {0.9, 1.1}, w, 1e-9);
    }
}

package dev.nntrain.train.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;


import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;
import dev.nntrain.engine.Engines;

/** RMSprop on the engine against Keras' update written in plain Java, and that against a hand computation. */
class RMSpropTest {

    /** Runs the engine's flat update and the textbook step side by side on random gradients. */
    static void assertEngineFollowsTextbook(RMSprop rmsprop) {
        Engines.prepareThread();
        int n = 9;
        Random r = new Random(11);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.nextGaussian();
        }
        double[] v = new double[n];
        double[] s = new double[n];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray params = manager.create(w.clone());
            try (Optimizer.Updater flat = rmsprop.newUpdater(params)) {
                for (int t = 1; t <= 300; t++) {
                    double[] g = new double[n];
                    for (int i = 0; i < n; i++) {
                        g[i] = r.nextGaussian() * (i + 1);
                    }
                    rmsprop.textbookStep(w, g, v, s);
                    flat.step(manager.create(g));
                }
                assertEquals(300, flat.steps());
            }
            assertArrayEquals(w, params.toDoubleArray(), 1e-10);
        }
    }

    @Test
    void engineUpdateFollowsTheTextbook() {
        assertEngineFollowsTextbook(new RMSprop(0.01, 0.8, 0, 1e-6));
    }

    @Test
    void engineUpdateWithMomentumFollowsTheTextbook() {
        assertEngineFollowsTextbook(new RMSprop(0.01, 0.9, 0.5, 1e-7));
    }

    @Test
    void textbookStepIsTheHandComputedFirstTwoSteps() {
        // from v = 0: v1 = (1 - rho) g^2 = 0.1 * 4 = 0.4, the step lr g / sqrt(v1) = 0.01 * 2 / sqrt(0.4);
        // the same gradient again: v2 = 0.9 * 0.4 + 0.4 = 0.76, the step 0.01 * 2 / sqrt(0.76)
        RMSprop rmsprop = new RMSprop(0.01, 0.9, 0, 1e-300);
        double[] w = {1};
        double[] v = new double[1];
        double[] s = new double[1];
        rmsprop.textbookStep(w, new double[] {2}, v, s);
        assertEquals(1 - 0.02 / Math.sqrt(0.4), w[0], 1e-15);
        rmsprop.textbookStep(w, new double[] {2}, v, s);
        assertEquals(0.76, v[0], 1e-15);
        assertEquals(1 - 0.02 / Math.sqrt(0.4) - 0.02 / Math.sqrt(0.76), w[0], 1e-15);

        // with momentum 0.5 the second move is 0.5 times the first plus the new step
        RMSprop withMomentum = new RMSprop(0.01, 0.9, 0.5, 1e-300);
        double[] w2 = {1};
        double[] v2 = new double[1];
        double[] s2 = new double[1];
        withMomentum.textbookStep(w2, new double[] {2}, v2, s2);
        withMomentum.textbookStep(w2, new double[] {2}, v2, s2);
        double first = 0.02 / Math.sqrt(0.4);
        assertEquals(1 - first - (0.5 * first + 0.02 / Math.sqrt(0.76)), w2[0], 1e-15);
    }

    @Test
    void defaultsAreKeras() {
        RMSprop rmsprop = new RMSprop();
        assertEquals(1e-3, rmsprop.learningRate());
        assertEquals(Map.of("rho", 0.9, "momentum", 0.0, "epsilon", 1e-7), rmsprop.config());
        assertEquals("RMSprop", rmsprop.name());
        assertInstanceOf(ai.djl.training.optimizer.RmsProp.class, rmsprop.toDjl());
    }

    @Test
    void rebuildsFromItsConfig() {
        RMSprop saved = new RMSprop(0.002, 0.8, 0.3, 1e-6);
        Optimizer back = Optimizer.fromConfig(saved.name(), saved.learningRate(), saved.config());
        assertInstanceOf(RMSprop.class, back);
        assertEquals(saved.config(), back.config());
        assertEquals(0.002, back.learningRate());
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> new RMSprop(0));
        assertThrows(IllegalArgumentException.class, () -> new RMSprop(1e-3, 1.0, 0, 1e-7));
        assertThrows(IllegalArgumentException.class, () -> new RMSprop(1e-3, 0.9, -0.1, 1e-7));
        assertThrows(IllegalArgumentException.class, () -> new RMSprop(1e-3, 0.9, 0, 0));
    }
}

package dev.nntrain.train.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.nntrain.InvalidInputException;
import dev.nntrain.engine.Engines;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleFunction;

/**
 * Each optimiser's engine update under a learning rate changed between steps, against its
 * textbook step in plain Java with the same rate: a new rate is the one the very next step uses
 * (Adam's precomputed step sizes, the cached engine scalars and the rate's own scalar included),
 * and the moments carry on.
 */
class LearningRateChangeTest {

    private static final int N = 5;
    /** The rate of each step: a change inside Adam's first block of 512 steps, one past it, one back. */
    private static double rateAt(long t) {
        return t <= 3 ? 0.01 : t <= 520 ? 0.002 : t <= 530 ? 5e-4 : 0.01;
    }

    /** One textbook step at a rate, on w with the optimiser's state arrays. */
    private interface Reference {
        void step(double rate, double[] w, double[] g, long t);
    }

    private static void assertFollows(Optimizer compiled, Reference reference) {
        Engines.prepareThread();
        Random r = new Random(11);
        double[] w = new double[N];
        for (int i = 0; i < N; i++) {
            w[i] = r.nextGaussian();
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray params = manager.create(w.clone());
            try (Optimizer.Updater updater = compiled.newUpdater(params)) {
                assertEquals(compiled.learningRate(), updater.learningRate());
                for (long t = 1; t <= 600; t++) {
                    double rate = rateAt(t);
                    updater.setLearningRate(rate);
                    assertEquals(rate, updater.learningRate());
                    double[] g = new double[N];
                    for (int i = 0; i < N; i++) {
                        g[i] = r.nextGaussian() * (i + 1);
                    }
                    reference.step(rate, w, g, t);
                    updater.step(manager.create(g));
                }
                assertEquals(0.01, compiled.learningRate(), "the compiled rate stays as compiled");
            }
            assertArrayEquals(w, params.toDoubleArray(), 1e-10, compiled.name());
        }
    }

    @Test
    void adamFollowsTheTextbookAtEachStepsRate() {
        double[] m = new double[N];
        double[] v = new double[N];
        assertFollows(new Adam(0.01, 0.9, 0.99, 1e-6),
                (rate, w, g, t) -> new Adam(rate, 0.9, 0.99, 1e-6).textbookStep(w, g, m, v, t));
    }

    @Test
    void rmspropFollowsTheTextbookAtEachStepsRate() {
        double[] v = new double[N];
        double[] s = new double[N];
        assertFollows(new RMSprop(0.01, 0.9, 0.5, 1e-7),
                (rate, w, g, t) -> new RMSprop(rate, 0.9, 0.5, 1e-7).textbookStep(w, g, v, s));
    }

    @Test
    void sgdWithMomentumFollowsTheTextbookAtEachStepsRate() {
        double[] m = new double[N];
        assertFollows(new SGD(0.01, 0.9), (rate, w, g, t) -> new SGD(rate, 0.9).textbookStep(w, g, m));
    }

    @Test
    void gradientDescentStepsByEachStepsRate() {
        assertFollows(new GradientDescent(0.01), (rate, w, g, t) -> {
            for (int i = 0; i < N; i++) {
                w[i] -= rate * g[i];
            }
        });
    }

    @Test
    void theStateCarriesTheRateAndAnOlderStateTheCompiledOne() {
        Engines.prepareThread();
        try (NDManager manager = NDManager.newBaseManager()) {
            Adam adam = new Adam(0.01);
            try (Optimizer.Updater a = adam.newUpdater(manager.create(new double[3]));
                    Optimizer.Updater b = adam.newUpdater(manager.create(new double[3]))) {
                a.setLearningRate(3e-4);
                a.step(manager.create(new double[] {1, 2, 3}));
                Optimizer.Updater.State state = a.state();
                assertEquals(3e-4, state.learningRate());
                b.restore(state);
                assertEquals(3e-4, b.learningRate());
                b.restore(new Optimizer.Updater.State(state.steps(), state.arrays())); // as format 3 saved it
                assertEquals(0.01, b.learningRate());
            }
        }
    }

    @Test
    void aRateThatIsNotPositiveAndFiniteIsRefusedByName() {
        Engines.prepareThread();
        try (NDManager manager = NDManager.newBaseManager();
                Optimizer.Updater u = new SGD(0.1).newUpdater(manager.create(new double[2]))) {
            for (double bad : new double[] {0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> u.setLearningRate(bad));
                assertEquals("learning rate must be a positive finite number, got " + bad, e.getMessage());
            }
            assertEquals(0.1, u.learningRate(), "a refused rate changes nothing");
        }
        List<DoubleFunction<Optimizer>> all = List.of(Adam::new, RMSprop::new, SGD::new, GradientDescent::new);
        for (DoubleFunction<Optimizer> make : all) {
            assertThrows(InvalidInputException.class, () -> make.apply(Double.NaN));
        }
    }
}

package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Synthetic;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Dropout;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Two models training through DJL's autograd on two threads at once. DJL's PyTorch gradient
 * collector is process-wide, so without nntrain's lock around it one of the fits failed with
 * "A PtGradientCollector is already collecting" as soon as their steps overlapped.
 */
class ConcurrentFitTest {

    private static final Examples DATA = Synthetic.blobs(2000, 3);
    private static final int EPOCHS = 4;

    /** What a fit left behind: its losses per epoch and the trained parameters. */
    private record Trained(double[] losses, double[] parameters) {}

    /**
     * A softmax output with cross-entropy on probabilities has no written-out rules, so it
     * trains through autograd; optionally with dropout, whose masks come from the engine's
     * one global generator.
     */
    private static Sequential model(boolean dropout, long seed) {
        Sequential.Builder b = Sequential.builder().add(Dense.of(16, Activation.RELU));
        if (dropout) {
            b.add(Dropout.of(0.3));
        }
        return b.add(Dense.of(4, Activation.SOFTMAX)).optSeed(seed).build();
    }

    private static Loss loss() {
        return new SparseCategoricalCrossentropy(false);
    }

    private static Trained fit(boolean dropout, long seed, CyclicBarrier start) throws Exception {
        Sequential model = model(dropout, seed);
        try (CompiledModel net = CompiledModel.compile(model, loss(), new Adam(0.01))) {
            if (start != null) {
                start.await(); // both fits start their steps together, so that they overlap
            }
            History h = net.fit(DATA, FitOptions.builder().optEpochs(EPOCHS).optSeed(seed).optVerbose(0).build());
            return new Trained(h.loss(), model.parameters().snapshot());
        }
    }

    /** Fits with seeds 1 and 2 on two threads at once. */
    private static List<Trained> fitTogether(boolean dropout) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Trained> a = pool.submit(() -> fit(dropout, 1, start));
            Future<Trained> b = pool.submit(() -> fit(dropout, 2, start));
            List<Trained> both = new ArrayList<>();
            both.add(a.get()); // an ExecutionException here is the collector's failure
            both.add(b.get());
            return both;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theTestModelTrainsThroughAutograd() {
        for (boolean dropout : new boolean[] {false, true}) {
            Sequential model = model(dropout, 1);
            model.build(DATA.featureShape());
            assertFalse(WrittenBackprop.supports(model, loss()), "dropout " + dropout);
            model.close();
        }
    }

    @Test
    void twoAutogradFitsAtOnceEachEqualTheFitRunAlone() throws Exception {
        Trained aloneA = fit(false, 1, null);
        Trained aloneB = fit(false, 2, null);
        List<Trained> together = fitTogether(false);
        assertArrayEquals(aloneA.losses(), together.get(0).losses(), 0, "losses of A");
        assertArrayEquals(aloneA.parameters(), together.get(0).parameters(), 0, "parameters of A");
        assertArrayEquals(aloneB.losses(), together.get(1).losses(), 0, "losses of B");
        assertArrayEquals(aloneB.parameters(), together.get(1).parameters(), 0, "parameters of B");
    }

    @Test
    void twoDropoutFitsAtOnceComplete() throws Exception {
        // Their dropout masks come from the engine's one generator, which each fit reseeds per
        // epoch, so the two runs draw from a shared sequence and need not equal the runs alone:
        // they must finish, and learn.
        for (Trained t : fitTogether(true)) {
            assertEquals(EPOCHS, t.losses().length);
            for (double p : t.parameters()) {
                assertTrue(Double.isFinite(p), "finite parameters");
            }
            assertTrue(t.losses()[EPOCHS - 1] < t.losses()[0], "the loss fell: " + java.util.Arrays.toString(t.losses()));
        }
    }
}

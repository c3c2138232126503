package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Synthetic;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * PyTorch keeps grad mode and the thread count per thread, and DJL sets them only on the thread
 * that started the engine. Notebook kernels and servers call from other threads: everything must
 * work, and give the same results, there too.
 */
class OtherThreadTest {

    private static double[] trainAndSetWeights() {
        Examples blobs = Synthetic.blobs(400, 3);
        Sequential model = Sequential.builder().addAll(Dense.of(4, Activation.RELU), Dense.of(4)).optSeed(5).build();
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(0.01))) {
            History h = net.fit(blobs, FitOptions.builder().optEpochs(3).optSeed(5).build());
            LayerWeights w = model.weights().get(1);
            model.weights().set(1, w); // an in-place copy into parameters that require gradients
            return new double[] {h.loss()[2], net.evaluate(blobs).accuracy(), Engines.threads()};
        }
    }

    @Test
    void trainingAndSettingWeightsWorkOnAnyThread() throws Exception {
        Engines.setThreads(1);
        double[] here = trainAndSetWeights();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<double[]> there = pool.submit(OtherThreadTest::trainAndSetWeights);
            double[] other = there.get();
            assertArrayEquals(here, other, 1e-6);
            assertEquals(1.0, other[2], "the configured thread count applies on the other thread");
        } finally {
            pool.shutdown();
        }
    }
}

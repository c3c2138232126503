package dev.nntrain.train.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Synthetic;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;

/** The thread tuner: what it may change (the engine's thread count) and what it must not (the model). */
class TunerTest {

    @Test
    void choosesACandidateAndLeavesTheModelAndItsTrainingAlone() {
        Examples data = Synthetic.blobs(400, 3);
        int cores = Runtime.getRuntime().availableProcessors();
        double[] before;
        double[] tunedCurve;
        try (CompiledModel net = CompiledModel.compile(
                Sequential.builder().addAll(Dense.of(16, Activation.RELU), Dense.of(4)).optSeed(2).optInputShape(2).build(),
                new SparseCategoricalCrossentropy(true), new Adam(0.01))) {
            before = net.model().parameters().snapshot();
            int chosen = Tuner.threads(net, data, 32);
            assertTrue(chosen >= 1 && chosen <= cores && Integer.bitCount(chosen) == 1, "a power of two up to the cores: " + chosen);
            assertEquals(chosen, Engines.threads(), "the engine runs with the choice");
            assertArrayEquals(before, net.model().parameters().snapshot(), 0, "the model's weights are untouched");
            tunedCurve = net.fit(data, FitOptions.builder().optEpochs(2).optSeed(4).build()).loss();
        }
        // the optimiser state too: the same fit without tuning gives the same curve
        try (CompiledModel net = CompiledModel.compile(
                Sequential.builder().addAll(Dense.of(16, Activation.RELU), Dense.of(4)).optSeed(2).optInputShape(2).build(),
                new SparseCategoricalCrossentropy(true), new Adam(0.01))) {
            assertArrayEquals(net.fit(data, FitOptions.builder().optEpochs(2).optSeed(4).build()).loss(), tunedCurve, 1e-6);
        }
    }

    @Test
    void moreThreadsMustWinClearly() {
        // hand-computed: 2 threads 4 % faster stays at 1; 10 % faster moves; 4 threads must then beat 2 by 5 %
        assertEquals(0, Tuner.choose(new double[] {100, 104}));
        assertEquals(1, Tuner.choose(new double[] {100, 110}));
        assertEquals(1, Tuner.choose(new double[] {100, 110, 113}));
        assertEquals(2, Tuner.choose(new double[] {100, 110, 116}));
        assertEquals(0, Tuner.choose(new double[] {100, 90, 104}));
        assertEquals(2, Tuner.choose(new double[] {100, 90, 106}));
        assertEquals(0, Tuner.choose(new double[] {100}));
    }

    @Test
    void withoutAGpuTheDeviceIsTheCpu() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Engines.gpuCount() == 0, "a GPU is visible");
        try (CompiledModel net = CompiledModel.compile(
                Sequential.builder().addAll(Dense.of(4)).optSeed(2).optInputShape(2).build(),
                new SparseCategoricalCrossentropy(true), new Adam(0.01))) {
            assertEquals(ai.djl.Device.cpu(), Tuner.device(net, Synthetic.blobs(100, 1), 32));
        }
    }

    @Test
    void aDeviceChoiceSaysWhatWasMeasured() {
        assertEquals("measured: 186,000 samples/s on the GPU, 31,000 on the CPU",
                new Tuner.DeviceChoice(ai.djl.Device.gpu(), 31_000, 186_000).describe());
        assertEquals("", new Tuner.DeviceChoice(ai.djl.Device.cpu(), Double.NaN, Double.NaN).describe());
    }
}

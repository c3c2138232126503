package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Synthetic;
import dev.nntrain.model.Activation;
import dev.nntrain.model.BatchedInference;
import dev.nntrain.model.Dense;
import dev.nntrain.model.Engines;
import dev.nntrain.model.Sequential;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Training on a GPU, where one is visible (tag {@code gpu}; skipped elsewhere, as in CI): the
 * written-out path against autograd on the GPU, the GPU against the CPU, and a model saved on the
 * GPU and loaded on the CPU.
 */
@Tag("gpu")
class GpuTrainingTest {

    @BeforeAll
    static void needsAGpu() {
        Assumptions.assumeTrue(Engines.gpuCount() > 0, "no GPU visible");
    }

    private static Sequential model(Device device) {
        return Sequential.builder().addAll(Dense.of(32, Activation.RELU), Dense.of(4))
                .optSeed(3).optInputShape(2).optDevice(device).build();
    }

    private static double[] train(Device device, boolean written, Path saveTo) throws Exception {
        Examples data = Synthetic.blobs(512, 2);
        try (CompiledModel net = CompiledModel.compile(model(device), new SparseCategoricalCrossentropy(true), new Adam(0.01))) {
            net.setWrittenBackpropAllowed(written);
            double[] curve = net.fit(data, FitOptions.builder().optEpochs(3).optSeed(4).build()).loss();
            assertEquals(device, net.model().device());
            if (saveTo != null) {
                net.save(saveTo);
            }
            return curve;
        }
    }

    @Test
    void writtenOutPathEqualsAutogradOnTheGpu() throws Exception {
        assertArrayEquals(train(Device.gpu(), false, null), train(Device.gpu(), true, null), 1e-5);
    }

    @Test
    void theGpuTrainsAsTheCpuDoes() throws Exception {
        assertArrayEquals(train(Device.cpu(), true, null), train(Device.gpu(), true, null), 1e-4);
    }

    @Test
    void savedOnTheGpuLoadsOnTheCpu(@TempDir Path dir) throws Exception {
        train(Device.gpu(), true, dir.resolve("m"));
        float[][] x = Synthetic.blobs(64, 9).featureRows();
        try (Sequential onGpu = Sequential.load(dir.resolve("m"), Device.gpu());
                Sequential onCpu = Sequential.load(dir.resolve("m"), Device.cpu())) {
            assertTrue(onCpu.device().equals(Device.cpu()));
            float[][] a = BatchedInference.outputs(onGpu, x);
            float[][] b = BatchedInference.outputs(onCpu, x);
            for (int i = 0; i < x.length; i++) {
                assertArrayEquals(a[i], b[i], 1e-4f);
            }
        }
    }
}

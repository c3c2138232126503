package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Synthetic;
import dev.nntrain.engine.EngineReport;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.BatchedInference;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.file.LoadOptions;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.metric.Evaluation;
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

    /** Eight-by-eight images with a bright 2x2 square in one of four quadrants; the quadrant is the class. */
    private static Examples squares(int n, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[][] x = new float[n][64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 64; j++) {
                x[i][j] = (float) (0.2 * random.nextGaussian());
            }
            labels[i] = random.nextInt(4);
            int row = (labels[i] / 2) * 4 + random.nextInt(3);
            int col = (labels[i] % 2) * 4 + random.nextInt(3);
            for (int[] d : new int[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}) {
                x[i][(row + d[0]) * 8 + col + d[1]] += 1;
            }
        }
        return Examples.of(x, labels).withFeatureShape(1, 8, 8);
    }

    private static double[] trainCnn(Device device, boolean written) {
        Sequential model = Sequential.builder()
                .addAll(Conv2D.of(4, 3, Activation.RELU), MaxPool2D.of(2), Flatten.of(), Dense.of(4))
                .optSeed(5).optDevice(device).build();
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(0.01))) {
            net.setWrittenBackpropAllowed(written);
            double[] curve = net.fit(squares(256, 6), FitOptions.builder().optEpochs(4).optBatchSize(32).optSeed(7).build()).loss();
            assertEquals(written, net.usesWrittenBackprop());
            return curve;
        }
    }

    @Test
    void convolutionsTrainOnTheGpuAsOnTheCpuAndAsAutogradDoes() {
        double[] written = trainCnn(Device.gpu(), true);
        assertArrayEquals(trainCnn(Device.gpu(), false), written, 1e-5, "written-out against autograd on the GPU");
        assertArrayEquals(trainCnn(Device.cpu(), true), written, 1e-4, "the GPU against the CPU");
        assertTrue(written[3] < written[0], java.util.Arrays.toString(written));
    }

    @Test
    void evaluatesAndPredictsOnTheGpuAsOnTheCpu(@TempDir Path dir) throws Exception {
        train(Device.cpu(), true, dir.resolve("m"));
        Examples test = Synthetic.blobs(300, 11);
        try (CompiledModel onGpu = CompiledModel.load(dir.resolve("m"), LoadOptions.builder().optDevice(Device.gpu()).build());
                CompiledModel onCpu = CompiledModel.load(dir.resolve("m"), LoadOptions.builder().optDevice(Device.cpu()).build())) {
            Evaluation g = onGpu.evaluate(test);
            Evaluation c = onCpu.evaluate(test);
            assertEquals(c.loss(), g.loss(), 1e-5);
            assertEquals(c.accuracy(), g.accuracy(), 1e-12);
            float[][] x = test.featureRows();
            float[][] pg = onGpu.predictProbabilities(x);
            float[][] pc = onCpu.predictProbabilities(x);
            for (int i = 0; i < x.length; i++) {
                assertArrayEquals(pc[i], pg[i], 1e-5f);
            }
            assertArrayEquals(onCpu.predictClasses(x), onGpu.predictClasses(x));
        }
    }

    @Test
    void doctorNamesEachGpu() {
        String line = EngineReport.current().gpus().get(0);
        assertTrue(line.startsWith("gpu(0): ") && !line.contains("name unknown"), line);
    }
}

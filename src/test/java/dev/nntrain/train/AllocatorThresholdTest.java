package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nntrain.data.Examples;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A training step's memory stays in the process from one step to the next instead of being given
 * back to the kernel and faulted in again (see {@code Engines.raiseAllocatorThresholds}). The
 * oracle is the kernel's count of minor page faults, on Linux with glibc, where the problem and
 * its remedy exist: measured, a small CNN's step faults 400-1000 pages without the remedy and
 * about 50 with it.
 */
class AllocatorThresholdTest {

    private static final int EXAMPLES = 3200;
    private static final int BATCH = 64;

    /**
     * Runs the training in a fresh JVM, as a user's process starts: how the C library's arenas
     * are filled depends on what the process did before, and a test JVM that has run hundreds of
     * other tests is not what a training run meets.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aConvolutionalStepDoesNotFaultItsMemoryInAgain() throws Exception {
        Path stat = Path.of("/proc/self/stat");
        assumeTrue(Files.isReadable(stat) && Files.readString(Path.of("/proc/self/maps")).contains("libc.so.6"),
                "Linux with glibc");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"),
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        AllocatorThresholdTest.class.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), out);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        double perStep = Double.parseDouble(last);
        assertTrue(perStep < 150, perStep + " minor page faults per training step");
    }

    /**
     * The child: trains a small CNN for one epoch, then prints the minor page faults per step of
     * two more epochs.
     *
     * @param args unused
     * @throws IOException if /proc cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path stat = Path.of("/proc/self/stat");
        Random random = new Random(1);
        float[][] x = new float[EXAMPLES][784];
        int[] y = new int[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            for (int j = 0; j < 784; j++) {
                x[i][j] = random.nextFloat();
            }
            y[i] = random.nextInt(10);
        }
        Examples data = Examples.of(x, y);
        Sequential model = Sequential.builder().add(Conv2D.of(8, 3, Activation.RELU)).add(MaxPool2D.of(2))
                .add(Flatten.of()).add(Dense.of(10)).optInputShape(1, 28, 28).optSeed(1).build();
        try (CompiledModel m = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(1e-3))) {
            m.fit(data, FitOptions.builder().optEpochs(1).optBatchSize(BATCH).optVerbose(0).build());
            long before = minorFaults(stat);
            m.fit(data, FitOptions.builder().optEpochs(2).optBatchSize(BATCH).optVerbose(0).build());
            System.out.println((minorFaults(stat) - before) / (2.0 * EXAMPLES / BATCH));
        }
    }

    /** Field 10 of /proc/self/stat, counted after the command name in parentheses. */
    private static long minorFaults(Path stat) throws IOException {
        String s = Files.readString(stat);
        String[] fields = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[7]);
    }
}

package dev.nntrain.lessons;

import dev.nntrain.model.BatchedInference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.model.Activation;
import dev.nntrain.model.Dense;
import dev.nntrain.model.LayerWeights;
import dev.nntrain.model.Sequential;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Chosen starting weights, in Keras' layout, on any thread. */
class FixedKernelTest {

    private static Sequential layer(int units, Activation activation, FixedKernel kernel, int inputs) {
        return Sequential.builder()
                .add(Dense.builder().setUnits(units).optActivation(activation).optKernelInitializer(kernel).build())
                .optInputShape(inputs)
                .build();
    }

    @Test
    void kernelIsGivenInKerasLayout() {
        float[][] kernel = {{1, 2, 3}, {4, 5, 6}}; // 2 inputs, 3 units
        try (Sequential model = layer(3, Activation.LINEAR, new FixedKernel(kernel), 2)) {
            LayerWeights w = model.weights().get(0);
            assertArrayEquals(kernel, w.kernel());
            assertArrayEquals(new float[3], w.bias(), "biases start at zero");
            assertArrayEquals(new float[] {1 * 10 + 4, 2 * 10 + 5, 3 * 10 + 6}, BatchedInference.outputs(model, new float[][] {{10, 1}})[0]);
        }
    }

    @Test
    void identityPassesZThrough() {
        try (Sequential model = layer(3, Activation.RELU, FixedKernel.identity(3), 3)) {
            assertArrayEquals(new float[] {0, 0.5f, 7}, BatchedInference.outputs(model, new float[][] {{-2, 0.5f, 7}})[0]);
        }
    }

    @Test
    void wrongShapeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer(2, Activation.LINEAR, new FixedKernel(new float[][] {{1, 2, 3}}), 1));
        assertTrue(e.getMessage().contains("1 inputs x 3 units"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FixedKernel(new float[][] {{1, 2}, {3}}));
    }

    @Test
    void worksOnAThreadOtherThanTheEngines() throws Exception {
        // a notebook kernel runs cells on its own threads, where PyTorch records gradients
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            float[] out = CompletableFuture.supplyAsync(() -> {
                try (Sequential model = layer(2, Activation.SIGMOID, FixedKernel.identity(2), 2)) {
                    return BatchedInference.outputs(model, new float[][] {{0, 2}})[0];
                }
            }, other).get();
            assertEquals(0.5, out[0], 1e-7);
            assertEquals(1 / (1 + Math.exp(-2)), out[1], 1e-7);
        } finally {
            other.shutdown();
        }
    }
}

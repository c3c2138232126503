package dev.nntrain.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.initializer.Initializer;
import dev.nntrain.model.Activation;
import dev.nntrain.model.BatchedInference;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Conv1D;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Dropout;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.weights.LayerWeights;
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

    /** A convolution kernel of chosen values, in DJL's layout {@code (filters, in_channels, k...)}, written here by hand. */
    private static Initializer convKernel(float... values) {
        return (manager, shape, dataType) -> manager.create(values, shape).toType(dataType, false);
    }

    /** Keras' inputs-by-units kernel with distinct values, {@code kernel[i][u] = i * units + u + 1}. */
    private static float[][] distinct(int inputs, int units) {
        float[][] kernel = new float[inputs][units];
        for (int i = 0; i < inputs; i++) {
            for (int u = 0; u < units; u++) {
                kernel[i][u] = i * units + u + 1;
            }
        }
        return kernel;
    }

    /**
     * A 1x1 Conv2D of two filters makes a (2, 2, 3) map of the (1, 2, 3) input, and a dense layer
     * reads it flattened, its kernel given in Keras' channels-last row order. The oracle is Keras'
     * forward pass written out in plain Java: the map is {@code map[h][w][f] = k_f * x[h][w]}, Keras
     * flattens it to {@code (h * 3 + w) * 2 + f}, and unit {@code u} sums those values times the
     * kernel's rows. KerasWeights agrees: it reads the kernel back as given, and setting the same
     * kernel through it gives the same outputs.
     */
    @Test
    void kernelAfterAFlattenedConv2DMapIsInKerasChannelsLastOrder() {
        int height = 2;
        int width = 3;
        float[] filter = {2, -3}; // Conv2D's weight (filters 2, in_channels 1, 1, 1), bias 0
        float[][] kernel = distinct(height * width * 2, 3);
        float[][] x = {{1, -2, 3, 0.5f, -1, 4}, {0, 1, 0, 0, 0, 0}};
        try (Sequential model = Sequential.builder()
                .add(Conv2D.builder().setFilters(2).setKernelSize(1, 1).optKernelInitializer(convKernel(filter)).build())
                .add(Flatten.of())
                .add(Dense.builder().setUnits(3).optKernelInitializer(new FixedKernel(kernel)).build())
                .optInputShape(1, height, width).build();
                Sequential viaKerasWeights = Sequential.builder()
                        .add(Conv2D.builder().setFilters(2).setKernelSize(1, 1).optKernelInitializer(convKernel(filter)).build())
                        .add(Flatten.of())
                        .add(Dense.of(3))
                        .optInputShape(1, height, width).optSeed(5).build()) {
            float[][] out = BatchedInference.outputs(model, x);
            for (int n = 0; n < x.length; n++) {
                for (int u = 0; u < 3; u++) {
                    double expected = 0;
                    for (int h = 0; h < height; h++) {
                        for (int w = 0; w < width; w++) {
                            for (int f = 0; f < 2; f++) {
                                expected += filter[f] * x[n][h * width + w] * kernel[(h * width + w) * 2 + f][u];
                            }
                        }
                    }
                    assertEquals(expected, out[n][u], 1e-3, "example " + n + ", unit " + u);
                }
            }
            // example 1 is x[0][1] = 1 only: the map holds 2 (filter 0) and -3 (filter 1) at (h 0, w 1),
            // Keras' rows (0 * 3 + 1) * 2 + 0 = 2 and 3
            assertArrayEquals(new float[] {2 * kernel[2][0] - 3 * kernel[3][0], 2 * kernel[2][1] - 3 * kernel[3][1],
                    2 * kernel[2][2] - 3 * kernel[3][2]}, out[1], 1e-4f);

            assertArrayEquals(kernel, model.weights().get(2).kernel(), "KerasWeights reads the rows back as given");
            viaKerasWeights.weights().set(2, new LayerWeights(null, kernel, new float[3]));
            assertArrayEquals(BatchedInference.outputs(viaKerasWeights, x), out, "the same kernel through KerasWeights");
        }
    }

    /**
     * The same for a Conv1D's (3, 4) map read through a Flatten and a Dropout: Keras' row {@code p
     * * 3 + f} connects position {@code p} of filter {@code f}.
     */
    @Test
    void kernelAfterAFlattenedConv1DMapIsInKerasChannelsLastOrder() {
        float[] filter = {1, -2, 0.5f}; // Conv1D's weight (filters 3, in_channels 1, 1)
        float[][] kernel = distinct(4 * 3, 2);
        float[][] x = {{1, 2, -3, 0.25f}};
        try (Sequential model = Sequential.builder()
                .add(Conv1D.builder().setFilters(3).setKernelSize(1).optKernelInitializer(convKernel(filter)).build())
                .add(Flatten.of())
                .add(Dropout.of(0.5))
                .add(Dense.builder().setUnits(2).optKernelInitializer(new FixedKernel(kernel)).build())
                .optInputShape(1, 4).build()) {
            float[] out = BatchedInference.outputs(model, x)[0];
            for (int u = 0; u < 2; u++) {
                double expected = 0;
                for (int p = 0; p < 4; p++) {
                    for (int f = 0; f < 3; f++) {
                        expected += filter[f] * x[0][p] * kernel[p * 3 + f][u];
                    }
                }
                assertEquals(expected, out[u], 1e-3, "unit " + u);
            }
            assertArrayEquals(kernel, model.weights().get(3).kernel());
        }
    }

    /** A flattened model input is the caller's data, in the caller's order: its rows are not moved, as in KerasWeights. */
    @Test
    void kernelAfterAFlattenedModelInputIsInTheInputsOrder() {
        float[][] column = {{1}, {2}, {3}, {4}, {5}, {6}};
        try (Sequential model = Sequential.builder()
                .add(Flatten.of())
                .add(Dense.builder().setUnits(1).optKernelInitializer(new FixedKernel(column)).build())
                .optInputShape(1, 2, 3).build()) {
            float[] x = {1, -1, 2, 0, 0.5f, 3};
            double expected = 1 * 1 - 1 * 2 + 2 * 3 + 0 * 4 + 0.5 * 5 + 3 * 6;
            assertEquals(expected, BatchedInference.outputs(model, new float[][] {x})[0][0], 1e-4);
            assertArrayEquals(column, model.weights().get(1).kernel());
        }
    }

    @Test
    void aKernelOfTheWrongLengthForAFlattenedMapIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sequential.builder()
                .add(Conv2D.builder().setFilters(2).setKernelSize(1, 1).build())
                .add(Flatten.of())
                .add(Dense.builder().setUnits(1).optKernelInitializer(new FixedKernel(distinct(6, 1))).build())
                .optInputShape(1, 2, 3).build());
        assertTrue(e.getMessage().contains("6 inputs x 1 units") && e.getMessage().contains("(2, 2, 3)"), e.getMessage());
    }
}

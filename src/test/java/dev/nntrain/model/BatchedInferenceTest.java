package dev.nntrain.model;

import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

import java.util.Random;

/** Inference in chunks: the chunk size rule, and chunked outputs equal to one pass. */
class BatchedInferenceTest {

    @Test
    void chunksShrinkWithTheWidestLayerOutput() {
        try (Sequential dense = Sequential.builder().add(Dense.of(25)).add(Dense.of(10)).optInputShape(784).build()) {
            assertEquals(4096, BatchedInference.chunkSize(dense)); // 2^20 / 25 is past the cap
        }
        // 16 x 26 x 26 = 10,816 values per example: 2^20 / 10,816 = 96.9
        try (Sequential cnn = Sequential.builder().add(Conv2D.of(16, 3, Activation.RELU)).add(MaxPool2D.of(2))
                .add(Flatten.of()).add(Dense.of(10)).optInputShape(1, 28, 28).build()) {
            assertEquals(96, BatchedInference.chunkSize(cnn));
        }
        // 64 x 62 x 62 = 246,016 per example: 4 by the rule, 64 at the least
        try (Sequential wide = Sequential.builder().add(Conv2D.of(64, 3, Activation.RELU)).add(Flatten.of())
                .add(Dense.of(2)).optInputShape(1, 64, 64).build()) {
            assertEquals(64, BatchedInference.chunkSize(wide));
        }
    }

    @Test
    void chunkedOutputsEqualOnePass() {
        try (Sequential cnn = Sequential.builder().add(Conv2D.of(16, 3, Activation.RELU)).add(MaxPool2D.of(2))
                        .add(Flatten.of()).add(Dense.of(10)).optInputShape(1, 28, 28).optSeed(4).build();
                NDManager scope = cnn.manager().newSubManager()) {
            int n = 250; // three chunks of 96, the last one short
            Random random = new Random(8);
            float[][] rows = new float[n][784];
            float[] flat = new float[n * 784];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 784; j++) {
                    rows[i][j] = random.nextFloat();
                    flat[i * 784 + j] = rows[i][j];
                }
            }
            float[][] chunked = BatchedInference.outputs(cnn, rows);
            NDArray whole = cnn.forward(scope.create(flat, new Shape(n, 1, 28, 28)));
            float[] expected = whole.toFloatArray();
            for (int i = 0; i < n; i++) {
                float[] row = new float[10];
                System.arraycopy(expected, i * 10, row, 0, 10);
                assertArrayEquals(row, chunked[i], 1e-5f, "row " + i);
            }
        }
    }
}

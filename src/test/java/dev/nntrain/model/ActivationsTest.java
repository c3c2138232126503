package dev.nntrain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.Test;
import dev.nntrain.engine.Engines;

/** The tf.nn-style helpers against hand-computed values and against each other. */
class ActivationsTest {

    @Test
    void softmaxOfOneTwoThree() {
        // e^1, e^2, e^3 over their sum 30.1928...: 0.0900306, 0.2447285, 0.6652410
        float[][] p = Activations.softmax(new float[][] {{1, 2, 3}, {0, 0, 0}});
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f}, p[0], 1e-7f);
        assertArrayEquals(new float[] {1 / 3f, 1 / 3f, 1 / 3f}, p[1], 1e-7f);
    }

    @Test
    void softmaxOfHugeLogitsDoesNotOverflow() {
        float[][] p = Activations.softmax(new float[][] {{1000, 1000 + (float) Math.log(3)}});
        assertArrayEquals(new float[] {0.25f, 0.75f}, p[0], 1e-4f);
    }

    @Test
    void sigmoidOfKnownPoints() {
        float[][] p = Activations.sigmoid(new float[][] {{0, (float) Math.log(3), -(float) Math.log(3)}, {-1000, 1000}});
        assertArrayEquals(new float[] {0.5f, 0.75f, 0.25f}, p[0], 1e-7f);
        assertArrayEquals(new float[] {0f, 1f}, p[1], 0f);
    }

    @Test
    void engineVersionsAgreeWithTheArrayVersions() {
        Engines.prepareThread();
        float[][] z = {{-2.5f, 0.3f, 4f}, {7f, -1f, 0f}};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(new float[] {-2.5f, 0.3f, 4f, 7f, -1f, 0f}, new ai.djl.ndarray.types.Shape(2, 3));
            float[] soft = Activations.softmax(logits).toFloatArray();
            float[] sig = Activations.sigmoid(logits).toFloatArray();
            float[][] softRows = Activations.softmax(z);
            float[][] sigRows = Activations.sigmoid(z);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(softRows[i][j], soft[i * 3 + j], 1e-6, "softmax " + i + "," + j);
                    assertEquals(sigRows[i][j], sig[i * 3 + j], 1e-6, "sigmoid " + i + "," + j);
                }
            }
        }
    }
}

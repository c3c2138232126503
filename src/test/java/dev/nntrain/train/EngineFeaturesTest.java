package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import dev.nntrain.engine.Engines;
import dev.nntrain.data.Examples;

import org.junit.jupiter.api.Test;

import java.util.Random;

/** A training set's features on the engine: the values Java computes, refilled in place or not. */
class EngineFeaturesTest {

    private static Examples pixels(long seed, int n) {
        byte[] px = new byte[n * 6];
        new Random(seed).nextBytes(px);
        float[] targets = new float[n];
        return Examples.ofPixels(px, new long[] {1, 2, 3}, targets, 1, 2);
    }

    @Test
    void anEpochsCopyRefillsTheArrayWithTheValuesJavaComputes() {
        Engines.prepareThread();
        try (NDManager manager = NDManager.newBaseManager()) {
            Examples first = pixels(1, 5);
            Examples second = pixels(2, 5);
            try (EngineFeatures f = new EngineFeatures(manager, first, DataType.FLOAT32)) {
                assertArrayEquals(first.features(), all(f, manager, 5), 0f);
                assertTrue(f.refill(second));
                // the oracle: Examples.features(), byte / 255f in Java
                assertArrayEquals(second.features(), all(f, manager, 5), 0f);
                assertFalse(f.refill(pixels(3, 4)), "another number of examples needs a new array");
            }
            try (EngineFeatures f = new EngineFeatures(manager, first, DataType.FLOAT64)) {
                assertFalse(f.refill(second), "float64 is divided as Java divides: a new array");
            }
        }
    }

    private static float[] all(EngineFeatures f, NDManager manager, int n) {
        long[] index = new long[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray rows = f.gather(scope.create(index), scope);
            return rows.toFloatArray();
        }
    }
}

package dev.nntrain.backprop.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.backprop.LossKind;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RandomBatchTest {

    @Test
    void classIndicesForSparseLosses() {
        Batch b = RandomBatch.draw(new Random(1), 200, 3, 4, LossKind.SPARSE_CATEGORICAL_CROSS_ENTROPY);

        assertEquals(1, b.targetWidth());
        Set<Float> seen = new HashSet<>();
        for (float t : b.targets()) {
            seen.add(t);
        }
        assertEquals(Set.of(0f, 1f, 2f, 3f), seen);
    }

    @Test
    void zeroOrOneForBinaryCrossEntropy() {
        Batch b = RandomBatch.draw(new Random(1), 50, 3, 2, LossKind.BINARY_CROSS_ENTROPY_FROM_LOGITS);

        assertEquals(2, b.targetWidth());
        assertEquals(100, b.targets().length);
        for (float t : b.targets()) {
            assertTrue(t == 0 || t == 1);
        }
    }

    @Test
    void standardNormalInputsAndRegressionTargets() {
        Batch b = RandomBatch.draw(new Random(1), 2000, 2, 1, LossKind.MEAN_SQUARED_ERROR);

        double sum = 0;
        double squares = 0;
        for (double x : b.x()) {
            sum += x;
            squares += x * x;
        }
        assertEquals(0, sum / b.x().length, 0.05);
        assertEquals(1, squares / b.x().length, 0.1);
        boolean fractional = false;
        for (float t : b.targets()) {
            fractional |= t != Math.rint(t);
        }
        assertTrue(fractional);
    }

    @Test
    void sameSeedSameBatch() {
        Batch a = RandomBatch.draw(new Random(9), 4, 3, 2, LossKind.MEAN_SQUARED_ERROR);
        Batch b = RandomBatch.draw(new Random(9), 4, 3, 2, LossKind.MEAN_SQUARED_ERROR);

        assertArrayEquals(a.x(), b.x());
        assertArrayEquals(a.targets(), b.targets());
    }
}

package dev.nntrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nntrain.InvalidInputException;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * {@link Examples#splitIndices}: the examples of each part of {@link Examples#split}, by index.
 * The oracle is the split itself: the subset of the indices is the part, row for row, and each
 * example's own number (its feature here) is the index that names it.
 */
class ExamplesSplitIndicesTest {

    /** Example i has the feature i, so a part's features name the examples it holds. */
    private static Examples numbered(int n, boolean classification) {
        float[][] x = new float[n][];
        int[] labels = new int[n];
        float[][] y = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new float[] {i, i * 0.5f};
            labels[i] = i % 3 == 0 ? 2 : i % 2; // uneven classes, so that the stratified split shuffles each
            y[i] = new float[] {i * 1.5f};
        }
        return classification ? Examples.of(x, labels) : Examples.of(x, y);
    }

    @Test
    void theIndicesSelectTheSplitsParts() {
        for (boolean classification : new boolean[] {true, false}) {
            Examples all = numbered(47, classification);
            for (long seed : new long[] {0, 1, 42}) {
                Examples.Split split = all.split(0.3, seed);
                Examples.SplitIndices indices = all.splitIndices(0.3, seed);
                assertEquals(split.first().size(), indices.first().length);
                assertEquals(split.second().size(), indices.second().length);
                assertArrayEquals(split.first().features(), all.subset(indices.first()).features());
                assertArrayEquals(split.first().targets(), all.subset(indices.first()).targets());
                assertArrayEquals(split.second().features(), all.subset(indices.second()).features());
                assertArrayEquals(split.second().targets(), all.subset(indices.second()).targets());
                for (int k = 0; k < indices.first().length; k++) {
                    assertEquals(indices.first()[k], split.first().featureRow(k)[0], "row " + k + " of the first part");
                }
                // every example once, in one part or the other
                int[] both = IntStream.concat(Arrays.stream(indices.first()), Arrays.stream(indices.second())).sorted().toArray();
                assertArrayEquals(IntStream.range(0, all.size()).toArray(), both);
            }
        }
    }

    @Test
    void theIndicesAreShuffledAndCopied() {
        Examples all = numbered(40, false);
        Examples.SplitIndices indices = all.splitIndices(0.25, 7);
        int[] first = indices.first();
        int[] sorted = first.clone();
        Arrays.sort(sorted);
        assertEquals(false, Arrays.equals(sorted, first), "the parts come in shuffled order, as split's do");
        first[0] = -1;
        assertEquals(false, indices.first()[0] == -1, "the record hands out copies");
        assertThrows(InvalidInputException.class, () -> all.splitIndices(1, 7));
        assertThrows(InvalidInputException.class, () -> all.splitIndices(0, 7));
    }
}

package dev.nntrain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;

import org.junit.jupiter.api.Test;

/** The row order of a dense kernel after a flattened feature map, written out by hand. */
class FlattenedRowsTest {

    @Test
    void kerasRowsMoveToChannelsFirstOrder() {
        // map (channels 2, height 1, width 3): Keras' rows (w, ch) 0..5 are (0,0) (0,1) (1,0) (1,1) (2,0) (2,1);
        // nntrain's rows (ch, w) are (0,0) (0,1) (0,2) (1,0) (1,1) (1,2), Keras' rows 0 2 4 1 3 5
        float[] keras = {0, 10, 1, 11, 2, 12, 3, 13, 4, 14, 5, 15}; // 2 units: row k holds k and k + 10
        float[] nntrain = {0, 10, 2, 12, 4, 14, 1, 11, 3, 13, 5, 15};
        assertArrayEquals(nntrain, FlattenedRows.fromKeras(keras, new long[] {2, 1, 3}, 2));
        assertArrayEquals(keras, FlattenedRows.toKeras(nntrain, new long[] {2, 1, 3}, 2));
        // a Conv1D's (channels 3, length 2): Keras' row p * 3 + ch is nntrain's ch * 2 + p
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, FlattenedRows.fromKeras(new float[] {0, 1, 2, 3, 4, 5}, new long[] {3, 2}, 1));
    }

    @Test
    void aKernelThatDoesNotFitTheMapIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FlattenedRows.fromKeras(new float[6], new long[] {2, 2, 2}, 1));
        assertTrue(e.getMessage().contains("(2, 2, 2)") && e.getMessage().contains("6 inputs"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> FlattenedRows.toKeras(new float[6], new long[] {6}, 1));
        assertThrows(InvalidInputException.class, () -> FlattenedRows.toKeras(new float[6], new long[] {3, 2}, 0));
    }
}

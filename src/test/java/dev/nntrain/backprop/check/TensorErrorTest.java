package dev.nntrain.backprop.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorErrorTest {

    @Test
    void largestErrorOverLargestMagnitude() {
        TensorError e = TensorError.between(new double[] {0.5, -2, 0.001}, new double[] {0.5001, -2, 0.0015});

        assertEquals(5e-4, e.maxAbsolute(), 1e-15);
        assertEquals(2, e.scale());
        assertEquals(2.5e-4, e.relative(), 1e-15);
    }

    @Test
    void tinyElementDoesNotDominate() {
        // element 2 is off by 100 % of itself, but it is 1e-9 of the tensor's scale
        TensorError e = TensorError.between(new double[] {1, 1e-9}, new double[] {1, 2e-9});

        assertEquals(1e-9, e.relative(), 1e-20);
    }

    @Test
    void floorStopsDivisionByNearZero() {
        TensorError zero = TensorError.between(new double[] {0, 0}, new double[] {0, 0});
        assertEquals(0, zero.relative());
        TensorError tiny = TensorError.between(new double[] {1e-12}, new double[] {2e-12});
        assertEquals(1e-12 / TensorError.FLOOR, tiny.relative(), 1e-24);
    }

    @Test
    void nanFailsEveryBound() {
        TensorError e = TensorError.between(new double[] {1, 2}, new double[] {Double.NaN, 2});
        assertTrue(Double.isNaN(e.relative()));
        assertFalse(e.within(1));
    }

    @Test
    void lengthsMustMatch() {
        assertThrows(IllegalArgumentException.class, () -> TensorError.between(new double[1], new double[2]));
    }
}

package dev.nntrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A null row is named as the caller wrote it ({@code x[2]}, {@code y[0]}), as {@code predict}
 * names one, not by a variable of this class.
 */
class ExamplesArgumentsTest {

    private static void nullRow(String expected, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void aNullRowIsNamedByArgumentAndIndex() {
        float[][] x = {{1, 2}, {3, 4}, {5, 6}};
        nullRow("y[0]", () -> Examples.of(x, new float[][] {null, {1}, {2}}));
        nullRow("y[2]", () -> Examples.of(x, new float[][] {{0}, {1}, null}));
        nullRow("x[0]", () -> Examples.of(new float[][] {null, {3, 4}}, new int[] {0, 1}));
        nullRow("x[1]", () -> Examples.of(new float[][] {{1, 2}, null}, new float[][] {{0}, {1}}));
        nullRow("x[1]", () -> Examples.of(new double[][] {{1, 2}, null}, new int[] {0, 1}));
        nullRow("y[1]", () -> Examples.of(new double[][] {{1, 2}, {3, 4}}, new double[][] {{0}, null}));
        nullRow("x[0]", () -> Examples.of(new double[][] {null, {3, 4}}, new double[][] {{0}, {1}}));
    }
}

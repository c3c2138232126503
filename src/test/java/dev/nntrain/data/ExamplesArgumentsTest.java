package dev.nntrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nntrain.InvalidInputException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A null row is named as the caller wrote it ({@code x[2]}, {@code y[0]}), as {@code predict}
 * names one, not by a variable of this class; a NaN or infinite feature is named by its example,
 * its index and its value.
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

    @Test
    void requireFiniteFeaturesNamesTheFirstValueThatIsNot() {
        // examples of shape (2, 2): example 1's values are at 4 to 7; the NaN at 6 is its index 2
        float[] features = new float[12];
        features[6] = Float.NaN;
        features[9] = Float.POSITIVE_INFINITY;
        Examples examples = Examples.of(features, new long[] {2, 2}, new float[3], 1, 0);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> examples.requireFiniteFeatures("some data"));
        assertEquals("some data: feature NaN of example 1 (at index 2 of 4) is not finite", e.getMessage());
        features[6] = 0;
        e = assertThrows(InvalidInputException.class, () -> examples.requireFiniteFeatures("some data"));
        assertEquals("some data: feature Infinity of example 2 (at index 1 of 4) is not finite", e.getMessage());
        features[9] = -Float.MAX_VALUE; // finite, however large
        examples.requireFiniteFeatures("some data");
        Examples.ofPixels(new byte[] {(byte) 255, 0}, new long[] {2}, new float[1], 1, 0).requireFiniteFeatures("pixels");
    }
}

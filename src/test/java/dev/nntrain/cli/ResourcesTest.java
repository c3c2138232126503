package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;

import dev.nntrain.model.Layer;
import dev.nntrain.model.Shapes;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Padding;

import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * {@link Resources}' estimate on sizes worked out by hand, among them models whose sizes do not
 * fit in a {@code long}: a count that wraps around passes any bound it is checked against.
 */
class ResourcesTest {

    private static final double TWO_TO_THE_20 = 1 << 20;

    @Test
    void parameterCountsThatOverflowALongAreNotWrappedAround() {
        // 2^20 four times over is 2^80; DJL's Shape.size() multiplies in long and gets 0
        Shape huge = new Shape(1 << 20, 1 << 20, 1 << 20, 1 << 20);
        assertEquals(0, huge.size(), "DJL's product wraps around: the reason for Shapes' own");
        assertThrows(ArithmeticException.class, () -> Shapes.parameterCount(List.of(huge)));
        assertEquals(Math.pow(2, 80), Shapes.approximateParameterCount(List.of(huge)));
        assertEquals(3 * 4 + 5, Shapes.parameterCount(List.of(new Shape(3, 4), new Shape(5))));
    }

    @Test
    void aConvolutionOfTwoToTheEightyParametersIsEstimatedAsSuch() {
        // 2^20 filters of 2^20 x 2^20 over 2^20 channels: 2^80 weights and 2^20 biases; one window fits
        Layer conv = Conv2D.builder().setFilters(1 << 20).setKernelSize(1 << 20, 1 << 20).build();
        Resources.Estimate e = Resources.estimate(List.of(conv), new long[] {1 << 20, 1 << 20, 1 << 20},
                32, 100, 1L << 60, 1, false);
        assertEquals(-1, e.parameters(), "no long holds the count");
        assertEquals(Math.pow(2, 80) + TWO_TO_THE_20, e.approximateParameters(), Math.pow(2, 80) * 1e-12);
        // the parameters alone, six times over in 4-byte floats
        assertTrue(e.engineBytes() >= 4 * 6 * Math.pow(2, 80), "engine " + e.engineBytes());
        assertTrue(e.formatParameters().startsWith("about 1.21e+24"), e.formatParameters());
    }

    @Test
    void twoLayersOfTwoToTheSixtyTwoParametersNeedTwiceWhatOneNeeds() {
        // 2^20 filters of 2047 x 2047 ('same', the longest window a 1024 x 1024 input takes) over
        // 2^20 channels: 2^40 x 2047^2 = 4.6e18 weights each, whose bytes times 6 are past Long.MAX_VALUE
        Layer conv = Conv2D.builder().setFilters(1 << 20).setKernelSize(2047, 2047).optPadding(Padding.SAME).build();
        long[] input = {1 << 20, 1024, 1024};
        double weights = Math.pow(2, 40) * 2047 * 2047;
        Resources.Estimate one = Resources.estimate(List.of(conv), input, 1, 1, 1L << 40, 1, false);
        Resources.Estimate two = Resources.estimate(List.of(conv, conv), input, 1, 1, 1L << 40, 1, false);
        assertEquals(weights + TWO_TO_THE_20, one.approximateParameters(), weights * 1e-12);
        assertEquals(2 * (weights + TWO_TO_THE_20), two.approximateParameters(), weights * 1e-12);
        assertTrue(one.engineBytes() >= 4 * 6 * weights, "engine " + one.engineBytes());
        assertTrue(two.engineBytes() >= 4 * 6 * 2 * weights, "engine " + two.engineBytes());
        assertTrue(two.engineBytes() > 1.9 * one.engineBytes(), two.engineBytes() + " vs " + one.engineBytes());
    }

    @Test
    void aDenseOutputOf65536ClassesIsCountedOnTheEngineAndTheHeap() {
        // two features, 40 rows, labels up to 65,535: the output layer alone
        int classes = 65_536;
        Resources.Estimate e = Resources.estimate(List.of(Dense.of(classes)), new long[] {2}, 32, 40, 2, 1, false);
        assertEquals(3L * classes, e.parameters(), "2 x 65,536 weights and 65,536 biases");
        // a batch of 32 logits rows, four times over (values, gradients, temporaries), and an
        // evaluation chunk of 64 rows (1M values / 65,536 is 16, raised to the fewest, 64)
        double logits = 4.0 * classes * (4 * 32 + 64);
        assertTrue(e.engineBytes() >= logits, e.engineBytes() + " < " + logits);
        // on the heap, a chunk's 64 rows of 65,536 outputs copied out of the engine, twice
        assertTrue(e.heapBytes() >= 2 * 4.0 * 64 * classes, "heap " + e.heapBytes());
    }
}

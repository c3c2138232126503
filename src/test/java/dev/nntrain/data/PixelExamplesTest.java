package dev.nntrain.data;

import dev.nntrain.data.mnist.Idx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Random;

/** Pixel-backed examples behave exactly like the same examples held as floats. */
class PixelExamplesTest {

    private static final int SIDE = 5;

    private static byte[] pixels(int n, long seed) {
        byte[] p = new byte[n * SIDE * SIDE];
        new Random(seed).nextBytes(p);
        return p;
    }

    private static Examples both(byte[] p, boolean asPixels) {
        float[] targets = new float[p.length / (SIDE * SIDE)];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = i % 3;
        }
        if (asPixels) {
            return Examples.ofPixels(p, new long[] {SIDE * SIDE}, targets, 1, 3);
        }
        float[] f = new float[p.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (p[i] & 0xff) / 255f;
        }
        return Examples.of(f, new long[] {SIDE * SIDE}, targets, 1, 3);
    }

    @Test
    void featuresAreBytesOver255() {
        byte[] p = pixels(4, 1);
        Examples px = both(p, true);
        Examples fl = both(p, false);
        assertTrue(px.hasPixels());
        assertFalse(fl.hasPixels());
        assertArrayEquals(fl.features(), px.features(), 0f);
        assertArrayEquals(fl.featureRow(2), px.featureRow(2), 0f);
        assertEquals(255 / 255f, Examples.ofPixels(new byte[] {(byte) 255}, new long[] {1}, new float[] {0}, 1, 1)
                .features()[0]);
        assertThrows(IllegalStateException.class, fl::pixels);
    }

    @Test
    void subsetsSlicesAndSplitsKeepThePixels() {
        byte[] p = pixels(30, 2);
        Examples px = both(p, true);
        Examples fl = both(p, false);
        assertTrue(px.slice(3, 9).hasPixels());
        assertArrayEquals(fl.slice(3, 9).features(), px.slice(3, 9).features(), 0f);
        assertArrayEquals(fl.subset(new int[] {7, 1, 7}).features(), px.subset(new int[] {7, 1, 7}).features(), 0f);
        Examples.Split a = px.split(0.2, 5);
        Examples.Split b = fl.split(0.2, 5);
        assertTrue(a.first().hasPixels());
        assertArrayEquals(b.second().features(), a.second().features(), 0f);
        assertArrayEquals(b.second().targets(), a.second().targets(), 0f);
        assertEquals(px.size(), px.withFeatureShape(1, SIDE, SIDE).size());
    }

    @Test
    void randomShiftsMovePixelsAsTheyMoveFloats() {
        byte[] p = pixels(12, 3);
        Examples shiftedPixels = new RandomShift(2).apply(both(p, true), new Random(9));
        Examples shiftedFloats = new RandomShift(2).apply(both(p, false), new Random(9));
        assertTrue(shiftedPixels.hasPixels());
        assertArrayEquals(shiftedFloats.features(), shiftedPixels.features(), 0f);
    }

    @Test
    void idxReaderReturnsPixelExamples() {
        Examples e = Idx.read(java.nio.file.Path.of("data/mnist/t10k-images-idx3-ubyte.gz"),
                java.nio.file.Path.of("data/mnist/t10k-labels-idx1-ubyte.gz"));
        assertTrue(e.hasPixels());
        assertEquals(2000, e.size());
        assertEquals(784, e.featureSize());
    }
}

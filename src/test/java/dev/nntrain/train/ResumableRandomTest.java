package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.Random;

/** The generator against the JDK's {@link Random}, and its state put back mid-stream. */
class ResumableRandomTest {

    private static double[] draws(Random r, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            switch (i % 5) {
                case 0 -> out[i] = r.nextInt(7 + i);
                case 1 -> out[i] = r.nextDouble();
                case 2 -> out[i] = r.nextGaussian();
                case 3 -> out[i] = r.nextLong();
                default -> out[i] = r.nextInt();
            }
        }
        return out;
    }

    @Test
    void drawsWhatTheJdksRandomDraws() {
        for (long seed : new long[] {0, 42, -7, Long.MAX_VALUE}) {
            assertEquals(java.util.Arrays.toString(draws(new Random(seed), 1000)),
                    java.util.Arrays.toString(draws(new ResumableRandom(seed), 1000)));
        }
    }

    @Test
    void aRestoredStateContinuesTheSameStream() {
        ResumableRandom a = new ResumableRandom(5);
        draws(a, 333); // ends after a nextGaussian: one Gaussian is cached
        ResumableRandom.State state = a.state();
        double[] rest = draws(a, 500);
        ResumableRandom b = new ResumableRandom(99);
        b.restore(state);
        assertEquals(java.util.Arrays.toString(rest), java.util.Arrays.toString(draws(b, 500)));
    }
}

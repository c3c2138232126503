package dev.nntrain.train;

import java.util.Random;

/**
 * A {@link Random} whose state can be read and set, so that a fit resumed from a checkpoint draws
 * exactly the numbers the uninterrupted fit would have drawn. It draws the same numbers as {@code
 * new Random(seed)}: the linear congruential generator and the polar method for Gaussians are the
 * ones {@link Random}'s documentation specifies; only the state is kept here, where it can be
 * reached.
 */
final class ResumableRandom extends Random {

    private static final long serialVersionUID = 1L;
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    // no initialisers: Random's constructor calls setSeed before they would run
    private long state;
    private boolean haveNextGaussian;
    private double nextGaussian;

    /**
     * Creates the generator.
     *
     * @param seed the seed, as for {@code new Random(seed)}
     */
    ResumableRandom(long seed) {
        super(seed);
    }

    /** The generator's whole state. */
    record State(long seed, boolean haveNextGaussian, double nextGaussian) {}

    /** @return the state, to restore with {@link #restore} */
    synchronized State state() {
        return new State(state, haveNextGaussian, nextGaussian);
    }

    /**
     * Puts back a state from {@link #state()}.
     *
     * @param s the state
     */
    synchronized void restore(State s) {
        state = s.seed() & MASK;
        haveNextGaussian = s.haveNextGaussian();
        nextGaussian = s.nextGaussian();
    }

    @Override
    public synchronized void setSeed(long seed) {
        state = (seed ^ MULTIPLIER) & MASK;
        haveNextGaussian = false;
    }

    @Override
    protected synchronized int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    @Override
    public synchronized double nextGaussian() {
        if (haveNextGaussian) {
            haveNextGaussian = false;
            return nextGaussian;
        }
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * nextDouble() - 1;
            v2 = 2 * nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        double multiplier = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        nextGaussian = v2 * multiplier;
        haveNextGaussian = true;
        return v1 * multiplier;
    }
}

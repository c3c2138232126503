package dev.nntrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import java.util.function.DoubleSupplier;

/**
 * Stops a fit whose training has diverged, whatever the optimiser: the loss or a parameter is
 * NaN or infinite, or the loss has grown a million times past where it started (Adam at a
 * learning rate of 1e6 keeps its loss finite, near 1e18, while it learns nothing).
 *
 * <p>Why this costs nothing measurable: the loss is summed on the engine and reading it waits for
 * the queued steps, so it is not read after every step. It is read after steps 1, 2, 4, ..., 64
 * of the fit (a rate far too high shows at once; the first read is the reference), then every
 * {@value #EVERY} steps of an epoch and at its end: about one read per {@value #EVERY} steps. Each
 * read is paired with one sum over the flat parameter array, which is NaN or infinite as soon as
 * one parameter is. The step is therefore named to within the window between two checks: the
 * report gives the last step at which the check passed and the first at which it failed.
 */
final class DivergenceGuard {

    /** Steps between two checks. */
    static final int EVERY = 100;
    /** How far past its first value the loss may grow. */
    static final double GROWTH = 1e6;

    private final NDArray parameters;
    private final DoubleSupplier learningRate;
    private double reference = Double.NaN;
    private int lastGoodStep;
    private long steps;

    /**
     * @param parameters the model's flat parameter array
     * @param learningRate the fit's current rate (a schedule may have changed it), for the advice
     */
    DivergenceGuard(NDArray parameters, DoubleSupplier learningRate) {
        this.parameters = parameters;
        this.learningRate = learningRate;
    }

    /** Starts an epoch: the step count restarts. */
    void beginEpoch() {
        lastGoodStep = 0;
    }

    /**
     * Checks after a step when a check is due.
     *
     * @param epoch the epoch, from 1
     * @param step the step just taken in the epoch, from 1
     * @param runningLoss the epoch's mean loss so far (read from the engine only when due)
     */
    void afterStep(int epoch, int step, DoubleSupplier runningLoss) {
        steps++;
        boolean early = steps < EVERY && Long.bitCount(steps) == 1;
        if (early || step % EVERY == 0) {
            check(epoch, step, runningLoss.getAsDouble());
        }
    }

    /**
     * Checks at the end of an epoch.
     *
     * @param epoch the epoch, from 1
     * @param steps the epoch's steps
     * @param meanLoss the epoch's mean loss
     */
    void endEpoch(int epoch, int steps, double meanLoss) {
        if (steps != lastGoodStep) {
            check(epoch, steps, meanLoss);
        }
    }

    private void check(int epoch, int step, double loss) {
        if (Double.isNaN(reference) && Double.isFinite(loss)) {
            reference = Math.max(loss, 1);
        }
        String what = null;
        if (!Double.isFinite(loss)) {
            what = "the loss is " + loss;
        } else if (loss > GROWTH * reference) {
            what = String.format("the loss grew to %.3g from %.3g at the start", loss, reference);
        } else if (!finite(parameters)) {
            what = "a parameter is NaN or infinite";
        }
        if (what != null) {
            String where = lastGoodStep == step - 1
                    ? "at step " + step
                    : "between steps " + (lastGoodStep + 1) + " and " + step;
            double now = learningRate.getAsDouble();
            throw new TrainingDivergedException(String.format(
                    "training diverged in epoch %d %s: %s; lower the learning rate (now %s), e.g. to %s",
                    epoch, where, what, rate(now), rate(now / 10)));
        }
        lastGoodStep = step;
    }

    private static boolean finite(NDArray flat) {
        try (NDArray sum = flat.sum()) {
            double s = sum.getDataType() == DataType.FLOAT64 ? sum.getDouble() : sum.getFloat();
            return Double.isFinite(s);
        }
    }

    private static String rate(double r) {
        if (r >= 1e-3 && r < 1e4) {
            return String.valueOf((float) r).replaceAll("\\.0$", "");
        }
        return String.format(java.util.Locale.ROOT, "%.0e", r).replace("e+0", "e").replace("e+", "e").replace("e-0", "e-");
    }
}

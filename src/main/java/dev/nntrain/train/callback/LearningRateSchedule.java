package dev.nntrain.train.callback;

import dev.nntrain.InvalidInputException;
import dev.nntrain.train.optimizer.Optimizer;

import java.util.Locale;

/**
 * A learning rate per epoch, the function Keras' {@code LearningRateScheduler} takes: from the
 * epoch's index, counted from 0 as in Keras, and the rate the fit is at now, the rate for that
 * epoch. A lambda is one, e.g. {@code (epoch, rate) -> epoch < 10 ? rate : rate * Math.exp(-0.1)};
 * the factories below are the usual closed forms of the epoch alone, from an initial rate (give the
 * optimiser's, so that the first epoch keeps it).
 *
 * <p>A schedule is also named in a training checkpoint, so that a fit resumed with another
 * schedule is refused: the factories name theirs, with their settings; a lambda is {@code
 * custom}, and any two of those are taken to be the same.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * Returns the rate of an epoch.
     *
     * @param epoch the epoch's index, from 0 (the fit's epoch 1 is 0)
     * @param currentRate the rate the fit is at: the previous epoch's, or the compiled rate (or
     *     the previous fit's) before the first
     * @return the rate of the epoch, positive and finite, and no smaller than the parameters'
     *     type trains at ({@code Optimizer.smallestLearningRate}: 1.2e-38 for float32), which
     *     {@code TrainingContext.setLearningRate} refuses otherwise
     */
    double rate(int epoch, double currentRate);

    /**
     * @return what the schedule computes, with its settings, e.g. {@code stepDecay(initial=0.001,
     *     every=10, factor=0.5)}; {@code custom} unless an implementation says more
     */
    default String describe() {
        return "custom";
    }

    /**
     * Step decay: the rate drops by {@code factor} every {@code every} epochs, {@code rate(e) =
     * initial * factor^floor(e / every)}. Keras' {@code ExponentialDecay} with {@code
     * staircase=True}, counted in epochs.
     *
     * @param initial the rate of epochs 0 to {@code every - 1}, positive and finite
     * @param every epochs between two drops, at least 1
     * @param factor what each drop multiplies the rate by, in (0, 1)
     * @return the schedule
     * @throws InvalidInputException naming a value out of range
     */
    static LearningRateSchedule stepDecay(double initial, int every, double factor) {
        Optimizer.checkLearningRate(initial);
        if (every < 1) {
            throw new InvalidInputException("step decay needs at least 1 epoch between drops, got " + every);
        }
        requireDecay("step decay factor", factor);
        return new NamedSchedule(String.format(Locale.ROOT, "stepDecay(initial=%s, every=%d, factor=%s)", initial, every,
                factor), epoch -> initial * Math.pow(factor, Math.floor(epoch / (double) every)));
    }

    /**
     * Exponential decay: the rate shrinks by {@code decayRate} every epoch, {@code rate(e) =
     * initial * decayRate^e}. Keras' {@code ExponentialDecay} with one epoch per decay step.
     *
     * @param initial the rate of epoch 0, positive and finite
     * @param decayRate what each epoch multiplies the rate by, in (0, 1)
     * @return the schedule
     * @throws InvalidInputException naming a value out of range
     */
    static LearningRateSchedule exponentialDecay(double initial, double decayRate) {
        Optimizer.checkLearningRate(initial);
        requireDecay("exponential decay rate", decayRate);
        return new NamedSchedule(String.format(Locale.ROOT, "exponentialDecay(initial=%s, decayRate=%s)", initial, decayRate),
                epoch -> initial * Math.pow(decayRate, epoch));
    }

    /**
     * Cosine decay to a floor over {@code epochs} epochs, then the floor: {@code rate(e) = floor
     * + (initial - floor) (1 + cos(pi min(e, epochs) / epochs)) / 2}. Keras' {@code CosineDecay}
     * with {@code alpha = floor / initial}, counted in epochs (SGDR's annealing, without restarts).
     * The last epoch of the decay, {@code epochs - 1}, is still above the floor; with a floor of
     * 0 the rate of epoch {@code epochs} would be 0, which no optimiser takes, so a fit longer
     * than {@code epochs} needs a positive floor.
     *
     * @param initial the rate of epoch 0, positive and finite
     * @param epochs the epochs the decay lasts, at least 1
     * @param floor the rate it decays to, in [0, initial)
     * @return the schedule
     * @throws InvalidInputException naming a value out of range
     */
    static LearningRateSchedule cosineDecay(double initial, int epochs, double floor) {
        Optimizer.checkLearningRate(initial);
        if (epochs < 1) {
            throw new InvalidInputException("cosine decay needs at least 1 epoch, got " + epochs);
        }
        if (!(floor >= 0 && floor < initial)) {
            throw new InvalidInputException("cosine decay's floor must be at least 0 and below the initial rate "
                    + initial + ", got " + floor);
        }
        return new NamedSchedule(String.format(Locale.ROOT, "cosineDecay(initial=%s, epochs=%d, floor=%s)", initial, epochs,
                floor), epoch -> floor + (initial - floor) * (1 + Math.cos(Math.PI * Math.min(epoch, epochs) / epochs)) / 2);
    }

    private static void requireDecay(String what, double factor) {
        if (!(factor > 0 && factor < 1)) {
            throw new InvalidInputException(what + " must be in (0, 1), got " + factor);
        }
    }
}

package dev.nntrain.train.callback;

import java.util.function.IntToDoubleFunction;

/**
 * A {@link LearningRateSchedule} of the epoch alone, with a description of its settings: what
 * the factories of {@code LearningRateSchedule} return.
 */
final class NamedSchedule implements LearningRateSchedule {

    private final String description;
    private final IntToDoubleFunction rate;

    NamedSchedule(String description, IntToDoubleFunction rate) {
        this.description = description;
        this.rate = rate;
    }

    @Override
    public double rate(int epoch, double currentRate) {
        return rate.applyAsDouble(epoch);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}

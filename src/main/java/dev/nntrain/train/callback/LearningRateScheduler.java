package dev.nntrain.train.callback;

import dev.nntrain.InvalidInputException;

import java.util.Map;
import java.util.Objects;

/**
 * Sets the learning rate at the start of every epoch from a {@link LearningRateSchedule}, as
 * Keras' {@code LearningRateScheduler}: before epoch {@code e} (from 0) the rate becomes {@code
 * schedule.rate(e, current rate)}. Each epoch's logs then record the rate it trained at ({@code
 * History.learningRate()}, Keras' {@code learning_rate}), and the epoch line shows it where it
 * changed.
 *
 * <pre>{@code
 * FitOptions.builder().optEpochs(40)
 *         .addCallback(LearningRateScheduler.builder()
 *                 .setSchedule(LearningRateSchedule.cosineDecay(1e-3, 40, 1e-5)).build())
 *         .build();
 * }</pre>
 *
 * <p>The callback keeps no state of its own: the rate lives in the optimiser's state, which a
 * training checkpoint saves. It does record its schedule's description there, so that a fit
 * resumed with another named schedule is refused.
 */
public final class LearningRateScheduler implements Callback {

    private final LearningRateSchedule schedule;

    private LearningRateScheduler(Builder builder) {
        this.schedule = builder.schedule;
    }

    /** @return a builder; {@link Builder#setSchedule} is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Shorthand for {@code builder().setSchedule(schedule).build()}.
     *
     * @param schedule the schedule
     * @return the callback
     */
    public static LearningRateScheduler of(LearningRateSchedule schedule) {
        return builder().setSchedule(schedule).build();
    }

    /** @return the schedule */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /**
     * Sets the epoch's rate.
     *
     * @throws InvalidInputException if the schedule gives a rate that is not positive and
     *     finite, naming the schedule, the epoch and the rate
     */
    @Override
    public void onEpochBegin(int epoch, TrainingContext context) {
        double rate = schedule.rate(epoch - 1, context.learningRate());
        try {
            context.setLearningRate(rate);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("LearningRateScheduler's schedule " + schedule.describe() + " gave the rate "
                    + rate + " for epoch " + epoch + " (index " + (epoch - 1) + "): " + e.getMessage(), e);
        }
    }

    /** Only the schedule's description, which a resumed fit must share; the rate is the optimiser's. */
    @Override
    public CallbackState saveState() {
        return new CallbackState(toString(), Map.of());
    }

    /** @return its settings, e.g. {@code LearningRateScheduler(schedule=stepDecay(initial=0.001, every=10, factor=0.5))} */
    @Override
    public String toString() {
        return "LearningRateScheduler(schedule=" + schedule.describe() + ")";
    }

    /** Builds a {@link LearningRateScheduler}. */
    public static final class Builder {
        private LearningRateSchedule schedule;

        private Builder() {}

        /**
         * Sets the schedule (required).
         *
         * @param schedule the rate per epoch
         * @return this builder
         */
        public Builder setSchedule(LearningRateSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * @return the callback
         * @throws IllegalStateException without a schedule
         */
        public LearningRateScheduler build() {
            if (schedule == null) {
                throw new IllegalStateException("LearningRateScheduler needs a schedule: call setSchedule");
            }
            return new LearningRateScheduler(this);
        }
    }
}

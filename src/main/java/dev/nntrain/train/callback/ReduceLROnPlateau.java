package dev.nntrain.train.callback;

import ai.djl.ndarray.types.DataType;

import dev.nntrain.InvalidInputException;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.EpochLogs;
import dev.nntrain.train.optimizer.Optimizer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Lowers the learning rate when a metric has stopped improving, as Keras' {@code
 * ReduceLROnPlateau}, with its defaults and its rules. After each epoch:
 *
 * <ol>
 *   <li>during a cooldown (the {@code cooldown} epochs after a reduction) the cooldown counter
 *       goes down by one and the count of epochs without improvement restarts at 0;
 *   <li>a value that beats the best by more than {@code min_delta} (lower for losses and errors,
 *       higher for accuracies) becomes the best, and the count restarts at 0 (a NaN value never
 *       does);
 *   <li>otherwise, unless still in cooldown, the count goes up by one, and once it reaches
 *       {@code patience} the rate becomes {@code max(rate * factor, min_lr)} (if it is above
 *       {@code min_lr}), the cooldown starts and the count restarts at 0.
 * </ol>
 *
 * <p>The rate it lowers is the fit's current one ({@link TrainingContext#learningRate()}); each
 * epoch's logs record the rate that epoch trained at. Its best value, count and cooldown counter
 * are saved by a training checkpoint and put back when the fit resumes; a new fit starts them
 * afresh (Keras resets them in {@code on_train_begin}) but keeps the lowered rate, as Keras keeps
 * the optimiser's.
 *
 * <pre>{@code
 * ReduceLROnPlateau.builder().optFactor(0.5).optPatience(3).optMinLearningRate(1e-5).build()
 * }</pre>
 */
public final class ReduceLROnPlateau implements Callback {

    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private final double minDelta;
    private final int cooldown;
    private final double minLearningRate;

    private double best = Double.NaN; // none yet
    private int wait;
    private int cooldownCounter;

    private ReduceLROnPlateau(Builder b) {
        this.monitor = new Monitor(b.monitor);
        this.factor = b.factor;
        this.patience = b.patience;
        this.minDelta = b.minDelta;
        this.cooldown = b.cooldown;
        this.minLearningRate = b.minLearningRate;
    }

    /** @return a builder with Keras' defaults; every setting is optional */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts afresh, and refuses a metric the fit will not compute.
     *
     * @throws InvalidInputException if the fit's logs will not hold the monitored metric: {@code
     *     val_*} without validation data, an accuracy of a regression loss
     */
    @Override
    public void onTrainBegin(TrainingContext context) {
        monitor.requireComputed(context, "ReduceLROnPlateau");
        best = Double.NaN;
        wait = 0;
        cooldownCounter = 0;
    }

    @Override
    public void onEpochEnd(EpochLogs logs, TrainingContext context) {
        double current = monitor.read(logs, context);
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (monitor.improves(current, best, minDelta)) {
            best = current;
            wait = 0;
        } else if (cooldownCounter == 0 && ++wait >= patience) {
            double rate = context.learningRate();
            double floor = Math.max(minLearningRate, smallestRate(context));
            // at the floor already: nothing to lower, and no cooldown (Keras' rule)
            if (rate > floor) {
                context.setLearningRate(Math.max(rate * factor, floor));
                cooldownCounter = cooldown;
                wait = 0;
            }
        }
    }

    /**
     * The lowest rate a reduction goes to whatever {@code min_lr} says: the smallest the model's
     * parameters train at ({@link Optimizer#smallestLearningRate}), where Keras' rule, with the
     * default {@code min_lr} of 0, would go on multiplying by {@code factor} to a subnormal rate and
     * then to 0, which no optimiser takes.
     */
    private static double smallestRate(TrainingContext context) {
        CompiledModel compiled = context.model();
        return Optimizer.smallestLearningRate(compiled == null ? DataType.FLOAT64 : compiled.model().dataType());
    }

    /** Its best value (NaN before the first epoch), epochs waited and cooldown epochs left. */
    @Override
    public CallbackState saveState() {
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("best", new double[] {best});
        values.put("wait", new double[] {wait});
        values.put("cooldown_counter", new double[] {cooldownCounter});
        return new CallbackState(toString(), values);
    }

    @Override
    public void restoreState(CallbackState state) {
        double savedBest = state.number("best");
        if (Double.isInfinite(savedBest)) {
            throw new InvalidInputException("ReduceLROnPlateau's saved best " + savedBest + " is not a finite number"
                    + " (nor NaN, for none yet)");
        }
        int savedWait = count(state, "wait", Integer.MAX_VALUE); // at the floor it goes on counting past patience
        int savedCooldown = count(state, "cooldown_counter", cooldown);
        best = savedBest;
        wait = savedWait;
        cooldownCounter = savedCooldown;
    }

    /** A saved count of epochs: a whole number from 0 to what this callback's settings allow. */
    private static int count(CallbackState state, String name, int max) {
        double v = state.number(name);
        if (!(v >= 0 && v <= max && v == Math.rint(v))) {
            throw new InvalidInputException("ReduceLROnPlateau's saved " + name + " " + v
                    + " is not a whole number of epochs from 0 to " + max);
        }
        return (int) v;
    }

    /** @return the best value of the monitored metric so far, NaN before the first epoch */
    public double best() {
        return best;
    }

    /** @return the epochs since the last improvement or reduction (Keras' {@code wait}) */
    public int epochsWaited() {
        return wait;
    }

    /** @return the epochs of cooldown left (Keras' {@code cooldown_counter}) */
    public int cooldownLeft() {
        return cooldownCounter;
    }

    /** @return its settings, as Keras names them */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ReduceLROnPlateau(monitor=%s, factor=%s, patience=%d, min_delta=%s, cooldown=%d, min_lr=%s)",
                monitor.metric(), factor, patience, minDelta, cooldown, minLearningRate);
    }

    /** Builds a {@link ReduceLROnPlateau}; each setting has Keras' default. */
    public static final class Builder {
        private String monitor = "val_loss";
        private double factor = 0.1;
        private int patience = 10;
        private double minDelta = 1e-4;
        private int cooldown;
        private double minLearningRate;

        private Builder() {}

        /**
         * Sets the metric to watch (default {@code val_loss}); losses and errors must fall,
         * accuracies rise.
         *
         * @param metric {@code val_loss}, {@code val_accuracy}, {@code val_mae}, {@code loss},
         *     {@code accuracy} or {@code mae}
         * @return this builder
         * @throws InvalidInputException for another name
         */
        public Builder optMonitor(String metric) {
            Objects.requireNonNull(metric, "metric");
            new Monitor(metric); // refused now, not at build
            this.monitor = metric;
            return this;
        }

        /**
         * Sets what a reduction multiplies the rate by (default 0.1).
         *
         * @param factor in (0, 1)
         * @return this builder
         * @throws InvalidInputException naming the value otherwise
         */
        public Builder optFactor(double factor) {
            if (!(factor > 0 && factor < 1)) {
                throw new InvalidInputException("ReduceLROnPlateau's factor must be in (0, 1), got " + factor);
            }
            this.factor = factor;
            return this;
        }

        /**
         * Sets the epochs without improvement before a reduction (default 10; 0 acts as 1, as in
         * Keras).
         *
         * @param patience at least 0
         * @return this builder
         * @throws InvalidInputException naming the value otherwise
         */
        public Builder optPatience(int patience) {
            if (patience < 0) {
                throw new InvalidInputException("ReduceLROnPlateau's patience must be at least 0 epochs, got " + patience);
            }
            this.patience = patience;
            return this;
        }

        /**
         * Sets the smallest change that counts as an improvement (default 1e-4).
         *
         * @param minDelta at least 0, finite
         * @return this builder
         * @throws InvalidInputException naming the value otherwise
         */
        public Builder optMinDelta(double minDelta) {
            if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
                throw new InvalidInputException("ReduceLROnPlateau's min_delta must be a finite number of at least 0, got "
                        + minDelta);
            }
            this.minDelta = minDelta;
            return this;
        }

        /**
         * Sets the epochs after a reduction during which no epoch counts as one without
         * improvement (default 0).
         *
         * @param cooldown at least 0
         * @return this builder
         * @throws InvalidInputException naming the value otherwise
         */
        public Builder optCooldown(int cooldown) {
            if (cooldown < 0) {
                throw new InvalidInputException("ReduceLROnPlateau's cooldown must be at least 0 epochs, got " + cooldown);
            }
            this.cooldown = cooldown;
            return this;
        }

        /**
         * Sets the rate below which no reduction goes (Keras' {@code min_lr}, default 0). Below
         * the smallest rate the parameters' type trains at ({@link
         * Optimizer#smallestLearningRate}, 1.2e-38 for float32), that one is the floor.
         *
         * @param minLearningRate at least 0, finite
         * @return this builder
         * @throws InvalidInputException naming the value otherwise
         */
        public Builder optMinLearningRate(double minLearningRate) {
            if (!(minLearningRate >= 0) || Double.isInfinite(minLearningRate)) {
                throw new InvalidInputException("ReduceLROnPlateau's min_lr must be a finite number of at least 0, got "
                        + minLearningRate);
            }
            this.minLearningRate = minLearningRate;
            return this;
        }

        /** @return the callback */
        public ReduceLROnPlateau build() {
            return new ReduceLROnPlateau(this);
        }
    }
}

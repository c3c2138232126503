package dev.nntrain.train.optimizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import dev.nntrain.InvalidInputException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An optimiser: how the parameters move against their gradients, {@code w = w - alpha dJ/dw} for
 * gradient descent, with momentum for {@link SGD}, per-parameter adaptive steps for {@link
 * RMSprop} and {@link Adam}.
 *
 * <p>Keras' {@code compile} uses {@link RMSprop} when no optimiser is named; so does {@code
 * CompiledModel.compile(model, loss)}.
 *
 * <p>Every optimiser updates the model's one flat parameter array (see {@code
 * dev.nntrain.model.ParameterStorage}) from one flat gradient, with a fixed, short sequence of
 * in-place engine operations, so the cost of a step does not grow with the number of layers.
 * {@link #toDjl()} gives the equivalent DJL optimiser, for DJL's own {@code Trainer}.
 */
public abstract class Optimizer {

    private final double learningRate;

    /**
     * Subclasses are the optimisers of this package.
     *
     * @param learningRate alpha, a positive finite number
     */
    Optimizer(double learningRate) {
        this.learningRate = checkLearningRate(learningRate);
    }

    /**
     * Checks a learning rate, the compiled one or one set during a fit.
     *
     * @param learningRate the rate
     * @return the rate, when it is positive and finite
     * @throws InvalidInputException naming the rate otherwise
     */
    public static double checkLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new InvalidInputException("learning rate must be a positive finite number, got " + learningRate);
        }
        return learningRate;
    }

    /**
     * Returns the smallest learning rate that parameters of a type can train at: the smallest
     * positive normal number of the type (float32: 1.17549435E-38, float64: 2.2250738585072014E-308).
     * Every step multiplies by the rate as an engine scalar of the parameters' type, so a smaller
     * rate would become a subnormal of the type, with fewer digits, or 0: a fit that trains at
     * nothing while reporting the rate it was given.
     *
     * @param type the parameters' type, FLOAT32 or FLOAT64
     * @return the smallest rate
     * @throws InvalidInputException naming the type if it is another, which no model's parameters are held in
     */
    public static double smallestLearningRate(DataType type) {
        return requireParameterType(type) == DataType.FLOAT64 ? Double.MIN_NORMAL : Float.MIN_NORMAL;
    }

    private static DataType requireParameterType(DataType type) {
        Objects.requireNonNull(type, "type");
        if (type != DataType.FLOAT32 && type != DataType.FLOAT64) {
            throw new InvalidInputException("parameters are held in FLOAT32 or FLOAT64, got " + type);
        }
        return type;
    }

    /**
     * Checks a learning rate for parameters of a type: positive and finite, and a normal number of
     * the type, so that the engine's copy of it is neither 0, subnormal nor infinite.
     *
     * @param learningRate the rate
     * @param type the parameters' type, FLOAT32 or FLOAT64
     * @return the rate, when it is usable
     * @throws InvalidInputException naming the rate and the type otherwise, or naming a type that
     *     is neither FLOAT32 nor FLOAT64
     */
    public static double checkLearningRate(double learningRate, DataType type) {
        boolean single = requireParameterType(type) == DataType.FLOAT32;
        checkLearningRate(learningRate);
        String name = single ? "float32" : "float64";
        if (learningRate < smallestLearningRate(type)) {
            throw new InvalidInputException("learning rate " + learningRate + " is below "
                    + (single ? Float.toString(Float.MIN_NORMAL) : Double.toString(Double.MIN_NORMAL)) + ", the smallest that "
                    + name + " parameters train at (as " + name + " it would be "
                    + (single && (float) learningRate == 0 ? "0" : "subnormal") + ")");
        }
        if (single && learningRate > Float.MAX_VALUE) {
            throw new InvalidInputException("learning rate " + learningRate + " is above " + Float.MAX_VALUE
                    + ", the largest float32 number (as float32 it would be infinite)");
        }
        return learningRate;
    }

    /**
     * Returns the learning rate the optimiser was compiled with, which model files record and
     * every fit's first step starts from. A fit can change the rate it trains with (a {@code
     * LearningRateScheduler}, {@code ReduceLROnPlateau}, {@code TrainingContext.setLearningRate}):
     * that rate lives in the {@link Updater}, and this one stays as compiled.
     *
     * @return the compiled learning rate alpha
     */
    public final double learningRate() {
        return learningRate;
    }

    /** @return the Keras-style name, e.g. {@code Adam}, recorded in model files */
    public abstract String name();

    /**
     * The settings besides the learning rate, by their Keras names ({@code beta_1}, {@code rho},
     * {@code momentum}, ...), as model files record them so that a loaded model trains on with
     * the optimiser it was saved with.
     *
     * @return the settings, in a stable order; empty when there are none
     */
    public Map<String, Double> config() {
        return Map.of();
    }

    /**
     * Returns the equivalent DJL optimiser, for DJL's own {@code Trainer}, with the compiled
     * learning rate as a fixed tracker: a rate changed during an nntrain fit lives in that fit's
     * {@link Updater} and does not reach it (DJL schedules its rate with its own {@code Tracker}).
     *
     * @return the equivalent DJL optimiser
     */
    public abstract ai.djl.training.optimizer.Optimizer toDjl();

    /**
     * Creates the state that updates one flat array of parameters.
     *
     * @param parameters every parameter, end to end
     * @return the updater
     */
    public abstract Updater newUpdater(NDArray parameters);

    /**
     * Updates a flat parameter array in place from a flat gradient; holds the optimiser's state,
     * the current learning rate included (Keras' {@code model.optimizer.learning_rate}): it
     * starts at the compiled {@link Optimizer#learningRate()} and may be changed between two
     * steps, the next step then using the new rate.
     */
    public interface Updater extends AutoCloseable {
        /**
         * Applies one step. The gradient array is used as scratch space and left undefined.
         *
         * @param gradient dJ/dparameters, the same length as the parameters
         */
        void step(NDArray gradient);

        /** @return the number of steps taken */
        long steps();

        /** @return the learning rate the next step uses */
        double learningRate();

        /**
         * Sets the learning rate of the steps from the next one on. Moments and step count are
         * kept: only the step size changes.
         *
         * @param learningRate a positive finite rate, a normal number of the parameters' type
         *     (see {@link Optimizer#checkLearningRate(double, DataType)})
         * @throws InvalidInputException naming the rate otherwise
         */
        void setLearningRate(double learningRate);

        /**
         * Copies the optimiser's state out, for a training checkpoint.
         *
         * @return the step count and the state arrays (Adam: the two moments), in a fixed order
         */
        State state();

        /**
         * Puts back a state from {@link #state()} of an updater of the same optimiser and size,
         * so that the next step is the one the saved updater would have taken.
         *
         * @param state the state
         * @throws InvalidInputException if the state does not fit this updater
         */
        void restore(State state);

        /**
         * An updater's state outside the engine.
         *
         * @param steps the number of steps taken
         * @param arrays the state arrays, each as long as the parameters
         * @param learningRate the rate of the next step, or NaN where it was not recorded (a
         *     checkpoint of format 3 or earlier, written before the rate could change: restoring
         *     it puts back the compiled rate)
         */
        record State(long steps, java.util.List<double[]> arrays, double learningRate) {

            /**
             * A state that does not record the learning rate (the compiled one applies).
             *
             * @param steps the number of steps taken
             * @param arrays the state arrays
             */
            public State(long steps, java.util.List<double[]> arrays) {
                this(steps, arrays, Double.NaN);
            }

            /**
             * Checks that a state fits an updater.
             *
             * @param arrayCount the number of arrays the updater keeps
             * @param length the number of parameters
             * @throws InvalidInputException naming what differs
             */
            public void check(int arrayCount, long length) {
                if (steps < 0 || arrays.size() != arrayCount) {
                    throw new InvalidInputException("optimizer state holds " + arrays.size()
                            + " arrays after " + steps + " steps; this optimizer keeps " + arrayCount);
                }
                for (double[] a : arrays) {
                    if (a.length != length) {
                        throw new InvalidInputException("optimizer state has arrays of " + a.length
                                + " values; the model has " + length + " parameters");
                    }
                }
            }
        }

        /** Frees the optimiser's state. */
        @Override
        void close();
    }

    /**
     * Parses an optimiser by name, with Keras' defaults for its other settings.
     *
     * @param name {@code adam}, {@code rmsprop}, {@code sgd} or {@code gd} (or the names model
     *     files record)
     * @param learningRate the learning rate
     * @return the optimiser
     * @throws InvalidInputException for another name or a rate that is not positive
     */
    public static Optimizer parse(String name, double learningRate) {
        return fromConfig(name, learningRate, Map.of());
    }

    /**
     * Rebuilds an optimiser from its name, learning rate and {@link #config()}; settings left out
     * take Keras' defaults.
     *
     * @param name as for {@link #parse}
     * @param learningRate the learning rate
     * @param config settings by Keras name, as {@link #config()} gives them
     * @return the optimiser
     * @throws InvalidInputException for an unknown name or a setting out of range
     */
    public static Optimizer fromConfig(String name, double learningRate, Map<String, Double> config) {
        Map<String, Double> c = new LinkedHashMap<>(config);
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "adam":
                return new Adam(learningRate, c.getOrDefault("beta_1", 0.9),
                        c.getOrDefault("beta_2", 0.999), c.getOrDefault("epsilon", 1e-7));
            case "rmsprop":
                return new RMSprop(learningRate, c.getOrDefault("rho", 0.9),
                        c.getOrDefault("momentum", 0.0), c.getOrDefault("epsilon", 1e-7));
            case "sgd":
                return new SGD(learningRate, c.getOrDefault("momentum", 0.0));
            case "gd":
            case "gradient-descent":
            case "gradientdescent":
                return new GradientDescent(learningRate);
            default:
                throw new InvalidInputException(
                        "unknown optimizer '" + name + "'; expected adam, rmsprop, sgd or gd");
        }
    }

    /**
     * Checks a decay rate or a momentum.
     *
     * @param what the setting, for the message, e.g. {@code "Adam beta1"}
     * @param value the value
     * @return the value, when it lies in [0, 1)
     */
    static double fraction(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidInputException(what + " must lie in [0, 1), got " + value);
        }
        return value;
    }

    /**
     * Checks an epsilon.
     *
     * @param what the setting, for the message
     * @param value the value
     * @return the value, when it is positive
     */
    static double positive(String what, double value) {
        if (!(value > 0)) {
            throw new InvalidInputException(what + " must be positive, got " + value);
        }
        return value;
    }
}

package dev.nntrain.train.optimizer;

import ai.djl.ndarray.NDArray;

import dev.nntrain.InvalidInputException;

import java.util.Locale;

/**
 * An optimiser: how the parameters move against their gradients, {@code w = w - alpha dJ/dw} for
 * gradient descent, per-parameter adaptive steps for Adam.
 *
 * <p>Every optimiser updates the model's one flat parameter array (see {@code
 * dev.nntrain.model.ParameterStorage}) from one flat gradient, with a fixed, short sequence of
 * in-place engine operations, so the cost of a step does not grow with the number of layers.
 * {@link #toDjl()} gives the equivalent DJL optimiser, for DJL's own {@code Trainer}.
 */
public abstract class Optimizer {

    /** Subclasses are the optimisers of this package. */
    Optimizer() {}

    /** @return the learning rate alpha */
    public abstract double learningRate();

    /** @return the Keras-style name, e.g. {@code Adam}, recorded in model files */
    public abstract String name();

    /** @return the equivalent DJL optimiser */
    public abstract ai.djl.training.optimizer.Optimizer toDjl();

    /**
     * Creates the state that updates one flat array of parameters.
     *
     * @param parameters every parameter, end to end
     * @return the updater
     */
    public abstract Updater newUpdater(NDArray parameters);

    /** Updates a flat parameter array in place from a flat gradient; holds the optimiser's state. */
    public interface Updater extends AutoCloseable {
        /**
         * Applies one step. The gradient array is used as scratch space and left undefined.
         *
         * @param gradient dJ/dparameters, the same length as the parameters
         */
        void step(NDArray gradient);

        /** @return the number of steps taken */
        long steps();

        /** Frees the optimiser's state. */
        @Override
        void close();
    }

    /**
     * Parses an optimiser by name.
     *
     * @param name {@code adam} or {@code gd} / {@code sgd} (or the names model files record)
     * @param learningRate the learning rate
     * @return the optimiser
     * @throws InvalidInputException for another name or a rate that is not positive
     */
    public static Optimizer parse(String name, double learningRate) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "adam":
                return new Adam(learningRate);
            case "gd":
            case "sgd":
            case "gradient-descent":
            case "gradientdescent":
                return new GradientDescent(learningRate);
            default:
                throw new InvalidInputException("unknown optimizer '" + name + "'; expected adam or gd");
        }
    }

    static void checkRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new InvalidInputException("learning rate must be a positive number, got " + learningRate);
        }
    }
}

package dev.nntrain.train;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * An optimiser: how the parameters move against their gradients, {@code w = w - alpha dJ/dw} for
 * gradient descent (COURSE.md section 2), per-parameter adaptive steps for Adam (section 11).
 *
 * <p>A thin facade over DJL's optimisers: {@link #toDjl()} gives DJL's own, for DJL's {@code
 * Trainer}; nntrain's training loop calls the same fused native update that DJL's optimiser
 * calls ({@code NDArrayEx.adamUpdate}, {@code sgdUpdate}) without DJL's per-step bookkeeping.
 */
public abstract class Optimizer {

    Optimizer() {}

    /** @return the learning rate alpha */
    public abstract double learningRate();

    /** @return the Keras-style name, e.g. {@code Adam} */
    public abstract String name();

    /** @return the equivalent DJL optimiser */
    public abstract ai.djl.training.optimizer.Optimizer toDjl();

    /**
     * Creates the state that updates a fixed list of parameters in place.
     *
     * @param parameters the parameter arrays (with gradients attached)
     * @return the updater
     */
    public abstract Updater newUpdater(List<NDArray> parameters);

    /**
     * Creates the state that updates one flat array of parameters from a flat gradient.
     *
     * @param parameters every parameter, end to end (see {@code FlatParameters})
     * @return the updater
     */
    abstract FlatUpdater newFlatUpdater(NDArray parameters);

    /**
     * Updates one flat parameter array from a flat gradient with a fixed, short sequence of
     * in-place engine operations, so the cost of a step does not grow with the number of layers.
     */
    interface FlatUpdater extends AutoCloseable {
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

    /** Updates a fixed list of parameters from their gradients, in place; holds optimiser state. */
    public interface Updater extends AutoCloseable {
        /** Applies one step to every parameter from its current gradient, then zeroes it. */
        void step();

        /** @return the number of steps taken */
        long steps();

        /** Frees the optimiser's state. */
        @Override
        void close();
    }

    /**
     * Parses an optimiser by name.
     *
     * @param name {@code adam} or {@code gd} / {@code sgd}
     * @param learningRate the learning rate
     * @return the optimiser
     */
    public static Optimizer parse(String name, double learningRate) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "adam":
                return new Adam(learningRate);
            case "gd":
            case "sgd":
            case "gradient-descent":
                return new GradientDescent(learningRate);
            default:
                throw new IllegalArgumentException(
                        "unknown optimizer '" + name + "'; expected adam or gd");
        }
    }

    static void checkRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(
                    "learning rate must be a positive number, got " + learningRate);
        }
    }
}

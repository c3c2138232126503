package dev.nntrain.train.optimizer;

import ai.djl.ndarray.NDArray;
import ai.djl.training.tracker.Tracker;

import dev.nntrain.model.EngineScalars;

/** Plain (mini-batch) gradient descent, {@code w = w - alpha dJ/dw}. */
public final class GradientDescent extends Optimizer {

    private final double learningRate;

    /**
     * Creates the optimiser.
     *
     * @param learningRate alpha
     */
    public GradientDescent(double learningRate) {
        checkRate(learningRate);
        this.learningRate = learningRate;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public String name() {
        return "GradientDescent";
    }

    @Override
    public ai.djl.training.optimizer.Optimizer toDjl() {
        return ai.djl.training.optimizer.Optimizer.sgd()
                .setLearningRateTracker(Tracker.fixed((float) learningRate))
                .build();
    }

    @Override
    public Updater newUpdater(NDArray parameters) {
        EngineScalars scalars = new EngineScalars(parameters.getManager(), parameters.getDataType());
        NDArray rate = scalars.of(learningRate);
        return new Updater() {
            private long t;

            @Override
            public void step(NDArray gradient) {
                t++;
                parameters.subi(gradient.muli(rate)); // w = w - alpha g
            }

            @Override
            public long steps() {
                return t;
            }

            @Override
            public void close() {
                scalars.close();
            }
        };
    }

    @Override
    public String toString() {
        return "GradientDescent(learning_rate=" + learningRate + ")";
    }
}

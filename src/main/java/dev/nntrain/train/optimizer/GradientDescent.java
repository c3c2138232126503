package dev.nntrain.train.optimizer;

import ai.djl.ndarray.NDArray;
import ai.djl.training.tracker.Tracker;


/** Plain (mini-batch) gradient descent, {@code w = w - alpha dJ/dw}. */
public final class GradientDescent extends Optimizer {

    /**
     * Creates the optimiser.
     *
     * @param learningRate alpha
     */
    public GradientDescent(double learningRate) {
        super(learningRate);
    }

    @Override
    public String name() {
        return "GradientDescent";
    }

    @Override
    public ai.djl.training.optimizer.Optimizer toDjl() {
        return ai.djl.training.optimizer.Optimizer.sgd()
                .setLearningRateTracker(Tracker.fixed((float) learningRate()))
                .build();
    }

    @Override
    public Updater newUpdater(NDArray parameters) {
        return new FlatUpdater(parameters, learningRate()) {
            @Override
            void update(NDArray g, long t) {
                params.subi(g.muli(rate())); // w = w - alpha g
            }
        };
    }

    @Override
    public String toString() {
        return "GradientDescent(learning_rate=" + learningRate() + ")";
    }
}

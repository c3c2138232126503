package dev.nntrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.tracker.Tracker;

import java.util.List;

/**
 * Plain (mini-batch) gradient descent, {@code w = w - alpha dJ/dw} (COURSE.md section 2), through
 * DJL's SGD update with no momentum.
 */
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
    public Updater newUpdater(List<NDArray> parameters) {
        List<NDArray> params = List.copyOf(parameters);
        return new Updater() {
            private long t;

            @Override
            public void step() {
                t++;
                for (NDArray w : params) {
                    try (NDArray g = w.getGradient()) {
                        w.getNDArrayInternal()
                                .sgdUpdate(
                                        new NDList(w, g),
                                        new NDList(w),
                                        (float) learningRate,
                                        0f,
                                        1f,
                                        -1f,
                                        0f,
                                        true);
                    }
                }
            }

            @Override
            public long steps() {
                return t;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    FlatUpdater newFlatUpdater(NDArray parameters) {
        NDArray rate = Scalars.of(parameters.getManager(), learningRate, parameters.getDataType());
        return new FlatUpdater() {
            private long t;

            @Override
            public void step(NDArray gradient) {
                t++;
                parameters.subi(gradient.muli(rate));
            }

            @Override
            public long steps() {
                return t;
            }

            @Override
            public void close() {
                rate.close();
            }
        };
    }

    @Override
    public String toString() {
        return "GradientDescent(learning_rate=" + learningRate + ")";
    }
}

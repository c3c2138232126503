package dev.nntrain.train.optimizer;

import ai.djl.ndarray.NDArray;
import ai.djl.training.tracker.Tracker;

import java.util.Map;

/**
 * Keras' {@code SGD}: gradient descent, optionally with momentum. With momentum {@code mu} each
 * parameter keeps a velocity {@code m = mu m - lr g} and moves by it, {@code w += m}, so steps
 * that keep pointing the same way add up and steps that alternate cancel. With {@code mu = 0} it
 * is {@link GradientDescent}. See {@link #textbookStep}; a test holds the engine's update to it.
 * Defaults are Keras': lr 0.01, momentum 0.
 */
public final class SGD extends Optimizer {

    private final double momentum;

    /** Creates SGD with Keras' defaults: learning rate 0.01, no momentum. */
    public SGD() {
        this(0.01);
    }

    /**
     * Creates SGD without momentum.
     *
     * @param learningRate the learning rate
     */
    public SGD(double learningRate) {
        this(learningRate, 0);
    }

    /**
     * Creates SGD with momentum.
     *
     * @param learningRate the learning rate
     * @param momentum the decay of the velocity, in [0, 1); 0 for plain gradient descent
     */
    public SGD(double learningRate, double momentum) {
        super(learningRate);
        this.momentum = fraction("SGD momentum", momentum);
    }

    /** @return the momentum (0 for none) */
    public double momentum() {
        return momentum;
    }

    @Override
    public String name() {
        return "SGD";
    }

    @Override
    public Map<String, Double> config() {
        return Map.of("momentum", momentum);
    }

    /**
     * One SGD step, as Keras writes it, in plain Java: the reference the engine's update is tested
     * against.
     *
     * @param w the parameters, updated in place
     * @param g their gradient
     * @param m the velocity, updated in place
     */
    public void textbookStep(double[] w, double[] g, double[] m) {
        for (int i = 0; i < w.length; i++) {
            m[i] = momentum * m[i] - learningRate() * g[i];
            w[i] += m[i];
        }
    }

    /**
     * Returns DJL's {@code Sgd} with this learning rate and momentum. DJL keeps PyTorch's velocity
     * {@code b = mu b + g} and steps by {@code lr b}; with a fixed learning rate that is Keras'
     * {@code m} divided by {@code -lr}, the same steps.
     */
    @Override
    public ai.djl.training.optimizer.Optimizer toDjl() {
        return ai.djl.training.optimizer.Optimizer.sgd()
                .setLearningRateTracker(Tracker.fixed((float) learningRate()))
                .optMomentum((float) momentum)
                .build();
    }

    @Override
    public Updater newUpdater(NDArray parameters) {
        return new FlatSgd(parameters);
    }

    @Override
    public String toString() {
        return "SGD(learning_rate=" + learningRate() + (momentum > 0 ? ", momentum=" + momentum : "") + ")";
    }

    /** {@link #textbookStep} on the engine, over one flat array. */
    private final class FlatSgd extends FlatUpdater {
        private final NDArray velocity; // null without momentum

        FlatSgd(NDArray params) {
            super(params, SGD.this.learningRate());
            velocity = momentum > 0 ? zeros() : null;
        }

        @Override
        void update(NDArray g, long t) {
            g.muli(rate());
            if (velocity != null) {
                params.addi(velocity.muli(scalars.of(momentum)).subi(g)); // m = mu m - lr g; w += m
            } else {
                params.subi(g);
            }
        }
    }
}

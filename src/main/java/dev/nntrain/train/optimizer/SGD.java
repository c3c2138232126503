package dev.nntrain.train.optimizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.tracker.Tracker;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.EngineScalars;

import java.util.Map;

/**
 * Keras' {@code SGD}: gradient descent, optionally with momentum. With momentum {@code mu} each
 * parameter keeps a velocity {@code m = mu m - lr g} and moves by it, {@code w += m}, so steps
 * that keep pointing the same way add up and steps that alternate cancel. With {@code mu = 0} it
 * is {@link GradientDescent}. See {@link #textbookStep}; a test holds the engine's update to it.
 * Defaults are Keras': lr 0.01, momentum 0.
 */
public final class SGD extends Optimizer {

    private final double learningRate;
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
        checkRate(learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new InvalidInputException("SGD momentum must lie in [0, 1), got " + momentum);
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    @Override
    public double learningRate() {
        return learningRate;
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
            m[i] = momentum * m[i] - learningRate * g[i];
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
                .setLearningRateTracker(Tracker.fixed((float) learningRate))
                .optMomentum((float) momentum)
                .build();
    }

    @Override
    public Updater newUpdater(NDArray parameters) {
        return new FlatSgd(parameters);
    }

    @Override
    public String toString() {
        return "SGD(learning_rate=" + learningRate + (momentum > 0 ? ", momentum=" + momentum : "") + ")";
    }

    /** {@link #textbookStep} on the engine, over one flat array. */
    private final class FlatSgd implements Updater {
        private final NDArray params;
        private final NDManager manager;
        private final EngineScalars scalars;
        private final NDArray velocity; // null without momentum
        private long t;

        FlatSgd(NDArray params) {
            this.params = params;
            this.manager = params.getManager().newSubManager();
            this.scalars = new EngineScalars(manager, params.getDataType());
            if (momentum > 0) {
                velocity = params.zerosLike();
                velocity.attach(manager);
            } else {
                velocity = null;
            }
        }

        @Override
        public void step(NDArray g) {
            t++;
            g.muli(scalars.of(learningRate));
            if (velocity != null) {
                params.addi(velocity.muli(scalars.of(momentum)).subi(g));
            } else {
                params.subi(g);
            }
        }

        @Override
        public long steps() {
            return t;
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}

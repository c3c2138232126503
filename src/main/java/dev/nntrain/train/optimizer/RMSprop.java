package dev.nntrain.train.optimizer;

import ai.djl.ndarray.NDArray;
import ai.djl.training.tracker.Tracker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RMSprop: each parameter keeps a running mean {@code v} of its squared gradient and steps by its
 * gradient divided by {@code sqrt(v)}, so that steep and shallow directions move at similar
 * speeds. Keras' {@code compile} uses it when no optimiser is named.
 *
 * <p>The update (Keras' plain, uncentred variant), one line per formula in {@link
 * #textbookStep}: {@code v = rho v + (1 - rho) g^2}, {@code step = lr g / sqrt(v + eps)}, and with
 * momentum {@code mu > 0} the steps accumulate, {@code s = mu s + step}, before {@code w -= s}.
 * Training runs the same arithmetic on the engine over every parameter at once; a test holds the
 * two together. Defaults are Keras': lr 1e-3, rho 0.9, momentum 0, eps 1e-7.
 */
public final class RMSprop extends Optimizer {

    private final double rho;
    private final double momentum;
    private final double epsilon;

    /** Creates RMSprop with Keras' defaults (learning rate 1e-3). */
    public RMSprop() {
        this(1e-3);
    }

    /**
     * Creates RMSprop with a learning rate and Keras' other defaults.
     *
     * @param learningRate the learning rate
     */
    public RMSprop(double learningRate) {
        this(learningRate, 0.9, 0.0, 1e-7);
    }

    /**
     * Creates RMSprop.
     *
     * @param learningRate the learning rate
     * @param rho the decay of the squared-gradient mean, in [0, 1)
     * @param momentum the decay of the accumulated steps, in [0, 1); 0 for none
     * @param epsilon the small constant added to {@code v} under the square root
     */
    public RMSprop(double learningRate, double rho, double momentum, double epsilon) {
        super(learningRate);
        this.rho = fraction("RMSprop rho", rho);
        this.momentum = fraction("RMSprop momentum", momentum);
        this.epsilon = positive("RMSprop epsilon", epsilon);
    }

    /** @return rho, the decay of the squared-gradient mean */
    public double rho() {
        return rho;
    }

    /** @return the momentum (0 for none) */
    public double momentum() {
        return momentum;
    }

    /** @return epsilon */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public String name() {
        return "RMSprop";
    }

    @Override
    public Map<String, Double> config() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("rho", rho);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        return config;
    }

    /**
     * One RMSprop step, as Keras writes it, in plain Java: the reference the engine's update is
     * tested against.
     *
     * @param w the parameters, updated in place
     * @param g their gradient
     * @param v the running mean of the squared gradient, updated in place
     * @param s the accumulated steps (used only with momentum), updated in place
     */
    public void textbookStep(double[] w, double[] g, double[] v, double[] s) {
        for (int i = 0; i < w.length; i++) {
            v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
            double step = learningRate() * g[i] / Math.sqrt(v[i] + epsilon);
            if (momentum > 0) {
                s[i] = momentum * s[i] + step;
                w[i] -= s[i];
            } else {
                w[i] -= step;
            }
        }
    }

    /**
     * Returns DJL's {@code RmsProp} with these settings. DJL 0.36's PyTorch engine does not
     * implement its update ({@code rmspropUpdate} throws), so a DJL {@code Trainer} on PyTorch
     * cannot use it; nntrain's own training runs {@link #newUpdater}.
     */
    @Override
    public ai.djl.training.optimizer.Optimizer toDjl() {
        return ai.djl.training.optimizer.Optimizer.rmsprop()
                .optLearningRateTracker(Tracker.fixed((float) learningRate()))
                .optRho((float) rho)
                .optMomentum((float) momentum)
                .optEpsilon((float) epsilon)
                .optCentered(false)
                .build();
    }

    @Override
    public Updater newUpdater(NDArray parameters) {
        return new FlatRmsProp(parameters);
    }

    @Override
    public String toString() {
        return "RMSprop(learning_rate=" + learningRate() + (momentum > 0 ? ", momentum=" + momentum : "") + ")";
    }

    /** {@link #textbookStep} on the engine, over one flat array. */
    private final class FlatRmsProp extends FlatUpdater {
        private final NDArray velocity;
        private final NDArray accumulated; // null without momentum

        FlatRmsProp(NDArray params) {
            super(params, RMSprop.this.learningRate());
            velocity = zeros();
            accumulated = momentum > 0 ? zeros() : null;
        }

        @Override
        void update(NDArray g, long t) {
            try (NDArray squared = g.mul(g)) {
                velocity.muli(scalars.of(rho)).addi(squared.muli(scalars.of(1 - rho)));
            }
            try (NDArray root = velocity.add(scalars.of(epsilon))) {
                g.muli(rate()).divi(root.powi(scalars.of(0.5))); // g is now the step
            }
            if (accumulated != null) {
                params.subi(accumulated.muli(scalars.of(momentum)).addi(g));
            } else {
                params.subi(g);
            }
        }
    }
}

package dev.nntrain.train.optimizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.tracker.Tracker;


import java.util.LinkedHashMap;
import java.util.Map;
import dev.nntrain.engine.EngineScalars;

/**
 * Adam, adaptive moment estimation: each parameter keeps running means of its gradient {@code m}
 * and of its squared gradient {@code v}, so a parameter that keeps moving the same way takes
 * larger steps and one that oscillates takes smaller ones.
 *
 * <p>The update, step {@code t = 1, 2, ...} (Kingma and Ba, Algorithm 1, with the reordering of
 * their section 2 that Keras and DJL use): see {@link #textbookStep}, which states it in plain
 * Java, one line per formula. Training runs the same arithmetic on the engine over every
 * parameter at once (see {@code FusedAdam} below); a test holds the two together. Defaults are
 * Keras': lr 1e-3, b1 0.9, b2 0.999, eps 1e-7.
 */
public final class Adam extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;

    /** Creates Adam with Keras' defaults (learning rate 1e-3). */
    public Adam() {
        this(1e-3);
    }

    /**
     * Creates Adam with a learning rate and Keras' other defaults.
     *
     * @param learningRate the learning rate
     */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    /**
     * Creates Adam.
     *
     * @param learningRate the learning rate
     * @param beta1 the decay of the gradient mean, in [0, 1)
     * @param beta2 the decay of the squared-gradient mean, in [0, 1)
     * @param epsilon the small constant that keeps the step finite
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        this.beta1 = fraction("Adam beta1", beta1);
        this.beta2 = fraction("Adam beta2", beta2);
        this.epsilon = positive("Adam epsilon", epsilon);
    }

    /** @return beta1 */
    public double beta1() {
        return beta1;
    }

    /** @return beta2 */
    public double beta2() {
        return beta2;
    }

    /** @return epsilon */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public String name() {
        return "Adam";
    }

    @Override
    public Map<String, Double> config() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
        return config;
    }

    /**
     * One Adam step, as the textbook writes it, in plain Java: the reference the engine's update
     * is tested against.
     *
     * @param w the parameters, updated in place
     * @param g their gradient
     * @param m the running mean of the gradient, updated in place
     * @param v the running mean of the squared gradient, updated in place
     * @param t the step number, from 1
     */
    public void textbookStep(double[] w, double[] g, double[] m, double[] v, long t) {
        // the bias corrections of m and v, folded into the step size
        double stepSize = learningRate() * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        for (int i = 0; i < w.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + epsilon);
        }
    }

    @Override
    public ai.djl.training.optimizer.Optimizer toDjl() {
        return ai.djl.training.optimizer.Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed((float) learningRate()))
                .optBeta1((float) beta1)
                .optBeta2((float) beta2)
                .optEpsilon((float) epsilon)
                .build();
    }

    @Override
    public Updater newUpdater(NDArray parameters) {
        return new FusedAdam(parameters);
    }

    @Override
    public String toString() {
        return "Adam(learning_rate=" + learningRate() + ")";
    }

    /**
     * {@link #textbookStep} on the engine, over one flat array, in 12 operations of which two
     * allocate. Rearranged so that no step creates a scalar or a temporary it can avoid:
     *
     * <pre>
     *   g' = (1 - b1) g                       (in the gradient's own memory)
     *   m  = b1 m + g'                        = b1 m + (1 - b1) g
     *   v  = b2 v + g'^2 (1 - b2)/(1 - b1)^2  = b2 v + (1 - b2) g^2
     *   w -= m / ((sqrt(v) + eps) / stepSize) = w - stepSize m / (sqrt(v) + eps)
     * </pre>
     *
     * The step sizes {@code lr sqrt(1 - b2^t) / (1 - b1^t)} are computed in double for the next
     * 512 steps and put on the engine in one array, with the updater's current rate {@code lr}: a
     * new rate drops them, and the step after it computes them afresh from its own step number.
     */
    private final class FusedAdam extends FlatUpdater {
        private static final int SCHEDULE = 512;

        private final NDArray mean;
        private final NDArray variance;
        private NDArray schedule;
        private NDList stepSizes;

        FusedAdam(NDArray params) {
            super(params, Adam.this.learningRate());
            mean = zeros();
            variance = zeros();
        }

        /** The step size of step {@code t}, from the schedule of the 512 steps it belongs to. */
        private NDArray stepSize(long t) {
            int i = (int) ((t - 1) % SCHEDULE);
            if (stepSizes == null || i == 0) {
                rateChanged();
                // the block starts at step t - i, also when a restored updater starts mid-block
                double lr = learningRate(); // the updater's current rate, not Adam.this's compiled one
                double[] values = new double[SCHEDULE];
                for (int k = 0; k < SCHEDULE; k++) {
                    long step = t - i + k;
                    values[k] = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
                }
                schedule = EngineScalars.vector(manager(), values, params.getDataType());
                stepSizes = schedule.split(SCHEDULE);
            }
            return stepSizes.get(i);
        }

        @Override
        void rateChanged() {
            if (stepSizes != null) {
                stepSizes.close();
                schedule.close();
                stepSizes = null;
            }
        }

        @Override
        void update(NDArray g, long t) {
            NDArray stepSize = stepSize(t);
            g.muli(scalars.of(1 - beta1));
            mean.muli(scalars.of(beta1)).addi(g);
            g.muli(g).muli(scalars.of((1 - beta2) / ((1 - beta1) * (1 - beta1))));
            variance.muli(scalars.of(beta2)).addi(g);
            try (NDArray denominator = variance.sqrt();
                    NDArray step = mean.div(denominator.addi(scalars.of(epsilon)).divi(stepSize))) {
                params.subi(step);
            }
        }
    }
}

package dev.nntrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.tracker.Tracker;

import java.util.ArrayList;
import java.util.List;

/**
 * Adam, adaptive moment estimation (COURSE.md section 11): each parameter keeps running means of
 * its gradient {@code m} and squared gradient {@code v}, so a parameter that keeps moving the same
 * way takes larger steps and one that oscillates takes smaller ones.
 *
 * <p>Step {@code t}: {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2}, {@code w -= lr_t
 * m / (sqrt(v) + eps)} with {@code lr_t = lr sqrt(1 - b2^t) / (1 - b1^t)}: the form of Keras' and
 * DJL's Adam (the epsilon is added after the bias correction of {@code v}, so it differs from
 * PyTorch's form only in how eps is scaled). Defaults are Keras': lr 1e-3, b1 0.9, b2 0.999, eps
 * 1e-7.
 */
public final class Adam extends Optimizer {

    private final double learningRate;
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
        checkRate(learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(
                    "Adam betas must lie in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("Adam epsilon must be positive, got " + epsilon);
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public double learningRate() {
        return learningRate;
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
    public ai.djl.training.optimizer.Optimizer toDjl() {
        return ai.djl.training.optimizer.Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed((float) learningRate))
                .optBeta1((float) beta1)
                .optBeta2((float) beta2)
                .optEpsilon((float) epsilon)
                .build();
    }

    @Override
    public Updater newUpdater(List<NDArray> parameters) {
        return new AdamUpdater(parameters);
    }

    @Override
    FlatUpdater newFlatUpdater(NDArray parameters) {
        return new FlatAdam(parameters);
    }

    @Override
    public String toString() {
        return "Adam(learning_rate=" + learningRate + ")";
    }

    /**
     * Adam on one flat array with 12 operations (two of them allocate) per step. Its arithmetic is
     * the fused update's: {@code w -= lr_t m / (sqrt(v) + eps)}.
     */
    private final class FlatAdam implements FlatUpdater {
        /** How many steps of bias-corrected learning rates are put on the engine at a time. */
        private static final int SCHEDULE = 512;

        private final NDArray params;
        private final NDManager manager;
        private final NDArray mean;
        private final NDArray variance;
        private final NDArray beta1Array;
        private final NDArray oneMinusBeta1;
        private final NDArray beta2Array;
        private final NDArray squareScale;
        private final NDArray epsilonArray;
        private NDArray schedule;
        private NDList rates;
        private long t;

        FlatAdam(NDArray params) {
            this.params = params;
            this.manager = params.getManager().newSubManager();
            DataType type = params.getDataType();
            mean = params.zerosLike();
            variance = params.zerosLike();
            mean.attach(manager);
            variance.attach(manager);
            beta1Array = scalar((float) beta1, type);
            oneMinusBeta1 = scalar((float) (1 - beta1), type);
            beta2Array = scalar((float) beta2, type);
            // the gradient arrives scaled by (1 - b1); squaring it gives (1 - b1)^2 g^2
            squareScale = scalar((float) ((1 - beta2) / ((1 - beta1) * (1 - beta1))), type);
            epsilonArray = scalar((float) epsilon, type);
        }

        private NDArray scalar(float value, DataType type) {
            return Scalars.of(manager, value, type);
        }

        /**
         * The bias-corrected rates lr sqrt(1 - b2^t) / (1 - b1^t) for the next steps, computed in
         * double and put on the engine in one array, so a step creates no scalar.
         */
        private NDArray nextRate() {
            int i = (int) (t % SCHEDULE);
            if (rates == null || i == 0) {
                if (rates != null) {
                    rates.close();
                    schedule.close();
                }
                double[] values = new double[SCHEDULE];
                for (int k = 0; k < SCHEDULE; k++) {
                    long step = t + k + 1;
                    values[k] = learningRate * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
                }
                schedule = Scalars.vector(manager, values, params.getDataType());
                rates = schedule.split(SCHEDULE);
            }
            return rates.get(i);
        }

        @Override
        public void step(NDArray g) {
            NDArray rate = nextRate();
            t++;
            mean.muli(beta1Array);
            g.muli(oneMinusBeta1);
            mean.addi(g); // m = b1 m + (1 - b1) g
            g.muli(g).muli(squareScale);
            variance.muli(beta2Array);
            variance.addi(g); // v = b2 v + (1 - b2) g^2
            // w -= m / ((sqrt(v) + eps) / lr_t): the step's scale folded into the denominator
            try (NDArray denominator = variance.sqrt();
                    NDArray step = mean.div(denominator.addi(epsilonArray).divi(rate))) {
                params.subi(step);
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

    private final class AdamUpdater implements Updater {
        private final List<NDArray> params;
        private final List<NDArray> means = new ArrayList<>();
        private final List<NDArray> variances = new ArrayList<>();
        private long t;

        AdamUpdater(List<NDArray> params) {
            this.params = List.copyOf(params);
            for (NDArray p : params) {
                means.add(p.zerosLike());
                variances.add(p.zerosLike());
            }
        }

        @Override
        public void step() {
            t++;
            double corrected =
                    learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
            for (int i = 0; i < params.size(); i++) {
                NDArray w = params.get(i);
                // getGradient wraps the engine's .grad in a new handle: close it at once
                try (NDArray g = w.getGradient()) {
                    w.getNDArrayInternal()
                            .adamUpdate(
                                    new NDList(w, g, means.get(i), variances.get(i)),
                                    new NDList(w),
                                    (float) learningRate,
                                    (float) corrected,
                                    0f,
                                    1f,
                                    -1f,
                                    (float) beta1,
                                    (float) beta2,
                                    (float) epsilon,
                                    true,
                                    false);
                }
            }
        }

        @Override
        public long steps() {
            return t;
        }

        @Override
        public void close() {
            means.forEach(NDArray::close);
            variances.forEach(NDArray::close);
        }
    }
}

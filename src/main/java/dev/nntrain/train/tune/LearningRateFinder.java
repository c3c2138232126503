package dev.nntrain.train.tune;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.train.ClassWeights;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.TrainingDivergedException;
import dev.nntrain.train.TrainingInterruptedException;
import dev.nntrain.train.callback.Callback;
import dev.nntrain.train.callback.TrainingContext;
import dev.nntrain.train.optimizer.Optimizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Leslie Smith's learning-rate range test, as fastai's {@code lr_find} and PyTorch Lightning's
 * {@code Tuner.lr_find} run it: a short run of mini-batch steps while the learning rate grows
 * geometrically from a rate too small to change anything to one large enough to blow the loss
 * up, recording the loss of every step. Where the loss falls fastest is a good learning rate
 * to train with.
 *
 * <pre>{@code
 * LearningRateFinder.Result r = LearningRateFinder.builder().build().find(net, train);
 * System.out.println(r.steepestRate()); // about 0.015 for the course's digit model with Adam
 * }</pre>
 *
 * <p>Step {@code i} (from 0) of {@code n} uses the rate {@code start * (end / start)^(i / (n -
 * 1))}, so the rates are evenly spaced on a log axis. The loss of a step is the mini-batch's loss
 * at the weights before its update (as fit reports it, with the kernels' L2 penalties); a single
 * batch's loss is noisy, so the test follows an exponential moving average with fastai's bias
 * correction: {@code avg_i = beta * avg_(i-1) + (1 - beta) * loss_i} from {@code avg_(-1) = 0},
 * smoothed {@code avg_i / (1 - beta^(i+1))}. It stops early, as diverged, when the smoothed loss
 * exceeds {@code divergence} times its lowest value so far, or a loss or parameter stops being
 * finite.
 *
 * <p>Two suggestions come out: the rate where the smoothed loss falls fastest against {@code
 * log10(rate)} (its most negative gradient, central differences as NumPy's {@code gradient};
 * fastai's {@code steep}), and the older rule of a tenth of the rate at the smoothed loss's minimum
 * (fastai's {@code minimum}). Both leave out the first tenth of the planned steps, where the
 * average rests on few batches and rates so small that any slope is noise.
 *
 * <p>The model is left as it was found: the test takes its steps with the model's own
 * optimiser (its moments, for Adam, carrying over from step to step as in a fit) with the rate
 * overridden per step, and afterwards puts back the weights bit for bit and the optimiser's state
 * and learning rate, or, for a model not yet fitted, drops the optimiser state so that the next
 * fit starts as the first. A model not yet built is built by the first step, as {@code fit}
 * builds it: from its own seed, or else from this test's seed.
 *
 * <p>With {@link Builder#optClassWeights class weights} every step's loss, and its gradient, is
 * the weighted one, {@code sum_i w_i L_i / m}, as a fit with those weights reports and trains on
 * it. They are given as numbers, class to weight: a {@code balanced} weight worked out by each
 * one-batch step would follow that batch's classes rather than the data's, so balanced weights
 * are worked out once from all the training examples ({@link ClassWeights#balanced(int[])}) and
 * passed here. {@link #find(CompiledModel, Examples, double[]) Sample weights}, one per example,
 * go with the data and follow each example into its step's batch; with class weights as well an
 * example weighs the product, as in a fit.
 */
public final class LearningRateFinder {

    /** fastai's and Lightning's defaults: 1e-7 to 10 in 100 steps. */
    public static final double DEFAULT_START = 1e-7;
    /** The default last rate. */
    public static final double DEFAULT_END = 10;
    /** The default number of steps. */
    public static final int DEFAULT_STEPS = 100;
    /** fastai's smoothing of the loss. */
    public static final double DEFAULT_SMOOTHING = 0.98;
    /** fastai's stop: the smoothed loss at 4 times its minimum. */
    public static final double DEFAULT_DIVERGENCE = 4;
    /** The most steps a test may take: a range test is short, and the arrays are kept on the host. */
    public static final int MAX_STEPS = 100_000;

    private final double start;
    private final double end;
    private final int steps;
    private final double smoothing;
    private final double divergence;
    private final int batchSize;
    private final long seed;
    private final ClassWeights classWeights;

    private LearningRateFinder(Builder b) {
        this.start = b.start;
        this.end = b.end;
        this.steps = b.steps;
        this.smoothing = b.smoothing;
        this.divergence = b.divergence;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.classWeights = b.classWeights;
    }

    /** @return a builder with the defaults (1e-7 to 10, 100 steps, smoothing 0.98, stop at 4x, batch 32, seed 0) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the first rate */
    public double startRate() {
        return start;
    }

    /** @return the last rate */
    public double endRate() {
        return end;
    }

    /** @return the number of steps planned (fewer are taken when the loss diverges) */
    public int steps() {
        return steps;
    }

    /** @return the examples per step */
    public int batchSize() {
        return batchSize;
    }

    /** @return the class weights every step's loss is weighed by, class to weight; empty for none */
    public Map<Integer, Double> classWeights() {
        return classWeights == null ? Map.of() : classWeights.given();
    }

    /**
     * The rate of a step: {@code start * (end / start)^(step / (steps - 1))}.
     *
     * @param step the step, from 0 to {@code steps() - 1}
     * @return its learning rate
     */
    public double rate(int step) {
        if (step < 0 || step >= steps) {
            throw new IndexOutOfBoundsException("step " + step + " of " + steps);
        }
        if (step == steps - 1) {
            return end; // exactly, not start * (end/start) rounded
        }
        return start * Math.pow(end / start, step / (double) (steps - 1));
    }

    /** @return every step's rate, {@link #rate(int)} for each step */
    public double[] rates() {
        double[] rates = new double[steps];
        for (int i = 0; i < steps; i++) {
            rates[i] = rate(i);
        }
        return rates;
    }

    /**
     * Runs the test on a compiled model and leaves the model as it found it (see the class
     * comment).
     *
     * @param net the model, with its loss and optimiser
     * @param data the training examples (raw: the model applies its input scaling, as fit does);
     *     each step takes the next {@link #batchSize()} of them in a shuffled order, reshuffled
     *     after each pass
     * @return the rates, the losses and the suggestions
     * @throws InvalidInputException if there are no examples, or a feature is NaN or infinite, or
     *     they do not fit the model, or the class weights do not (a class the model lacks; a step's batch whose examples all
     *     weigh 0)
     * @throws TrainingInterruptedException if the thread is interrupted (the model is restored)
     */
    public Result find(CompiledModel net, Examples data) {
        return find(net, data, null);
    }

    /**
     * Runs the test with each example's loss weighed by its own weight, as {@link
     * FitOptions.Builder#optSampleWeights} weighs a fit's: a step's loss, and its gradient, is
     * {@code sum_i w_i L_i / m} over its batch (times the class weights, if any).
     *
     * @param net the model, with its loss and optimiser
     * @param data the training examples, raw, as for {@link #find(CompiledModel, Examples)}
     * @param sampleWeights one weight per example of {@code data}, each finite and at least 0, or
     *     null for none
     * @return the rates, the losses and the suggestions
     * @throws InvalidInputException as {@link #find(CompiledModel, Examples)}, or if the weights
     *     are not one finite number of at least 0 per example, or all are 0, or a step's batch
     *     weighs 0 in all
     * @throws TrainingInterruptedException if the thread is interrupted (the model is restored)
     */
    public Result find(CompiledModel net, Examples data, double[] sampleWeights) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(data, "data");
        if (data.size() == 0) {
            throw new InvalidInputException("no training examples to run the learning-rate range test on");
        }
        data.requireFiniteFeatures("training data"); // once, naming the example as the caller counts them
        if (sampleWeights != null) {
            // checked as fit checks them, before any step trains
            FitOptions.builder().optSampleWeights(sampleWeights);
            if (sampleWeights.length != data.size()) {
                throw new InvalidInputException("sample weights: " + sampleWeights.length + " weight"
                        + (sampleWeights.length == 1 ? "" : "s") + " for " + data.size() + " example"
                        + (data.size() == 1 ? "" : "s") + "; expected one per example");
            }
            if (Arrays.stream(sampleWeights).noneMatch(w -> w > 0)) {
                throw new InvalidInputException("the sample weights give every training example the weight 0;"
                        + " nothing would train");
            }
        }
        Recorder recorder = new Recorder();
        Saved saved = new Saved(net.optimizerStateCopy() == null);
        Random random = new Random(seed);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int next = order.length; // a fresh shuffle before the first batch
        int m = Math.min(batchSize, data.size());
        try {
            for (int i = 0; i < steps; i++) {
                if (next + m > order.length) {
                    shuffle(order, random); // a partial batch at the end of a pass would be noisier
                    next = 0;
                }
                int[] rows = Arrays.copyOfRange(order, next, next + m);
                Examples batch = data.subset(rows);
                next += m;
                double rate = rate(i);
                FitOptions options = FitOptions.builder().optEpochs(1).optBatchSize(m).optShuffle(false)
                        .optSeed(seed + i).optVerbose(0).optClassWeights(classWeights)
                        .optSampleWeights(sampleWeights == null ? null : pick(sampleWeights, rows))
                        .addCallback(new StepRate(rate, saved)).build();
                double loss;
                try {
                    loss = net.fit(batch, options).last().loss();
                } catch (TrainingDivergedException e) {
                    loss = Double.NaN; // a parameter or the loss is no longer finite
                } catch (InvalidInputException e) {
                    if (classWeights == null && sampleWeights == null) {
                        throw e;
                    }
                    // fit checks the weights against the batch it is given: say which step's
                    throw new InvalidInputException("the range test's step " + (i + 1) + " (a batch of " + m
                            + " examples): " + e.getMessage(), e);
                }
                if (recorder.add(rate, loss)) {
                    break;
                }
            }
        } finally {
            saved.restore(net);
        }
        return recorder.result(steps);
    }

    /**
     * The test's bookkeeping on a loss curve given directly, as if {@link #find} had measured
     * {@code losses[i]} at {@code rate(i)}: the smoothing, the early stop and the suggestions.
     *
     * @param losses one loss per step, at most {@link #steps()}; the ones after a divergence are ignored
     * @return what {@link #find} would have returned
     */
    public Result analyse(double[] losses) {
        Objects.requireNonNull(losses, "losses");
        if (losses.length > steps) {
            throw new IllegalArgumentException(losses.length + " losses for a test of " + steps + " steps");
        }
        Recorder recorder = new Recorder();
        for (int i = 0; i < losses.length; i++) {
            if (recorder.add(rate(i), losses[i])) {
                break;
            }
        }
        return recorder.result(steps);
    }

    private static double[] pick(double[] weights, int[] rows) {
        double[] picked = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = weights[rows[i]];
        }
        return picked;
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Follows the losses step by step: the bias-corrected average and the divergence stop. */
    private final class Recorder {
        private final double[] rates = new double[steps];
        private final double[] losses = new double[steps];
        private final double[] smoothed = new double[steps];
        private int n;
        private double average;
        private double best = Double.POSITIVE_INFINITY;
        private boolean diverged;

        /** Records a step; returns true when the test must stop. */
        boolean add(double rate, double loss) {
            rates[n] = rate;
            losses[n] = loss;
            average = smoothing * average + (1 - smoothing) * loss;
            double value = average / (1 - Math.pow(smoothing, n + 1));
            smoothed[n] = value;
            n++;
            if (!Double.isFinite(value)) {
                diverged = true;
                return true;
            }
            best = Math.min(best, value);
            if (value > divergence * best) {
                diverged = true;
                return true;
            }
            return n == steps;
        }

        Result result(int planned) {
            return Result.of(Arrays.copyOf(rates, n), Arrays.copyOf(losses, n), Arrays.copyOf(smoothed, n), diverged,
                    planned / 10);
        }
    }

    /**
     * What the test puts back: captured when the first step's fit begins (after it has built the
     * model and created the optimiser's state), restored at the end however the test ends.
     */
    private static final class Saved {
        private final boolean freshOptimizer;
        private double[] weights;
        private Optimizer.Updater.State optimizer;

        Saved(boolean freshOptimizer) {
            this.freshOptimizer = freshOptimizer;
        }

        void capture(TrainingContext context) {
            if (weights == null) {
                CompiledModel net = context.model();
                weights = net.model().parameters().snapshot();
                optimizer = net.optimizerStateCopy(); // moments, step count and rate
            }
        }

        void restore(CompiledModel net) {
            if (weights == null) {
                return; // no step began: nothing changed
            }
            net.model().parameters().restore(weights);
            // fresh: freed, so that the next fit creates it as the first fit would have
            net.restoreOptimizerState(freshOptimizer ? null : optimizer);
        }
    }

    /** Sets a step's rate as its one-step fit begins (and lets {@link Saved} capture the model first). */
    private record StepRate(double rate, Saved saved) implements Callback {
        @Override
        public void onTrainBegin(TrainingContext context) {
            saved.capture(context);
            context.setLearningRate(rate);
        }
    }

    /**
     * The outcome of a range test.
     *
     * @param rates each step's learning rate
     * @param losses each step's mini-batch loss (NaN where a parameter stopped being finite)
     * @param smoothed each step's bias-corrected moving average of the losses
     * @param diverged whether the test stopped early because the loss blew up
     * @param steepestStep the step where the smoothed loss falls fastest against log10(rate), or -1
     *     when fewer than two steps have a finite smoothed loss
     * @param minimumStep the step of the lowest smoothed loss, or -1 likewise
     */
    public record Result(double[] rates, double[] losses, double[] smoothed, boolean diverged, int steepestStep,
            int minimumStep) {

        /**
         * Copies the arrays, so the result cannot change under its reader.
         *
         * @param rates each step's learning rate
         * @param losses each step's mini-batch loss
         * @param smoothed each step's smoothed loss
         * @param diverged whether the test stopped early
         * @param steepestStep the step of the steepest descent, or -1
         * @param minimumStep the step of the lowest smoothed loss, or -1
         */
        public Result {
            Objects.requireNonNull(rates, "rates");
            Objects.requireNonNull(losses, "losses");
            Objects.requireNonNull(smoothed, "smoothed");
            rates = rates.clone();
            losses = losses.clone();
            smoothed = smoothed.clone();
        }

        /** The suggestions from the curve, leaving out the first {@code skip} steps. */
        static Result of(double[] rates, double[] losses, double[] smoothed, boolean diverged, int skip) {
            int finite = 0; // the prefix with a finite smoothed loss: a NaN ends the test
            while (finite < smoothed.length && Double.isFinite(smoothed[finite])) {
                finite++;
            }
            int steepest = -1;
            int minimum = -1;
            if (finite >= 2) {
                int from = Math.min(skip, finite / 2); // an early divergence still leaves half the curve
                double[] x = new double[finite];
                for (int i = 0; i < finite; i++) {
                    x[i] = Math.log10(rates[i]);
                }
                double[] slope = gradient(Arrays.copyOf(smoothed, finite), x);
                for (int i = from; i < finite; i++) {
                    if (steepest < 0 || slope[i] < slope[steepest]) {
                        steepest = i;
                    }
                    if (minimum < 0 || smoothed[i] < smoothed[minimum]) {
                        minimum = i;
                    }
                }
            }
            return new Result(rates, losses, smoothed, diverged, steepest, minimum);
        }

        /** NumPy's {@code gradient(y, x)} on a non-uniform grid: second-order central differences, one-sided at the ends. */
        static double[] gradient(double[] y, double[] x) {
            int n = y.length;
            double[] g = new double[n];
            g[0] = (y[1] - y[0]) / (x[1] - x[0]);
            g[n - 1] = (y[n - 1] - y[n - 2]) / (x[n - 1] - x[n - 2]);
            for (int i = 1; i < n - 1; i++) {
                double h1 = x[i] - x[i - 1];
                double h2 = x[i + 1] - x[i];
                g[i] = (h1 * h1 * y[i + 1] + (h2 * h2 - h1 * h1) * y[i] - h2 * h2 * y[i - 1]) / (h1 * h2 * (h1 + h2));
            }
            return g;
        }

        /** @return each step's learning rate (a copy) */
        @Override
        public double[] rates() {
            return rates.clone();
        }

        /** @return each step's mini-batch loss (a copy) */
        @Override
        public double[] losses() {
            return losses.clone();
        }

        /** @return each step's smoothed loss (a copy) */
        @Override
        public double[] smoothed() {
            return smoothed.clone();
        }

        /** @return the number of steps taken */
        public int steps() {
            return losses.length;
        }

        /**
         * Writes every step as a CSV row, {@code step,learning_rate,loss,smoothed_loss} (steps from
         * 1, numbers in full precision as Java prints doubles, {@code NaN} for a loss that was not
         * finite), for a plot or a spreadsheet of one's own. The file is replaced in one move, so
         * that a reader never sees it half-written; a link to a regular file is written through,
         * and a pipe, device or other file that is not regular is refused ({@link
         * dev.nntrain.OutputFiles}).
         *
         * @param file the file, in a folder that exists
         * @throws dev.nntrain.InvalidInputException if {@code file} is not a regular file or a link
         *     to one
         * @throws IOException if it cannot be written; the file is then left as it was
         */
        public void writeCsv(Path file) throws IOException {
            Objects.requireNonNull(file, "file");
            List<String> lines = new ArrayList<>();
            lines.add("step,learning_rate,loss,smoothed_loss");
            for (int i = 0; i < losses.length; i++) {
                lines.add((i + 1) + "," + rates[i] + "," + losses[i] + "," + smoothed[i]);
            }
            dev.nntrain.OutputFiles.write("range test log", file,
                    temporary -> Files.write(temporary, lines, StandardCharsets.UTF_8));
        }

        /** @return the suggested rate: where the smoothed loss falls fastest; NaN without one */
        public double steepestRate() {
            return steepestStep < 0 ? Double.NaN : rates[steepestStep];
        }

        /** @return the rate at the lowest smoothed loss; NaN without one */
        public double minimumRate() {
            return minimumStep < 0 ? Double.NaN : rates[minimumStep];
        }

        /** @return the classic rule's suggestion: a tenth of {@link #minimumRate()} */
        public double minimumRateOverTen() {
            return minimumRate() / 10;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && Arrays.equals(rates, r.rates) && Arrays.equals(losses, r.losses)
                    && Arrays.equals(smoothed, r.smoothed) && diverged == r.diverged && steepestStep == r.steepestStep
                    && minimumStep == r.minimumStep;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(rates), Arrays.hashCode(losses), Arrays.hashCode(smoothed), diverged,
                    steepestStep, minimumStep);
        }

        @Override
        public String toString() {
            return "LearningRateFinder.Result[" + steps() + " steps" + (diverged ? ", diverged" : "") + ", steepest "
                    + steepestRate() + ", minimum " + minimumRate() + "]";
        }
    }

    /** Builds a {@link LearningRateFinder}; every setting is optional. */
    public static final class Builder {
        private double start = DEFAULT_START;
        private double end = DEFAULT_END;
        private int steps = DEFAULT_STEPS;
        private double smoothing = DEFAULT_SMOOTHING;
        private double divergence = DEFAULT_DIVERGENCE;
        private int batchSize = 32;
        private long seed;
        private ClassWeights classWeights;

        private Builder() {}

        /**
         * @param rate the first step's rate, a positive float32 normal number (default 1e-7)
         * @return this builder
         */
        public Builder optStartRate(double rate) {
            this.start = checkRate("start rate", rate);
            return this;
        }

        /**
         * @param rate the last step's rate, above the start rate (default 10)
         * @return this builder
         */
        public Builder optEndRate(double rate) {
            this.end = checkRate("end rate", rate);
            return this;
        }

        /**
         * @param steps the steps to take, 2 to {@value LearningRateFinder#MAX_STEPS} (default 100)
         * @return this builder
         */
        public Builder optSteps(int steps) {
            if (steps < 2 || steps > MAX_STEPS) {
                throw new InvalidInputException("the range test's steps must be 2 to " + MAX_STEPS + ", got " + steps);
            }
            this.steps = steps;
            return this;
        }

        /**
         * @param beta the moving average's weight of the past, 0 (no smoothing) to below 1 (default 0.98)
         * @return this builder
         */
        public Builder optSmoothing(double beta) {
            if (!(beta >= 0 && beta < 1)) {
                throw new InvalidInputException("the range test's smoothing must be at least 0 and below 1, got " + beta);
            }
            this.smoothing = beta;
            return this;
        }

        /**
         * @param factor stop when the smoothed loss exceeds this many times its minimum, above 1 (default 4);
         *     infinity never stops early (but for a loss that stops being finite)
         * @return this builder
         */
        public Builder optDivergence(double factor) {
            if (!(factor > 1)) {
                throw new InvalidInputException("the range test's divergence factor must be above 1, got " + factor);
            }
            this.divergence = factor;
            return this;
        }

        /**
         * @param batchSize the examples per step (default 32, Keras' batch; fewer when the data has fewer)
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new InvalidInputException("the range test's batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param seed the seed of the batches' order (and of a model built by the test) (default 0)
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Weighs every step's loss by its examples' classes, as {@link
         * FitOptions.Builder#optClassWeights(Map)} weighs a fit's: a class left out weighs 1, a
         * step's loss is {@code sum_i w_i L_i / m}, and the losses recorded are the weighted ones.
         * For {@code balanced} weights pass {@link ClassWeights#balanced(int[])} of all the
         * training examples' classes: worked out per one-batch step they would follow each batch.
         *
         * @param weights class index to weight, each finite and at least 0
         * @return this builder
         * @throws InvalidInputException for an empty map, a negative class, or a weight that is
         *     negative, NaN or infinite, as {@link ClassWeights#of} refuses them
         */
        public Builder optClassWeights(Map<Integer, Double> weights) {
            Objects.requireNonNull(weights, "weights");
            this.classWeights = ClassWeights.of(weights);
            return this;
        }

        /**
         * @return the finder
         * @throws InvalidInputException if the end rate is not above the start rate
         */
        public LearningRateFinder build() {
            if (!(end > start)) {
                throw new InvalidInputException("the range test's end rate (" + end + ") must be above its start rate ("
                        + start + ")");
            }
            return new LearningRateFinder(this);
        }

        private static double checkRate(String what, double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new InvalidInputException("the range test's " + what + " must be a positive number, got " + rate);
            }
            try {
                return Optimizer.checkLearningRate(rate, ai.djl.ndarray.types.DataType.FLOAT32);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("the range test's " + what + " " + rate + ": " + e.getMessage(), e);
            }
        }
    }
}

package dev.nntrain.lessons;

import dev.nntrain.data.Examples;
import dev.nntrain.data.mnist.MnistSource;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.plot.HistoryChart;
import dev.nntrain.plot.OptimizerCharts;
import dev.nntrain.plot.OptimizerTrace;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.History;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.metric.Evaluation;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.optimizer.GradientDescent;
import dev.nntrain.train.optimizer.Optimizer;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The course's section 11, runnable: Adam gives each parameter its own learning rate. On a cost
 * whose bowl is steep along one parameter and flat along another, gradient descent must take a
 * rate small enough for the steep one and then crawls along the flat one; Adam's first step moves
 * every parameter by about its learning rate whatever the gradient's size, keeps that pace for a
 * parameter that keeps moving the same way, and shrinks it for one that starts to oscillate. Then
 * the course's digit setting: sparse categorical cross-entropy from logits with {@code Adam(1e-3)}.
 *
 * <p>Run it with {@code java dev.nntrain.lessons.AdamLesson}, or {@code nntrain lesson}, from any folder: the
 * digits are the subset inside nntrain's jar.
 */
public final class AdamLesson {

    /** The seed of the digit models and shuffles. */
    public static final long SEED = 11;

    /** The course's learning rate for Adam. */
    public static final double LEARNING_RATE = 1e-3;

    /** The true parameters of the bowl's data: steep w1 (large feature), flat w2 (small feature), b. */
    public static final double[] TRUE_PARAMETERS = {0.05, 1.0, 0.2};

    /** The parameters' names, in {@link #TRUE_PARAMETERS}' order. */
    public static final List<String> PARAMETER_NAMES = List.of("w1", "w2", "b");

    /** Steps on the bowl in {@link #run}. */
    public static final int BOWL_STEPS = 400;

    /** The number of digit epochs in {@link #main}: the course's 40. */
    public static final int COURSE_EPOCHS = 40;

    private AdamLesson() {}

    // ---------------------------------------------------------------- one rate per parameter

    /**
     * The bowl's data: an 8 x 8 grid of feature pairs, x1 in [-10, 10] and x2 in [-0.1, 0.1], with
     * {@code y = 0.05 x1 + 1.0 x2 + 0.2} exactly. On a full grid the features are uncorrelated and
     * centred, so the mean squared error is a sum of one parabola per parameter, with curvatures
     * {@code 2 E[x1^2] = 85.7}, {@code 2 E[x2^2] = 0.0086} and 2.
     *
     * @return 64 examples with 2 features and 1 target
     */
    public static Examples bowl() {
        float[][] x = new float[64][];
        float[][] y = new float[64][];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                float x1 = 10f * (2 * i - 7) / 7;
                float x2 = 0.1f * (2 * j - 7) / 7;
                x[i * 8 + j] = new float[] {x1, x2};
                y[i * 8 + j] = new float[] {(float) (TRUE_PARAMETERS[0] * x1 + TRUE_PARAMETERS[1] * x2 + TRUE_PARAMETERS[2])};
            }
        }
        return Examples.of(x, y);
    }

    /**
     * One parameter's path.
     *
     * @param name w1, w2 or b
     * @param values the parameter before training, then after each step
     * @param gradients dJ/dparameter before each step, by hand ({@code (2/m) sum (f - y) x})
     */
    public record ParameterTrace(String name, double[] values, double[] gradients) {

        /** @return the number of steps */
        public int steps() {
            return gradients.length;
        }

        /**
         * The change of step t.
         *
         * @param t the step, from 0
         * @return the value after it minus the value before
         */
        public double step(int t) {
            return values[t + 1] - values[t];
        }

        /**
         * The rate this step used: the step divided by minus the gradient. Gradient descent's is
         * its learning rate, always; Adam's is its own per parameter and step.
         *
         * @param t the step, from 0
         * @return {@code -step(t) / gradient(t)}
         */
        public double effectiveRate(int t) {
            return -step(t) / gradients[t];
        }

        /**
         * The mean size of a run of steps.
         *
         * @param from the first step, from 0
         * @param to the step after the last
         * @return the mean of |step| over steps [from, to)
         */
        public double meanStepSize(int from, int to) {
            double sum = 0;
            for (int t = from; t < to; t++) {
                sum += Math.abs(step(t));
            }
            return sum / (to - from);
        }

        /** @return how often the step's sign flipped: the parameter turned back */
        public int directionChanges() {
            int changes = 0;
            for (int t = 1; t < steps(); t++) {
                if (Math.signum(step(t)) * Math.signum(step(t - 1)) < 0) {
                    changes++;
                }
            }
            return changes;
        }

        /** @return the parameter after the last step */
        public double last() {
            return values[values.length - 1];
        }
    }

    /**
     * An optimiser's run on the bowl.
     *
     * @param optimizer the optimiser, as it prints itself
     * @param parameters w1, w2 and b step by step
     * @param cost the mean squared error after the last step
     */
    public record BowlRun(String optimizer, List<ParameterTrace> parameters, double cost) {

        /**
         * One parameter's trace.
         *
         * @param name one of {@link #PARAMETER_NAMES}
         * @return its trace
         */
        public ParameterTrace parameter(String name) {
            return parameters.get(PARAMETER_NAMES.indexOf(name));
        }
    }

    /**
     * Fits {@code Dense(1)} with mean squared error on {@link #bowl()}, from all parameters at 0,
     * one full-batch step per epoch, and records every step.
     *
     * @param optimizer Adam or gradient descent
     * @param steps the number of steps
     * @return the paths of w1, w2 and b
     */
    public static BowlRun bowlRun(Optimizer optimizer, int steps) {
        Examples data = bowl();
        Sequential model = Sequential.builder()
                .add(Dense.builder().setUnits(1).optKernelInitializer(new FixedKernel(new float[][] {{0}, {0}})).build())
                .optInputShape(2)
                .build();
        try (CompiledModel net = CompiledModel.compile(model, new MeanSquaredError(), optimizer)) {
            WeightTrace trace = new WeightTrace();
            net.fit(data, FitOptions.builder()
                    .optEpochs(steps)
                    .optBatchSize(data.size())
                    .optShuffle(false)
                    .addCallback(trace)
                    .optVerbose(0)
                    .build());
            double[][] values = new double[3][steps + 1];
            double[][] gradients = new double[3][steps];
            for (int t = 0; t <= steps; t++) {
                LayerWeights w = trace.snapshots().get(t).get(0);
                double[] p = {w.kernel()[0][0], w.kernel()[1][0], w.bias()[0]};
                for (int k = 0; k < 3; k++) {
                    values[k][t] = p[k];
                }
                if (t < steps) {
                    double[] g = gradient(data, p);
                    for (int k = 0; k < 3; k++) {
                        gradients[k][t] = g[k];
                    }
                }
            }
            List<ParameterTrace> traces = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                traces.add(new ParameterTrace(PARAMETER_NAMES.get(k), values[k], gradients[k]));
            }
            return new BowlRun(optimizer.toString(), traces, net.evaluate(data).loss());
        }
    }

    /** dJ/d(w1, w2, b) of the mean squared error of {@code f = w1 x1 + w2 x2 + b}. */
    private static double[] gradient(Examples data, double[] p) {
        double[] g = new double[3];
        int m = data.size();
        for (int i = 0; i < m; i++) {
            float[] x = data.featureRow(i);
            double error = p[0] * x[0] + p[1] * x[1] + p[2] - data.targets()[i];
            g[0] += 2 * error * x[0] / m;
            g[1] += 2 * error * x[1] / m;
            g[2] += 2 * error / m;
        }
        return g;
    }

    /**
     * The bowl's cost over (w1, w2) with b at its true value, what the chart's contours show. On the
     * full grid the cost is a sum of one parabola per parameter, so this is the full cost less b's
     * share, which is 0 at its true value.
     *
     * @param w1 the steep parameter
     * @param w2 the flat parameter
     * @return the mean squared error of {@code w1 x1 + w2 x2 + 0.2} on {@link #bowl()}
     */
    public static double bowlCost(double w1, double w2) {
        return cost(bowl(), new double[] {w1, w2, TRUE_PARAMETERS[2]});
    }

    /**
     * Draws bowl runs: the cost after each step, and the (w1, w2) paths over the cost's contours.
     *
     * @param runs runs of {@link #bowlRun}
     * @return the chart
     */
    public static BufferedImage bowlChart(List<BowlRun> runs) {
        Examples data = bowl();
        List<OptimizerTrace> traces = new ArrayList<>();
        for (BowlRun run : runs) {
            double[] w1 = run.parameter("w1").values();
            double[] w2 = run.parameter("w2").values();
            double[] b = run.parameter("b").values();
            double[] loss = new double[w1.length];
            List<double[]> path = new ArrayList<>();
            for (int t = 0; t < w1.length; t++) {
                loss[t] = cost(data, new double[] {w1[t], w2[t], b[t]});
                path.add(new double[] {w1[t], w2[t]});
            }
            traces.add(new OptimizerTrace(run.optimizer().replace("learning_rate=", ""), loss, path));
        }
        return OptimizerCharts.render(traces, AdamLesson::bowlCost);
    }

    /** J(w1, w2, b), the mean squared error on the data, by hand. */
    private static double cost(Examples data, double[] p) {
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
            float[] x = data.featureRow(i);
            double error = p[0] * x[0] + p[1] * x[1] + p[2] - data.targets()[i];
            sum += error * error;
        }
        return sum / data.size();
    }

    // ---------------------------------------------------------------- the course's digit setting

    /**
     * The course's digit network trained with some optimiser.
     *
     * @param optimizer the optimiser, as it prints itself
     * @param history the loss and accuracy per epoch
     * @param test the loss and accuracy on the test digits
     */
    public record DigitRun(String optimizer, History history, Evaluation test) {}

    /**
     * Trains {@code Dense(25, relu)}, {@code Dense(15, relu)}, {@code Dense(10)} with {@code
     * SparseCategoricalCrossentropy(from_logits = true)}, batches of 32, from the same initial
     * weights for every optimiser.
     *
     * @param source the digits
     * @param optimizer the course's {@code Adam(1e-3)}, or gradient descent to compare
     * @param epochs the course's {@value #COURSE_EPOCHS}, or a few
     * @return the run's numbers
     */
    public static DigitRun digits(MnistSource source, Optimizer optimizer, int epochs) {
        Sequential model = Sequential.builder()
                .add(Dense.of(25, Activation.RELU))
                .add(Dense.of(15, Activation.RELU))
                .add(Dense.of(10))
                .optSeed(SEED)
                .build();
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), optimizer)) {
            History history = net.fit(source.train(), FitOptions.builder().optEpochs(epochs).optSeed(SEED).optVerbose(0).build());
            return new DigitRun(optimizer.toString(), history, net.evaluate(source.test()));
        }
    }

    // ---------------------------------------------------------------- the lesson

    /**
     * Prints the lesson.
     *
     * @param out where to print
     * @param digits the digit set
     * @param digitEpochs epochs of the digit runs
     */
    public static void run(PrintStream out, MnistSource digits, int digitEpochs) {
        run(out, digits, digitEpochs, Figures.none());
    }

    /**
     * Prints the lesson and draws its charts: the bowl runs ({@code adam-vs-gradient-descent.png})
     * and the digit network's history under Adam ({@code adam-digits-history.png}).
     *
     * @param out where to print
     * @param digits the digit set
     * @param digitEpochs epochs of the digit runs
     * @param figures where the charts go
     */
    public static void run(PrintStream out, MnistSource digits, int digitEpochs, Figures figures) {
        out.println("11. Adam: one learning rate per parameter");
        out.println("  cost J = mean (w1 x1 + w2 x2 + b - y)^2, x1 in [-10, 10], x2 in [-0.1, 0.1]:");
        out.println("  steep along w1, flat along w2; all parameters start at 0, true values " + Text.vector(TRUE_PARAMETERS, "%.2f"));
        List<BowlRun> runs = List.of(
                bowlRun(new Adam(LEARNING_RATE), BOWL_STEPS),
                bowlRun(new GradientDescent(LEARNING_RATE), BOWL_STEPS),
                bowlRun(new GradientDescent(0.02), BOWL_STEPS));
        for (BowlRun run : runs) {
            out.println("  " + run.optimizer() + ", " + BOWL_STEPS + " full-batch steps:");
            out.printf("    %-3s %12s %14s %16s %18s %13s %9s%n", "", "dJ/dp first", "first step", "rate first step",
                    "mean |step|, last 100", "turns back", "final");
            for (ParameterTrace p : run.parameters()) {
                out.println(Text.f("    %-3s %12.5f %14.7f %16.6f %18.7f %13d %9.4f", p.name(), p.gradients()[0], p.step(0),
                        p.effectiveRate(0), p.meanStepSize(BOWL_STEPS - 100, BOWL_STEPS), p.directionChanges(), p.last()));
            }
            out.println(Text.f("    cost after the last step: %.6f", run.cost()));
        }
        out.println("  Adam's first step moves every parameter by about its learning rate, whatever dJ/dp;");
        out.println("  it keeps about that pace on w2, which always moves the same way, and all but stops on w1, which");
        out.println("  overshoots and turns back; b slows down as its gradient fades near its minimum.");
        out.println("  Gradient descent's rate is the same for all; the largest that w1 tolerates (2 / 85.7) leaves w2 crawling.");
        figures.add("adam-vs-gradient-descent", () -> bowlChart(runs));

        out.println();
        out.println("The course's digits: Dense(25, relu), Dense(15, relu), Dense(10),");
        out.println("  SparseCategoricalCrossentropy(from_logits = true), " + digitEpochs + " epochs of batches of 32");
        for (Optimizer optimizer : List.of(new Adam(LEARNING_RATE), new GradientDescent(LEARNING_RATE))) {
            DigitRun run = digits(digits, optimizer, digitEpochs);
            out.println(Text.f("  %-36s training %s", run.optimizer(), run.history().last().format()));
            out.println(Text.f("  %-36s test digits %s", "", run.test().format()));
            if (optimizer instanceof Adam) {
                figures.add("adam-digits-history", () -> HistoryChart.of(run.history()));
            }
        }
    }

    /**
     * Runs the lesson on standard output with the course's 40 epochs.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Engines.setThreads(1); // every model here is tiny: one thread is fastest
        run(System.out, MnistSource.embedded(), COURSE_EPOCHS);
    }
}

package dev.nntrain.lessons;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Standardizer;
import dev.nntrain.data.Synthetic;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.BatchedInference;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.plot.ActivationCharts;
import dev.nntrain.plot.LinearCollapseChart;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.optimizer.Adam;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The course's sections 3–5, runnable: the three activations and their values, which one to use
 * where, and why a network needs a non-linear one: with linear activations everywhere it
 * collapses to a single linear layer, shown on the weights of a real model.
 *
 * <p>Run it with {@code java dev.nntrain.lessons.ActivationsLesson}.
 */
public final class ActivationsLesson {

    /** The seed of every model and random input in this lesson. */
    public static final long SEED = 3;

    /** The z values at which §3 evaluates each activation. */
    public static final float[] Z = {-5, -2, -0.5f, 0.5f, 2, 5};

    private ActivationsLesson() {}

    // ---------------------------------------------------------------- 3. alternatives to sigmoid

    /**
     * One activation at the lesson's z values.
     *
     * @param activation g
     * @param formula g(z) as the course writes it
     * @param z the inputs, {@link #Z}
     * @param byLibrary g(z) as a {@code Dense} layer computes it
     * @param byFormula g(z) in double by the formula
     * @param slope dg/dz from the library's values, by central differences
     */
    public record ActivationValues(
            Activation activation, String formula, float[] z, float[] byLibrary, double[] byFormula, double[] slope) {}

    /** The difference used for slopes: large enough that float32 rounding stays below 1e-3. */
    static final float H = 0.01f;

    /**
     * §3: linear, sigmoid and ReLU at {@link #Z}.
     *
     * @return one entry per activation
     */
    public static List<ActivationValues> activationValues() {
        List<ActivationValues> out = new ArrayList<>();
        String[][] formulas = {{"LINEAR", "g(z) = z"}, {"SIGMOID", "g(z) = 1 / (1 + e^-z)"}, {"RELU", "g(z) = max(0, z)"}};
        for (String[] f : formulas) {
            Activation g = Activation.valueOf(f[0]);
            float[] values = Probe.apply(g, Z);
            float[] plus = new float[Z.length];
            float[] minus = new float[Z.length];
            for (int i = 0; i < Z.length; i++) {
                plus[i] = Z[i] + H;
                minus[i] = Z[i] - H;
            }
            float[] up = Probe.apply(g, plus);
            float[] down = Probe.apply(g, minus);
            double[] formula = new double[Z.length];
            double[] slope = new double[Z.length];
            for (int i = 0; i < Z.length; i++) {
                formula[i] = HandMath.activation(g, Z[i]);
                slope[i] = ((double) up[i] - down[i]) / ((double) plus[i] - minus[i]);
            }
            out.add(new ActivationValues(g, f[1], Z.clone(), values, formula, slope));
        }
        return out;
    }

    /**
     * The pre-activations of §3's example of why ReLU: how aware a buyer is of a product, from
     * "never heard of it" (negative z) to "knows it very well" (large z).
     */
    public static final float[] AWARENESS_Z = {-3, 0, 0.5f, 4, 25};

    /**
     * §3's example: a quantity that is zero or any positive amount. Awareness is not a yes/no
     * that sigmoid's (0, 1) describes: it is none at all or any amount; ReLU gives exactly that.
     *
     * @param z {@link #AWARENESS_Z}
     * @param relu ReLU of each z as a {@code Dense} layer computes it: 0 or the amount itself
     * @param sigmoid sigmoid of each z: never 0, never above 1
     */
    public record Awareness(float[] z, float[] relu, float[] sigmoid) {}

    /** @return §3's awareness example through the library's ReLU and sigmoid */
    public static Awareness awareness() {
        return new Awareness(AWARENESS_Z.clone(), Probe.apply(Activation.RELU, AWARENESS_Z),
                Probe.apply(Activation.SIGMOID, AWARENESS_Z));
    }

    // ---------------------------------------------------------------- 4. choosing activations

    /** What the output layer predicts, the three cases of §4. */
    public enum Target {
        /** Binary classification, y = 0 or 1. */
        BINARY("binary classification, y = 0/1"),
        /** Regression with targets of either sign, e.g. tomorrow's change in a stock price. */
        SIGNED_REGRESSION("regression, y positive or negative"),
        /** Regression with non-negative targets, e.g. the price of a house. */
        NON_NEGATIVE_REGRESSION("regression, y >= 0");

        private final String description;

        Target(String description) {
            this.description = description;
        }

        /** @return the case in words */
        public String description() {
            return description;
        }
    }

    /** §4: hidden layers use ReLU. */
    public static final Activation HIDDEN = Activation.RELU;

    /**
     * §4's rule for the output layer.
     *
     * @param target what the model predicts
     * @return sigmoid, linear or ReLU
     */
    public static Activation outputActivation(Target target) {
        switch (target) {
            case BINARY:
                return Activation.SIGMOID;
            case SIGNED_REGRESSION:
                return Activation.LINEAR;
            case NON_NEGATIVE_REGRESSION:
                return Activation.RELU;
            default:
                throw new AssertionError(target);
        }
    }

    /**
     * One row of the choice table, with evidence: the range of outputs a model with that output
     * activation produces on random inputs.
     *
     * @param target the case
     * @param activation the output activation §4 picks
     * @param min the smallest output seen
     * @param max the largest output seen
     */
    public record OutputChoice(Target target, Activation activation, double min, double max) {}

    /**
     * §4's table: for each target, a {@code Dense(8, relu)}, {@code Dense(1, g)} model with the
     * chosen output g, run (untrained) on 1000 random inputs.
     *
     * @return one entry per target, with the range of the outputs seen
     */
    public static List<OutputChoice> outputChoices() {
        float[][] x = randomInputs(1000, 4, 3);
        List<OutputChoice> out = new ArrayList<>();
        for (Target target : Target.values()) {
            Activation g = outputActivation(target);
            try (Sequential model = Sequential.builder()
                    .add(Dense.of(8, HIDDEN))
                    .add(Dense.of(1, g))
                    .optInputShape(4)
                    .optSeed(SEED)
                    .build()) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (float[] row : BatchedInference.outputs(model, x)) {
                    min = Math.min(min, row[0]);
                    max = Math.max(max, row[0]);
                }
                out.add(new OutputChoice(target, g, min, max));
            }
        }
        return out;
    }

    /**
     * §4's typical model: {@code Dense(25, relu)}, {@code Dense(15, relu)}, {@code Dense(1, sigmoid)}.
     *
     * @return the model, not built (no input shape)
     */
    public static Sequential typicalModel() {
        return Sequential.of(
                Dense.of(25, HIDDEN), Dense.of(15, HIDDEN), Dense.of(1, outputActivation(Target.BINARY)));
    }

    // ---------------------------------------------------------------- 5. why activations are needed

    /**
     * A two-layer network with a linear hidden layer, and the single layer it equals. In Keras'
     * layout a layer computes {@code a = x K + b}, so {@code a2 = (x K1 + b1) K2 + b2 = x (K1 K2)
     * + (b1 K2 + b2)}: the course's {@code W = W2 W1}, {@code b = W2 b1 + b2}, transposed.
     *
     * @param output the output layer's activation (linear, or sigmoid for logistic regression)
     * @param first the hidden layer's weights
     * @param second the output layer's weights
     * @param kernel {@code K1 K2}
     * @param bias {@code b1 K2 + b2}
     * @param inputs the number of random inputs compared
     * @param maxDifference the largest difference between the network's outputs and the single
     *     layer's, {@code g(x K + b)} computed by hand
     */
    public record Collapse(
            Activation output, LayerWeights first, LayerWeights second, float[][] kernel, float[] bias,
            int inputs, double maxDifference) {}

    /**
     * §5: trains {@code Dense(4, linear)}, {@code Dense(n, output)} on 3 inputs for a few steps (so
     * that its biases are not zero and {@code b1} has to pass through the second layer), computes
     * the single layer it equals, and compares the two on random inputs.
     *
     * @param outputUnits the output layer's width
     * @param output linear (with mean squared error) or sigmoid (with binary cross-entropy)
     * @return the comparison
     */
    public static Collapse collapse(int outputUnits, Activation output) {
        Sequential deep = Sequential.builder()
                .add(Dense.of(4, Activation.LINEAR))
                .add(Dense.of(outputUnits, output))
                .optSeed(SEED)
                .build();
        boolean logistic = output == Activation.SIGMOID;
        try (CompiledModel net = CompiledModel.compile(
                deep, logistic ? new BinaryCrossentropy(false) : new MeanSquaredError(), new Adam(0.05))) {
            net.fit(collapseData(outputUnits, logistic), FitOptions.builder().optEpochs(3).optSeed(SEED).optVerbose(0).build());
            LayerWeights first = deep.weights().get(0);
            LayerWeights second = deep.weights().get(1);
            float[][] kernel = new float[3][outputUnits];
            float[] bias = new float[outputUnits];
            for (int j = 0; j < outputUnits; j++) {
                double b = second.bias()[j];
                for (int h = 0; h < 4; h++) {
                    b += (double) first.bias()[h] * second.kernel()[h][j];
                }
                bias[j] = (float) b;
                for (int i = 0; i < 3; i++) {
                    double k = 0;
                    for (int h = 0; h < 4; h++) {
                        k += (double) first.kernel()[i][h] * second.kernel()[h][j];
                    }
                    kernel[i][j] = (float) k;
                }
            }
            LayerWeights single = new LayerWeights("collapsed", kernel, bias);
            float[][] x = randomInputs(100, 3, 2);
            float[][] byNetwork = BatchedInference.outputs(deep, x);
            double difference = 0;
            for (int r = 0; r < x.length; r++) {
                double[] bySingleLayer = HandMath.dense(HandMath.toDouble(x[r]), single, output);
                for (int j = 0; j < outputUnits; j++) {
                    difference = Math.max(difference, Math.abs(byNetwork[r][j] - bySingleLayer[j]));
                }
            }
            return new Collapse(output, first, second, kernel, bias, x.length, difference);
        }
    }

    /**
     * Draws a collapse along one input: the network computed layer by layer, {@code g((x K1 + b1)
     * K2 + b2)}, against the single layer {@code g(x K + b)}, for {@code x = (x1, 0, 0)} with x1
     * from -3 to 3, first output unit. Both are computed by hand from the weights, so the two
     * lines lying on each other is the algebra of §5 checked, not assumed.
     *
     * @param c a collapse from {@link #collapse}
     * @return the chart
     */
    public static BufferedImage collapseChart(Collapse c) {
        int n = 61;
        double[] x1 = new double[n];
        double[] stacked = new double[n];
        double[] single = new double[n];
        LayerWeights collapsed = new LayerWeights("collapsed", c.kernel(), c.bias());
        for (int i = 0; i < n; i++) {
            x1[i] = -3 + 0.1 * i;
            double[] x = {x1[i], 0, 0};
            double[] hidden = HandMath.dense(x, c.first(), Activation.LINEAR);
            stacked[i] = HandMath.dense(hidden, c.second(), c.output())[0];
            single[i] = HandMath.dense(x, collapsed, c.output())[0];
        }
        return LinearCollapseChart.render(x1, stacked, single);
    }

    /** 200 examples of 3 features: linear targets with offsets, or 0/1 labels of a tilted plane. */
    private static Examples collapseData(int outputs, boolean labels) {
        Random random = new Random(SEED);
        float[][] x = new float[200][3];
        float[][] y = new float[200][outputs];
        for (int r = 0; r < x.length; r++) {
            for (int i = 0; i < 3; i++) {
                x[r][i] = (float) random.nextGaussian();
            }
            for (int j = 0; j < outputs; j++) {
                double t = (j + 1) * x[r][0] - 2 * x[r][1] + 0.5 * x[r][2] + 1.5 - j;
                y[r][j] = labels ? (t > 0 ? 1 : 0) : (float) t;
            }
        }
        return Examples.of(x, y);
    }

    /**
     * Training accuracy on the coffee roasts of a {@code Dense(3, hidden)}, {@code Dense(1,
     * sigmoid)} model: with a linear hidden layer it is logistic regression and cannot draw the
     * band of good roasts.
     *
     * @param hidden the hidden layer's activation
     * @param accuracy the fraction of roasts classified right after training
     */
    public record HiddenChoice(Activation hidden, double accuracy) {}

    /** Epochs of {@link #hiddenChoice}: enough for ReLU units to find the band. */
    public static final int COFFEE_EPOCHS = 100;

    /**
     * Trains the coffee model with the given hidden activation.
     *
     * @param hidden linear, relu or sigmoid
     * @return the training accuracy
     */
    public static HiddenChoice hiddenChoice(Activation hidden) {
        Examples roasts = Synthetic.coffee(1);
        Examples x = Standardizer.fit(roasts).apply(roasts);
        Sequential model = Sequential.builder()
                .add(Dense.of(3, hidden))
                .add(Dense.of(1, Activation.SIGMOID))
                .optSeed(2)
                .build();
        try (CompiledModel net = CompiledModel.compile(model, new BinaryCrossentropy(false), new Adam(0.1))) {
            net.fit(x, FitOptions.builder().optEpochs(COFFEE_EPOCHS).optSeed(2).optVerbose(0).build());
            return new HiddenChoice(hidden, net.evaluate(x).accuracy());
        }
    }

    private static float[][] randomInputs(int rows, int width, double scale) {
        Random random = new Random(SEED + rows);
        float[][] x = new float[rows][width];
        for (float[] row : x) {
            for (int j = 0; j < width; j++) {
                row[j] = (float) (scale * random.nextGaussian());
            }
        }
        return x;
    }

    // ---------------------------------------------------------------- the lesson

    /**
     * Prints the lesson.
     *
     * @param out where to print
     */
    public static void run(PrintStream out) {
        run(out, Figures.none());
    }

    /**
     * Prints the lesson and draws its charts: the activation functions ({@code
     * activation-functions.png}) and a linear network against the layer it collapses to ({@code
     * linear-collapse.png}).
     *
     * @param out where to print
     * @param figures where the charts go
     */
    public static void run(PrintStream out, Figures figures) {
        out.println("3. Alternatives to sigmoid: g(z) at z = " + Text.vector(Z, "%.1f"));
        for (ActivationValues v : activationValues()) {
            out.println(Text.f("  %-8s %-22s g(z)  %s", v.activation().kerasName(), v.formula(), Text.vector(v.byLibrary(), "%.4f")));
            out.println(Text.f("  %-8s %-22s dg/dz %s", "", "", Text.vector(v.slope(), "%.4f")));
        }
        out.println("  sigmoid is flat on both sides (slope 0.0066 at |z| = 5); relu only for z < 0,");
        out.println("  so gradient descent keeps moving through relu units.");
        out.println("  why relu: in the course's T-shirt demand example, how aware a buyer is of the shirt is not yes or no;");
        out.println("  it is zero (never heard of it) or any positive amount, however large. Awareness from z = "
                + Text.vector(AWARENESS_Z, "%.1f") + ":");
        Awareness awareness = awareness();
        out.println("    relu    " + Text.vector(awareness.relu(), "%.4f") + "  zero, or the amount itself");
        out.println("    sigmoid " + Text.vector(awareness.sigmoid(), "%.4f") + "  never zero, never above 1");
        figures.add("activation-functions", ActivationCharts::functions);

        out.println();
        out.println("4. Choosing activation functions: hidden layers " + HIDDEN.kerasName() + "; output layer by target:");
        for (OutputChoice c : outputChoices()) {
            out.println(Text.f("  %-36s -> %-8s outputs seen in [%.4f, %.4f]",
                    c.target().description(), c.activation().kerasName(), c.min(), c.max()));
        }
        try (Sequential typical = typicalModel()) {
            typical.build(new long[] {400}, SEED);
            out.println("  typical model for the course's 20 x 20 = 400-pixel digit images:");
            out.print(typical.summary());
        }

        out.println();
        out.println("5. Why activation functions are needed: a2 = W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2)");
        List<Collapse> collapses = List.of(collapse(2, Activation.LINEAR), collapse(1, Activation.SIGMOID));
        figures.add("linear-collapse", () -> collapseChart(collapses.get(0)));
        for (Collapse c : collapses) {
            out.println(Text.f("  Dense(4, linear), Dense(%d, %s) on 3 inputs, trained a little, equals Dense(%d, %s) with",
                    c.bias().length, c.output().kerasName(), c.bias().length, c.output().kerasName()));
            out.println("    K = K1 K2:");
            out.print(Text.matrix(c.kernel(), "%9.5f", "      "));
            out.println("    b = b1 K2 + b2: " + Text.vector(c.bias(), "%9.5f"));
            out.println(Text.f("    largest difference between the network and g(x K + b) on %d random inputs: %.1e",
                    c.inputs(), c.maxDifference()));
        }
        out.println("  linear hidden + sigmoid output is logistic regression; on the coffee roasts:");
        for (Activation hidden : List.of(Activation.LINEAR, Activation.RELU, Activation.SIGMOID)) {
            out.println(Text.f("    Dense(3, %-7s), Dense(1, sigmoid): training accuracy %.3f",
                    hidden.kerasName(), hiddenChoice(hidden).accuracy()));
        }
        // the good roasts lie in a band: one straight boundary cannot cut it out, so the linear model
        // does no better than a constant answer
        out.println(Text.f("    (answering \"bad\" for every roast scores %.3f: a single straight boundary, all that"
                + " linear hidden units give, does no better than that on a band of good roasts)", majorityAccuracy()));
    }

    /**
     * The accuracy of always answering the commoner class of the course's coffee roasts: the
     * floor a classifier of them has to beat.
     *
     * @return the fraction of the roasts in the commoner class
     */
    public static double majorityAccuracy() {
        float[] y = Synthetic.coffee(1).targets();
        int good = 0;
        for (float label : y) {
            good += label > 0.5f ? 1 : 0;
        }
        return Math.max(good, y.length - good) / (double) y.length;
    }

    /**
     * Runs the lesson on standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Engines.setThreads(1); // every model here is tiny: one thread is fastest
        run(System.out);
    }
}

package dev.nntrain.lessons;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Standardizer;
import dev.nntrain.data.Synthetic;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The course's section 9, runnable: why losses are computed from the logits. Intermediate values
 * lose digits ({@code 2/10000} is not {@code (1 + 1/10000) - (1 - 1/10000)} in floating point),
 * and a loss computed from a rounded probability loses them too, up to saturating at Keras'
 * clip, while the same loss computed from the logit stays exact. Predictions then apply the
 * sigmoid or softmax to the logits.
 *
 * <p>Run it with {@code java dev.nntrain.lessons.RoundoffLesson}.
 */
public final class RoundoffLesson {

    /** The seed of the small models trained to show predictions. */
    public static final long SEED = 9;

    private RoundoffLesson() {}

    // ---------------------------------------------------------------- the same number two ways

    /**
     * The course's two ways to compute 2/10000, printed as the course prints them ({@code
     * f"{x:.18f}"}).
     *
     * @param type float64 or float32
     * @param direct {@code 2.0 / 10000}
     * @param roundabout {@code (1 + 1/10000) - (1 - 1/10000)}
     * @param directPrinted direct with 18 decimals
     * @param roundaboutPrinted roundabout with 18 decimals
     */
    public record TwoWays(String type, double direct, double roundabout, String directPrinted, String roundaboutPrinted) {

        /** @return {@code |roundabout - direct| / direct} */
        public double relativeError() {
            return Math.abs(roundabout - direct) / direct;
        }
    }

    /**
     * In double precision, as Python computes it.
     *
     * @return both ways in float64
     */
    public static TwoWays float64() {
        double x1 = 2.0 / 10000;
        double x2 = (1 + 1.0 / 10000) - (1 - 1.0 / 10000);
        return new TwoWays("float64", x1, x2, course(x1), course(x2));
    }

    /**
     * In single precision, the type networks are trained in.
     *
     * @return both ways in float32
     */
    public static TwoWays float32() {
        float x1 = 2.0f / 10000;
        float x2 = (1 + 1.0f / 10000) - (1 - 1.0f / 10000);
        return new TwoWays("float32", x1, x2, course(x1), course(x2));
    }

    private static String course(double x) {
        return String.format(Locale.ROOT, "%.18f", x);
    }

    // ---------------------------------------------------------------- losses two ways

    /**
     * One example's loss computed three ways.
     *
     * @param z the logit(s)
     * @param y the label (0/1 for the binary loss, the class for softmax)
     * @param exact the loss in double, from the logits
     * @param fromLogits the library's loss with a linear output layer and {@code from_logits = true}
     * @param fromProbabilities the library's loss with a sigmoid/softmax output layer
     */
    public record LossRoutes(float[] z, int y, double exact, double fromLogits, double fromProbabilities) {

        /** @return the from-logits route's error relative to the exact loss */
        public double fromLogitsError() {
            return Math.abs(fromLogits - exact) / exact;
        }

        /** @return the from-probabilities route's error relative to the exact loss */
        public double fromProbabilitiesError() {
            return Math.abs(fromProbabilities - exact) / exact;
        }
    }

    /** The binary examples: a logit z and a label y, from harmless to extreme. */
    public static final float[][] BINARY_CASES = {{0, 1}, {5, 1}, {10, 0}, {15, 0}, {20, 0}, {-30, 1}, {40, 0}};

    /**
     * The logistic loss of {@link #BINARY_CASES}: exact, through {@code Dense(1)} with {@code
     * BinaryCrossentropy(from_logits = true)}, and through {@code Dense(1, sigmoid)} with {@code
     * BinaryCrossentropy()}.
     *
     * @return one entry per case
     */
    public static List<LossRoutes> binaryLosses() {
        List<LossRoutes> out = new ArrayList<>();
        try (CompiledModel logits = CompiledModel.compile(Probe.of(Activation.LINEAR, 1), new BinaryCrossentropy(true), new Adam());
                CompiledModel probabilities = CompiledModel.compile(Probe.of(Activation.SIGMOID, 1), new BinaryCrossentropy(false), new Adam())) {
            for (float[] c : BINARY_CASES) {
                float[][] x = {{c[0]}};
                float[][] y = {{c[1]}};
                out.add(new LossRoutes(new float[] {c[0]}, (int) c[1], HandMath.logisticLossFromLogit(c[1], c[0]),
                        logits.evaluate(x, y).loss(), probabilities.evaluate(x, y).loss()));
            }
        }
        return out;
    }

    /** The softmax examples' logits; {@link #SOFTMAX_LABELS} holds their classes. */
    public static final float[][] SOFTMAX_CASES = {{1, 2, 3, 4}, {0, 10, 0, 0}, {0, 30, 0, 0}, {100, 0, -100, 0}};

    /** The classes of {@link #SOFTMAX_CASES}. */
    public static final int[] SOFTMAX_LABELS = {3, 0, 0, 2};

    /**
     * The softmax loss of {@link #SOFTMAX_CASES}: exact, through {@code Dense(4)} with {@code
     * SparseCategoricalCrossentropy(from_logits = true)}, and through {@code Dense(4, softmax)}
     * with {@code SparseCategoricalCrossentropy()}.
     *
     * @return one entry per case
     */
    public static List<LossRoutes> softmaxLosses() {
        List<LossRoutes> out = new ArrayList<>();
        try (CompiledModel logits = CompiledModel.compile(Probe.of(Activation.LINEAR, 4), new SparseCategoricalCrossentropy(true), new Adam());
                CompiledModel probabilities = CompiledModel.compile(Probe.of(Activation.SOFTMAX, 4), new SparseCategoricalCrossentropy(false), new Adam())) {
            for (int i = 0; i < SOFTMAX_CASES.length; i++) {
                float[][] x = {SOFTMAX_CASES[i]};
                int[] y = {SOFTMAX_LABELS[i]};
                out.add(new LossRoutes(SOFTMAX_CASES[i].clone(), y[0],
                        HandMath.softmaxLossFromLogits(HandMath.toDouble(SOFTMAX_CASES[i]), y[0]),
                        logits.evaluate(x, y).loss(), probabilities.evaluate(x, y).loss()));
            }
        }
        return out;
    }

    /**
     * The most a from-probabilities loss can be: the probability is clipped to at least {@link
     * Loss#EPSILON} (Keras does the same), so {@code -log 1e-7} in float32, about 16.12.
     *
     * @return {@code -log} of the clipped probability, in float32
     */
    public static double saturation() {
        return -Math.log((float) Loss.EPSILON);
    }

    // ---------------------------------------------------------------- predicting from logits

    /**
     * A model trained from logits, predicting: {@code predict} gives z, as Keras' does, and
     * {@code predictProbabilities} the sigmoid or softmax of z.
     *
     * @param model what was trained
     * @param logits z for the first examples
     * @param predicted {@code predictProbabilities} for the same examples
     * @param byHand sigmoid or softmax of {@code logits}, in double
     */
    public record Prediction(String model, float[][] logits, float[][] predicted, double[][] byHand) {

        /** @return the largest difference between {@code predicted} and {@code byHand} */
        public double maxDifference() {
            double max = 0;
            for (int i = 0; i < predicted.length; i++) {
                for (int j = 0; j < predicted[i].length; j++) {
                    max = Math.max(max, Math.abs(predicted[i][j] - byHand[i][j]));
                }
            }
            return max;
        }
    }

    /**
     * Logistic regression on the roasts from logits, then predict on three roasts.
     *
     * @return the logits, the engine's predictions and the ones by hand
     */
    public static Prediction logisticPrediction() {
        Examples roasts = Synthetic.coffee(SEED);
        Examples x = Standardizer.fit(roasts).apply(roasts);
        try (CompiledModel net = CompiledModel.compile(
                Sequential.builder().add(Dense.of(1)).optSeed(SEED).build(), new BinaryCrossentropy(true), new Adam(0.05))) {
            net.fit(x, FitOptions.builder().optEpochs(20).optSeed(SEED).optVerbose(0).build());
            float[][] first = x.slice(0, 3).featureRows();
            float[][] z = net.predict(first);
            double[][] byHand = new double[z.length][];
            for (int i = 0; i < z.length; i++) {
                byHand[i] = new double[] {HandMath.sigmoid(z[i][0])};
            }
            return new Prediction("Dense(1), BinaryCrossentropy(from_logits = true)", z, net.predictProbabilities(first), byHand);
        }
    }

    /**
     * A softmax classifier of the four blobs from logits, then predict on three points.
     *
     * @return the logits, the engine's predictions and the ones by hand
     */
    public static Prediction softmaxPrediction() {
        Examples blobs = Synthetic.blobs(SEED);
        try (CompiledModel net = CompiledModel.compile(
                Sequential.builder().add(Dense.of(4)).optSeed(SEED).build(), new SparseCategoricalCrossentropy(true), new Adam(0.05))) {
            net.fit(blobs, FitOptions.builder().optEpochs(3).optSeed(SEED).optVerbose(0).build());
            float[][] first = blobs.slice(0, 3).featureRows();
            float[][] z = net.predict(first);
            double[][] byHand = new double[z.length][];
            for (int i = 0; i < z.length; i++) {
                byHand[i] = HandMath.softmax(HandMath.toDouble(z[i]));
            }
            return new Prediction("Dense(4), SparseCategoricalCrossentropy(from_logits = true)", z, net.predictProbabilities(first), byHand);
        }
    }

    /**
     * What {@code compile} says to a from-logits loss on a sigmoid output layer: the loss would
     * apply the sigmoid a second time.
     *
     * @return the message of the refusal
     */
    public static String mismatchMessage() {
        try (Sequential model = Sequential.of(Dense.of(1, Activation.SIGMOID))) {
            CompiledModel.compile(model, new BinaryCrossentropy(true), new Adam()).close();
            throw new IllegalStateException("compile accepted a sigmoid output with a from-logits loss");
        } catch (IllegalArgumentException expected) {
            return expected.getMessage();
        }
    }

    // ---------------------------------------------------------------- the lesson

    /**
     * Prints the lesson.
     *
     * @param out where to print
     */
    public static void run(PrintStream out) {
        out.println("9. Numerical roundoff: the same number computed two ways, printed with 18 decimals");
        for (TwoWays t : List.of(float64(), float32())) {
            out.println(Text.f("  %s: 2.0/10000 = %s, (1 + 1/10000) - (1 - 1/10000) = %s (relative error %.1e)",
                    t.type(), t.directPrinted(), t.roundaboutPrinted(), t.relativeError()));
        }

        out.println();
        out.println("Logistic loss of one example: exact, from the logit, from the sigmoid's probability");
        out.printf("  %6s %2s %22s %22s %22s%n", "z", "y", "exact (float64)", "from_logits=True", "from probabilities");
        for (LossRoutes r : binaryLosses()) {
            out.printf(Locale.ROOT, "  %6.0f %2d %22.10f %22.10f %22.10f%n", r.z()[0], r.y(), r.exact(), r.fromLogits(), r.fromProbabilities());
        }
        out.println("Softmax loss of one example:");
        out.printf("  %-24s %2s %22s %22s %22s%n", "z", "y", "exact (float64)", "from_logits=True", "from probabilities");
        for (LossRoutes r : softmaxLosses()) {
            out.printf(Locale.ROOT, "  %-24s %2d %22.10f %22.10f %22.10f%n", Text.vector(r.z(), "%.0f"), r.y(), r.exact(), r.fromLogits(), r.fromProbabilities());
        }
        out.println(Text.f("  from probabilities, a probability that rounds below 1e-7 is clipped: the loss saturates at %.4f", saturation()));
        out.println(Text.f("  (for y = 0 the clip keeps f at most 1 - 1e-7, which is 0.99999988 in float32: L stops at -log(1.19e-7) = %.4f)",
                -Math.log(1 - (double) (float) (1 - Loss.EPSILON))));

        out.println();
        out.println("So the output layer is linear, the loss takes the logits, and predictProbabilities applies sigmoid/softmax:");
        for (Prediction p : List.of(logisticPrediction(), softmaxPrediction())) {
            out.println("  " + p.model());
            for (int i = 0; i < p.logits().length; i++) {
                out.println("    predict " + Text.vector(p.logits()[i], "%8.4f") + " -> predictProbabilities "
                        + Text.vector(p.predicted()[i], "%.6f"));
            }
            out.println(Text.f("    largest difference from sigmoid/softmax by hand: %.1e", p.maxDifference()));
        }
        out.println("  compile(Dense(1, sigmoid), BinaryCrossentropy(from_logits = true)) is refused:");
        out.println("    " + mismatchMessage());
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

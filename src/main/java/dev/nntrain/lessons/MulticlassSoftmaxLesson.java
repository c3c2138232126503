package dev.nntrain.lessons;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Synthetic;
import dev.nntrain.data.mnist.MnistSource;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.BatchedInference;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.plot.ActivationCharts;
import dev.nntrain.plot.ConfusionMatrixChart;
import dev.nntrain.plot.DecisionCharts;
import dev.nntrain.plot.DigitGridChart;
import dev.nntrain.plot.HistoryChart;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.History;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.metric.ConfusionMatrix;
import dev.nntrain.train.metric.Evaluation;
import dev.nntrain.train.optimizer.Adam;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The course's sections 6–8, runnable: a classifier for four classes in the plane and its decision
 * regions, the softmax function and its loss, softmax with two classes as logistic regression, and
 * the digit network with a softmax output.
 *
 * <p>Run it with {@code java dev.nntrain.lessons.MulticlassSoftmaxLesson}, or {@code nntrain lesson}, from any folder: the
 * digits are the subset inside nntrain's jar.
 */
public final class MulticlassSoftmaxLesson {

    /** The seed of every model and shuffle in this lesson. */
    public static final long SEED = 2;

    /** Epochs for the four blobs; 2000 points make an epoch 63 steps. */
    public static final int BLOB_EPOCHS = 20;

    /** The course's example logits for softmax. */
    public static final float[] COURSE_LOGITS = {1, 2, 3, 4};

    private MulticlassSoftmaxLesson() {}

    // ---------------------------------------------------------------- 6. multiclass

    /**
     * The four blobs, trained.
     *
     * @param history the loss and accuracy per epoch
     * @param training the loss and accuracy on the 2000 points
     * @param centreClasses the class predicted at each blob's centre, in class order
     * @param map the predicted class on a grid over {@code [-8, 8] x [-4.5, 4.5]}, top row first:
     *     the decision regions
     */
    public record Blobs(History history, Evaluation training, int[] centreClasses, String map) {}

    /**
     * §6: {@code Dense(2, relu)}, {@code Dense(4)} trained on the four blobs with sparse
     * categorical cross-entropy from logits and {@code Adam(0.01)}.
     *
     * @param epochs passes over the 2000 points (see {@link #BLOB_EPOCHS})
     * @return the trained model's numbers
     */
    public static Blobs blobs(int epochs) {
        return blobs(epochs, Figures.none());
    }

    /**
     * {@link #blobs(int)}, drawing the trained model's decision regions with the points ({@code
     * decision-regions.png}).
     *
     * @param epochs passes over the 2000 points
     * @param figures where the chart goes
     * @return the trained model's numbers
     */
    public static Blobs blobs(int epochs, Figures figures) {
        Examples points = Synthetic.blobs(SEED);
        Sequential model = Sequential.builder()
                .add(Dense.of(2, Activation.RELU))
                .add(Dense.of(4))
                .optSeed(SEED)
                .build();
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(0.01))) {
            History history = net.fit(points, FitOptions.builder().optEpochs(epochs).optSeed(SEED).optVerbose(0).build());
            float[][] centres = new float[4][];
            for (int c = 0; c < 4; c++) {
                double[] centre = Synthetic.blobCentre(c);
                centres[c] = new float[] {(float) centre[0], (float) centre[1]};
            }
            figures.add("decision-regions", () -> DecisionCharts.regions(
                    ChartData.points(points.featureRows()), points.labels(), ChartData.classifier(net)));
            return new Blobs(history, net.evaluate(points), net.predictClasses(centres), regionMap(net));
        }
    }

    /** The predicted class over the plane, one character per grid point. */
    private static String regionMap(CompiledModel net) {
        int columns = 33;
        int rows = 19;
        float[][] grid = new float[rows * columns][];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                grid[r * columns + c] = new float[] {-8 + 0.5f * c, 4.5f - 0.5f * r};
            }
        }
        int[] classes = net.predictClasses(grid);
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                sb.append(classes[r * columns + c]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- 7. softmax

    /**
     * Softmax of some logits, by the library and by the formula.
     *
     * @param z the logits
     * @param byLibrary {@code a} from a {@code Dense} layer with the softmax activation
     * @param byFormula {@code a_j = e^{z_j} / sum_k e^{z_k}} in double
     */
    public record SoftmaxValues(float[] z, float[] byLibrary, double[] byFormula) {

        /** @return the sum of the library's {@code a_j} */
        public double sum() {
            double s = 0;
            for (float a : byLibrary) {
                s += a;
            }
            return s;
        }
    }

    /**
     * Computes softmax of z both ways.
     *
     * @param z the logits
     * @return z, the engine's softmax and the formula's
     */
    public static SoftmaxValues softmax(float... z) {
        return new SoftmaxValues(z.clone(), Probe.apply(Activation.SOFTMAX, new float[][] {z})[0],
                HandMath.softmax(HandMath.toDouble(z)));
    }

    /**
     * Softmax with N = 2 next to logistic regression: {@code a_2 = e^{z2} / (e^{z1} + e^{z2}) = 1
     * / (1 + e^{-(z2 - z1)})}, the sigmoid of one logit {@code z = z2 - z1}, i.e. of a logistic
     * regression with {@code w = w2 - w1}, {@code b = b2 - b1}.
     *
     * @param z1 the first logit
     * @param z2 the second logit
     * @param softmaxA2 softmax's second output, by the library
     * @param sigmoidOfDifference sigmoid(z2 - z1), by a {@code Dense(1, sigmoid)} layer with kernel (-1, 1)
     */
    public record TwoClasses(float z1, float z2, float softmaxA2, float sigmoidOfDifference) {}

    /**
     * §7's reduction on a few pairs of logits.
     *
     * @return one entry per pair
     */
    public static List<TwoClasses> twoClasses() {
        float[][] pairs = {{0, 0}, {1, 3}, {-2, 0.5f}, {4, -1}, {10, 2}};
        float[][] softmax = Probe.apply(Activation.SOFTMAX, pairs);
        float[][] sigmoid;
        try (Sequential logistic = Sequential.builder()
                .add(Dense.builder()
                        .setUnits(1)
                        .optActivation(Activation.SIGMOID)
                        .optKernelInitializer(new FixedKernel(new float[][] {{-1}, {1}}))
                        .build())
                .optInputShape(2)
                .build()) {
            sigmoid = BatchedInference.outputs(logistic, pairs);
        }
        List<TwoClasses> out = new ArrayList<>();
        for (int i = 0; i < pairs.length; i++) {
            out.add(new TwoClasses(pairs[i][0], pairs[i][1], softmax[i][1], sigmoid[i][0]));
        }
        return out;
    }

    /**
     * The softmax loss of one example, {@code L = -log a_y}.
     *
     * @param z the logits
     * @param label y
     * @param probability {@code a_y} by the formula
     * @param lossByHand {@code -log a_y}
     * @param lossByLibrary {@code evaluate} of sparse categorical cross-entropy on this example
     */
    public record SoftmaxLoss(float[] z, int label, double probability, double lossByHand, double lossByLibrary) {}

    /**
     * The losses of a few examples and their mean, the cost.
     *
     * @param examples each example's loss
     * @param costByHand the mean of {@code -log a_y}
     * @param costByLibrary {@code evaluate} on all the examples at once
     */
    public record SoftmaxCost(List<SoftmaxLoss> examples, double costByHand, double costByLibrary) {}

    /**
     * §7's loss on four examples with the course's logits and labels 0 to 3.
     *
     * @return each example's loss and the cost, by hand and by the library
     */
    public static SoftmaxCost softmaxCost() {
        float[][] z = {COURSE_LOGITS, COURSE_LOGITS, COURSE_LOGITS, {0.5f, -1, 2, 0}};
        int[] labels = {3, 0, 2, 2};
        try (CompiledModel net = CompiledModel.compile(
                Probe.of(Activation.SOFTMAX, 4), new SparseCategoricalCrossentropy(false), new Adam())) {
            List<SoftmaxLoss> losses = new ArrayList<>();
            double sum = 0;
            for (int i = 0; i < z.length; i++) {
                double a = HandMath.softmax(HandMath.toDouble(z[i]))[labels[i]];
                double byLibrary = net.evaluate(new float[][] {z[i]}, new int[] {labels[i]}).loss();
                losses.add(new SoftmaxLoss(z[i], labels[i], a, -Math.log(a), byLibrary));
                sum += -Math.log(a);
            }
            return new SoftmaxCost(losses, sum / z.length, net.evaluate(z, labels).loss());
        }
    }

    // ---------------------------------------------------------------- 8. softmax output layer

    /**
     * What changes when one logit changes: softmax's outputs all move, independent sigmoids' only
     * the one.
     *
     * @param activation softmax or sigmoid
     * @param before {@code a} at {@link #COURSE_LOGITS}
     * @param after {@code a} with {@code z_1} raised by 1
     */
    public record Dependence(Activation activation, float[] before, float[] after) {

        /** @return how many outputs changed */
        public int changed() {
            int n = 0;
            for (int j = 0; j < before.length; j++) {
                if (before[j] != after[j]) {
                    n++;
                }
            }
            return n;
        }
    }

    /**
     * §8: raises {@code z_1} of {@link #COURSE_LOGITS} by 1 and applies the activation.
     *
     * @param activation softmax or sigmoid
     * @return the outputs before and after
     */
    public static Dependence dependence(Activation activation) {
        float[] bumped = COURSE_LOGITS.clone();
        bumped[0] += 1;
        float[][] a = Probe.apply(activation, new float[][] {COURSE_LOGITS, bumped});
        return new Dependence(activation, a[0], a[1]);
    }

    /**
     * The course's digit network with a softmax output, trained.
     *
     * @param summary the table of layers; 20,175 parameters
     * @param parameters the parameter count
     * @param history the loss and accuracy per epoch
     * @param test the loss and accuracy on the test digits
     * @param firstTestProbabilities {@code a_1..a_10}, the probabilities of digits 0..9, for the first test digit
     */
    public record SoftmaxDigits(String summary, long parameters, History history, Evaluation test, float[] firstTestProbabilities) {}

    /**
     * §8: {@code Dense(25, relu)}, {@code Dense(15, relu)}, {@code Dense(10, softmax)} with sparse
     * categorical cross-entropy (from probabilities, as §8 writes it; §9 improves on it) and
     * {@code Adam(1e-3)}.
     *
     * @param source the digits
     * @param epochs passes over the training digits
     * @return the trained model's numbers
     */
    public static SoftmaxDigits softmaxDigits(MnistSource source, int epochs) {
        return softmaxDigits(source, epochs, Figures.none());
    }

    /** Test digits shown in the grid of {@link #softmaxDigits(MnistSource, int, Figures)}. */
    public static final int GRID_DIGITS = 40;

    /**
     * {@link #softmaxDigits(MnistSource, int)}, drawing the first {@value #GRID_DIGITS} test digits
     * with their predictions ({@code softmax-digits.png}), the confusion matrix on the test digits
     * ({@code softmax-confusion-matrix.png}) and the history ({@code softmax-history.png}).
     *
     * @param source the digits
     * @param epochs passes over the training digits
     * @param figures where the charts go
     * @return the trained model's numbers
     */
    public static SoftmaxDigits softmaxDigits(MnistSource source, int epochs, Figures figures) {
        Examples train = source.train();
        Examples test = source.test();
        Sequential model = Sequential.builder()
                .add(Dense.of(25, Activation.RELU))
                .add(Dense.of(15, Activation.RELU))
                .add(Dense.of(10, Activation.SOFTMAX))
                .optSeed(SEED)
                .build();
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(false), new Adam(1e-3))) {
            History history = net.fit(train, FitOptions.builder().optEpochs(epochs).optSeed(SEED).optVerbose(0).build());
            float[] first = net.predict(new float[][] {test.featureRow(0)})[0];
            if (figures.enabled()) {
                int[] predicted = net.predictClasses(test.featureRows());
                Examples shown = test.subset(IntStream.range(0, GRID_DIGITS).toArray());
                figures.add("softmax-digits", () -> DigitGridChart.render(shown.featureRows(), shown.labels(),
                        Arrays.copyOf(predicted, GRID_DIGITS)));
                figures.add("softmax-confusion-matrix", () -> ConfusionMatrixChart.of(
                        ConfusionMatrix.of(10, test.labels(), predicted)));
                figures.add("softmax-history", () -> HistoryChart.of(history));
            }
            return new SoftmaxDigits(model.summary(), model.parameterCount(), history, net.evaluate(test), first);
        }
    }

    // ---------------------------------------------------------------- the lesson

    /**
     * Prints the lesson.
     *
     * @param out where to print
     * @param digits the digits of §8
     * @param digitEpochs the epochs of §8's digit network
     */
    public static void run(PrintStream out, MnistSource digits, int digitEpochs) {
        run(out, digits, digitEpochs, Figures.none());
    }

    /**
     * Prints the lesson and draws its charts: the blobs' decision regions, softmax of the course's
     * logits as bars ({@code softmax.png}), and the digit network's digits, confusion matrix and
     * history.
     *
     * @param out where to print
     * @param digits the digits of §8
     * @param digitEpochs the epochs of §8's digit network
     * @param figures where the charts go
     */
    public static void run(PrintStream out, MnistSource digits, int digitEpochs, Figures figures) {
        out.println("6. Multiclass: four blobs around (-5, 2), (-1.5, -1), (1, 2), (5, -2)");
        out.println("  Dense(2, relu), Dense(4) with SparseCategoricalCrossentropy(from_logits = true), Adam(0.01)");
        Blobs blobs = blobs(BLOB_EPOCHS, figures);
        out.println(Text.f("  after %s: %s", Text.epochs(blobs.history().size()), blobs.training().format()));
        out.println("  class predicted at the four centres: " + java.util.Arrays.toString(blobs.centreClasses()));
        out.println("  decision regions over x in [-8, 8] (columns), y in [4.5, -4.5] (rows):");
        blobs.map().lines().forEach(line -> out.println("    " + line));

        out.println();
        out.println("7. Softmax: a_j = e^z_j / sum_k e^z_k");
        SoftmaxValues values = softmax(COURSE_LOGITS);
        out.println("  z = " + Text.vector(values.z(), "%.0f") + ": a = " + Text.vector(values.byLibrary(), "%.6f")
                + ", by formula " + Text.vector(values.byFormula(), "%.6f"));
        out.println(Text.f("  sum of a = %.7f", values.sum()));
        figures.add("softmax", () -> ActivationCharts.softmax(HandMath.toDouble(COURSE_LOGITS)));
        out.println("  N = 2 is logistic regression: softmax([z1, z2])_2 = sigmoid(z2 - z1)");
        for (TwoClasses t : twoClasses()) {
            out.println(Text.f("    z = [%4.1f, %4.1f]: softmax a2 = %.7f, sigmoid(z2 - z1) = %.7f",
                    t.z1(), t.z2(), t.softmaxA2(), t.sigmoidOfDifference()));
        }
        out.println("  loss L = -log a_y:");
        SoftmaxCost cost = softmaxCost();
        for (SoftmaxLoss l : cost.examples()) {
            out.println(Text.f("    z = %-26s y = %d: a_y = %.6f, -log a_y = %.6f, library %.6f",
                    Text.vector(l.z(), "%.1f"), l.label(), l.probability(), l.lossByHand(), l.lossByLibrary()));
        }
        out.println(Text.f("  cost = mean loss: by hand %.6f, evaluate() %.6f", cost.costByHand(), cost.costByLibrary()));

        out.println();
        out.println("8. Softmax output layer: each a_j depends on all of z (raise z_1 by 1):");
        for (Activation g : List.of(Activation.SOFTMAX, Activation.SIGMOID)) {
            Dependence d = dependence(g);
            out.println(Text.f("  %-7s %s -> %s: %d of 4 outputs changed", g.kerasName(),
                    Text.vector(d.before(), "%.4f"), Text.vector(d.after(), "%.4f"), d.changed()));
        }
        SoftmaxDigits net = softmaxDigits(digits, digitEpochs, figures);
        out.println("  digits: Dense(25, relu), Dense(15, relu), Dense(10, softmax), SparseCategoricalCrossentropy()");
        out.print(net.summary());
        out.println(Text.f("  after %s, test digits: %s", Text.epochs(net.history().size()), net.test().format()));
        out.println("  first test digit, P(0)..P(9) = " + Text.vector(net.firstTestProbabilities(), "%.3f"));
    }

    /**
     * Runs the lesson on standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Engines.setThreads(1); // every model here is tiny: one thread is fastest
        run(System.out, MnistSource.embedded(), 5);
    }
}

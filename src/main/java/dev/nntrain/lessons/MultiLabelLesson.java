package dev.nntrain.lessons;

import dev.nntrain.data.Examples;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.plot.HistoryChart;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.History;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.metric.Evaluation;
import dev.nntrain.train.optimizer.Adam;

import java.io.PrintStream;
import java.util.List;
import java.util.Random;

/**
 * The course's section 10, runnable: one image, three yes/no questions (is there a car? a bus? a
 * pedestrian?), answered by one network whose output layer has three sigmoid units, or by three
 * networks of one unit each. The answers are independent probabilities: unlike softmax's, they do
 * not sum to 1.
 *
 * <p>The "images" are stand-ins: four detector scores per image (car-like, bus-like and
 * person-like shapes, and overall clutter), each a noisy function of what the image holds.
 *
 * <p>Run it with {@code java dev.nntrain.lessons.MultiLabelLesson}.
 */
public final class MultiLabelLesson {

    /** The seed of the data, the models and the shuffles. */
    public static final long SEED = 10;

    /** The three questions, in output order. */
    public static final List<String> LABELS = List.of("car", "bus", "pedestrian");

    /** The number of images trained on. */
    public static final int IMAGES = 600;

    /** Epochs of training; 600 images make an epoch 19 steps, and the questions are easy. */
    public static final int EPOCHS = 10;

    /** The standard deviation of the detectors' noise. */
    static final double NOISE = 0.25;

    private MultiLabelLesson() {}

    /**
     * Generates images: each holds a car, a bus and a pedestrian with probability 1/2 each,
     * independently; its features are {@code [car + e0, bus + e1, pedestrian + e2, (car + bus +
     * pedestrian) / 2 + e3]} with Gaussian noise e of standard deviation 0.25.
     *
     * @param n the number of images
     * @param seed the random seed
     * @return 4 features and 3 targets in {0, 1} per image
     */
    public static Examples images(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][];
        float[][] y = new float[n][];
        for (int i = 0; i < n; i++) {
            float car = random.nextBoolean() ? 1 : 0;
            float bus = random.nextBoolean() ? 1 : 0;
            float pedestrian = random.nextBoolean() ? 1 : 0;
            y[i] = new float[] {car, bus, pedestrian};
            x[i] = new float[] {
                car + noise(random), bus + noise(random), pedestrian + noise(random),
                (car + bus + pedestrian) / 2 + noise(random)
            };
        }
        return Examples.of(x, y);
    }

    private static float noise(Random random) {
        return (float) (NOISE * random.nextGaussian());
    }

    /**
     * The course's example target: an image with a car, no bus and a pedestrian, found among the
     * training images, with the target vector the network learns from it.
     *
     * @param index the image's index in {@code images(IMAGES, SEED)}
     * @param y its targets in {@link #LABELS} order: {@code [1, 0, 1]}
     */
    public record CourseTarget(int index, float[] y) {}

    /** @return the first training image holding a car and a pedestrian but no bus */
    public static CourseTarget courseTarget() {
        float[][] targets = images(IMAGES, SEED).targetRows();
        for (int i = 0; i < targets.length; i++) {
            if (targets[i][0] == 1 && targets[i][1] == 0 && targets[i][2] == 1) {
                return new CourseTarget(i, targets[i]);
            }
        }
        throw new IllegalStateException("no training image holds a car and a pedestrian but no bus");
    }

    /**
     * The detector scores of a clean image holding the given objects.
     *
     * @param car whether the image holds a car
     * @param bus whether it holds a bus
     * @param pedestrian whether it holds a pedestrian
     * @return the four scores: one per object, then half their count
     */
    public static float[] cleanImage(boolean car, boolean bus, boolean pedestrian) {
        float c = car ? 1 : 0;
        float b = bus ? 1 : 0;
        float p = pedestrian ? 1 : 0;
        return new float[] {c, b, p, (c + b + p) / 2};
    }

    /**
     * The trained multi-label network.
     *
     * @param history the loss and accuracy per epoch
     * @param test the loss and the accuracy over all 3 answers of every held-out image
     * @param questions clean images asked about: none, car and pedestrian (the course's y = [1, 0,
     *     1]), all three
     * @param answers the probabilities the network gives for each question image
     * @param separateNetworks the held-out accuracy of three one-output networks, one per label
     */
    public record MultiLabel(
            History history, Evaluation test, float[][] questions, float[][] answers, double[] separateNetworks) {

        /** @return the sum of each answer's three probabilities */
        public double[] sums() {
            double[] sums = new double[answers.length];
            for (int i = 0; i < answers.length; i++) {
                for (float p : answers[i]) {
                    sums[i] += p;
                }
            }
            return sums;
        }
    }

    /**
     * Trains {@code Dense(8, relu)}, {@code Dense(3, sigmoid)} with binary cross-entropy on
     * {@link #IMAGES} images, and three {@code Dense(8, relu)}, {@code Dense(1, sigmoid)}
     * networks, one per label, for comparison.
     *
     * @param epochs passes over the images (see {@link #EPOCHS})
     * @return the numbers
     */
    public static MultiLabel train(int epochs) {
        Examples train = images(IMAGES, SEED);
        Examples test = images(300, SEED + 1);
        FitOptions options = FitOptions.builder().optEpochs(epochs).optSeed(SEED).optVerbose(0).build();
        try (CompiledModel net = CompiledModel.compile(network(3), new BinaryCrossentropy(false), new Adam(0.02))) {
            History history = net.fit(train, options);
            float[][] questions = {
                cleanImage(false, false, false), cleanImage(true, false, true), cleanImage(true, true, true)
            };
            double[] separate = new double[LABELS.size()];
            for (int k = 0; k < separate.length; k++) {
                try (CompiledModel one = CompiledModel.compile(network(1), new BinaryCrossentropy(false), new Adam(0.02))) {
                    one.fit(onlyLabel(train, k), options);
                    separate[k] = one.evaluate(onlyLabel(test, k)).accuracy();
                }
            }
            return new MultiLabel(history, net.evaluate(test), questions, net.predict(questions), separate);
        }
    }

    private static Sequential network(int outputs) {
        return Sequential.builder()
                .add(Dense.of(8, Activation.RELU))
                .add(Dense.of(outputs, Activation.SIGMOID))
                .optSeed(SEED)
                .build();
    }

    /** The same images with one of the three targets. */
    private static Examples onlyLabel(Examples examples, int k) {
        float[][] targets = examples.targetRows();
        float[][] y = new float[targets.length][];
        for (int i = 0; i < y.length; i++) {
            y[i] = new float[] {targets[i][k]};
        }
        return Examples.of(examples.featureRows(), y);
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
     * Prints the lesson and draws the network's history ({@code multi-label-history.png}).
     *
     * @param out where to print
     * @param figures where the chart goes
     */
    public static void run(PrintStream out, Figures figures) {
        out.println("10. Multi-label classification: is there a car? a bus? a pedestrian?");
        CourseTarget example = courseTarget();
        out.println(Text.f("  one target per question: training image %d has a car, no bus and a pedestrian, so",
                example.index()));
        out.println("    y = " + Text.vector(example.y(), "%.0f") + "    (car, bus, pedestrian)");
        out.println("  one network, Dense(8, relu), Dense(3, sigmoid), BinaryCrossentropy(), " + IMAGES + " images");
        MultiLabel result = train(EPOCHS);
        out.println(Text.f("  after %s: %s", Text.epochs(result.history().size()), result.history().last().format()));
        out.println("  held-out images, accuracy over all three answers: " + result.test().format());
        figures.add("multi-label-history", () -> HistoryChart.of(result.history()));
        out.println("  three networks, one per question, held-out accuracy: " + Text.vector(result.separateNetworks(), "%.4f"));
        double[] sums = result.sums();
        for (int i = 0; i < result.questions().length; i++) {
            out.println(Text.f("  image %s -> P(car, bus, pedestrian) = %s, sum %.3f",
                    Text.vector(result.questions()[i], "%.1f"), Text.vector(result.answers()[i], "%.3f"), sums[i]));
        }
        out.println("  each output is its own yes/no probability; they need not sum to 1 (softmax's do)");
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

package dev.nntrain.lessons;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Standardizer;
import dev.nntrain.data.Synthetic;
import dev.nntrain.data.mnist.MnistSource;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.plot.DecisionCharts;
import dev.nntrain.plot.HistoryChart;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.History;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.metric.Evaluation;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.optimizer.GradientDescent;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The course's sections 1–2, runnable: the Keras recipe (define the model, compile it with a loss,
 * fit it) on the course's two small problems, and the three steps of training checked by hand:
 * the model's output from its weights, the logistic loss and its mean, the cost, and one step of
 * gradient descent {@code w = w - alpha dJ/dw}.
 *
 * <p>Run it with {@code java dev.nntrain.lessons.KerasRecipeLesson}, or {@code nntrain lesson}, from any folder: the
 * digits are the subset inside nntrain's jar.
 */
public final class KerasRecipeLesson {

    /** The seed of every model and every shuffle in this lesson. */
    public static final long SEED = 1;

    /** The epochs of the course's digit recipe, {@code fit(X, Y, epochs = 100)}. */
    public static final int COURSE_DIGIT_EPOCHS = 100;

    /** Epochs for the coffee roasting model; 200 roasts make an epoch 7 steps. */
    public static final int COFFEE_EPOCHS = 300;

    /** The two roasts the course's lab predicts: 200 C for 13.9 min (good) and for 17 min (too long). */
    public static final float[][] COURSE_TEST_ROASTS = {{200, 13.9f}, {200, 17}};

    private KerasRecipeLesson() {}

    // ---------------------------------------------------------------- 1. the recipe on digits

    /**
     * §1 on the course's own problem: is a digit a 0 or a 1?
     *
     * @param trainExamples the zeros and ones of the training set
     * @param testExamples the zeros and ones of the test set
     * @param history the loss and accuracy per epoch
     * @param test the loss and accuracy on the held-out zeros and ones
     * @param summary the model's table of layers and parameters
     */
    public record DigitRecipe(int trainExamples, int testExamples, History history, Evaluation test, String summary) {}

    /**
     * Trains the course's three-line recipe: {@code Dense(25, sigmoid)}, {@code Dense(15,
     * sigmoid)}, {@code Dense(1, sigmoid)}, binary cross-entropy, on the zeros and ones of a digit
     * set. The lecture leaves the optimiser out; its lab uses {@code Adam(1e-3)}, and so does this.
     *
     * @param source the digits, e.g. {@link MnistSource#embedded()}
     * @param epochs the course uses {@value #COURSE_DIGIT_EPOCHS}; a handful already separates 0 from 1
     * @return what training did
     */
    public static DigitRecipe zeroOrOne(MnistSource source, int epochs) {
        Examples train = zerosAndOnes(source.train());
        Examples test = zerosAndOnes(source.test());
        Sequential model = Sequential.builder()
                .add(Dense.of(25, Activation.SIGMOID))
                .add(Dense.of(15, Activation.SIGMOID))
                .add(Dense.of(1, Activation.SIGMOID))
                .optSeed(SEED)
                .build();
        try (CompiledModel net = CompiledModel.compile(model, new BinaryCrossentropy(false), new Adam(1e-3))) {
            History history = net.fit(train, FitOptions.builder().optEpochs(epochs).optSeed(SEED).optVerbose(0).build());
            return new DigitRecipe(train.size(), test.size(), history, net.evaluate(test), model.summary());
        }
    }

    /** Keeps the digits labelled 0 or 1; their labels are then the binary targets y. */
    static Examples zerosAndOnes(Examples digits) {
        int[] labels = digits.labels();
        int[] keep = IntStream.range(0, labels.length).filter(i -> labels[i] <= 1).toArray();
        return digits.subset(keep).withNumClasses(2);
    }

    // ---------------------------------------------------------------- 1-2. coffee roasting

    /**
     * One example worked by hand: the model's output from its weights, then its logistic loss.
     *
     * @param roast the raw features, temperature (C) and duration (min)
     * @param y the label, 1 for a good roast
     * @param fByHand {@code f(x)} computed from the trained weights in double
     * @param fByLibrary {@code f(x)} as {@code predict} returns it
     * @param lossByHand {@code -y log f - (1-y) log(1-f)} with {@code f = fByHand}
     */
    public record WorkedExample(float[] roast, int y, double fByHand, double fByLibrary, double lossByHand) {}

    /**
     * The coffee roasting model of the course's lab, trained.
     *
     * @param standardizer the normalisation learned from the roasts (the lab's {@code Normalization} layer)
     * @param weights the trained weights: layer 1 (2 x 3 kernel, 3 biases), layer 2 (3 x 1, 1)
     * @param history the loss and accuracy per epoch
     * @param training the loss (= the cost J) and accuracy on the 200 roasts
     * @param examples the first few roasts worked by hand
     * @param costByHand J = mean of the logistic loss over all roasts, computed by hand
     * @param testProbabilities f(x) for {@link #COURSE_TEST_ROASTS}
     * @param testDecisions 1 where f(x) is at least 0.5
     */
    public record CoffeeRoasting(
            Standardizer standardizer, List<LayerWeights> weights, History history, Evaluation training,
            List<WorkedExample> examples, double costByHand, float[] testProbabilities, int[] testDecisions) {}

    /**
     * Trains {@code Dense(3, sigmoid)}, {@code Dense(1, sigmoid)} with binary cross-entropy on the
     * standardised roasts, then recomputes the outputs and the cost by hand from its weights.
     *
     * @param epochs passes over the 200 roasts (see {@link #COFFEE_EPOCHS})
     * @return the trained model's numbers
     */
    public static CoffeeRoasting coffeeRoasting(int epochs) {
        return coffeeRoasting(epochs, Figures.none());
    }

    /**
     * {@link #coffeeRoasting(int)}, drawing the trained model's decision boundary over the roasts
     * ({@code coffee-roasting.png}).
     *
     * @param epochs passes over the 200 roasts
     * @param figures where the chart goes
     * @return the trained model's numbers
     */
    public static CoffeeRoasting coffeeRoasting(int epochs, Figures figures) {
        Examples roasts = Synthetic.coffee(SEED);
        Standardizer standardizer = Standardizer.fit(roasts);
        Examples x = standardizer.apply(roasts);
        List<Activation> activations = List.of(Activation.SIGMOID, Activation.SIGMOID);
        Sequential model = Sequential.builder()
                .add(Dense.of(3, activations.get(0)))
                .add(Dense.of(1, activations.get(1)))
                .optSeed(SEED)
                .build();
        // A large rate: 200 examples give few steps per epoch, and the course's own lab instead
        // tiles the data 1000 times to get enough steps at Adam's default rate.
        try (CompiledModel net = CompiledModel.compile(model, new BinaryCrossentropy(false), new Adam(0.1))) {
            History history = net.fit(x, FitOptions.builder().optEpochs(epochs).optSeed(SEED).optVerbose(0).build());
            List<LayerWeights> weights = model.weights().all();
            float[][] f = net.predict(x.featureRows());
            float[] targets = x.targets();
            List<WorkedExample> worked = new ArrayList<>();
            double costSum = 0;
            for (int i = 0; i < x.size(); i++) {
                double fi = HandMath.forward(HandMath.toDouble(x.featureRow(i)), weights, activations)[0];
                double loss = HandMath.logisticLoss(targets[i], fi);
                costSum += loss;
                if (i < 4) {
                    worked.add(new WorkedExample(roasts.featureRow(i), (int) targets[i], fi, f[i][0], loss));
                }
            }
            float[][] test = new float[COURSE_TEST_ROASTS.length][];
            for (int i = 0; i < test.length; i++) {
                test[i] = standardizer.apply(COURSE_TEST_ROASTS[i]);
            }
            float[][] p = net.predict(test);
            float[] probabilities = new float[p.length];
            for (int i = 0; i < p.length; i++) {
                probabilities[i] = p[i][0];
            }
            figures.add("coffee-roasting", () -> DecisionCharts.coffeeRoasting(
                    ChartData.points(roasts.featureRows()), roasts.labels(),
                    roastsInCourseUnits -> probabilityOfGood(net, standardizer, roastsInCourseUnits)));
            return new CoffeeRoasting(standardizer, weights, history, net.evaluate(x), worked,
                    costSum / x.size(), probabilities, net.predictClasses(test));
        }
    }

    /** The model's f(x) for roasts in °C and minutes, standardised as in training. */
    private static double[] probabilityOfGood(CompiledModel net, Standardizer standardizer, double[][] roasts) {
        float[][] scaled = ChartData.rows(roasts);
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = standardizer.apply(scaled[i]);
        }
        float[][] f = net.predict(scaled);
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i][0];
        }
        return out;
    }

    // ---------------------------------------------------------------- 2. cost for regression

    /**
     * The regression cost, mean squared error {@code J = (1/m) sum (f - y)^2}, by hand and by the
     * library, for a linear model {@code f = w . x + b} at its initial weights.
     *
     * @param examples m
     * @param costByHand J from the weights in double
     * @param costByLibrary {@code evaluate(...).loss()} with {@link MeanSquaredError}
     */
    public record RegressionCost(int examples, double costByHand, double costByLibrary) {}

    /**
     * Computes §2's regression cost both ways on 50 noisy points of {@code y = 2 x1 - 3 x2 + 0.5}.
     *
     * @return the cost computed by hand and by the library
     */
    public static RegressionCost regressionCost() {
        Examples data = Synthetic.linear(50, new float[] {2, -3}, 0.5f, 0.3, SEED);
        Sequential model = Sequential.builder().add(Dense.of(1)).optInputShape(2).optSeed(SEED).build();
        try (CompiledModel net = CompiledModel.compile(model, new MeanSquaredError(), new GradientDescent(0.1))) {
            List<LayerWeights> weights = model.weights().all();
            double sum = 0;
            for (int i = 0; i < data.size(); i++) {
                double f = HandMath.forward(HandMath.toDouble(data.featureRow(i)), weights, List.of(Activation.LINEAR))[0];
                double d = f - data.targets()[i];
                sum += d * d;
            }
            return new RegressionCost(data.size(), sum / data.size(), net.evaluate(data).loss());
        }
    }

    // ---------------------------------------------------------------- 2. one step of gradient descent

    /**
     * Step 3 of §2: {@code w = w - alpha dJ/dw}, once, for logistic regression on the roasts. The
     * gradient is the textbook one, {@code dJ/dw_i = (1/m) sum (f - y) x_i} and {@code dJ/db =
     * (1/m) sum (f - y)}; {@code fit} gets it by backpropagation.
     *
     * @param alpha the learning rate
     * @param before w1, w2, b before the step
     * @param gradient dJ/dw1, dJ/dw2, dJ/db by hand
     * @param expected {@code before - alpha gradient}
     * @param after w1, w2, b after one {@code fit} step over the whole batch
     */
    public record GradientStep(double alpha, double[] before, double[] gradient, double[] expected, double[] after) {

        /** @return the largest difference between the step by hand and fit's step */
        public double maxDifference() {
            double max = 0;
            for (int i = 0; i < expected.length; i++) {
                max = Math.max(max, Math.abs(expected[i] - after[i]));
            }
            return max;
        }
    }

    /** The learning rate of {@link #gradientStep()}. */
    public static final double ALPHA = 0.5;

    /**
     * Takes one full-batch step of gradient descent with {@code fit} and one by hand.
     *
     * @return the parameters before and after, the gradient and the step expected by hand
     */
    public static GradientStep gradientStep() {
        Examples roasts = Synthetic.coffee(SEED);
        Examples x = Standardizer.fit(roasts).apply(roasts);
        Sequential model = Sequential.builder()
                .add(Dense.of(1, Activation.SIGMOID))
                .optInputShape(2)
                .optSeed(SEED)
                .build();
        try (CompiledModel net = CompiledModel.compile(model, new BinaryCrossentropy(false), new GradientDescent(ALPHA))) {
            LayerWeights w = model.weights().get(0);
            double[] before = {w.kernel()[0][0], w.kernel()[1][0], w.bias()[0]};
            double[] gradient = new double[3];
            for (int i = 0; i < x.size(); i++) {
                float[] xi = x.featureRow(i);
                double error = HandMath.sigmoid(before[0] * xi[0] + before[1] * xi[1] + before[2]) - x.targets()[i];
                gradient[0] += error * xi[0] / x.size();
                gradient[1] += error * xi[1] / x.size();
                gradient[2] += error / x.size();
            }
            double[] expected = new double[3];
            for (int k = 0; k < 3; k++) {
                expected[k] = before[k] - ALPHA * gradient[k];
            }
            // one epoch of one batch holding every example: exactly one step on the full cost J
            net.fit(x, FitOptions.builder().optEpochs(1).optBatchSize(x.size()).optShuffle(false).optVerbose(0).build());
            LayerWeights trained = model.weights().get(0);
            double[] after = {trained.kernel()[0][0], trained.kernel()[1][0], trained.bias()[0]};
            return new GradientStep(ALPHA, before, gradient, expected, after);
        }
    }

    // ---------------------------------------------------------------- the lesson

    /**
     * Prints the lesson.
     *
     * @param out where to print
     * @param digits the digit set of §1
     * @param digitEpochs the epochs of §1's digit recipe
     */
    public static void run(PrintStream out, MnistSource digits, int digitEpochs) {
        run(out, digits, digitEpochs, Figures.none());
    }

    /**
     * Prints the lesson and draws its charts: the digit recipe's history ({@code
     * keras-recipe-history.png}) and the coffee model's decision boundary ({@code
     * coffee-roasting.png}).
     *
     * @param out where to print
     * @param digits the digit set of §1
     * @param digitEpochs the epochs of §1's digit recipe
     * @param figures where the charts go
     */
    public static void run(PrintStream out, MnistSource digits, int digitEpochs, Figures figures) {
        out.println("1. Train a neural network: the Keras recipe");
        out.println("  model = Sequential(Dense(25, sigmoid), Dense(15, sigmoid), Dense(1, sigmoid))");
        out.println("  compile(model, BinaryCrossentropy(), Adam(1e-3)); fit(X, Y, epochs = " + digitEpochs + ")");
        DigitRecipe recipe = zeroOrOne(digits, digitEpochs);
        out.print(recipe.summary());
        out.println(Text.f("  0 vs 1: %d training digits, last epoch %s", recipe.trainExamples(), recipe.history().last().format()));
        out.println("  held-out digits: " + recipe.test().format());
        figures.add("keras-recipe-history", () -> HistoryChart.of(recipe.history()));

        out.println();
        out.println("Coffee roasting: Standardizer, then Dense(3, sigmoid), Dense(1, sigmoid), BinaryCrossentropy");
        CoffeeRoasting coffee = coffeeRoasting(COFFEE_EPOCHS, figures);
        out.println("  standardizer mean " + Text.vector(coffee.standardizer().mean(), "%.3f")
                + ", variance " + Text.vector(coffee.standardizer().variance(), "%.3f"));
        out.println(Text.f("  after %s: %s", Text.epochs(coffee.history().size()), coffee.training().format()));
        for (LayerWeights w : coffee.weights()) {
            out.println("  " + w.layer() + " kernel (inputs x units):");
            out.print(Text.matrix(w.kernel(), "%8.3f", "    "));
            out.println("    bias " + Text.vector(w.bias(), "%8.3f"));
        }
        for (int i = 0; i < COURSE_TEST_ROASTS.length; i++) {
            out.println(Text.f("  roast %s: f(x) = %.6f, decision %d",
                    Text.vector(COURSE_TEST_ROASTS[i], "%.1f"), coffee.testProbabilities()[i], coffee.testDecisions()[i]));
        }

        out.println();
        out.println("2. Training details, step 1: the model computes f(x) from W and b");
        out.println("   step 2: loss L = -y log f - (1-y) log(1-f), cost J = (1/m) sum L");
        out.printf("  %-16s %2s %12s %12s %12s%n", "roast", "y", "f by hand", "f by library", "L by hand");
        for (WorkedExample e : coffee.examples()) {
            out.printf("  %-16s %2d %12.8f %12.8f %12.8f%n", Text.vector(e.roast(), "%.1f"), e.y(), e.fByHand(), e.fByLibrary(), e.lossByHand());
        }
        out.println(Text.f("  J by hand %.8f, by evaluate() %.8f", coffee.costByHand(), coffee.training().loss()));
        RegressionCost mse = regressionCost();
        out.println(Text.f("  regression: J = (1/m) sum (f - y)^2 over %d points: by hand %.6f, MeanSquaredError %.6f",
                mse.examples(), mse.costByHand(), mse.costByLibrary()));

        out.println();
        out.println("   step 3: minimise J with gradient descent, w = w - alpha dJ/dw (fit does this)");
        GradientStep step = gradientStep();
        out.println("  logistic regression on the roasts, alpha = " + step.alpha() + ", one step over all 200 roasts");
        out.println("  [w1, w2, b] before       " + Text.vector(step.before(), "%.7f"));
        out.println("  dJ/d[w1, w2, b] by hand  " + Text.vector(step.gradient(), "%.7f"));
        out.println("  w - alpha dJ/dw by hand  " + Text.vector(step.expected(), "%.7f"));
        out.println("  after one fit step       " + Text.vector(step.after(), "%.7f"));
        out.println(Text.f("  largest difference %.1e (float32 rounding)", step.maxDifference()));
    }

    /**
     * Runs the lesson on standard output with the course's 100 epochs.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Engines.setThreads(1); // every model here is tiny: one thread is fastest
        run(System.out, MnistSource.embedded(), COURSE_DIGIT_EPOCHS);
    }
}

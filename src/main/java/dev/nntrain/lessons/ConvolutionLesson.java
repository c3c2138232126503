package dev.nntrain.lessons;

import ai.djl.ndarray.types.DataType;

import dev.nntrain.data.Examples;
import dev.nntrain.data.mnist.MnistSource;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.BatchedInference;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.Shapes;
import dev.nntrain.model.layer.Conv1D;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;
import dev.nntrain.plot.HistoryChart;
import dev.nntrain.plot.IndexRange;
import dev.nntrain.plot.SignalWindowChart;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.History;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.metric.Evaluation;
import dev.nntrain.train.optimizer.Adam;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The course's section 12, runnable: convolutional layers. In a dense layer every unit sees every
 * output of the layer before; in a convolutional layer each unit sees a window of it. The course's
 * example is an EKG trace of 100 numbers {@code x1..x100}: layer 1 has 9 units, each over 20
 * inputs stepping by 10 ({@code x1-x20, x11-x30, ..., x81-x100}); layer 2 has 3 units, each over 5
 * layer-1 activations stepping by 2 ({@code a1-a5, a3-a7, a5-a9}); one sigmoid unit answers
 * (heart disease, yes or no).
 *
 * <p>In Keras, and here, that is {@code Conv1D(1, kernel_size=20, strides=10)} then {@code
 * Conv1D(1, kernel_size=5, strides=2)} then {@code Dense(1, sigmoid)}: one filter per layer, so
 * the 9 and the 3 windows are exactly the course's 9 and 3 units, each unit using the same weights
 * over its own window. The lesson derives each unit's window from the kernel and stride, checks it
 * on the engine, counts the parameters against dense layers of the same sizes, and trains the
 * network on synthetic EKG-like traces (see {@link #ekg}). An extra, {@link #ekgNetworkWide}, keeps
 * the same windows with 8 and 4 filters per position (72 and 12 units), as a practical network
 * would. Then a small image network on the digits.
 *
 * <p>Run it with {@code java dev.nntrain.lessons.ConvolutionLesson}, or {@code nntrain lesson}, from any folder: the
 * digits are the subset inside nntrain's jar.
 */
public final class ConvolutionLesson {

    /** The seed of the traces, the models and the shuffles. */
    public static final long SEED = 12;

    /** Numbers in one trace, {@code x1..x100}. */
    public static final int INPUTS = 100;
    /** Layer 1's window: 20 inputs. */
    public static final int KERNEL_1 = 20;
    /** Layer 1's step: 10 inputs. */
    public static final int STRIDE_1 = 10;
    /** Layer 2's window: 5 layer-1 positions. */
    public static final int KERNEL_2 = 5;
    /** Layer 2's step: 2 positions. */
    public static final int STRIDE_2 = 2;
    /** Layer 1's filters in the course's network: one, so its 9 positions are its 9 units. */
    public static final int FILTERS_1 = 1;
    /** Layer 2's filters in the course's network: one, so its 3 positions are its 3 units. */
    public static final int FILTERS_2 = 1;
    /** Layer 1's filters in {@link #ekgNetworkWide}, the extra: 8 detectors at each position. */
    public static final int WIDE_FILTERS_1 = 8;
    /** Layer 2's filters in {@link #ekgNetworkWide}: 4 detectors at each position. */
    public static final int WIDE_FILTERS_2 = 4;
    /** Layer 1's positions, {@code (100 - 20) / 10 + 1 = 9}: the course's 9 units. */
    public static final int POSITIONS_1 = (INPUTS - KERNEL_1) / STRIDE_1 + 1;
    /** Layer 2's positions, {@code (9 - 5) / 2 + 1 = 3}: the course's 3 units. */
    public static final int POSITIONS_2 = (POSITIONS_1 - KERNEL_2) / STRIDE_2 + 1;

    /** Traces trained on: few, which is where windows pay off. */
    public static final int TRAIN_TRACES = 200;
    /** Held-out traces. */
    public static final int TEST_TRACES = 500;
    /** Epochs on the traces (200 traces are 7 batches an epoch). */
    public static final int EKG_EPOCHS = 30;
    /** Adam's rate on the traces: ten times the course's 1e-3, so that 30 short epochs suffice. */
    public static final double EKG_LEARNING_RATE = 0.01;

    /** Amplitude of the trace's rhythm. */
    static final double RHYTHM = 0.6;
    /** Standard deviation of the trace's noise. */
    static final double NOISE = 0.3;
    /** Height of the abnormal bump. */
    static final double BUMP_HEIGHT = 1.0;
    /** Width (standard deviation, in steps) of the abnormal bump. */
    static final double BUMP_WIDTH = 2.5;

    /** Epochs of the digit networks in {@link #main}. */
    public static final int DIGIT_EPOCHS = 2;
    /** Batch size of the digit networks. */
    public static final int DIGIT_BATCH = 64;

    private ConvolutionLesson() {}

    // ---------------------------------------------------------------- windows

    /**
     * A window of consecutive units, counted from 1 as the course does, first and last included.
     *
     * @param first the first unit
     * @param last the last unit
     */
    public record Window(int first, int last) {

        /**
         * Names the window the course's way.
         *
         * @param symbol the units' letter, e.g. {@code x} or {@code a}
         * @return e.g. {@code x1-x20}
         */
        public String label(String symbol) {
            return symbol + first + "-" + symbol + last;
        }
    }

    /**
     * Which units each unit of the EKG network sees.
     *
     * @param layer1 layer 1's positions' windows over {@code x}, from its kernel and stride
     * @param layer2 layer 2's positions' windows over layer 1's positions {@code a}
     * @param layer2OnInputs layer 2's positions' windows over {@code x}, through layer 1
     * @param measured1 layer 1's windows found on the engine: the inputs whose change changes the position
     * @param measured2 layer 2's windows over {@code a} found on the engine
     * @param measured2OnInputs layer 2's windows over {@code x} found on the engine
     * @param shape1 layer 1's output shape per trace, {@code (filters, positions)}
     * @param shape2 layer 2's output shape per trace
     * @param outputShape the network's output shape per trace
     */
    public record Windows(
            List<Window> layer1, List<Window> layer2, List<Window> layer2OnInputs,
            List<Window> measured1, List<Window> measured2, List<Window> measured2OnInputs,
            long[] shape1, long[] shape2, long[] outputShape) {}

    /** The hidden units' activation. */
    public static final Activation HIDDEN = Activation.RELU;

    /** @return layer 1 of the course's EKG network, {@code Conv1D(1, kernel_size=20, strides=10, relu)}: 9 units */
    public static Conv1D layer1() {
        return Conv1D.of(FILTERS_1, KERNEL_1, STRIDE_1, HIDDEN);
    }

    /** @return layer 2 of the course's EKG network, {@code Conv1D(1, kernel_size=5, strides=2, relu)}: 3 units */
    public static Conv1D layer2() {
        return Conv1D.of(FILTERS_2, KERNEL_2, STRIDE_2, HIDDEN);
    }

    /**
     * The EKG network as the course draws it: {@link #layer1} (9 units), {@link #layer2} (3 units),
     * then one sigmoid unit on the 3 layer-2 activations, the probability of heart disease.
     *
     * @return the model, built for traces of shape {@code (1, 100)}
     */
    public static Sequential ekgNetwork() {
        return ekgNetwork(FILTERS_1, FILTERS_2);
    }

    /**
     * An extra beyond the course: the same windows with {@value #WIDE_FILTERS_1} and {@value
     * #WIDE_FILTERS_2} filters, so that each position holds several detectors (72 and 12 units).
     *
     * @return the model, built for traces of shape {@code (1, 100)}
     */
    public static Sequential ekgNetworkWide() {
        return ekgNetwork(WIDE_FILTERS_1, WIDE_FILTERS_2);
    }

    private static Sequential ekgNetwork(int filters1, int filters2) {
        return Sequential.builder()
                .add(Conv1D.of(filters1, KERNEL_1, STRIDE_1, HIDDEN))
                .add(Conv1D.of(filters2, KERNEL_2, STRIDE_2, HIDDEN))
                .add(Flatten.of())
                .add(Dense.of(1, Activation.SIGMOID))
                .optInputShape(1, INPUTS)
                .optSeed(SEED)
                .build();
    }

    /**
     * The dense network of the same sizes: as many units per layer as the course's EKG network
     * (9 and 3), each seeing every output of the layer before, and one sigmoid unit.
     *
     * @return the model, built for traces of shape {@code (1, 100)}
     */
    public static Sequential denseNetwork() {
        return Sequential.builder()
                .add(Flatten.of())
                .add(Dense.of(FILTERS_1 * POSITIONS_1, HIDDEN))
                .add(Dense.of(FILTERS_2 * POSITIONS_2, HIDDEN))
                .add(Dense.of(1, Activation.SIGMOID))
                .optInputShape(1, INPUTS)
                .optSeed(SEED)
                .build();
    }

    /**
     * Derives the windows from the layers' kernels and strides, then finds them on the engine: in
     * float64 copies of the layers with linear activations (so that no unit is switched off and
     * any change passes through), it changes one input at a time and sees which positions change.
     *
     * @return the windows and the shapes
     */
    public static Windows windows() {
        Conv1D first = layer1();
        Conv1D second = layer2();
        long[] shape1;
        long[] shape2;
        long[] outputShape;
        try (Sequential network = ekgNetwork()) {
            shape1 = first.outputShape(network.inputShape());
            shape2 = second.outputShape(shape1);
            outputShape = network.outputShape();
        }
        int positions1 = (int) shape1[1];
        int positions2 = (int) shape2[1];
        List<Window> layer1 = derived(first, positions1);
        List<Window> layer2 = derived(second, positions2);
        List<Window> layer2OnInputs = new ArrayList<>();
        for (Window w : layer2) {
            layer2OnInputs.add(new Window(layer1.get(w.first() - 1).first(), layer1.get(w.last() - 1).last()));
        }
        List<Window> measured1;
        List<Window> measured2;
        List<Window> measured2OnInputs;
        try (Sequential probe1 = probe(new long[] {1, INPUTS}, linear(first));
                Sequential probe2 = probe(shape1, linear(second));
                Sequential probeBoth = probe(new long[] {1, INPUTS}, linear(first), linear(second))) {
            measured1 = measured(probe1, 1, INPUTS, FILTERS_1, positions1);
            measured2 = measured(probe2, FILTERS_1, positions1, FILTERS_2, positions2);
            measured2OnInputs = measured(probeBoth, 1, INPUTS, FILTERS_2, positions2);
        }
        return new Windows(layer1, layer2, layer2OnInputs, measured1, measured2, measured2OnInputs,
                shape1, shape2, outputShape);
    }

    /** Position {@code p} sees steps {@code [p s, p s + k)} from 0, so {@code p s + 1 .. p s + k} from 1. */
    private static List<Window> derived(Conv1D layer, int positions) {
        List<Window> out = new ArrayList<>();
        for (int p = 0; p < positions; p++) {
            long[] steps = layer.window(p);
            out.add(new Window((int) steps[0] + 1, (int) steps[1]));
        }
        return out;
    }

    private static Conv1D linear(Conv1D layer) {
        return Conv1D.of(layer.filters(), layer.kernelSize(), layer.strides(), Activation.LINEAR);
    }

    private static Sequential probe(long[] inputShape, Layer... layers) {
        return Sequential.builder()
                .addAll(layers)
                .optInputShape(inputShape)
                .optSeed(SEED)
                .optDataType(DataType.FLOAT64)
                .build();
    }

    /**
     * Runs the probe on zeros and on each input step set to 1 (in every channel), and returns, for
     * each output position, the first and last step whose change changed some filter there.
     */
    private static List<Window> measured(Sequential probe, int channels, int steps, int filters, int positions) {
        float[][] x = new float[steps + 1][channels * steps];
        for (int s = 0; s < steps; s++) {
            for (int c = 0; c < channels; c++) {
                x[s + 1][c * steps + s] = 1;
            }
        }
        float[][] out = BatchedInference.outputs(probe, x);
        int[] lowest = new int[positions];
        int[] highest = new int[positions];
        java.util.Arrays.fill(lowest, Integer.MAX_VALUE);
        for (int s = 0; s < steps; s++) {
            for (int p = 0; p < positions; p++) {
                for (int f = 0; f < filters; f++) {
                    if (out[s + 1][f * positions + p] != out[0][f * positions + p]) {
                        lowest[p] = Math.min(lowest[p], s + 1);
                        highest[p] = Math.max(highest[p], s + 1);
                    }
                }
            }
        }
        List<Window> windows = new ArrayList<>();
        for (int p = 0; p < positions; p++) {
            windows.add(new Window(lowest[p], highest[p]));
        }
        return windows;
    }

    // ---------------------------------------------------------------- parameters

    /**
     * One layer's parameters, three ways.
     *
     * @param layer the layer's name in the EKG network
     * @param units units in the layer (filters times positions)
     * @param convolution parameters of the convolution: one set of window weights per filter, shared by all positions
     * @param ownWindows parameters if each unit had its own weights over its window (the course's picture, no sharing)
     * @param dense parameters of a dense layer of as many units, each seeing every input
     */
    public record LayerParameters(String layer, long units, long convolution, long ownWindows, long dense) {}

    /**
     * Counts the EKG network's parameters layer by layer, and those of {@link #denseNetwork} and of
     * windows without shared weights.
     *
     * @return one row per layer with parameters, and a last row of totals
     */
    public static List<LayerParameters> parameterCounts() {
        List<LayerParameters> rows = new ArrayList<>();
        try (Sequential conv = ekgNetwork(); Sequential dense = denseNetwork()) {
            List<Long> denseCounts = counts(dense);
            List<Layer> layers = conv.layers();
            long[] shape = conv.inputShape();
            int k = 0;
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                long params = layer.parameterCount(shape);
                long[] out = layer.outputShape(shape);
                if (params > 0) {
                    long units = Shapes.size(out);
                    long own;
                    if (layer instanceof Conv1D c) {
                        own = units * ((long) c.kernelSize() * shape[0] + 1);
                    } else {
                        own = params; // a dense unit's window is all its inputs already
                    }
                    rows.add(new LayerParameters(conv.layerNames().get(i), units, params, own, denseCounts.get(k++)));
                }
                shape = out;
            }
        }
        long units = 0;
        long convolution = 0;
        long own = 0;
        long dense = 0;
        for (LayerParameters r : rows) {
            units += r.units();
            convolution += r.convolution();
            own += r.ownWindows();
            dense += r.dense();
        }
        rows.add(new LayerParameters("total", units, convolution, own, dense));
        return rows;
    }

    /** Each parameter-holding layer's count, input to output. */
    private static List<Long> counts(Sequential model) {
        List<Long> out = new ArrayList<>();
        long[] shape = model.inputShape();
        for (Layer layer : model.layers()) {
            long params = layer.parameterCount(shape);
            if (params > 0) {
                out.add(params);
            }
            shape = layer.outputShape(shape);
        }
        return out;
    }

    // ---------------------------------------------------------------- the EKG task

    /**
     * Generates EKG-like traces of {@value #INPUTS} numbers, half of them abnormal. Every trace is
     * a rhythm, {@code 0.6 sin(2 pi t / P + phi)} with a period P drawn from [16, 24] steps and a
     * random phase, plus Gaussian noise of standard deviation 0.3; an abnormal trace (label 1) also
     * has one localized bump, {@code 1.0 exp(-(t - c)^2 / (2 * 2.5^2))}, centred anywhere in [10,
     * 90]. Only a window around c tells the classes apart, and the bump can be anywhere: the
     * setting a convolution's shared windows are made for.
     *
     * @param n the number of traces
     * @param seed the random seed
     * @return traces shaped {@code (1, 100)} (one channel) with labels 0 or 1
     */
    public static Examples ekg(int n, long seed) {
        return ekg(n, seed, new double[n]);
    }

    /**
     * Generates the traces of {@link #ekg(int, long)} and records where each bump is.
     *
     * @param n the number of traces
     * @param seed the random seed
     * @param centres filled with each trace's bump centre c, as a 0-based step (drawn for the
     *     normal traces too, which do not get the bump)
     * @return the traces
     */
    private static Examples ekg(int n, long seed, double[] centres) {
        Random random = new Random(seed);
        float[][] x = new float[n][INPUTS];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double period = 16 + 8 * random.nextDouble();
            double phase = 2 * Math.PI * random.nextDouble();
            labels[i] = random.nextBoolean() ? 1 : 0;
            double centre = 10 + 80 * random.nextDouble();
            centres[i] = centre;
            for (int t = 0; t < INPUTS; t++) {
                double v = RHYTHM * Math.sin(2 * Math.PI * t / period + phase) + NOISE * random.nextGaussian();
                if (labels[i] == 1) {
                    double d = (t - centre) / BUMP_WIDTH;
                    v += BUMP_HEIGHT * Math.exp(-d * d / 2);
                }
                x[i][t] = (float) v;
            }
        }
        return Examples.of(x, labels).withFeatureShape(1, INPUTS);
    }

    /**
     * One network trained on the traces.
     *
     * @param model the model as it prints itself
     * @param parameters its parameter count
     * @param history the loss and accuracy per epoch
     * @param train the loss and accuracy on the training traces after training
     * @param test the loss and accuracy on the held-out traces
     * @param seconds the time of the fit
     */
    public record EkgRun(String model, long parameters, History history, Evaluation train, Evaluation test,
            double seconds) {}

    /**
     * The EKG network and the dense network of the same sizes, trained alike.
     *
     * @param convolutional the course's EKG network's run
     * @param dense the dense network's run
     * @param wide the extra {@link #ekgNetworkWide}'s run
     */
    public record EkgComparison(EkgRun convolutional, EkgRun dense, EkgRun wide) {}

    /**
     * Trains {@link #ekgNetwork}, {@link #denseNetwork} and {@link #ekgNetworkWide} on {@value
     * #TRAIN_TRACES} traces with binary cross-entropy and {@code Adam(0.01)}, batches of 32, and
     * evaluates them on {@value #TEST_TRACES} held-out traces.
     *
     * @return the three runs
     */
    public static EkgComparison trainEkg() {
        Examples train = ekg(TRAIN_TRACES, SEED);
        Examples test = ekg(TEST_TRACES, SEED + 1);
        return new EkgComparison(ekgRun(ekgNetwork(), train, test), ekgRun(denseNetwork(), train, test),
                ekgRun(ekgNetworkWide(), train, test));
    }

    private static EkgRun ekgRun(Sequential model, Examples train, Examples test) {
        try (CompiledModel net = CompiledModel.compile(model, new BinaryCrossentropy(false), new Adam(EKG_LEARNING_RATE))) {
            long start = System.nanoTime();
            History history = net.fit(train, FitOptions.builder().optEpochs(EKG_EPOCHS).optSeed(SEED).optVerbose(0).build());
            double seconds = (System.nanoTime() - start) / 1e9;
            return new EkgRun(model.layers().toString(), model.parameterCount(), history, net.evaluate(train),
                    net.evaluate(test), seconds);
        }
    }

    // ---------------------------------------------------------------- images

    /**
     * A network trained on the digits.
     *
     * @param summary the model's summary table
     * @param parameters its parameter count
     * @param history the loss and accuracy per epoch
     * @param test the loss and accuracy on the test digits
     * @param seconds the time of the fit
     */
    public record DigitRun(String summary, long parameters, History history, Evaluation test, double seconds) {}

    /**
     * The small image network: {@code Conv2D(8, 3x3, relu)} (26 x 26 positions, each seeing a 3 x
     * 3 patch), {@code MaxPool2D(2)} (the largest of each 2 x 2 block: 13 x 13), {@code Flatten},
     * {@code Dense(10)} (logits).
     *
     * @return the model, unbuilt (the digits give it its input shape)
     */
    public static Sequential digitCnn() {
        return Sequential.builder()
                .add(Conv2D.of(8, 3, Activation.RELU))
                .add(MaxPool2D.of(2))
                .add(Flatten.of())
                .add(Dense.of(10))
                .optSeed(SEED)
                .build();
    }

    /**
     * The course's dense digit network, for comparison: {@code Dense(25, relu)}, {@code Dense(15,
     * relu)}, {@code Dense(10)} on the flattened image.
     *
     * @return the model, unbuilt
     */
    public static Sequential digitDense() {
        return Sequential.builder()
                .add(Flatten.of())
                .add(Dense.of(25, Activation.RELU))
                .add(Dense.of(15, Activation.RELU))
                .add(Dense.of(10))
                .optSeed(SEED)
                .build();
    }

    /**
     * Trains a digit network on images shaped {@code (1, 28, 28)} with sparse categorical
     * cross-entropy from logits and {@code Adam(1e-3)}, batches of {@value #DIGIT_BATCH}.
     *
     * @param model {@link #digitCnn} or {@link #digitDense}
     * @param source the digits
     * @param epochs passes over the training digits
     * @return the run's numbers
     */
    public static DigitRun digits(Sequential model, MnistSource source, int epochs) {
        Examples train = MnistSource.asImages(source.train());
        Examples test = MnistSource.asImages(source.test());
        Loss loss = new SparseCategoricalCrossentropy(true);
        try (CompiledModel net = CompiledModel.compile(model, loss, new Adam(1e-3))) {
            long start = System.nanoTime();
            History history = net.fit(train,
                    FitOptions.builder().optEpochs(epochs).optBatchSize(DIGIT_BATCH).optSeed(SEED).optVerbose(0).build());
            double seconds = (System.nanoTime() - start) / 1e9;
            return new DigitRun(model.summary(), model.parameterCount(), history, net.evaluate(test), seconds);
        }
    }

    // ---------------------------------------------------------------- the lesson

    /**
     * Prints the lesson.
     *
     * @param out where to print
     * @param digits the digit set
     * @param digitEpochs epochs of the digit networks
     */
    public static void run(PrintStream out, MnistSource digits, int digitEpochs) {
        run(out, digits, digitEpochs, Figures.none());
    }

    /**
     * Draws an EKG-like trace with the windows of one layer's units, nothing marked on the trace:
     * for a normal trace, or one whose bump is not known ({@link #windowChart(float[], double,
     * List)} marks the bump of {@link #abnormalTrace()}).
     *
     * @param trace the trace, {@value #INPUTS} numbers
     * @param windows the units' windows over x, from 1 as {@link #windows()} gives them
     * @return the chart
     */
    public static BufferedImage windowChart(float[] trace, List<Window> windows) {
        List<IndexRange> ranges = new ArrayList<>();
        for (Window w : windows) {
            ranges.add(new IndexRange(w.first() - 1, w.last()));
        }
        return SignalWindowChart.render(HandMath.toDouble(trace), ranges);
    }

    /**
     * Draws an EKG-like trace with the windows of one layer's units and its bump marked: a shaded
     * band over {@code x(c - 2 * 2.5)} to {@code x(c + 2 * 2.5)} (the bump's centre plus and
     * minus two of its standard deviations, where it stands above the rhythm), labelled.
     *
     * @param trace the trace, {@value #INPUTS} numbers
     * @param bumpCentre the bump's centre as a sample number from 1, as {@link
     *     #abnormalBumpCentre()} gives it for {@link #abnormalTrace()}
     * @param windows the units' windows over x, from 1 as {@link #windows()} gives them
     * @return the chart
     */
    public static BufferedImage windowChart(float[] trace, double bumpCentre, List<Window> windows) {
        List<IndexRange> ranges = new ArrayList<>();
        for (Window w : windows) {
            ranges.add(new IndexRange(w.first() - 1, w.last()));
        }
        return SignalWindowChart.render(HandMath.toDouble(trace), ranges, bumpMark(bumpCentre),
                SignalWindowChart.DEFAULT_SIZE);
    }

    /**
     * The band that marks a bump: its centre plus and minus two standard deviations.
     *
     * @param centre the bump's centre, a sample number from 1
     * @return the mark, labelled with the samples it covers
     */
    static SignalWindowChart.Mark bumpMark(double centre) {
        double from = centre - 2 * BUMP_WIDTH;
        double to = centre + 2 * BUMP_WIDTH;
        return new SignalWindowChart.Mark(from, to, Text.f("the abnormal bump, centred at x%.1f", centre));
    }

    /** @return the first abnormal trace (label 1) of the training traces */
    public static float[] abnormalTrace() {
        Examples traces = ekg(TRAIN_TRACES, SEED);
        return traces.featureRow(firstAbnormal(traces));
    }

    /**
     * Where the bump of {@link #abnormalTrace()} is, as its generator placed it.
     *
     * @return the bump's centre as a sample number from 1 ({@code x1} is 1): the generator's
     *     0-based centre c plus 1
     */
    public static double abnormalBumpCentre() {
        double[] centres = new double[TRAIN_TRACES];
        Examples traces = ekg(TRAIN_TRACES, SEED, centres);
        return centres[firstAbnormal(traces)] + 1;
    }

    private static int firstAbnormal(Examples traces) {
        int[] labels = traces.labels();
        int i = 0;
        while (labels[i] != 1) {
            i++;
        }
        return i;
    }

    /**
     * Prints the lesson and draws its charts: an abnormal trace, its bump marked, with the windows
     * of layer 1's 9 units ({@code ekg-windows.png}) and of layer 2's 3 units over the inputs ({@code
     * ekg-windows-layer2.png}), and the course network's history ({@code ekg-history.png}).
     *
     * @param out where to print
     * @param digits the digit set
     * @param digitEpochs epochs of the digit networks
     * @param figures where the charts go
     */
    public static void run(PrintStream out, MnistSource digits, int digitEpochs, Figures figures) {
        out.println("12. Convolutional layers: each unit sees a window of the layer before");
        out.println("  the course's EKG trace, x1..x100: " + layer1() + ", then " + layer2() + ",");
        out.println("  then one sigmoid unit: the probability that the trace shows heart disease");
        Windows w = windows();
        out.println(Text.f("  layer 1: %d units (output shape %s): each sees 20 inputs, stepping by 10",
                w.layer1().size(), Shapes.format(w.shape1())));
        out.println("    " + labels(w.layer1(), "x"));
        out.println(Text.f("  layer 2: %d units (output shape %s): each sees 5 layer-1 units, stepping by 2",
                w.layer2().size(), Shapes.format(w.shape2())));
        out.println("    " + labels(w.layer2(), "a") + ", so " + labels(w.layer2OnInputs(), "x"));
        out.println(Text.f("  output: shape %s, one sigmoid unit on the 3 layer-2 activations", Shapes.format(w.outputShape())));
        boolean same = w.layer1().equals(w.measured1()) && w.layer2().equals(w.measured2())
                && w.layer2OnInputs().equals(w.measured2OnInputs());
        out.println("  changing one input at a time on the engine changes exactly these units: " + (same ? "yes" : "NO"));
        out.println("  a convolutional layer's units share one set of window weights (Keras' Conv1D with 1 filter)");
        float[] trace = abnormalTrace();
        double bump = abnormalBumpCentre();
        figures.add("ekg-windows", () -> windowChart(trace, bump, w.layer1()));
        figures.add("ekg-windows-layer2", () -> windowChart(trace, bump, w.layer2OnInputs()));

        out.println();
        out.println("Parameters: convolution (weights shared across units), own windows (each unit its own weights");
        out.println("over its window), and dense layers of as many units:");
        out.println(Text.f("    %-10s %6s %12s %12s %8s", "layer", "units", "convolution", "own windows", "dense"));
        for (LayerParameters p : parameterCounts()) {
            out.println(Text.f("    %-10s %6d %12d %12d %8d", p.layer(), p.units(), p.convolution(), p.ownWindows(), p.dense()));
        }

        out.println();
        out.println(Text.f("EKG-like traces: a rhythm plus noise, half with one bump anywhere (%d to train, %d held out)",
                TRAIN_TRACES, TEST_TRACES));
        out.println(Text.f("  BinaryCrossentropy(), Adam(%s), %d epochs of batches of 32", EKG_LEARNING_RATE, EKG_EPOCHS));
        EkgComparison ekg = trainEkg();
        String[] names = {"the course's network", "dense layers of the same sizes", "extra: 8 and 4 filters per window"};
        List<EkgRun> runs = List.of(ekg.convolutional(), ekg.dense(), ekg.wide());
        for (int i = 0; i < runs.size(); i++) {
            EkgRun run = runs.get(i);
            out.println(Text.f("  %s: %s, %d parameters, %.2f s", names[i], run.model(), run.parameters(), run.seconds()));
            out.println("    training traces " + run.train().format());
            out.println("    held-out traces " + run.test().format());
        }
        out.println("  all fit the training traces; the course's windows generalise from 200 traces, dense layers much less:");
        out.println("  a bump looks the same wherever it is, and shared windows learn it once");
        figures.add("ekg-history", () -> HistoryChart.of(ekg.convolutional().history()));
        out.println();
        out.println("Images: the digits as (1, 28, 28), SparseCategoricalCrossentropy(from_logits = true), Adam(1e-3),");
        out.println(Text.f("  %d epoch%s of batches of %d", digitEpochs, digitEpochs == 1 ? "" : "s", DIGIT_BATCH));
        DigitRun cnn = digits(digitCnn(), digits, digitEpochs);
        out.print(cnn.summary());
        out.println(Text.f("  Conv2D network: %d parameters, test digits %s, %.2f s", cnn.parameters(), cnn.test().format(), cnn.seconds()));
        DigitRun dense = digits(digitDense(), digits, digitEpochs);
        out.println(Text.f("  the course's dense network: %d parameters, test digits %s, %.2f s", dense.parameters(),
                dense.test().format(), dense.seconds()));
    }

    private static String labels(List<Window> windows, String symbol) {
        StringBuilder sb = new StringBuilder();
        for (Window w : windows) {
            sb.append(sb.length() == 0 ? "" : ", ").append(w.label(symbol));
        }
        return sb.toString();
    }

    /**
     * Runs the lesson on standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Engines.setThreads(1); // every model here is small: one thread is fastest
        run(System.out, MnistSource.embedded(), DIGIT_EPOCHS);
    }
}

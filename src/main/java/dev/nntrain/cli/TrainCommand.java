package dev.nntrain.cli;

import ai.djl.Device;

import dev.nntrain.data.Datasets;
import dev.nntrain.data.Examples;
import dev.nntrain.data.RandomShift;
import dev.nntrain.model.Dense;
import dev.nntrain.model.Engines;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Sequential;
import dev.nntrain.plot.Charts;
import dev.nntrain.plot.HistoryChart;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.EpochLogs;
import dev.nntrain.train.Evaluation;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.History;
import dev.nntrain.train.Tuner;
import dev.nntrain.train.callback.Callback;
import dev.nntrain.train.callback.ProgressBarCallback;
import dev.nntrain.train.callback.TrainingContext;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nntrain train}: the course's digit model, or any Dense stack, on MNIST-style or CSV data. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a Sequential model of Dense layers and save it.",
            "With no options: the course model (784-25-15-10, ReLU hidden units, linear output,"
                    + " sparse softmax cross-entropy from logits, Adam 1e-3, 40 epochs, batch 32) on the"
                    + " embedded MNIST subset in data/mnist, with 1-pixel random shifts of the training digits."
        })
final class TrainCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--layers", paramLabel = "SIZES", defaultValue = "25,15", split = ",",
            description = "Hidden layer sizes, comma-separated; 'none' for no hidden layer (default: ${DEFAULT-VALUE}).")
    List<String> layers;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "Hidden activation: relu, sigmoid, tanh, leaky_relu, linear (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "40", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam", description = "adam or gd (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the initial weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N|auto", defaultValue = "auto",
            description = "Engine CPU threads; auto times a few dozen training steps with 1, 2, 4... threads and keeps the fastest (default: ${DEFAULT-VALUE}).")
    String threads;

    @Option(names = "--device", paramLabel = "cpu|gpu|auto", defaultValue = "auto",
            description = "Where to train (default: ${DEFAULT-VALUE}: the GPU when one is visible).")
    String device;

    @Option(names = "--shift", paramLabel = "PIXELS",
            description = "Random-shift augmentation of image data sets: each epoch sees every digit moved by up to"
                    + " this many pixels (default: 1 for mnist and fashion-mnist, none for CSV; 0 turns it off,"
                    + " which is the course's plain recipe).")
    Integer shift;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Model directory to write (default: target/models/<dataset>).")
    Path output;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also write the history (loss and accuracy per epoch, training and test) as a PNG chart.")
    Path plot;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar or summary; epoch lines and the result are still printed.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        TrainSettings settings = TrainSettings.parse(this);
        PrintWriter out = spec.commandLine().getOut();
        Datasets.TrainTest sets = Datasets.load(settings.data());
        Examples train = sets.train();
        Examples test = sets.test();
        boolean classify = train.isClassification();

        List<Layer> layers = new ArrayList<>();
        for (int units : settings.hiddenSizes()) {
            layers.add(Dense.of(units, settings.hidden()));
        }
        layers.add(Dense.of(classify ? train.numClasses() : train.targetWidth()));
        Loss loss = classify ? new SparseCategoricalCrossentropy(true) : new MeanSquaredError();
        Device device = settings.device();
        if (device == null) { // --device auto: measured, as the thread count is
            try (CompiledModel trial = compile(layers, Device.cpu(), train, loss, settings)) {
                device = Tuner.device(trial, train, settings.batchSize());
            }
        }

        try (CompiledModel net = compile(layers, device, train, loss, settings)) {
            Sequential model = net.model();
            if (settings.threads() > 0) {
                Engines.setThreads(settings.threads());
            } else {
                Tuner.threads(net, train, settings.batchSize()); // measured, not guessed
            }
            if (!settings.quiet()) {
                out.print(model.summary());
                out.printf("Training on %,d examples of %s (%,d held out), %d epochs, batch %d, %s, %s, %d thread(s), %s%n",
                        train.size(), sets.name(), test.size(), settings.epochs(), settings.batchSize(), net.optimizer(),
                        settings.shift() > 0 ? "random shifts up to " + settings.shift() + " px" : "no augmentation",
                        Engines.threads(), model.device());
            }
            FitOptions.Builder options = FitOptions.builder()
                    .optEpochs(settings.epochs())
                    .optBatchSize(settings.batchSize())
                    .optSeed(settings.seed())
                    .optVerbose(0) // EpochPrinter below prints the epoch lines
                    .optValidationData(test);
            if (settings.shift() > 0) {
                options.optAugmentation(new RandomShift(settings.shift()));
            }
            if (!settings.quiet() && System.console() != null) {
                // a bar redrawn in place only makes sense on a terminal; it closes before the epoch line
                options.addCallback(new ProgressBarCallback());
            }
            options.addCallback(new EpochPrinter(out, classify));
            long start = System.nanoTime();
            History history = net.fit(train, options.build());
            double seconds = (System.nanoTime() - start) / 1e9;
            Evaluation result = net.evaluate(test);
            net.save(settings.output());
            if (classify) {
                out.printf("Test accuracy: %.4f (%,d held-out examples; %d epochs in %.1f s)%n",
                        result.accuracy(), result.count(), history.size(), seconds);
            } else {
                out.printf("Test loss (MSE): %.4f (%,d held-out examples; %d epochs in %.1f s)%n",
                        result.loss(), result.count(), history.size(), seconds);
            }
            out.println("Model saved to " + settings.output());
            if (settings.plot() != null) {
                Charts.writePng(HistoryChart.of(history), settings.plot());
                out.println("History chart written to " + settings.plot());
            }
        }
        return 0;
    }

    private static CompiledModel compile(List<Layer> layers, Device device, Examples train, Loss loss, TrainSettings settings) {
        Sequential model = Sequential.builder().addAll(layers.toArray(Layer[]::new))
                .optSeed(settings.seed()).optDevice(device).build();
        model.build(train.featureShape());
        return CompiledModel.compile(model, loss, settings.optimizer());
    }

    /** Prints one line per epoch: loss, accuracy, test metrics, time and throughput. */
    private static final class EpochPrinter implements Callback {
        private final PrintWriter out;
        private final boolean classify;

        EpochPrinter(PrintWriter out, boolean classify) {
            this.out = out;
            this.classify = classify;
        }

        @Override
        public void onEpochEnd(EpochLogs e, TrainingContext context) {
            if (classify) {
                out.printf("Epoch %d/%d - loss: %.4f - accuracy: %.4f - test_loss: %.4f - test_accuracy: %.4f - %.2f s - %,.0f samples/s%n",
                        e.epoch(), context.epochs(), e.loss(), e.accuracy(), e.valLoss(), e.valAccuracy(),
                        e.seconds(), e.samplesPerSecond());
            } else {
                out.printf("Epoch %d/%d - loss: %.4f - test_loss: %.4f - %.2f s - %,.0f samples/s%n",
                        e.epoch(), context.epochs(), e.loss(), e.valLoss(), e.seconds(), e.samplesPerSecond());
            }
            out.flush();
        }
    }
}

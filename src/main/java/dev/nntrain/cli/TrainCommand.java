package dev.nntrain.cli;

import ai.djl.Device;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Datasets;
import dev.nntrain.data.Examples;
import dev.nntrain.data.RandomShift;
import dev.nntrain.data.Standardizer;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Sequential;
import dev.nntrain.plot.Charts;
import dev.nntrain.plot.HistoryChart;
import dev.nntrain.train.ClassWeights;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.EpochLogs;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.History;
import dev.nntrain.train.callback.Callback;
import dev.nntrain.train.callback.CsvLogger;
import dev.nntrain.train.callback.EarlyStopping;
import dev.nntrain.train.callback.ProgressBarCallback;
import dev.nntrain.train.callback.TrainingContext;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.metric.Evaluation;
import dev.nntrain.train.tune.LearningRateFinder;
import dev.nntrain.train.tune.Tuner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code nntrain train}: the course's digit model, or any stack of dense and convolutional layers,
 * on MNIST-style or CSV data.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a Sequential model (dense or convolutional layers) and save it.",
            "With no options: the course model (784-25-15-10, ReLU hidden units, linear output,"
                    + " sparse softmax cross-entropy from logits, Adam 1e-3, 40 epochs, batch 32) on the"
                    + " embedded MNIST subset, with 1-pixel random shifts of the training digits.",
            "The output layer is added to --layers: one linear unit per class (or per target), the loss from logits.",
            "CSV features are standardised (mean 0, variance 1 on the training rows); the scaling is saved with"
                    + " the model and applied by evaluate and predict."
        })
final class TrainCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    // no split = ",": LayerSpec splits, so that an empty item at the end is refused like any other
    @Option(names = "--layers", paramLabel = "SPEC", defaultValue = "25,15",
            // picocli's description column is 51 characters wide (usage width 80): longer lines
            // wrap without their indentation, so each line of this table fits in it
            description = {"Hidden layers, comma-separated (default: ${DEFAULT-VALUE}):",
                "  N, dense:N[:ACT][:l2=L]",
                "             a dense layer of N units",
                "  conv2d:F:K[:S][:same][:ACT][:l2=L]",
                "      F filters of KxK on the 28x28 images,",
                "      stride S (default 1); same: zero-padded",
                "      to keep the size",
                "  conv1d:F:K[:S][:same][:ACT][:l2=L]",
                "      F filters of length K along a row's features",
                "  maxpool:P  max pooling of PxP patches",
                "             (after conv2d)",
                "  flatten    channels to one row (added before",
                "             dense layers when left out)",
                "  dropout:R  drop a fraction R of the values",
                "             while training",
                "  none       no hidden layer (alone)",
                "ACT defaults to --activation.",
                "l2=L, last: that layer's own kernel penalty L in",
                "place of --l2 (l2=0: none), e.g.",
                "dense:64:relu:l2=1e-4; plain N takes none.",
                "Example: conv2d:8:3,maxpool:2,flatten,dense:32"})
    List<String> layers;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "Hidden activation: relu, sigmoid, tanh, leaky_relu, linear (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "40",
            description = "Epochs (default: ${DEFAULT-VALUE}); 0 with --initial-weights saves and tests the imported weights untrained; --find-lr trains none, whatever N.")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam", description = "adam, rmsprop, sgd (Keras' SGD, no momentum) or gd (plain gradient descent) (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "0", converter = NonZeroStaysNonZero.class,
            description = "Add LAMBDA * sum(W^2) of every Dense and convolution kernel (not the biases) to the loss,"
                    + " Keras' kernel_regularizer=L2(LAMBDA) on each layer, the output layer included, except those"
                    + " --layers gives an l2= of their own; 0 for none (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the initial weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N|auto", defaultValue = "auto",
            description = "Engine CPU threads; auto times a few dozen training steps with 1, 2, 4... threads and keeps the fastest (default: ${DEFAULT-VALUE}).")
    String threads;

    @Option(names = "--device", paramLabel = "cpu|gpu|gpu:N|auto", defaultValue = "auto",
            description = "Where to train: gpu is the first GPU, gpu:N the one nntrain doctor numbers N (default: ${DEFAULT-VALUE}:"
                    + " the CPU or the first GPU, whichever trains a copy of the model faster over a few dozen steps).")
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

    @Option(names = "--csv-log", paramLabel = "FILE.csv",
            description = "Also write each epoch's metrics to FILE as it ends, one CSV row per epoch (epoch, loss,"
                    + " accuracy or mae, the held-out set's, learning_rate, seconds), as Keras' CSVLogger; nntrain"
                    + " compare reads such logs. A resumed run writes the checkpoint's epochs from its history and the"
                    + " later ones anew. A file already there is replaced only if empty or a training log (first column"
                    + " epoch); a link is written through; a pipe or device is refused. With --find-lr,"
                    + " the range test's steps: step, learning_rate, loss, smoothed_loss.")
    Path csvLog;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar or summary; epoch lines and the result are still printed.")
    boolean quiet;

    @Option(names = "--no-normalize",
            description = "CSV only: train on the features as they are, without standardising them.")
    boolean noNormalize;

    @Option(names = "--validation-split", paramLabel = "FRACTION",
            description = "Hold out the last FRACTION of the training examples (before shuffling, as Keras does)"
                    + " and report val_loss and val_accuracy after every epoch instead of the test metrics.")
    Double validationSplit;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE",
            description = "Stop when the validation loss has not improved for PATIENCE epochs and keep the best"
                    + " epoch's weights; needs --validation-split.")
    Integer earlyStopping;

    @Option(names = "--lr-schedule", paramLabel = "SPEC",
            description = {"Change the learning rate every epoch e (from 0), starting from --lr:",
                "  step:EVERY:FACTOR   lr * FACTOR^floor(e / EVERY)",
                "  exp:RATE            lr * RATE^e",
                "  cosine:EPOCHS[:FLOOR]",
                "      FLOOR + (lr - FLOOR) (1 + cos(pi e / EPOCHS)) / 2,",
                "      then FLOOR (default 0)"})
    String lrSchedule;

    @Option(names = "--reduce-lr-on-plateau", paramLabel = "PATIENCE[:FACTOR[:MIN_LR[:COOLDOWN]]]",
            description = "Multiply the learning rate by FACTOR (default 0.1, not below MIN_LR, default 0) when the"
                    + " validation loss (the training loss without --validation-split) has not improved by 1e-4 for"
                    + " PATIENCE epochs, then wait COOLDOWN epochs (default 0), as Keras' ReduceLROnPlateau.")
    String reduceLrOnPlateau;

    @Option(names = "--class-weight", paramLabel = "balanced|CLASS=W[,...]",
            description = "Weigh each training example's loss by its class's weight, as Keras' class_weight:"
                    + " CLASS=WEIGHT pairs, a class by number or by the data's class name (0=1,1=5 or"
                    + " Adelie=1,Chinstrap=3; a class left out weighs 1), or balanced, scikit-learn's"
                    + " n / (n_classes * count) of the rows that train. The training loss printed is the weighted"
                    + " one; test, validation and accuracies are not weighted. Classification only.")
    String classWeight;

    @Option(names = "--sample-weight-column", paramLabel = "N|NAME",
            description = "CSV only: weigh each training row's loss by this column's number (finite, >= 0), as"
                    + " Keras' and scikit-learn's sample_weight; by 0-based index or header name. The model does not"
                    + " see the column (it is left out as --ignore-column leaves a column out); a missing weight is"
                    + " refused, or its row left out with --drop-missing. Multiplied by --class-weight; the training"
                    + " loss printed is the weighted one, test and validation are not weighted.")
    String sampleWeightColumn;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Save a checkpoint every N epochs (the model, the optimizer's state, the epoch, the random"
                    + " state and the history, replaced atomically), so that a killed run can --resume.")
    Integer checkpointEvery;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Where checkpoints go (default: the output directory's path with .checkpoint added).")
    Path checkpointDir;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run whose checkpoint is in DIR, with the options it was started with; on one"
                    + " thread the result is bit-identical to a run that was never stopped.")
    Path resume;

    @Option(names = "--initial-weights", paramLabel = "FILE.npz",
            description = "Start from these weights instead of the seeded initialisation, as Keras' set_weights before fit:"
                    + " an .npz of a Keras model's get_weights() (np.savez(file, *model.get_weights())), each layer's kernel"
                    + " in Keras' layout, then its bias, for the same layers. Not with --resume.")
    Path initialWeights;

    @Mixin
    FindLearningRate findLearningRate = new FindLearningRate();

    @Override
    public Integer call() throws Exception {
        LearningRateFinder.Builder finder = findLearningRate.check(this); // null without --find-lr
        TrainSettings settings = resume != null ? Checkpoints.resume(this) : TrainSettings.parse(this);
        if (resume == null) {
            settings.checkpoints().refuseEarlierRun();
        }
        PrintWriter out = spec.commandLine().getOut();
        Datasets.TrainTest sets = Datasets.load(settings.data());
        Datasets.requireExamples(sets, settings.data(), true, true);
        TrainSettings.checkData(sets);
        EvaluateCommand.printMissing(out, sets);
        Examples train = sets.train();
        Examples test = sets.test();
        double[] sampleWeights = sets.sampleWeights().orElse(null); // every training row's, the validation rows' too
        // the rows fit trains on: a validation split's last rows check the model, and like the test
        // rows they take no part in choosing the scaling or the fill values (refused here if the split leaves none)
        int trained = FitOptions.builder().optValidationSplit(settings.validationSplit()).build().trainingExamples(train.size());
        Path resumed = settings.checkpoints().resumeFrom();
        settings.data().csv().fillStrategy().ifPresent(fill -> EvaluateCommand.printFilled(out, sets, train.featureColumns(),
                resumed != null ? "the values checkpoint " + resumed + " recorded" // learnt when the run started
                        : "the " + String.format("%,d", trained) + " training rows' " + fill.sklearnName().replace('_', ' ')
                                + (train.featureColumns().orElseThrow().columns().stream()
                                        .anyMatch(c -> c.kind() == dev.nntrain.data.csv.FeatureColumns.Kind.CATEGORY)
                                                ? ", the most frequent for categories" : "")));
        // several 0/1 label columns: one sigmoid output each, binary cross-entropy (multi-label)
        boolean multiLabel = !train.isClassification() && !settings.data().regression() && train.targetWidth() > 1;
        boolean classify = train.isClassification() || multiLabel; // accuracies rather than mean absolute errors
        Standardizer scaling = scaling(settings, train, test, trained);
        List<Layer> layers = settings.layers().withOutput(train.isClassification() ? train.numClasses() : train.targetWidth());
        Loss loss = train.isClassification() ? new SparseCategoricalCrossentropy(true)
                : multiLabel ? new dev.nntrain.train.loss.BinaryCrossentropy(true) : new MeanSquaredError();
        // the data's classes by number or name, checked before any model is built
        ClassWeights classWeights = settings.classWeights() == null ? null
                : settings.classWeights().resolve(train, sets.name());
        Map<Integer, Double> resolvedWeights = null; // class to weight for the rows that train, balanced ones worked out
        if (classWeights != null) {
            try {
                // as fit will, before any work
                resolvedWeights = classWeights.check(labels(train.slice(0, trained)), train.numClasses());
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--class-weight " + settings.classWeights().text() + ": " + e.getMessage(), e);
            }
        }
        Resources.check(settings, layers, settings.layers().inputShape(train.featureSize()), train);
        Placement placement = placement(settings, layers, train, loss, scaling);

        try (CompiledModel net = compile(layers, placement.device(), train, loss, settings)) {
            if (settings.initialWeights() != null) {
                settings.initialWeights().applyTo(net.model()); // Keras' set_weights before fit
            }
            prepare(net, settings, scaling, train);
            if (finder != null) { // --find-lr: the range test on the rows fit would train on, instead of training
                if (classWeights != null) {
                    // the weights fit would train with, worked out once from all the rows that train: the
                    // range test's one-batch steps would work out "balanced" from each batch's classes
                    finder.optClassWeights(resolvedWeights);
                    out.println(classWeightsLine(classWeights, train.slice(0, trained)));
                }
                double[] trainingWeights = null; // each step's rows weighed as fit would weigh them
                if (sampleWeights != null) {
                    trainingWeights = java.util.Arrays.copyOf(sampleWeights, trained);
                    out.println(sampleWeightsLine(settings, sampleWeights, trained));
                }
                FindLearningRate.run(finder.build(), net, train.slice(0, trained), trainingWeights, settings, out);
                return 0;
            }
            if (!settings.quiet()) {
                out.print(net.model().summary());
                out.printf("Training on %,d examples of %s (%s%,d held out), %s, batch %d, %s, %s, %d thread(s), %s%s%n",
                        trained, sets.name(), trained < train.size() ? String.format("%,d validate, ", train.size() - trained) : "",
                        test.size(), epochs(settings.epochs()), settings.batchSize(), net.optimizer() + settings.learningRates().describe(),
                        settings.shift() > 0 ? "random shifts up to " + settings.shift() + " px" : "no augmentation",
                        Engines.threads(), net.model().device(), placement.note());
                if (classWeights != null) {
                    out.println(classWeightsLine(classWeights, train.slice(0, trained)));
                }
                if (sampleWeights != null) {
                    out.println(sampleWeightsLine(settings, sampleWeights, trained));
                }
                EvaluateCommand.printClasses(out, net.classNames());
                EvaluateCommand.printOutputs(out, net.outputNames());
                EvaluateCommand.printFeatureColumns(out, net.featureColumns());
            }
            long start = System.nanoTime();
            // --epochs 0 (only with --initial-weights): the imported weights, tested and saved untrained
            FitOptions options = settings.epochs() == 0 ? null
                    : fitOptions(settings, test, classify, classWeights, sampleWeights, out);
            History history = options == null ? new History() : net.fit(train, options); // says so when it resumes
            double seconds = (System.nanoTime() - start) / 1e9;
            Evaluation result = net.evaluate(test);
            net.save(settings.output());
            if (options != null) {
                options.callbacks().stream().filter(EarlyStopping.class::isInstance).map(EarlyStopping.class::cast)
                        .findFirst().ifPresent(stopping -> reportStop(out, stopping, settings.patience(), history));
            }
            report(out, settings, classify, multiLabel, history, result, seconds);
        }
        return 0;
    }

    /**
     * The scaling of CSV features, fitted on the rows that train (a resumed run's as it was
     * recorded), or null with --no-normalize;
     * a value it would scale past a float's range is named by its column before any work.
     */
    private static Standardizer scaling(TrainSettings settings, Examples train, Examples test, int trained) {
        if (!settings.normalize()) {
            return null;
        }
        // a resumed run keeps the scaling it started with (an older release fitted it on every
        // training row, validation rows included): the rows it trains on must be the same
        Standardizer scaling = settings.checkpoints().recordedScaling()
                .orElseGet(() -> Standardizer.fit(train.slice(0, trained)));
        // the model scales raw rows itself (setInputScaling); held-out values are checked too
        scaling.check(train, j -> settings.data().featureName(j, train.featureColumns()));
        scaling.check(test, j -> settings.data().featureName(j, train.featureColumns()));
        return scaling;
    }

    /** Where the model trains, and for --device auto what the measurement found. */
    private record Placement(Device device, String note) {}

    private static Placement placement(TrainSettings settings, List<Layer> layers, Examples train, Loss loss,
            Standardizer scaling) {
        if (settings.device() != null) {
            return new Placement(settings.device(), "");
        }
        // --device auto: measured, as the thread count is
        try (CompiledModel trial = compile(layers, Device.cpu(), train, loss, settings)) {
            trial.setInputScaling(scaling); // the measured steps see the rows the real fit sees
            Tuner.DeviceChoice choice = Tuner.deviceChoice(trial, train, settings.batchSize());
            return new Placement(choice.device(), choice.describe().isEmpty()
                    ? " (--device auto: no GPU visible)" : " (--device auto " + choice.describe() + ")");
        }
    }

    /** Records in the model what evaluate and --resume need, and sets the thread count. */
    private static void prepare(CompiledModel net, TrainSettings settings, Standardizer scaling, Examples train) {
        net.setInputScaling(scaling); // fit, evaluate and predict scale raw rows; the saved model too
        net.setClassNames(EvaluateCommand.namedClasses(train.classNames())); // a CSV's text labels, Fashion-MNIST's articles
        net.setFeatureColumns(train.featureColumns().orElse(null)); // a CSV header's names, its categories and ignored columns
        net.setOutputNames(train.targetNames()); // a regression's label columns, as the header names them
        net.model().properties().put(Checkpoints.ARGUMENTS, settings.checkpoints().argumentsJson());
        if (Datasets.csvFile(settings.data().spec()).isPresent()) {
            // evaluate holds out the same rows
            new Datasets.CsvSplit(settings.data().testFraction(), settings.data().seed()).writeTo(net.model().properties());
        }
        if (settings.threads() > 0) {
            Engines.setThreads(settings.threads());
        } else {
            Tuner.threads(net, train, settings.batchSize()); // measured, not guessed
        }
    }

    /**
     * The class weights the run trains with, by class name where the data has names; balanced
     * ones as fit works them out, from the rows that train.
     */
    private static String classWeightsLine(ClassWeights weights, Examples trained) {
        Map<Integer, Double> resolved = weights.resolve(labels(trained));
        Map<Integer, Double> every = new TreeMap<>(); // a class left out weighs 1: said, not left to guess
        for (int c = 0; c < trained.numClasses(); c++) {
            every.put(c, resolved.getOrDefault(c, 1.0));
        }
        return "Class weights" + (weights.isBalanced() ? " (balanced)" : "") + ": "
                + ClassWeightOption.describe(every, trained.classNames());
    }

    /**
     * The sample weights of the rows that train (a validation split's left out, as fit leaves them
     * out): their column, how many, their mean and range.
     */
    static String sampleWeightsLine(TrainSettings settings, double[] weights, int trained) {
        java.util.DoubleSummaryStatistics stats = java.util.Arrays.stream(weights, 0, trained).summaryStatistics();
        return String.format("Sample weights: column %s, %,d rows, mean %s (min %s, max %s)",
                settings.data().csv().sampleWeightColumnGiven().orElseThrow(), trained, number(stats.getAverage()),
                number(stats.getMin()), number(stats.getMax()));
    }

    /** A weight as people write it: 1.25, 3, 0.001, up to 4 significant digits. */
    private static String number(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** The classes of classification examples, whose targets are class numbers. */
    private static int[] labels(Examples examples) {
        int[] labels = new int[examples.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) examples.targets()[i];
        }
        return labels;
    }

    private static FitOptions fitOptions(TrainSettings settings, Examples test, boolean classify, ClassWeights classWeights,
            double[] sampleWeights, PrintWriter out) {
        FitOptions.Builder options = FitOptions.builder()
                .optEpochs(settings.epochs())
                .optBatchSize(settings.batchSize())
                .optSeed(settings.seed())
                .optClassWeights(classWeights)
                .optSampleWeights(sampleWeights) // one per training row, fit leaves out the validation rows'
                .optVerbose(0); // EpochPrinter below prints the epoch lines
        validation(options, settings, test);
        settings.learningRates().apply(options);
        if (settings.shift() > 0) {
            options.optAugmentation(new RandomShift(settings.shift()));
        }
        if (!settings.quiet() && System.console() != null) {
            // a bar redrawn in place only makes sense on a terminal; it closes before the epoch line
            options.addCallback(new ProgressBarCallback());
        }
        options.addCallback(new EpochPrinter(out, classify, settings.validationSplit() > 0 ? "val" : "test"));
        if (settings.csvLog() != null) {
            options.addCallback(new CsvLogger(settings.csvLog()));
        }
        settings.checkpoints().apply(options, settings.epochs(), out);
        return options.build();
    }

    /**
     * What early stopping did: whether it stopped the run, and whose weights the model keeps (the
     * best epoch's, restored at the end whether or not it stopped the run, as Keras restores them;
     * the first epoch's when no epoch had a finite validation loss). Package-private for its test.
     */
    static void reportStop(PrintWriter out, EarlyStopping stopping, int patience, History history) {
        int last = history.last().epoch();
        int best = stopping.bestEpoch();
        String weights = best > 0 && best != last ? "kept epoch " + best + "'s weights" : "kept the last epoch's weights";
        // no epoch improved (val_loss NaN throughout): the weights kept are the first epoch's, as Keras keeps them
        String kept = Double.isNaN(stopping.best()) ? weights + " (no finite val_loss)"
                : weights + ", the best (val_loss " + number4(stopping.best()) + ")";
        if (history.stoppedEarly()) {
            out.printf("Stopped early after epoch %d: the validation loss did not improve for %s; %s%n", last,
                    epochs(patience), kept);
        } else {
            out.printf("Early stopping did not stop the run; %s%n", kept);
        }
    }

    /** {@code "1 epoch"}, {@code "40 epochs"}. */
    static String epochs(int count) {
        return count + (count == 1 ? " epoch" : " epochs");
    }

    private static String number4(double value) {
        return String.format(java.util.Locale.ROOT, "%.4f", value);
    }

    /** The result: the test metrics, where the model and the chart went. */
    private static void report(PrintWriter out, TrainSettings settings, boolean classify, boolean multiLabel,
            History history, Evaluation result, double seconds) throws java.io.IOException {
        if (classify) {
            out.printf("Test accuracy: %.4f (%,d held-out examples%s; %s in %.1f s)%n",
                    result.accuracy(), result.count(), multiLabel ? ", the fraction of their yes/no answers right" : "",
                    epochs(history.size()), seconds);
        } else {
            out.printf("Test loss (MSE): %.4f, mean absolute error: %.4f (%,d held-out examples; %s in %.1f s)%n",
                    result.loss(), result.meanAbsoluteError(), result.count(), epochs(history.size()), seconds);
        }
        out.println("Model saved to " + settings.output());
        if (settings.csvLog() != null) {
            out.println("Training log written to " + settings.csvLog());
        }
        if (settings.plot() != null) {
            // without a validation split the held-out series is the test set, as the epoch lines say
            Charts.writePng(HistoryChart.of(history, HistoryChart.defaultSize(history), settings.validationSplit() > 0 ? "validation" : "test"),
                    settings.plot());
            out.println("History chart written to " + settings.plot());
        }
    }

    private static CompiledModel compile(List<Layer> layers, Device device, Examples train, Loss loss, TrainSettings settings) {
        Sequential model = Sequential.builder().addAll(layers.toArray(Layer[]::new))
                .optSeed(settings.seed()).optDevice(device).build();
        model.build(settings.layers().inputShape(train.featureSize()));
        return CompiledModel.compile(model, loss, settings.optimizer());
    }

    /**
     * Validates on the held-out fraction of the training examples that --validation-split names,
     * and stops early on its loss when --early-stopping says so; otherwise reports the test set
     * after every epoch.
     */
    private static void validation(FitOptions.Builder options, TrainSettings settings, Examples test) {
        if (settings.validationSplit() == 0) {
            options.optValidationData(test);
            return;
        }
        options.optValidationSplit(settings.validationSplit());
        if (settings.patience() > 0) {
            options.addCallback(new EarlyStopping("val_loss", settings.patience(), 0, true));
        }
    }

    /**
     * Prints one line per epoch: loss, accuracy, validation or test metrics, the learning rate
     * where it changed, time and throughput.
     */
    private static final class EpochPrinter implements Callback {
        private final PrintWriter out;
        private final boolean classify;
        private final String held; // "val" or "test": what the held-out metrics are measured on
        private double previousRate;

        @Override
        public void onTrainBegin(TrainingContext context) {
            previousRate = context.model().optimizer().learningRate(); // the first epoch's is compared with --lr
        }

        EpochPrinter(PrintWriter out, boolean classify, String held) {
            this.out = out;
            this.classify = classify;
            this.held = held;
        }

        @Override
        public void onEpochEnd(EpochLogs e, TrainingContext context) {
            if (classify) {
                out.printf("Epoch %d/%d - loss: %.4f - accuracy: %.4f - %s_loss: %.4f - %s_accuracy: %.4f%s - %.2f s - %,.0f samples/s%n",
                        e.epoch(), context.epochs(), e.loss(), e.accuracy(), held, e.valLoss(), held, e.valAccuracy(),
                        e.learningRateText(previousRate), e.seconds(), e.samplesPerSecond());
            } else {
                out.printf("Epoch %d/%d - loss: %.4f - mae: %.4f - %s_loss: %.4f - %s_mae: %.4f%s - %.2f s - %,.0f samples/s%n",
                        e.epoch(), context.epochs(), e.loss(), e.meanAbsoluteError(), held, e.valLoss(), held,
                        e.valMeanAbsoluteError(), e.learningRateText(previousRate), e.seconds(), e.samplesPerSecond());
            }
            previousRate = e.learningRate();
            out.flush();
        }
    }

    /**
     * Reads a number as Java does, refusing one whose text is not zero but which a double holds
     * as 0 ({@code 1e-400}): where 0 means "none", that would silently drop what was asked for.
     * {@code --l2} reads its value with it, and so does a layer's {@code l2=} in {@code --layers}.
     */
    static final class NonZeroStaysNonZero implements picocli.CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            try {
                return read(text);
            } catch (InvalidInputException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }

        /**
         * Reads the number.
         *
         * @param text the number as written
         * @return its value
         * @throws InvalidInputException when it is not a number, or a double would read it as 0 and
         *     it is not 0
         */
        static double read(String text) {
            double value;
            try {
                value = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("'" + text + "' is not a number");
            }
            String mantissa = text.trim().toLowerCase(java.util.Locale.ROOT).split("e")[0];
            if (value == 0 && mantissa.matches(".*[1-9].*")) {
                throw new InvalidInputException("'" + text + "' is too small for a double,"
                        + " which would read it as 0 (none); write 0 for none");
            }
            return value;
        }
    }
}

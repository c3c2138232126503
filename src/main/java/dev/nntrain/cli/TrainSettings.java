package dev.nntrain.cli;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;

import dev.nntrain.engine.Engines;
import dev.nntrain.InvalidInputException;
import dev.nntrain.OutputFiles;
import dev.nntrain.data.Datasets;
import dev.nntrain.data.Examples;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Regularizer;
import dev.nntrain.model.Sequential;
import dev.nntrain.train.optimizer.Optimizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Everything {@code nntrain train} was asked for, parsed and validated once, before any data is
 * read or any epoch runs: a bad value, the output path included, costs the user nothing.
 *
 * @param data which data set, and how to split it
 * @param layers the hidden layers, input to output, the input shape they read and the kernels'
 *     L2 penalties (each layer's {@code l2=}, else {@code --l2})
 * @param optimizer the optimiser with its learning rate
 * @param epochs the number of epochs
 * @param batchSize the batch size
 * @param seed the seed of the weights, the shuffling and a CSV's split
 * @param threads the engine's thread count, or 0 to choose from the model's size
 * @param device where to train, or null to measure (auto)
 * @param shift the random shift of image examples in pixels (0 for none)
 * @param output the model directory to write
 * @param quiet whether to leave out the summary and progress bar
 * @param plot the PNG file for the history chart, or {@code null} for none
 * @param normalize whether to standardise a CSV's features (the scaling is saved with the model)
 * @param validationSplit the fraction of the training examples held out for validation, 0 for none
 * @param patience the epochs without a better validation loss before training stops, 0 for never
 * @param learningRates what changes the learning rate during the run, if anything
 * @param checkpoints the checkpoints to write, and the one to resume from
 * @param initialWeights the weights the model starts from ({@code --initial-weights}), or null for
 *     its seeded initialisation
 * @param classWeights the weights of the training examples' classes ({@code --class-weight}), or
 *     null for none
 */
record TrainSettings(
        Datasets.Spec data,
        LayerSpec layers,
        Optimizer optimizer,
        int epochs,
        int batchSize,
        long seed,
        int threads,
        Device device,
        int shift,
        Path output,
        boolean quiet,
        Path plot,
        boolean normalize,
        double validationSplit,
        int patience,
        LearningRateOptions learningRates,
        Checkpoints checkpoints,
        InitialWeights initialWeights,
        ClassWeightOption classWeights,
        Path csvLog) {

    /** The most epochs a run may ask for. */
    static final int MAX_EPOCHS = 1_000_000;
    /** The largest batch. */
    static final int MAX_BATCH = 1 << 20;
    /** The most hidden layers. */
    static final int MAX_HIDDEN_LAYERS = 1000;

    /**
     * Parses and checks the options.
     *
     * @param c the command's options as picocli set them
     * @return the settings
     * @throws InvalidInputException naming the first bad option and its value
     */
    static TrainSettings parse(TrainCommand c) {
        checkNumbers(c);
        boolean csv = c.data.isCsv();
        if (c.shift != null && c.shift > 0 && csv) {
            throw new InvalidInputException(
                    "--shift needs 28x28 images; " + c.data.dataset + " is a CSV data set (use --shift 0 or leave it out)");
        }
        int shift = c.shift != null ? c.shift : csv ? 0 : 1;
        Path output = c.output != null
                ? c.output
                : Path.of("target", "models", safeName(c.data.dataset.replaceFirst("(?i)^csv:", "").toLowerCase(Locale.ROOT)));
        // a CSV's missing values are filled in from the rows that train, the validation split's left out
        Datasets.Spec data = sampleWeights(c.sampleWeightColumn, c.data,
                c.data.spec(c.seed).withValidationSplit(validationSplit(c.validationSplit)));
        Sequential.checkSaveTarget(output);
        Checkpoints checkpoints = Checkpoints.parse(c, output);
        Path plot = PlotFile.check("--plot", c.plot);
        checkApart(output, checkpoints.dir(), plot);
        Path csvLog = checkLog(c.csvLog, output, checkpoints.dir(), plot, c.data.dataset, c.findLearningRate.enabled);
        LayerSpec layers = layers(c.layers, hiddenActivation(c.activation), csv, Regularizer.l2(c.l2));
        InitialWeights initialWeights = InitialWeights.read(c.initialWeights); // checked against the model once built
        return new TrainSettings(
                data,
                layers,
                Optimizer.parse(c.optimizer, c.learningRate),
                c.epochs,
                c.batchSize,
                c.seed,
                threads(c.threads),
                c.device.trim().equalsIgnoreCase("auto") ? null : Engines.device(c.device),
                shift,
                output,
                c.quiet,
                plot,
                csv && !c.noNormalize,
                validationSplit(c.validationSplit),
                patience(c.earlyStopping, c.validationSplit),
                LearningRateOptions.parse(c.lrSchedule, c.reduceLrOnPlateau, c.learningRate, c.epochs, c.validationSplit != null),
                checkpoints,
                initialWeights,
                ClassWeightOption.parse(c.classWeight, c.data.regression),
                csvLog);
    }

    /**
     * The same settings reading the data otherwise.
     *
     * @param other how the data is read
     * @return the settings
     */
    TrainSettings withData(Datasets.Spec other) {
        return new TrainSettings(other, layers, optimizer, epochs, batchSize, seed, threads, device, shift, output,
                quiet, plot, normalize, validationSplit, patience, learningRates, checkpoints, initialWeights, classWeights,
                csvLog);
    }

    /**
     * The same settings continuing from a checkpoint.
     *
     * @param resumed the checkpoints to write and the one to resume from
     * @return the settings
     */
    TrainSettings withCheckpoints(Checkpoints resumed) {
        return new TrainSettings(data, layers, optimizer, epochs, batchSize, seed, threads, device, shift, output,
                quiet, plot, normalize, validationSplit, patience, learningRates, resumed, initialWeights, classWeights,
                csvLog);
    }

    /**
     * Refuses outputs that would lie inside one another: the model directory and the checkpoint
     * directory each hold only their own files, and the chart goes in neither.
     *
     * @param output the model directory
     * @param checkpoints the checkpoint directory, or null for none
     * @param plot the chart, or null for none
     * @throws InvalidInputException naming both paths
     */
    static void checkApart(Path output, Path checkpoints, Path plot) {
        String model = "the output directory " + output;
        OutputPaths.requireOutside("--checkpoint-dir " + checkpoints, checkpoints, model, output, "the model's files");
        OutputPaths.requireOutside("the output directory " + output, output, "--checkpoint-dir " + checkpoints,
                checkpoints, "the checkpoint's files");
        OutputPaths.requireOutside("--plot " + plot, plot, model, output, "the model's files");
        OutputPaths.requireOutside("--plot " + plot, plot, "--checkpoint-dir " + checkpoints, checkpoints,
                "the checkpoint's files");
        // and no directory where the chart file goes
        OutputPaths.requireOutside("the output directory " + output, output, "--plot " + plot, plot, "the chart");
        OutputPaths.requireOutside("--checkpoint-dir " + checkpoints, checkpoints, "--plot " + plot, plot, "the chart");
    }

    /** Refuses numbers that are wrong or absurd, before anything is read. */
    private static void checkNumbers(TrainCommand c) {
        // --find-lr trains no epoch whatever --epochs says, so 0 goes with it: --plot then draws the range
        // test's curve, --class-weight weighs its losses, and FindLearningRate refuses the options that act
        // between epochs
        boolean rangeTest = c.findLearningRate.enabled;
        if (c.epochs == 0 && c.initialWeights != null && !rangeTest) {
            // the imported weights, tested and saved untrained: no epoch to draw, checkpoint or schedule
            refuseWithoutEpochs("--plot", c.plot, "draws the history of the epochs");
            refuseWithoutEpochs("--csv-log", c.csvLog, "writes the metrics of the epochs");
            refuseWithoutEpochs("--checkpoint-every", c.checkpointEvery, "saves the run between epochs");
            refuseWithoutEpochs("--lr-schedule", c.lrSchedule, "changes the learning rate between epochs");
            refuseWithoutEpochs("--reduce-lr-on-plateau", c.reduceLrOnPlateau, "changes the learning rate between epochs");
            refuseWithoutEpochs("--early-stopping", c.earlyStopping, "stops the run between epochs");
            refuseWithoutEpochs("--class-weight", c.classWeight, "weighs the training loss");
            refuseWithoutEpochs("--sample-weight-column", c.sampleWeightColumn, "weighs the training loss");
            refuseWithoutEpochs("--validation-split", c.validationSplit, "holds rows out to validate the epochs");
        } else if (c.epochs < 0 || c.epochs > MAX_EPOCHS || (c.epochs == 0 && !rangeTest)) {
            throw new InvalidInputException("--epochs must be 1 to " + MAX_EPOCHS + ", got " + c.epochs
                    + (c.epochs == 0 ? " (0 only with --initial-weights, to test and save imported weights untrained,"
                            + " or with --find-lr)" : ""));
        }
        if (c.batchSize <= 0 || c.batchSize > MAX_BATCH) {
            throw new InvalidInputException("--batch-size must be 1 to " + MAX_BATCH + ", got " + c.batchSize);
        }
        if (!(c.learningRate > 0) || Double.isInfinite(c.learningRate)) {
            throw new InvalidInputException("--lr must be a positive number, got " + c.learningRate);
        }
        try {
            Optimizer.checkLearningRate(c.learningRate, DataType.FLOAT32);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--lr " + c.learningRate + ": " + e.getMessage(), e);
        }
        checkL2("--l2", c.l2);
        if (c.shift != null && (c.shift < 0 || c.shift >= LayerSpec.IMAGE_SIDE)) {
            throw new InvalidInputException("--shift must be 0 to " + (LayerSpec.IMAGE_SIDE - 1) + " pixels (the images are "
                    + LayerSpec.IMAGE_SIDE + "x" + LayerSpec.IMAGE_SIDE + "), got " + c.shift);
        }
        int hidden = LayerSpec.items(c.layers).size();
        if (hidden > MAX_HIDDEN_LAYERS) {
            throw new InvalidInputException("--layers lists " + hidden + " hidden layers; at most " + MAX_HIDDEN_LAYERS);
        }
    }

    /**
     * Refuses an L2 coefficient that cannot train: {@code --l2}'s, and a layer's {@code l2=} in
     * {@code --layers}.
     *
     * @param name what the message calls the coefficient, e.g. {@code --l2}
     * @param l2 the coefficient
     * @throws InvalidInputException if it is negative, NaN, infinite, or positive but below
     *     float32's smallest normal number
     */
    static void checkL2(String name, double l2) {
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new InvalidInputException(name + " must be a finite number >= 0 (0 for no penalty), got " + l2);
        }
        if (l2 > 0 && l2 < Float.MIN_NORMAL) {
            // the float32 weights' coefficient 2 * l2 would round to 0 or lose its precision
            throw new InvalidInputException(name + " " + l2 + " is below " + Float.MIN_NORMAL + ", the smallest penalty"
                    + " float32 weights train with; write 0 for none");
        }
    }

    /**
     * Checks where the training log goes, before anything is read: a file (not a folder) in a
     * folder that exists and takes new files, apart from the model's and the checkpoint's
     * directories, and neither the chart nor the data it trains on; a regular file or a link to one
     * ({@link OutputFiles}), and if it holds anything, a training log that the run may replace
     * ({@link #checkReplaceable}).
     *
     * @param rangeTest whether the run is {@code --find-lr}'s range test, whose log may also
     *     replace an earlier range test's
     * @return {@code file}, or null for none
     */
    static Path checkLog(Path file, Path output, Path checkpoints, Path plot, String dataset, boolean rangeTest) {
        if (file == null) {
            return null;
        }
        String option = "--csv-log " + file;
        OutputPaths.requireOutside(option, file, "the output directory " + output, output, "the model's files");
        OutputPaths.requireOutside(option, file, "--checkpoint-dir " + checkpoints, checkpoints, "the checkpoint's files");
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(option + " is a folder; expected a file name such as history.csv");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InvalidInputException(option + ": the folder " + folder + " does not exist");
        }
        if (!Files.isWritable(folder) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new InvalidInputException(option + ": cannot write there (permission denied)");
        }
        if (plot != null && OutputPaths.resolved(plot).equals(OutputPaths.resolved(file))) {
            throw new InvalidInputException(option + " is also --plot's file; give them separate paths");
        }
        java.util.Optional<String> data = Datasets.csvFile(dataset);
        if (data.isPresent() && OutputPaths.resolved(Path.of(data.get())).equals(OutputPaths.resolved(file))) {
            throw new InvalidInputException(option + " is the data file the run trains on; the log would replace it");
        }
        OutputFiles.check("--csv-log", file);
        checkReplaceable(option, file, rangeTest);
        return file;
    }

    /**
     * Refuses to replace a file that is not a training log: one that holds anything and whose first
     * line does not start with an {@code epoch} column, as nntrain's and Keras' logs do (or, for
     * the range test, with {@code step,learning_rate}, as its own log does). A data set or some
     * other file given by mistake is then left alone.
     *
     * @param option the option and its value, for the message
     * @param file a regular file, a link to one, or a path that does not exist
     * @param rangeTest whether a range test's log may be replaced too
     * @throws InvalidInputException naming the file
     */
    static void checkReplaceable(String option, Path file, boolean rangeTest) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        byte[] start;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(4096);
        } catch (java.io.IOException e) {
            throw new InvalidInputException(option + ": cannot read the file there (" + dev.nntrain.InputFiles.reason(e)
                    + "), so cannot tell whether it is a training log to replace", e);
        }
        if (start.length == 0) {
            return;
        }
        String text = new String(start, java.nio.charset.StandardCharsets.UTF_8).replace("\uFEFF", "");
        int end = text.indexOf('\n');
        String first = (end < 0 ? text : text.substring(0, end)).strip();
        String column = first.split(",", -1)[0].strip();
        boolean log = column.equals("epoch") || rangeTest && first.startsWith("step,learning_rate");
        if (!log) {
            String shown = first.length() > 60 ? first.substring(0, 57) + "..." : first;
            throw new InvalidInputException(option + " is a file that is not a training log (its first line is \""
                    + shown.replaceAll("\\p{Cntrl}", "?") + "\"; a log's starts with the column epoch"
                    + (rangeTest ? ", or step,learning_rate" : "") + "); give another file name, or remove the file"
                    + " if it may go");
        }
    }

    /** Refuses an option that acts on epochs in a run of {@code --epochs 0}. */
    private static void refuseWithoutEpochs(String option, Object value, String what) {
        if (value != null) {
            throw new InvalidInputException(option + " " + value + " " + what + "; --epochs 0 trains none: leave out " + option);
        }
    }

    /**
     * Refuses data that cannot train a model, once it is read and before anything is built: a
     * classification set of a single class.
     *
     * @param sets the training and test examples
     * @throws InvalidInputException naming the data set
     */
    static void checkData(Datasets.TrainTest sets) {
        Examples train = sets.train();
        if (!train.isClassification()) {
            return;
        }
        float first = train.targets()[0];
        for (float t : train.targets()) {
            if (t != first) {
                return;
            }
        }
        String label = train.classNames().isEmpty() ? Integer.toString((int) first)
                : "\"" + train.classNames().get((int) first) + "\""; // as the file writes it
        throw new InvalidInputException(sets.name() + ": every training label is " + label
                + "; classification needs at least two classes (for real-valued targets use --regression)");
    }

    /**
     * Reads the training rows' sample weights from the CSV column {@code --sample-weight-column}
     * names, by 0-based index or header name; refused for MNIST-style data.
     */
    private static Datasets.Spec sampleWeights(String column, DataOptions options, Datasets.Spec data) {
        if (column == null) {
            return data;
        }
        if (!options.isCsv()) {
            throw new InvalidInputException("--sample-weight-column applies to CSV data only; " + options.dataset.trim()
                    + " has no column to read weights from (leave --sample-weight-column out)");
        }
        String given = column.trim();
        if (given.isEmpty() || given.matches("[+-]?\\d+") && !given.matches("\\d{1,9}")) {
            throw new InvalidInputException("--sample-weight-column '" + column + "' is neither a 0-based column index"
                    + " nor a column's name; expected e.g. 3, or weight");
        }
        dev.nntrain.data.csv.Csv csv = given.matches("\\d{1,9}") ? data.csv().sampleWeightColumn(Integer.parseInt(given))
                : data.csv().sampleWeightColumn(given);
        return new Datasets.Spec(data.spec(), data.dataDir(), data.download(), csv, data.testFraction(), data.seed(),
                data.validationSplit());
    }

    private static LayerSpec layers(List<String> tokens, Activation hidden, boolean csv, Regularizer regularizer) {
        LayerSpec spec = LayerSpec.parse(tokens, hidden, regularizer);
        if (csv && spec.input() == LayerSpec.Input.IMAGE) {
            throw new InvalidInputException(
                    "--layers: conv2d needs 28x28 images (mnist, fashion-mnist); a CSV has rows of numbers, use conv1d");
        }
        return spec;
    }

    private static Activation hiddenActivation(String name) {
        try {
            return Activation.parseHidden(name);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--activation: " + e.getMessage(), e);
        }
    }

    private static double validationSplit(Double fraction) {
        if (fraction == null) {
            return 0;
        }
        if (!(fraction > 0 && fraction < 1)) {
            throw new InvalidInputException("--validation-split must be in (0, 1), got " + fraction);
        }
        return fraction;
    }

    private static int patience(Integer patience, Double validationSplit) {
        if (patience == null) {
            return 0;
        }
        if (patience < 1) {
            throw new InvalidInputException("--early-stopping must be at least 1 epoch, got " + patience);
        }
        if (validationSplit == null) {
            throw new InvalidInputException("--early-stopping " + patience
                    + " watches the validation loss: add --validation-split FRACTION (the test set stays held out)");
        }
        return patience;
    }

    private static int threads(String threads) {
        if (threads.equalsIgnoreCase("auto")) {
            return 0;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            int n = Integer.parseInt(threads.trim());
            if (n >= 1 && n <= cores) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("--threads must be 1 to " + cores + " (the cores this machine has) or auto, got '"
                + threads + "'");
    }

    private static String safeName(String name) {
        String base = Path.of(name).getFileName().toString().replaceAll("\\.csv$", "");
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

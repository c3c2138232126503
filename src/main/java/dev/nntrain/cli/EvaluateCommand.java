package dev.nntrain.cli;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Datasets;
import dev.nntrain.data.Examples;
import dev.nntrain.data.Standardizer;
import dev.nntrain.data.ValidationSplit;
import dev.nntrain.plot.Charts;
import dev.nntrain.plot.ConfusionMatrixChart;
import dev.nntrain.plot.DigitGridChart;
import dev.nntrain.plot.RegressionChart;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.Mistakes;
import dev.nntrain.train.metric.ConfusionMatrix;
import dev.nntrain.train.metric.Evaluation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code nntrain evaluate}: a saved model's loss, accuracy (or mean absolute error), per-class
 * precision and recall, and confusion matrix.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, modelTransformer = EvaluateCommand.OwnHelp.class,
        description = "Evaluate a saved model on a data set's held-out examples.")
final class EvaluateCommand implements Callable<Integer> {

    /**
     * The options that say how to read a data set: without {@code --dataset} the model's own is
     * read as it was in training, so they are refused rather than silently passed over.
     */
    private static final List<String> READ_AS_TRAINED = List.of("--data-dir", "--download", "--regression",
            "--label-column", "--ignore-column", "--separator", "--header", "--drop-missing");

    /**
     * evaluate's help for the data options it shares with train: their defaults are the model's,
     * not train's, and --fill-missing is train's alone.
     */
    static final class OwnHelp implements picocli.CommandLine.IModelTransformer {
        @Override
        public picocli.CommandLine.Model.CommandSpec transform(picocli.CommandLine.Model.CommandSpec command) {
            describe(command, "--dataset", "mnist, fashion-mnist or csv:PATH (default: the data set the model was"
                    + " trained on, read as it was then: its file, label columns, separator, header, ignored columns).");
            describe(command, "--test-split", "CSV only: fraction held out for testing (default: the fraction the model"
                    + " was trained with, so that the test rows are the same; else 0.2).");
            for (String option : READ_AS_TRAINED) {
                picocli.CommandLine.Model.OptionSpec o = command.findOption(option);
                if (o != null && !option.equals("--data-dir") && !option.equals("--download")) {
                    String[] text = o.description().clone();
                    text[text.length - 1] = text[text.length - 1] + " With --dataset only: without it the model's data"
                            + " set is read as in training.";
                    describe(command, option, text);
                }
            }
            picocli.CommandLine.Model.OptionSpec fill = command.findOption("--fill-missing");
            if (fill != null) {
                command.remove(fill);
                command.addOption(picocli.CommandLine.Model.OptionSpec.builder(fill).hidden(true).build());
            }
            return command;
        }

        private static void describe(picocli.CommandLine.Model.CommandSpec command, String option, String... text) {
            picocli.CommandLine.Model.OptionSpec o = command.findOption(option);
            command.remove(o);
            command.addOption(picocli.CommandLine.Model.OptionSpec.builder(o).description(text).build());
        }
    }

    /** The most classes whose confusion matrix is printed as a table (columns of 6 characters). */
    static final int TABLE_CLASSES = 50;
    /** How many of the most frequent mistakes are listed instead, for more classes. */
    static final int MISTAKES_LISTED = 10;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SavedModelOptions model = new SavedModelOptions();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--split", paramLabel = "test|train|validation", defaultValue = "test",
            description = "Which rows: test, the held-out rows (default); train, the rows that trained the model"
                    + " (--validation-split's left out); validation, the rows --validation-split held out to validate"
                    + " on (a model trained with one, on the data set it was trained on).")
    String split;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of a CSV's train/test split (default: the one the model was trained with, else ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also write a PNG chart: a classifier's confusion matrix as a heat map, or a regression's"
                    + " predictions against the true values with the line y = x, MSE, MAE and R\u00b2 (one panel per"
                    + " output, at most " + RegressionChart.MAX_OUTPUTS + "); not for multi-label models.")
    Path plot;

    @Option(names = "--mistakes", paramLabel = "FILE.png",
            description = "Also draw the examples the model got wrong, the most confident first, as a PNG grid"
                    + " (image data sets: mnist, fashion-mnist).")
    Path mistakesPlot;

    /** The most mistakes --mistakes draws: ten rows of ten. */
    static final int MOST_MISTAKES_DRAWN = 100;

    @Option(names = "--mistakes-count", paramLabel = "N", defaultValue = "30",
            description = "How many mistakes --mistakes draws at most (default: ${DEFAULT-VALUE}; 1 to "
                    + MOST_MISTAKES_DRAWN + ").")
    int mistakesCount;

    @Override
    public Integer call() throws Exception {
        model.checkChartFile("--plot", plot);
        checkMistakesOptions();
        if (!split.equals("test") && !split.equals("train") && !split.equals("validation")) {
            throw new InvalidInputException("--split must be test, train or validation, got '" + split + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (CompiledModel net = model.load()) {
            if (data.given("--fill-missing")) {
                // the values are the training rows', recorded in the model: evaluate cannot choose others
                throw new InvalidInputException("--fill-missing applies to train: evaluate fills a missing value with the"
                        + " value model " + model.dir + " learnt from its training rows" + (net.featureColumns()
                                .map(dev.nntrain.data.csv.FeatureColumns::hasFills).orElse(false) ? ""
                                        : ", and it was trained without --fill-missing") + " (leave --fill-missing out)");
            }
            String dataNote = adoptRecordedData(net) ? ", the data set it was trained on" : "";
            if (!data.isCsv() && spec.commandLine().getParseResult().hasMatchedOption("--seed")) {
                throw new InvalidInputException("--seed applies to CSV data only (it splits the rows); "
                        + data.dataset.trim() + " comes split into training and test sets (leave --seed out)");
            }
            boolean regression = !net.loss().hasAccuracy();
            if (data.isCsv() && data.regression != regression) {
                throw new InvalidInputException(model.dir + " is " + (regression
                        ? "a regression (" + net.loss().name() + "): evaluate it with --regression"
                        : "a classifier (" + net.loss().name() + "): leave --regression out"));
            }
            // one sigmoid output is read as classes 0 and 1
            int classes = Math.max((int) net.model().outputShape()[0], 2);
            int drawable = ConfusionMatrixChart.maxClasses(ConfusionMatrixChart.DEFAULT_SIZE);
            if (plot != null && net.loss().hasAccuracy() && classes > drawable) {
                // refused before the data is read and the model run
                throw new InvalidInputException(String.format("--plot: model %s has %,d output classes;"
                        + " a confusion-matrix chart draws at most %d (leave --plot out: the mistakes are listed)",
                        model.dir, classes, drawable));
            }
            int outputs = (int) net.model().outputShape()[0];
            if (plot != null && regression && outputs > RegressionChart.MAX_OUTPUTS) {
                // refused before the data is read and the model run, as the classes above
                throw new InvalidInputException(String.format("--plot: model %s has %,d regression outputs;"
                        + " a predicted-against-true chart draws at most %d, one panel each (leave --plot out)",
                        model.dir, outputs, RegressionChart.MAX_OUTPUTS));
            }
            if (mistakesPlot != null && (regression || net.loss().predictionsPerExample(net.model().outputShape()[0]) > 1)) {
                throw new InvalidInputException("--mistakes draws a classifier's wrong classes; model " + model.dir
                        + (regression ? " is a regression" : " answers yes or no per output (multi-label)")
                        + " (leave --mistakes out)");
            }
            if (mistakesPlot != null && data.isCsv()) {
                throw new InvalidInputException("--mistakes draws images; " + data.dataset.trim()
                        + " has rows of features, not images (leave --mistakes out)");
            }
            String splitNote = data.isCsv() ? adoptRecordedSplit(net) : "";
            // a CSV's text labels are the model's classes, numbered as the model numbers them
            // and its categories as the same inputs, its ignored columns left out
            Datasets.Spec dataSpec = data.spec(seed).withClassNames(net.classNames())
                    .withFeatureColumns(net.featureColumns().orElse(null));
            checkIgnoredColumns(net, dataSpec);
            Datasets.TrainTest sets;
            try {
                sets = Datasets.load(dataSpec);
            } catch (dev.nntrain.data.DataFormatException e) {
                throw withLabelHint(e, net);
            }
            if (data.isCsv() && net.featureColumns().isEmpty() && sets.train().featureColumns()
                    .filter(c -> !c.namesOnly()).isPresent()) { // a header's names alone read as numbers
                throw new InvalidInputException(sets.name() + " has columns of text (" + sets.train().featureColumns()
                        .get().describe() + ") but model " + model.dir + " was trained on numbers alone; expected a"
                        + " file of numbers");
            }
            if (data.isCsv() && net.classNames().isEmpty() && !sets.classNames().isEmpty()) {
                throw new InvalidInputException(sets.name() + "'s labels are class names (" + sets.classNames().get(0)
                        + ", ...) but model " + model.dir + " was trained on class numbers; expected labels 0 to "
                        + (classes - 1));
            }
            Datasets.requireExamples(sets, dataSpec, !split.equals("test"), split.equals("test"));
            printMissing(out, sets);
            printFilled(out, sets, net.featureColumns(), "the model's training values");
            Examples examples = split.equals("test") ? sets.test() : sets.train();
            if (!split.equals("test")) {
                // the training part's last rows validated rather than trained, where the run held some out
                double recorded = recordedValidationSplit(net);
                boolean sameRows = !dataNote.isEmpty() && !splitNote.contains("differently");
                double held = sameRows ? recorded : 0;
                int all = examples.size();
                int trained = ValidationSplit.trainingRows(all, held);
                if (split.equals("validation") && trained == all) {
                    throw new InvalidInputException("--split validation: model " + model.dir + (recorded == 0
                            ? " was trained without --validation-split, so no rows validated it"
                            : " was validated on rows of the data set it was trained on, split as then; these are not"
                                    + " (leave out --dataset, --seed and --test-split)") + "; use test or train");
                }
                examples = split.equals("train") ? examples.slice(0, trained) : examples.slice(trained, all);
                if (trained < all) {
                    splitNote += split.equals("train")
                            ? ", the rows that trained: the last " + (all - trained) + " validated (--validation-split " + held + ")"
                            : ", the training part's last rows, which --validation-split " + held + " held out";
                }
            }
            boolean matrix = examples.isClassification() && examples.targetWidth() == 1;
            boolean scatter = regression && !examples.isClassification();
            if (plot != null && !matrix && !scatter) {
                throw new InvalidInputException("--plot draws a classifier's confusion matrix or a regression's"
                        + " predictions against the true values; " + sets.name() + " has "
                        + (regression ? "class labels for regression model " + model.dir
                                : "multi-label targets (several yes/no outputs)") + " (leave --plot out)");
            }
            Optional<Standardizer> scaling = net.inputScaling(); // evaluate applies it, as train did
            if (scaling.isPresent()) {
                // only to name a value that would scale past a float's range by its file and column
                scaling.get().check(examples, j -> dataSpec.featureName(j, net.featureColumns()));
            }
            Evaluation e = net.evaluate(examples);
            out.printf("Model %s on %s (%s, %,d examples%s%s%s)%n", model.dir, sets.name(), split, e.count(),
                    dataNote, splitNote, scaling.isPresent() ? ", features standardised as in training" : "");
            // the model's names where it has them (fit and evaluate refuse data that names them otherwise)
            List<String> names = net.classNames().isEmpty() ? namedClasses(sets.classNames()) : net.classNames();
            printClasses(out, names);
            printOutputs(out, net.outputNames());
            out.printf("Loss: %.4f%n", e.loss());
            if (!Double.isNaN(e.accuracy())) {
                out.printf("Accuracy: %.4f%n", e.accuracy());
            }
            if (!Double.isNaN(e.meanAbsoluteError())) {
                out.printf("Mean absolute error: %.4f%n", e.meanAbsoluteError());
            }
            if (e.precision().length > 0) {
                out.println("Per-class precision and recall:");
                out.print(e.formatPrecisionRecall("class", names.size() == e.precision().length ? names : List.of()));
            }
            if (matrix) {
                printConfusion(out, net, examples, classes, names);
            }
            if (scatter && plot != null) {
                drawRegression(out, net, examples);
            }
            if (mistakesPlot != null) {
                drawMistakes(out, net, examples, names);
            }
        }
        return 0;
    }

    /**
     * The class names worth printing: those of a data set whose classes have names of their own
     * (Fashion-MNIST's), none where they are the labels' numbers (MNIST's digits) or absent (a CSV).
     */
    static List<String> namedClasses(List<String> names) {
        for (int c = 0; c < names.size(); c++) {
            if (!names.get(c).equals(Integer.toString(c))) {
                return names;
            }
        }
        return List.of();
    }

    /**
     * Checks --ignore-column (given, or replayed from the training run) against the model's
     * columns: evaluate reads a file as the model was trained to, so it can only repeat them.
     */
    private void checkIgnoredColumns(CompiledModel net, Datasets.Spec dataSpec) {
        List<String> given = new java.util.ArrayList<>(dataSpec.csv().ignoredColumnNames());
        dataSpec.csv().ignoredColumnIndices().forEach(index -> given.add(Integer.toString(index)));
        for (String column : given) {
            boolean ignored = false;
            if (net.featureColumns().isPresent()) {
                List<dev.nntrain.data.csv.FeatureColumns.Column> columns = net.featureColumns().get().columns();
                if (column.matches("\\d+")) {
                    int index = Integer.parseInt(column);
                    for (int feature = 0; feature < columns.size(); feature++) {
                        ignored |= dataSpec.fileColumn(feature) == index
                                && columns.get(feature).kind() == dev.nntrain.data.csv.FeatureColumns.Kind.IGNORED;
                    }
                } else {
                    ignored = columns.stream().anyMatch(c -> c.name().equals(column)
                            && c.kind() == dev.nntrain.data.csv.FeatureColumns.Kind.IGNORED);
                }
            }
            if (!ignored) {
                throw new InvalidInputException("--ignore-column " + column + ": model " + model.dir + " was trained"
                        + net.featureColumns().map(c -> " on columns " + c.describe()).orElse(" on numbers alone")
                        + ", where it is not ignored; evaluate reads the columns as the model was trained to"
                        + " (leave --ignore-column out)");
            }
        }
    }

    /**
     * Prints how a CSV's columns become the model's inputs, where any is a category or ignored,
     * or filled in; not a header's names alone, for columns of numbers read as written.
     *
     * @param out where to print
     * @param columns the model's columns, if any
     */
    static void printFeatureColumns(PrintWriter out, Optional<dev.nntrain.data.csv.FeatureColumns> columns) {
        columns.filter(c -> !c.namesOnly()).ifPresent(c -> out.printf(
                "Feature columns (%d inputs, categories one-hot): %s%n", c.width(), c.describe()));
    }

    /**
     * Says which rows of a CSV file --drop-missing left out, where it left out any.
     *
     * @param out where to print
     * @param sets the data set as read
     */
    static void printMissing(PrintWriter out, Datasets.TrainTest sets) {
        List<Integer> lines = sets.missing();
        if (!lines.isEmpty()) {
            String shown = lines.subList(0, Math.min(10, lines.size())).stream().map(String::valueOf)
                    .collect(Collectors.joining(", "));
            out.printf("Left out %,d row%s of %s with a missing value (--drop-missing): line%s %s%s%n", lines.size(),
                    lines.size() == 1 ? "" : "s", sets.name(), lines.size() == 1 ? "" : "s", shown,
                    lines.size() > 10 ? ", ..." : "");
        }
    }

    /**
     * Says which values filled in a CSV file's missing cells and how many, where any were.
     *
     * @param out where to print
     * @param sets the data set as read
     * @param columns the columns with their fill values
     * @param whose whose values they are, e.g. {@code the training rows' mean}
     */
    static void printFilled(PrintWriter out, Datasets.TrainTest sets, Optional<dev.nntrain.data.csv.FeatureColumns> columns,
            String whose) {
        int cells = sets.filled().stream().mapToInt(Integer::intValue).sum();
        if (cells > 0 && columns.isPresent()) {
            out.printf("Missing values filled in (%,d cell%s of %s) with %s: %s%n", cells, cells == 1 ? "" : "s",
                    sets.name(), whose, columns.get().describeFills(sets.filled()));
        }
    }

    /** Prints a regression's outputs' numbers and names, {@code Outputs: 0 bmi, 1 bp}, where they have names. */
    static void printOutputs(PrintWriter out, List<String> names) {
        if (!names.isEmpty()) {
            out.println("Outputs: " + IntStream.range(0, names.size()).mapToObj(o -> o + " " + names.get(o))
                    .collect(Collectors.joining(", ")));
        }
    }

    /** Prints the classes' numbers and names, {@code Classes: 0 setosa, 1 versicolor}, where they have names. */
    static void printClasses(PrintWriter out, List<String> names) {
        if (!names.isEmpty()) {
            out.println("Classes: " + IntStream.range(0, names.size()).mapToObj(c -> c + " " + names.get(c))
                    .collect(Collectors.joining(", ")));
        }
    }

    /** Checks --mistakes and --mistakes-count before any data is read or model loaded. */
    private void checkMistakesOptions() {
        boolean countGiven = spec.commandLine().getParseResult().hasMatchedOption("--mistakes-count");
        if (countGiven && mistakesPlot == null) {
            throw new InvalidInputException("--mistakes-count " + mistakesCount
                    + " says how many mistakes --mistakes draws; give --mistakes FILE.png too, or leave it out");
        }
        if (mistakesCount < 1 || mistakesCount > MOST_MISTAKES_DRAWN) {
            throw new InvalidInputException("--mistakes-count must be 1 to " + MOST_MISTAKES_DRAWN + ", got "
                    + mistakesCount);
        }
        model.checkChartFile("--mistakes", mistakesPlot);
        if (mistakesPlot != null && plot != null
                && OutputPaths.resolved(mistakesPlot).equals(OutputPaths.resolved(plot))) {
            throw new InvalidInputException("--mistakes and --plot both name " + plot
                    + "; expected two files (the second would replace the first)");
        }
    }

    /**
     * Draws a regression's predictions against the true values, as --plot asks, and prints the
     * chart's scores (computed on the host from the predictions, beside the engine's loss).
     */
    private void drawRegression(PrintWriter out, CompiledModel net, Examples examples) throws IOException {
        float[][] truth = examples.targetRows();
        float[][] predicted = net.predict(examples.featureRows());
        List<String> outputs = net.outputNames();
        Charts.writePng(RegressionChart.render(truth, predicted, outputs), plot);
        List<String> scores = RegressionChart.scores(truth, predicted);
        for (int o = 0; o < scores.size(); o++) {
            out.println((scores.size() == 1 ? "Predicted against true: "
                    : "Output " + o + (outputs.isEmpty() ? "" : " (" + outputs.get(o) + ")") + ": ") + scores.get(o));
        }
        out.println("Regression chart written to " + plot);
    }

    /** Draws the most confident mistakes, as --mistakes asks. */
    private void drawMistakes(PrintWriter out, CompiledModel net, Examples examples, List<String> names)
            throws IOException {
        Mistakes mistakes = Mistakes.of(net, examples);
        Charts.writePng(DigitGridChart.mistakes(mistakes, examples, mistakesCount, names), mistakesPlot);
        int shown = Math.min(mistakesCount, mistakes.count());
        out.printf("Mistakes: %,d of %,d; the %d most confident drawn to %s%n", mistakes.count(), mistakes.examples(),
                shown, mistakesPlot);
    }

    /**
     * Without {@code --dataset}, takes the data options of the run that trained the model, as it
     * recorded them (the data set, read as it was then: label column, regression), keeping only
     * the test fraction given here.
     *
     * @return whether the model recorded its training data and this command now reads it
     */
    private boolean adoptRecordedData(CompiledModel net) {
        Optional<TrainCommand> recordedRun = RecordedTraining.of(net.model().properties());
        if (recordedRun.isEmpty() || data.given("--dataset")) {
            return false;
        }
        DataOptions given = data;
        data = recordedRun.get().data;
        for (String option : READ_AS_TRAINED) {
            if (given.given(option)) {
                throw new InvalidInputException(option + " goes with --dataset: without one, " + model.dir
                        + " is evaluated on the data set it was trained on, " + data.dataset.trim() + ", read as then");
            }
        }
        if (given.given("--test-split")) {
            data.testSplit = given.testSplit;
        }
        Path recordedPath = data.isCsv() ? Path.of(Datasets.csvFile(data.dataset).orElseThrow()) : data.dataDir;
        if (recordedPath != null && !Files.exists(recordedPath)) {
            throw new InvalidInputException(model.dir + " was trained on " + recordedPath
                    + ", which does not exist now (the path is the one it was trained with); name the data with"
                    + " --dataset");
        }
        return true;
    }

    /**
     * A file that does not read as the model's data, where the model was trained with a label column
     * of its own and none is given now: the likely cause, named after the file's complaint.
     */
    private RuntimeException withLabelHint(dev.nntrain.data.DataFormatException e, CompiledModel net) {
        Optional<TrainCommand> run = RecordedTraining.of(net.model().properties());
        String trained = run.map(r -> r.data.labelColumn.trim()).orElse("-1");
        if (data.given("--label-column") || trained.equals("-1")) { // -1: the last column, the default
            return e;
        }
        return new dev.nntrain.data.DataFormatException(e.getMessage() + " (model " + model.dir
                + " was trained with --label-column " + trained + "; give it with --dataset)", e);
    }

    /**
     * The fraction of the training rows the model's run held out to validate on, 0 without one.
     */
    private static double recordedValidationSplit(CompiledModel net) {
        Optional<TrainCommand> run = RecordedTraining.of(net.model().properties());
        if (run.isEmpty() || run.get().validationSplit == null) {
            return 0;
        }
        return run.get().validationSplit;
    }

    /**
     * Splits a CSV's rows as the training run did (its seed and test fraction), unless
     * {@code --seed} or {@code --test-split} say otherwise.
     *
     * @return a note on whether the rows are split as in training, or "" when the model recorded
     *     no split
     */
    private String adoptRecordedSplit(CompiledModel net) {
        Optional<Datasets.CsvSplit> recorded = Datasets.CsvSplit.readFrom(net.model().properties());
        if (recorded.isEmpty()) {
            return "";
        }
        Datasets.CsvSplit trained = recorded.get();
        seed = spec.commandLine().getParseResult().hasMatchedOption("--seed") ? seed : trained.seed();
        boolean fractionGiven = spec.commandLine().getParseResult().hasMatchedOption("--test-split");
        data.testSplit = fractionGiven ? data.testSplit : trained.testFraction();
        return seed == trained.seed() && data.testSplit == trained.testFraction()
                ? ", rows split as in training"
                : ", rows split differently from training: some trained the model";
    }

    /**
     * Prints the confusion matrix, or for more than {@value #TABLE_CLASSES} classes the most
     * frequent mistakes, and draws the chart when {@code --plot} asks.
     */
    private void printConfusion(PrintWriter out, CompiledModel net, Examples examples, int classes, List<String> names)
            throws IOException {
        int[] predicted = net.predictClasses(examples.featureRows());
        if (classes <= TABLE_CLASSES) {
            ConfusionMatrix m = ConfusionMatrix.of(classes, examples.labels(), predicted);
            out.println("Confusion matrix (rows: true class, columns: predicted; accuracy = recall):");
            out.print(m.format(names.size() == classes ? names : List.of()));
            if (plot != null) {
                // the chart names the classes where they have names (Fashion-MNIST's articles)
                Charts.writePng(ConfusionMatrixChart.of(m, names.size() == classes ? names : null,
                        ConfusionMatrixChart.DEFAULT_SIZE), plot);
                out.println("Confusion matrix chart written to " + plot);
            }
        } else {
            // a table of classes x classes would neither fit on a screen nor in memory (65,536
            // classes: 32 GB); the mistakes themselves are at most one per example
            List<ConfusionMatrix.Confusion> mistakes =
                    ConfusionMatrix.topConfusions(examples.labels(), predicted, MISTAKES_LISTED);
            out.printf("Confusion matrix: not shown for %,d classes (at most %d are); the most frequent"
                    + " mistakes (true class -> predicted: examples):%n", classes, TABLE_CLASSES);
            if (mistakes.isEmpty()) {
                out.println("  none");
            }
            for (ConfusionMatrix.Confusion c : mistakes) {
                out.printf("  %d -> %d: %,d%n", c.actual(), c.predicted(), c.count());
            }
            if (plot != null) {
                Charts.writePng(ConfusionMatrixChart.of(
                        ConfusionMatrix.of(classes, examples.labels(), predicted)), plot);
                out.println("Confusion matrix chart written to " + plot);
            }
        }
    }
}

package dev.nntrain.cli;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Datasets;
import dev.nntrain.data.csv.Csv;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The options that choose a data set, shared by the commands that read one. */
final class DataOptions {

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist",
            description = "mnist, fashion-mnist or csv:PATH (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory of the four IDX files (default: the subset inside nntrain's jar for mnist,"
                    + " /usr/share/datasets/fashion-mnist for fashion-mnist).")
    Path dataDir;

    @Option(names = "--download",
            description = "Use DJL's remote repository (full MNIST or Fashion-MNIST; needs a network).")
    boolean download;

    @Option(names = "--regression", description = "CSV only: the label column is a real-valued target (MSE loss).")
    boolean regression;

    @Option(names = "--label-column", paramLabel = "N|NAME[,...]", defaultValue = "-1",
            description = "CSV only: the label column, by 0-based index or by its name in the header row"
                    + " (default: the last). Several, separated by commas: a multi-label file's yes/no (0/1)"
                    + " columns, one sigmoid output each, or with --regression several values to predict.")
    String labelColumn;

    @Option(names = "--ignore-column", paramLabel = "N|NAME", split = ",",
            description = "CSV only: a column the model does not see (an id, free text), by 0-based index or header"
                    + " name; repeat it or separate several with commas. A column of text is otherwise a category,"
                    + " one-hot encoded.")
    java.util.List<String> ignoredColumns = new java.util.ArrayList<>();

    @picocli.CommandLine.Mixin
    CsvSyntaxOptions syntax = new CsvSyntaxOptions();

    @Option(names = "--drop-missing",
            description = "CSV only: leave out the rows with a missing value (empty, NA, N/A, NaN, null, None, ?) in a"
                    + " column that is read, and say how many; without it such a row is refused.")
    boolean dropMissing;

    @Option(names = "--fill-missing", paramLabel = "mean|median|most_frequent",
            description = "CSV only, train only: fill in a missing feature value with its column's mean, median or"
                    + " most frequent value among the rows that train, --validation-split's left out (a column of"
                    + " text: its most frequent category),"
                    + " as scikit-learn's SimpleImputer; the values are saved with the model, and evaluate and predict"
                    + " fill with them. A missing label is refused, or its row left out with --drop-missing.")
    String fillMissing;

    @Option(names = "--test-split", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "CSV only: fraction held out for testing (default: ${DEFAULT-VALUE}).")
    double testSplit;

    /** The command this mixin belongs to, to tell options given from defaults. */
    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec command;

    Datasets.Spec spec(long seed) {
        checkApplies();
        if (!(testSplit > 0 && testSplit < 1)) {
            throw new InvalidInputException("--test-split must be in (0, 1), got " + testSplit);
        }
        return new Datasets.Spec(dataset, dataDir, download, csv(), testSplit, seed);
    }

    /** How the CSV file is read, as the options say: each option checked once, here. */
    private Csv csv() {
        Csv csv = syntax.applyTo(Csv.of(regression ? Csv.Task.REGRESSION : Csv.Task.CLASSIFICATION));
        List<Integer> labels = labelIndices();
        if (!labels.isEmpty()) {
            csv = csv.labelColumns(labels.stream().mapToInt(Integer::intValue).toArray());
        }
        for (String column : ignoredColumns()) {
            csv = column.matches("\\d{1,9}") ? csv.ignoreColumns(Integer.parseInt(column)) : csv.ignoreColumns(column);
        }
        if (fillMissing != null) {
            try {
                csv = csv.fillMissing(Csv.Fill.named(fillMissing));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--fill-missing " + e.getMessage(), e);
            }
        }
        return dropMissing ? csv.dropMissing() : csv;
    }

    /** @return whether --label-column names several columns: several targets per example */
    boolean severalLabels() {
        return labelColumn.contains(",");
    }

    /**
     * The label columns' indices: each of --label-column's comma-separated items as a number or
     * as the column of the CSV's header it names; empty for the last column.
     */
    private List<Integer> labelIndices() {
        if (!severalLabels()) {
            int index = labelIndex(labelColumn);
            return index < 0 ? List.of() : List.of(index);
        }
        List<Integer> indices = new java.util.ArrayList<>();
        for (String item : labelColumn.split(",", -1)) {
            int index = labelIndex(item);
            if (index < 0) {
                throw new InvalidInputException("--label-column '" + labelColumn + "': -1 (the last column) cannot be one"
                        + " of several; give each column's index or name");
            }
            if (indices.contains(index)) {
                throw new InvalidInputException("--label-column '" + labelColumn + "' names column " + index + " twice");
            }
            indices.add(index);
        }
        return indices;
    }

    /** The --ignore-column values, each a 0-based index or a name, trimmed. */
    private java.util.List<String> ignoredColumns() {
        java.util.List<String> columns = new java.util.ArrayList<>();
        for (String given : ignoredColumns) {
            String column = given.trim();
            if (column.isEmpty() || column.matches("[+-]?\\d+") && !column.matches("\\d{1,9}")) {
                throw new InvalidInputException("--ignore-column '" + given + "' is neither a 0-based column index"
                        + " nor a column's name; expected e.g. 0, or year");
            }
            columns.add(column);
        }
        return columns;
    }

    /**
     * The label column's index: {@code --label-column} as a number, or the column of the CSV's
     * header that it names, found as the file is read for it (the data's other messages name the
     * column by its number, which a name is turned into here, once).
     */
    private int labelIndex(String item) {
        String given = item.trim();
        if (given.matches("[+-]?\\d{1,9}")) {
            int index = Integer.parseInt(given);
            if (index < -1) {
                throw new InvalidInputException(
                        "--label-column must be a 0-based column index, or -1 for the last column, got " + index);
            }
            return index;
        }
        if (given.isEmpty() || !isCsv()) {
            throw new InvalidInputException("--label-column '" + item + "' is neither a 0-based column index"
                    + " nor a column's name; expected e.g. 0, or species");
        }
        try {
            return syntax.applyTo(Csv.classification()).labelColumn(given)
                    .labelColumnIndex(Path.of(Datasets.csvFile(dataset).orElseThrow()));
        } catch (dev.nntrain.data.DataFormatException e) {
            throw new InvalidInputException("--label-column '" + given + "': " + e.getMessage(), e);
        }
    }

    /** @return whether the data set is a CSV file */
    boolean isCsv() {
        return Datasets.csvFile(dataset).isPresent();
    }

    /**
     * Refuses options that the chosen data set would silently ignore: the CSV-only options with
     * MNIST-style data, the IDX options with a CSV file, and --download with --data-dir.
     */
    private void checkApplies() {
        if (isCsv()) {
            if (Datasets.csvFile(dataset).orElseThrow().isEmpty()) {
                throw new InvalidInputException("--dataset csv: needs a file path after 'csv:', e.g. csv:data/roasts.csv");
            }
            for (String option : new String[] {"--data-dir", "--download"}) {
                if (given(option)) {
                    throw new InvalidInputException(option + " applies to mnist and fashion-mnist only; "
                            + dataset.trim() + " is read from its path (leave " + option + " out)");
                }
            }
            return;
        }
        for (String option : new String[] {"--regression", "--label-column", "--ignore-column", "--separator",
                "--header", "--drop-missing", "--fill-missing", "--test-split", "--no-normalize"}) {
            if (given(option)) {
                throw new InvalidInputException(option + " applies to CSV data only; " + dataset.trim()
                        + " comes split into training and test sets with class labels (leave " + option + " out)");
            }
        }
        if (download && dataDir != null) {
            throw new InvalidInputException("--download and --data-dir " + dataDir + " exclude each other:"
                    + " --download reads DJL's repository, --data-dir a local directory");
        }
    }

    /**
     * Says whether an option was given on the command line rather than left at its default.
     *
     * @param option the option's name
     * @return whether it was given
     */
    boolean given(String option) {
        return command != null && command.commandLine() != null && command.commandLine().getParseResult() != null
                && command.commandLine().getParseResult().hasMatchedOption(option);
    }
}

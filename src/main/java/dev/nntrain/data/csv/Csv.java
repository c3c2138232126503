package dev.nntrain.data.csv;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.DataFormatException;
import dev.nntrain.data.Datasets;
import dev.nntrain.data.Examples;
import dev.nntrain.data.ValidationSplit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a CSV file into {@link Examples}: feature columns of numbers or of text, and one label
 * column (or several).
 *
 * <p>Settings are immutable and chained:
 *
 * <pre>{@code
 * Examples iris = Csv.classification().labelColumn("species").read(Path.of("iris.csv"));
 * Examples penguins = Csv.classification().labelColumn("species").ignoreColumns("year").read(Path.of("penguins.csv"));
 * Examples houses = Csv.regression().separator(';').read(Path.of("houses.csv"));
 * }</pre>
 *
 * <ul>
 *   <li>The label is the last column unless {@link #labelColumn(int)} or
 *       {@link #labelColumn(String)} picks another; every other column is a feature, unless
 *       {@link #ignoreColumns(String...)} leaves it out. Several label columns
 *       ({@link #labelColumns(String...)}) are a multi-label classification's yes/no (0/1)
 *       answers, the classes named by the header, or a regression's several values, named by
 *       the header too ({@link Examples#targetNames()}).
 *   <li>A header row is detected automatically: the first non-blank row is a header when none of
 *       its cells is a number (one whose name is also a class or a category of its column is
 *       refused: it is data). {@link #header(boolean)} overrides the detection.
 *   <li>A feature column whose first data row holds text is categorical: one-hot encoded, one
 *       0/1 input per distinct text in sorted order, and the examples carry how
 *       ({@link Examples#featureColumns()}), as they carry a header's names for columns of
 *       numbers; {@link #featureColumns(FeatureColumns)} reads a new file as a trained model's
 *       columns say, refusing a header that orders or names them otherwise. A column of text and
 *       numbers (a typo in a column of numbers, or a header that names a column by a number), a
 *       missing value ({@code NA}, {@code ?}, an empty cell) and a column with a different text
 *       in most rows (an id) are refused, naming lines; {@link #dropMissing()} leaves out the
 *       rows with a missing value, {@link #fillMissing(Fill)} fills a missing feature in with its
 *       column's mean, median or most frequent value (a category column's most frequent category).
 *   <li>Blank lines are skipped; cells are trimmed; a cell may be double-quoted (with
 *       {@code ""} for a quote inside), which also allows the separator inside a header name.
 *   <li>Classification labels are class numbers or class names. Numbers must be whole, from 0
 *       to {@code MAX_CLASSES - 1}, exactly as written ({@code 2}, {@code 2.0} and {@code 2e0}
 *       are class 2; {@code 0.99999999} is no class, though it rounds to 1 as a float); the
 *       number of classes is {@code max + 1}. When the first data row's label is not a number
 *       ({@code setosa}), every label is a class name: the classes are the distinct names in
 *       sorted order ({@link String#compareTo}, as scikit-learn's {@code LabelEncoder} numbers
 *       them), and the examples carry them ({@link Examples#classNames()}).
 *       {@link #classNames(List)} gives the names and their order instead, as a trained model
 *       knows them. Regression targets may be any finite number.
 * </ul>
 *
 * <p>The file is opened by {@code CsvFiles} (encodings, sizes), lines are split by
 * {@code CsvCells}, and the feature columns read by {@code FeatureColumnReader}.
 *
 * <p>Every problem is a {@link DataFormatException} whose message names the file and the 1-based
 * line number, e.g. {@code data.csv: line 7 has 3 columns; expected 4}.
 */
public final class Csv {

    /** What the label column holds. */
    public enum Task {
        /** Integer class indices {@code >= 0}. */
        CLASSIFICATION,
        /** Real-valued targets. */
        REGRESSION
    }

    /**
     * The most classes a CSV may have: labels are class indices below this. The output layer has
     * one unit per class, so a stray large number in the label column would otherwise build an
     * output of millions of units.
     */
    public static final int MAX_CLASSES = 1 << 16;

    /**
     * How {@link #fillMissing(Fill)} fills in a missing value of a column of numbers, by
     * scikit-learn's {@code SimpleImputer} names; a column of categories takes its most frequent
     * category whichever is chosen.
     */
    public enum Fill {
        /** The mean of the column's values ({@code strategy="mean"}). */
        MEAN,
        /** The median: the middle value, or the mean of the two middle ones ({@code strategy="median"}). */
        MEDIAN,
        /** The most frequent value, the smallest of those as frequent ({@code strategy="most_frequent"}). */
        MOST_FREQUENT;

        /** @return scikit-learn's name: {@code mean}, {@code median} or {@code most_frequent} */
        public String sklearnName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * Finds a strategy by its scikit-learn name, in any case.
         *
         * @param name {@code mean}, {@code median} or {@code most_frequent}
         * @return the strategy
         * @throws InvalidInputException for another name, naming those known
         */
        public static Fill named(String name) {
            Objects.requireNonNull(name, "name");
            for (Fill fill : values()) {
                if (fill.sklearnName().equalsIgnoreCase(name.trim())) {
                    return fill;
                }
            }
            throw new InvalidInputException("'" + name + "' is not a way to fill in missing values; expected mean,"
                    + " median or most_frequent");
        }
    }
    // The settings: each method that changes one returns a changed copy, and no copy changes
    // once returned, so that a Csv is immutable to its users.
    private Task task;
    private char separator = ',';
    private List<Integer> labelIndices = List.of(); // empty: the last column, unless labelNames are set
    private List<String> labelNames = List.of();
    private Boolean header; // null: detect
    private List<String> classNames; // null: numbers, or names sorted as read
    private FeatureColumns featureColumns; // null: found from the first data row
    private List<Integer> ignoredIndices = List.of();
    private List<String> ignoredNames = List.of();
    private boolean dropMissing;
    private Fill fill; // null: a missing feature is refused, or its row dropped
    private Integer weightIndex; // the sample weight column by index, or null
    private String weightName; // or by header name, or null

    private Csv(Task task) {
        this.task = task;
    }

    /** A copy of these settings, to change one of them before it is returned. */
    private Csv copy() {
        Csv copy = new Csv(task);
        copy.separator = separator;
        copy.labelIndices = labelIndices;
        copy.labelNames = labelNames;
        copy.header = header;
        copy.classNames = classNames;
        copy.featureColumns = featureColumns;
        copy.ignoredIndices = ignoredIndices;
        copy.ignoredNames = ignoredNames;
        copy.dropMissing = dropMissing;
        copy.fill = fill;
        copy.weightIndex = weightIndex;
        copy.weightName = weightName;
        return copy;
    }

    /** @return settings for integer class labels in the last column, comma-separated */
    public static Csv classification() {
        return new Csv(Task.CLASSIFICATION);
    }

    /** @return settings for real-valued targets in the last column, comma-separated */
    public static Csv regression() {
        return new Csv(Task.REGRESSION);
    }

    /**
     * Returns settings for the given task.
     *
     * @param task classification or regression
     * @return settings with the label in the last column, comma-separated
     */
    public static Csv of(Task task) {
        Objects.requireNonNull(task, "task");
        return new Csv(task);
    }

    /**
     * Uses another separator, e.g. {@code ';'} or {@code '\t'}.
     *
     * @param separator the character between cells; not {@code "} or a line break
     * @return new settings
     */
    public Csv separator(char separator) {
        if (separator == '"' || separator == '\n' || separator == '\r') {
            throw new InvalidInputException("cannot use " + (int) separator + " as separator");
        }
        Csv copy = copy();
        copy.separator = separator;
        return copy;
    }

    /**
     * Takes the label from the column at this index.
     *
     * @param index the 0-based column index
     * @return new settings
     */
    public Csv labelColumn(int index) {
        return labelColumns(index);
    }

    /**
     * Takes the targets from several columns, in this order: a multi-label classification's
     * yes/no answers, each column's labels 0 or 1 (Keras' sigmoid outputs with binary
     * cross-entropy), or a regression's several values.
     *
     * @param indices the 0-based column indices, distinct, at least one
     * @return new settings
     */
    public Csv labelColumns(int... indices) {
        Objects.requireNonNull(indices, "indices");
        List<Integer> list = new ArrayList<>();
        for (int index : indices) {
            if (index < 0) {
                throw new InvalidInputException("label column index must be >= 0, got " + index);
            }
            if (list.contains(index)) {
                throw new InvalidInputException("label column " + index + " is given twice");
            }
            list.add(index);
        }
        if (list.isEmpty()) {
            throw new InvalidInputException("no label column given; expected at least one");
        }
        Csv copy = copy();
        copy.labelIndices = List.copyOf(list);
        copy.labelNames = List.of();
        return copy;
    }

    /**
     * Takes the targets from several columns by their header names, as {@link #labelColumns(int...)}.
     *
     * @param names the columns' names in the header (compared after trimming, case-sensitive)
     * @return new settings
     */
    public Csv labelColumns(String... names) {
        Objects.requireNonNull(names, "names");
        List<String> list = new ArrayList<>();
        for (String name : names) {
            String trimmed = Objects.requireNonNull(name, "name").trim();
            if (list.contains(trimmed)) {
                throw new InvalidInputException("label column \"" + trimmed + "\" is given twice");
            }
            list.add(trimmed);
        }
        if (list.isEmpty()) {
            throw new InvalidInputException("no label column given; expected at least one");
        }
        Csv copy = copy();
        copy.labelIndices = List.of();
        copy.labelNames = List.copyOf(list);
        return copy;
    }

    /**
     * Takes the label from the column with this header name; the file must have a header row.
     *
     * @param name the column's name in the header (compared after trimming, case-sensitive)
     * @return new settings
     */
    public Csv labelColumn(String name) {
        Objects.requireNonNull(name, "name");
        return labelColumns(name);
    }

    /**
     * Says whether the file has a header row instead of detecting it.
     *
     * @param present {@code true} if the first non-blank row is a header
     * @return new settings
     */
    public Csv header(boolean present) {
        Csv copy = copy();
        copy.header = present;
        return copy;
    }

    /**
     * Reads the label column as these class names: label {@code names.get(c)} is class {@code c},
     * whether or not every class occurs in the file, and a label that is not among them is
     * refused with its line. This is how a model's own names read a new file: sorting the names
     * a file happens to hold would number them differently when one is missing.
     *
     * @param names each class's name by class number, distinct and non-blank
     * @return new settings
     * @throws InvalidInputException for regression settings, or a blank or repeated name
     */
    public Csv classNames(List<String> names) {
        Objects.requireNonNull(names, "names");
        if (task != Task.CLASSIFICATION) {
            throw new InvalidInputException("class names are for classification; these settings read regression targets");
        }
        List<String> copy = Examples.checkedClassNames(names); // before any file is read
        if (copy.isEmpty()) {
            throw new InvalidInputException("no class names given; expected one name per class");
        }
        Csv settings = copy();
        settings.classNames = copy;
        return settings;
    }

    /**
     * Reads the feature columns as these: a trained model's, so that a new file's categories
     * become the same inputs in the same order as in training, whichever of them it holds. A
     * category that is not among a column's is refused with its line, as is a file whose header
     * names the columns otherwise or that has another number of them. The ignored columns are
     * optional: a file may hold them or leave them out (with a header, any of them; without one,
     * all of them), as new rows have no id or sample weight.
     *
     * @param columns the columns, as {@link Examples#featureColumns()} gives them
     * @return new settings
     */
    public Csv featureColumns(FeatureColumns columns) {
        Objects.requireNonNull(columns, "columns");
        Csv copy = copy();
        copy.featureColumns = columns;
        return copy;
    }

    /**
     * Leaves columns out: the model does not see them (an id, a free-text note, a column that
     * would give away the label). Adds to any columns ignored before.
     *
     * @param indices the columns' 0-based indices in the file
     * @return new settings
     */
    public Csv ignoreColumns(int... indices) {
        Objects.requireNonNull(indices, "indices");
        List<Integer> all = new ArrayList<>(ignoredIndices);
        for (int index : indices) {
            if (index < 0) {
                throw new InvalidInputException("an ignored column's index must be >= 0, got " + index);
            }
            all.add(index);
        }
        Csv copy = copy();
        copy.ignoredIndices = List.copyOf(all);
        return copy;
    }

    /**
     * Leaves columns out by their header names; the file must have a header row. See
     * {@link #ignoreColumns(int...)}.
     *
     * @param names the columns' names in the header (compared after trimming, case-sensitive)
     * @return new settings
     */
    public Csv ignoreColumns(String... names) {
        Objects.requireNonNull(names, "names");
        List<String> all = new ArrayList<>(ignoredNames);
        for (String name : names) {
            all.add(Objects.requireNonNull(name, "name").trim());
        }
        Csv copy = copy();
        copy.ignoredNames = List.copyOf(all);
        return copy;
    }

    /**
     * Reads each row's sample weight from this column, as scikit-learn's and Keras' {@code
     * sample_weight} is often kept beside the features: the model does not see it (it is recorded
     * among the feature columns as an ignored one, so that a file read with a trained model's
     * columns reads past it, or may leave it out); {@link #readAndReport(Path)} returns every row's weight ({@link
     * Reading#sampleWeights()}) and {@link #readSplit(Path, double, long, double)} the training
     * rows' weights in their order ({@link SplitReading#sampleWeights()}), while {@link
     * #read(Path)}, which returns the examples alone, checks them and drops them. Its cells must
     * be finite numbers {@code >= 0}; a missing one is refused, naming its line, or its row left
     * out with {@link #dropMissing()}. The column may be neither a label column nor an ignored one.
     * Only a labelled file's reading takes it; {@link #readFeatures(Path)} does not.
     *
     * @param index the column's 0-based index in the file
     * @return new settings
     */
    public Csv sampleWeightColumn(int index) {
        if (index < 0) {
            throw new InvalidInputException("the sample weight column's index must be >= 0, got " + index);
        }
        Csv copy = copy();
        copy.weightIndex = index;
        copy.weightName = null;
        return copy;
    }

    /**
     * Reads each row's sample weight from the column with this header name; the file must have a
     * header row. See {@link #sampleWeightColumn(int)}.
     *
     * @param name the column's name in the header (compared after trimming, case-sensitive)
     * @return new settings
     */
    public Csv sampleWeightColumn(String name) {
        Objects.requireNonNull(name, "name");
        Csv copy = copy();
        copy.weightIndex = null;
        copy.weightName = name.trim();
        return copy;
    }

    /** @return whether {@link #sampleWeightColumn} gave a column of sample weights */
    public boolean hasSampleWeightColumn() {
        return weightIndex != null || weightName != null;
    }

    /**
     * Says which column {@link #sampleWeightColumn} gave, as it was given.
     *
     * @return its header name, or its 0-based index as text; empty without a weight column
     */
    public java.util.Optional<String> sampleWeightColumnGiven() {
        return weightName != null ? java.util.Optional.of(weightName)
                : java.util.Optional.ofNullable(weightIndex).map(String::valueOf);
    }

    /**
     * Leaves out every row with a missing value (an empty cell, {@code NA}, {@code N/A},
     * {@code NaN}, {@code null}, {@code None} or {@code ?}) in a column that is read: a label
     * column, a feature column not ignored or the {@link #sampleWeightColumn sample weight column},
     * as pandas' {@code dropna()} does. Without it such a row is refused, naming its line.
     *
     * @return new settings
     */
    public Csv dropMissing() {
        Csv copy = copy();
        copy.dropMissing = true;
        return copy;
    }

    /**
     * Fills in a missing feature value (an empty cell, {@code NA}, {@code N/A}, {@code NaN},
     * {@code null}, {@code None} or {@code ?}) instead of refusing it: a column of numbers with its
     * values' mean, median or most frequent value, a column of categories with its most frequent
     * category (of those as frequent, the first in sorted order), as scikit-learn's {@code
     * SimpleImputer} does. A column's kind is then found from its first cell that is not missing.
     *
     * <p>The values are learnt from the rows read, so that a file read here is its own training
     * set; {@link #readSplit(Path, double, long, double)} (which {@link Datasets#load} calls)
     * learns them from the rows that train alone (the training rows less a validation split's) and
     * fills the held-out rows with them too, as a {@code SimpleImputer} fitted on the training set
     * transforms the validation and test sets. The examples' columns carry the values ({@link FeatureColumns.Column#fill()}):
     * a file read with those columns ({@link #featureColumns}) fills its missing cells with them.
     * A missing label is never filled: it is refused, or its row left out with {@link #dropMissing()}.
     *
     * @param strategy how a column of numbers is filled in
     * @return new settings
     */
    public Csv fillMissing(Fill strategy) {
        Objects.requireNonNull(strategy, "strategy");
        Csv copy = copy();
        copy.fill = strategy;
        return copy;
    }

    /** @return how {@link #fillMissing(Fill)} fills in missing values, or empty where they are not filled in */
    public java.util.Optional<Fill> fillStrategy() {
        return java.util.Optional.ofNullable(fill);
    }

    /**
     * Reads a CSV file (UTF-8) as {@link #read(Path)} does, and says which rows {@link
     * #dropMissing()} left out, which cells {@link #fillMissing} filled in, and each row's {@link
     * #sampleWeightColumn sample weight}.
     *
     * @param file the file
     * @return the examples, the lines left out, the cells filled in and the rows' sample weights
     * @throws DataFormatException if the file is missing, empty or malformed
     */
    public Reading readAndReport(Path file) {
        Reading reading = readWithHoles(file);
        return new Reading(filledFromAll(reading.examples(), file.toString()), reading.missing(), reading.filled(),
                reading.sampleWeights());
    }

    /**
     * Reads a CSV file and splits it into training and test rows ({@link Examples#split}), as
     * {@link #readSplit(Path, double, long, double)} does without a validation split: missing
     * values filled in are learnt from every training row.
     *
     * @param file the file
     * @param testFraction the fraction of rows held out for testing, in (0, 1)
     * @param seed the seed of the split
     * @return the training and test rows, the lines left out and the cells filled in
     * @throws DataFormatException if the file is missing, empty or malformed, has fewer than 2 rows,
     *     or a filled-in column has no value in the training rows
     */
    public SplitReading readSplit(Path file, double testFraction, long seed) {
        return readSplit(file, testFraction, seed, 0);
    }

    /**
     * Reads a CSV file and splits it into training and test rows ({@link Examples#split}); missing
     * values filled in ({@link #fillMissing}) take the values learnt from the rows that train
     * alone, in every other row too, as scikit-learn's {@code SimpleImputer} fitted on a training
     * set: the held-out rows tell nothing of themselves to the model, as with the input scaling
     * fitted on the same rows. The rows that train are the training part less, under a validation
     * split, its last rows, which a fit holds out to validate on ({@link
     * ValidationSplit#trainingRows}, Keras' {@code validation_split}); those rows and the test rows
     * are filled with the training rows' values.
     *
     * @param file the file
     * @param testFraction the fraction of rows held out for testing, in (0, 1)
     * @param seed the seed of the split
     * @param validationSplit the fraction of the training rows a fit will hold out for validation,
     *     in [0, 1); 0 for none
     * @return the training rows (the validation rows last among them), the test rows, the lines
     *     left out and the cells filled in
     * @throws DataFormatException if the file is missing, empty or malformed, has fewer than 2 rows,
     *     or a filled-in column has no value in the rows that train
     * @throws dev.nntrain.InvalidInputException for a validation split outside [0, 1), or one that
     *     leaves no training or no validation row where values are filled in
     */
    public SplitReading readSplit(Path file, double testFraction, long seed, double validationSplit) {
        Objects.requireNonNull(file, "file");
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new InvalidInputException("validation split must be in [0, 1), got " + validationSplit);
        }
        Reading reading = readWithHoles(file);
        Examples all = reading.examples();
        if (all.size() < 2) {
            throw new DataFormatException(file + ": only " + all.size() + " row; need at least 2 to hold some out for testing");
        }
        // the split reads the labels only, which are never filled in: the same rows either way
        // by the split's indices, so that each row's sample weight follows it
        Examples.SplitIndices split = all.splitIndices(testFraction, seed);
        Examples train = all.subset(split.first());
        Examples test = all.subset(split.second());
        if (leavesHoles() && train.size() > 0) {
            // the rows that train: the fit's own rule, so that the values are learnt from the rows it trains on
            int trained = ValidationSplit.trainingRows(train.size(), validationSplit);
            FeatureColumns fitted = MissingValues.fit(train.slice(0, trained), fill,
                    f -> file + ": column " + (fileColumn(f) + 1));
            train = MissingValues.fill(train, fitted);
            test = MissingValues.fill(test, fitted);
        }
        List<Integer> filled = reading.filled().stream().allMatch(n -> n == 0) ? List.of() : reading.filled();
        java.util.Optional<double[]> weights = reading.sampleWeights().map(inFile -> {
            int[] rows = split.first();
            double[] trainWeights = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                trainWeights[i] = inFile[rows[i]];
            }
            return trainWeights;
        });
        return new SplitReading(train, test, reading.missing(), filled, weights);
    }

    /**
     * Finds a feature column in the file: every column but the label columns given is a feature
     * column, in file order.
     *
     * @param feature the 0-based index among the feature columns
     * @return the 0-based index among the file's columns
     */
    public int fileColumn(int feature) {
        int column = 0;
        for (int f = -1; ; column++) {
            if (!labelColumnsGiven().contains(column) && ++f == feature) {
                return column;
            }
        }
    }

    /**
     * Finds a feature column in a file read by given columns ({@link #featureColumns(FeatureColumns)}),
     * reading its header only: the file may leave out ignored columns, and then a column's place
     * among the given ones is not its place in the file ({@link #fileColumn(int)} counts every
     * given column as there). Without given columns, the same as {@link #fileColumn(int)}.
     *
     * @param file the file the examples were read from
     * @param feature the 0-based index among the given feature columns, ignored ones included
     * @return the 0-based index among the file's columns, or -1 for an ignored column the file leaves out
     * @throws DataFormatException if the file cannot be read with these settings
     */
    public int fileColumn(Path file, int feature) {
        java.util.Objects.requireNonNull(file, "file");
        if (featureColumns == null) {
            return fileColumn(feature);
        }
        return CsvFiles.open(file, (reader, name) -> {
            Rows lines = new Rows(reader, name);
            List<String> cells = lines.next();
            if (cells == null) {
                throw new DataFormatException(name + EMPTY);
            }
            List<String> headerCells = startsWithHeader(cells) ? cells : null;
            int[] label = labelColumns(cells, headerCells, name, lines.number);
            int weightColumn = weightColumn(cells.size(), label, headerCells, name, lines.number);
            List<Integer> ignored = new ArrayList<>(ignoredIndices);
            if (weightColumn >= 0) { // as table reads it: an ignored column
                ignored.add(weightColumn);
            }
            return new FeatureColumnReader(featureColumns, ignored, ignoredNames, cells.size(), label, headerCells,
                    name, lines.number, false).fileColumnOfGiven(feature);
        });
    }

    /**
     * A CSV file's rows split into training and test rows ({@link #readSplit}).
     *
     * @param train the training rows
     * @param test the held-out rows
     * @param missing the 1-based lines of the rows left out, in file order; empty without {@link #dropMissing()}
     * @param filled the number of missing cells filled in, by feature column; empty where none were
     * @param sampleWeights the training rows' sample weights ({@link #sampleWeightColumn}), one per
     *     row of {@code train} in its order, the validation rows' last; empty without a weight column
     */
    public record SplitReading(Examples train, Examples test, List<Integer> missing, List<Integer> filled,
            java.util.Optional<double[]> sampleWeights) {

        /**
         * Checks that every part is there, and that there is one weight per training row.
         *
         * @param train the training rows
         * @param test the held-out rows
         * @param missing the lines left out
         * @param filled the cells filled in, by feature column
         * @param sampleWeights the training rows' weights, or empty for none
         */
        public SplitReading {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
            missing = List.copyOf(Objects.requireNonNull(missing, "missing"));
            filled = List.copyOf(Objects.requireNonNull(filled, "filled"));
            sampleWeights = Examples.checkedSampleWeights(Objects.requireNonNull(sampleWeights, "sampleWeights"),
                    train.size(), "training rows");
        }

        /**
         * A reading without sample weights.
         *
         * @param train the training rows
         * @param test the held-out rows
         * @param missing the lines left out
         * @param filled the cells filled in, by feature column
         */
        public SplitReading(Examples train, Examples test, List<Integer> missing, List<Integer> filled) {
            this(train, test, missing, filled, java.util.Optional.empty());
        }

        /** @return a copy of the training rows' sample weights, in their order; empty without a weight column */
        @Override
        public java.util.Optional<double[]> sampleWeights() {
            return sampleWeights.map(double[]::clone);
        }
    }

    /**
     * Reads a file as {@link #readAndReport} does but leaves the missing cells that {@link
     * #fillMissing(Fill)} fills in as NaN (in each of a category's inputs), for {@link #readSplit}
     * to fill in from the training rows alone.
     */
    Reading readWithHoles(Path file) {
        return CsvFiles.open(file, (reader, name) -> {
            Table table = table(reader, name, true);
            return new Reading(examples(table), table.missing(), table.filled(),
                    java.util.Optional.ofNullable(table.weights()));
        });
    }

    /** Whether the examples read have holes to fill in: filling, and no given columns to fill them from. */
    boolean leavesHoles() {
        return fill != null && featureColumns == null;
    }

    /** Fills the holes of examples read from a file that is its own training set. */
    private Examples filledFromAll(Examples examples, String name) {
        if (!leavesHoles()) {
            return examples;
        }
        FeatureColumns fitted = MissingValues.fit(examples, fill, f -> name + ": feature column " + (f + 1));
        return MissingValues.fill(examples, fitted);
    }

    /**
     * Examples read from a file, the rows left out for a missing value, and the missing values
     * filled in.
     *
     * @param examples the examples
     * @param missing the 1-based lines of the rows left out, in file order; empty without {@link #dropMissing()}
     * @param filled by feature column (every column but the labels, in file order), how many
     *     missing cells were filled in; empty, or zeros, where none were
     * @param sampleWeights each example's sample weight ({@link #sampleWeightColumn}), in file
     *     order; empty without a weight column
     */
    public record Reading(Examples examples, List<Integer> missing, List<Integer> filled,
            java.util.Optional<double[]> sampleWeights) {

        /**
         * Checks that every part is there, and that there is one weight per example.
         *
         * @param examples the examples
         * @param missing the lines left out
         * @param filled the cells filled in, by feature column
         * @param sampleWeights the examples' weights, or empty for none
         */
        public Reading {
            Objects.requireNonNull(examples, "examples");
            missing = List.copyOf(Objects.requireNonNull(missing, "missing"));
            filled = List.copyOf(Objects.requireNonNull(filled, "filled"));
            sampleWeights = Examples.checkedSampleWeights(Objects.requireNonNull(sampleWeights, "sampleWeights"),
                    examples.size(), "rows");
        }

        /**
         * A reading without sample weights.
         *
         * @param examples the examples
         * @param missing the lines left out
         * @param filled the cells filled in, by feature column
         */
        public Reading(Examples examples, List<Integer> missing, List<Integer> filled) {
            this(examples, missing, filled, java.util.Optional.empty());
        }

        /**
         * Examples of which no missing value was filled in.
         *
         * @param examples the examples
         * @param missing the lines left out
         */
        public Reading(Examples examples, List<Integer> missing) {
            this(examples, missing, List.of());
        }

        /** @return a copy of the examples' sample weights, in file order; empty without a weight column */
        @Override
        public java.util.Optional<double[]> sampleWeights() {
            return sampleWeights.map(double[]::clone);
        }
    }

    /**
     * Splits one line into cells as these settings split a file's lines: at the separator,
     * a double-quoted cell keeping the separator inside it, cells trimmed unless quoted.
     *
     * @param line the line
     * @param name what to call the line in a message
     * @return the cells
     * @throws DataFormatException if a double quote is not closed
     */
    public List<String> cells(String line, String name) {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(name, "name");
        return CsvCells.split(line, separator, name, 1);
    }

    /** @return the label columns given by index, in target order; empty for the last column or columns given by name */
    public List<Integer> labelColumnsGiven() {
        return labelIndices;
    }

    /** @return the columns left out by index, as {@link #ignoreColumns(int...)} gave them */
    public List<Integer> ignoredColumnIndices() {
        return ignoredIndices;
    }

    /** @return the columns left out by header name, as {@link #ignoreColumns(String...)} gave them */
    public List<String> ignoredColumnNames() {
        return ignoredNames;
    }

    /** @return the task these settings read labels for */
    public Task task() {
        return task;
    }

    /**
     * Reads a CSV file (UTF-8).
     *
     * @param file the file
     * @return one example per data row, in file order; features {@code [columns - 1]}
     * @throws DataFormatException if the file is missing, empty or malformed
     */
    public Examples read(Path file) {
        return CsvFiles.open(file, this::read);
    }

    /**
     * Reads a CSV file (UTF-8) of feature rows without a label column: the examples a trained
     * model is asked to predict. Header detection, quoting, blank lines and messages are those of
     * {@link #read(Path)}; the label settings do not apply.
     *
     * @param file the file
     * @return one row of features per data row, in file order, all of one width
     * @throws DataFormatException if the file is missing, empty or malformed
     */
    public float[][] readFeatures(Path file) {
        return CsvFiles.open(file, this::readFeatures);
    }

    /**
     * Finds the label column these settings take from a file, reading its header only: the
     * column a name picks, or the index given, checked against the first row's width.
     *
     * @param file the file
     * @return the label column's 0-based index
     * @throws DataFormatException if the file is missing, empty, has no header for a name, or
     *     has no such column (naming its columns), or names it twice
     */
    public int labelColumnIndex(Path file) {
        return labelColumnIndices(file)[0];
    }

    /**
     * Finds the label columns these settings take from a file, reading its header only, as
     * {@link #labelColumnIndex(Path)} finds one.
     *
     * @param file the file
     * @return the label columns' 0-based indices, in the settings' order
     * @throws DataFormatException as {@link #labelColumnIndex(Path)}
     */
    public int[] labelColumnIndices(Path file) {
        return CsvFiles.open(file, (reader, name) -> {
            Rows lines = new Rows(reader, name);
            List<String> cells = lines.next();
            if (cells == null) {
                throw new DataFormatException(name + EMPTY);
            }
            boolean isHeader = startsWithHeader(cells);
            return labelColumns(cells, isHeader ? cells : null, name, lines.number);
        });
    }

    private static final String EMPTY = ": the file is empty; expected CSV rows of numbers";

    /** A text's non-blank lines as cells, and the 1-based number of the line last read. */
    private final class Rows {
        private final BufferedReader in;
        private final String name;
        int number;

        Rows(Reader reader, String name) {
            this.in = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
            this.name = name;
        }

        /** @return the next non-blank line's cells, or null at the end */
        List<String> next() throws IOException {
            for (String line; (line = CsvFiles.readLine(in, name, number + 1)) != null; ) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // byte-order mark written by some spreadsheet programs
                }
                if (!line.isBlank()) {
                    return CsvCells.split(line, separator, name, number);
                }
            }
            return null;
        }
    }

    /** Whether the first row is a header: as the settings say, or detected. */
    private boolean startsWithHeader(List<String> cells) {
        return header != null ? header : isHeader(cells);
    }

    /**
     * Reads CSV text from a reader.
     *
     * @param reader the text; not closed
     * @param name what to call the source in error messages, e.g. its file name
     * @return one example per data row, in order
     * @throws DataFormatException if the text is empty or malformed
     * @throws IOException if reading fails
     */
    public Examples read(Reader reader, String name) throws IOException {
        return filledFromAll(examples(table(reader, name, true)), name);
    }

    private Examples examples(Table table) {
        Examples examples = toExamples(table);
        if (table.features() != null) {
            examples = examples.withFeatureColumns(table.carried()); // a model's, ignored columns left out or not
        }
        if (task == Task.REGRESSION && table.headerCells() != null) {
            // the values to predict, named by the header as a multi-label file's classes are;
            // a header that leaves one unnamed, or names two alike, leaves them numbered
            List<String> names = java.util.Arrays.stream(table.labels()).mapToObj(table.headerCells()::get).toList();
            if (names.stream().noneMatch(String::isBlank) && names.stream().distinct().count() == names.size()) {
                examples = examples.withTargetNames(names);
            }
        }
        return table.classNames().isEmpty() ? examples : examples.withClassNames(table.classNames());
    }

    /**
     * Reads feature rows without a label column from a reader; see {@link #readFeatures(Path)}.
     *
     * @param reader the text; not closed
     * @param name what to call the source in error messages, e.g. its file name
     * @return one row of features per data row, in order
     * @throws DataFormatException if the text is empty or malformed
     * @throws IOException if reading fails
     */
    public float[][] readFeatures(Reader reader, String name) throws IOException {
        Table table = table(reader, name, false);
        if (table.features() == null) {
            return table.rows().toArray(float[][]::new);
        }
        float[][] encoded = new float[table.rows().size()][];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = new float[table.features().width()];
            table.encode(table.rows().get(i), encoded[i], 0, null, 0);
        }
        return encoded;
    }

    /**
     * The data rows as numbers (a category as its number within its column), their width, the
     * label's column (-1 without one), the classes' names (empty where the labels are numbers)
     * and the feature columns (null where every column is a number and the file has no header):
     * those the file holds, and those the examples carry (a model's, where the file leaves its
     * ignored columns out).
     */
    private record Table(List<float[]> rows, int columns, int[] labels, List<String> classNames,
            FeatureColumns features, FeatureColumns carried, List<Integer> missing, List<Integer> filled,
            List<String> headerCells, double[] weights) {

        /**
         * Writes a row's inputs, one-hot encoding its categories, and its targets (when {@code
         * targets} is not null) in the label columns' order.
         */
        void encode(float[] row, float[] into, int offset, float[] targets, int targetOffset) {
            for (int k = 0; targets != null && k < labels.length; k++) {
                targets[targetOffset + k] = row[labels[k]];
            }
            int at = offset;
            for (int c = 0, f = 0; c < columns; c++) {
                if (isLabel(labels, c)) {
                    continue;
                }
                FeatureColumns.Column column = features == null ? null : features.columns().get(f++);
                if (column == null || column.kind() == FeatureColumns.Kind.NUMBER) {
                    into[at++] = row[c];
                } else if (column.kind() == FeatureColumns.Kind.CATEGORY) {
                    if (Float.isNaN(row[c])) { // missing, to be filled in: every input says so
                        java.util.Arrays.fill(into, at, at + column.width(), Float.NaN);
                    } else {
                        into[at + (int) row[c]] = 1;
                    }
                    at += column.width();
                }
            }
        }

        /** @return how many inputs a row gives */
        int width() {
            return features == null ? columns - labels.length : features.width();
        }
    }

    /** Whether a row has a missing value in a column that is read and not filled in (a label's, say). */
    private static boolean hasMissing(List<String> cells, FeatureColumnReader features) {
        for (int c = 0; c < cells.size(); c++) {
            if (features.reads(c) && !features.fills(c) && CsvCells.isMissing(cells.get(c))) {
                return true;
            }
        }
        return false;
    }

    static boolean isLabel(int[] labels, int column) {
        for (int label : labels) {
            if (label == column) {
                return true;
            }
        }
        return false;
    }

    private Table table(Reader reader, String name, boolean labelled) throws IOException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(name, "name");
        Rows lines = new Rows(reader, name);
        List<float[]> rows = new ArrayList<>();
        List<Integer> missing = new ArrayList<>(); // rows left out: dropMissing's
        List<String> headerCells = null;
        int headerLine = 0;
        int columns = -1;
        int[] label = new int[0];
        int weightColumn = -1; // the sample weight column, -1 for none
        List<Double> weights = new ArrayList<>();
        Labels labels = null;
        FeatureColumnReader features = null;
        for (List<String> cells; (cells = lines.next()) != null; ) {
            int lineNumber = lines.number;
            if (columns < 0) {
                columns = cells.size();
                boolean isHeader = startsWithHeader(cells);
                if (isHeader) {
                    headerCells = cells;
                    headerLine = lineNumber;
                }
                label = labelled ? labelColumns(cells, headerCells, name, lineNumber) : new int[0];
                weightColumn = labelled ? weightColumn(columns, label, headerCells, name, lineNumber) : -1;
                List<Integer> ignored = ignoredIndices;
                if (weightColumn >= 0) { // the model does not see it, as an ignored column
                    ignored = new ArrayList<>(ignoredIndices);
                    ignored.add(weightColumn);
                }
                features = new FeatureColumnReader(featureColumns, ignored, ignoredNames, columns, label, headerCells,
                        name, lineNumber, fill != null);
                if (isHeader) {
                    continue;
                }
            }
            if (cells.size() != columns) {
                throw new DataFormatException(
                        name + ": line " + lineNumber + " has " + cells.size()
                                + " columns; expected " + columns);
            }
            if (dropMissing && labelled && (hasMissing(cells, features)
                    || weightColumn >= 0 && CsvCells.isMissing(cells.get(weightColumn)))) {
                missing.add(lineNumber);
                continue;
            }
            if (labels == null && label.length == 1 && task == Task.CLASSIFICATION) {
                labels = new Labels(cells.get(label[0]), name, lineNumber);
            }
            rows.add(parseRow(cells, label, labels, features, name, lineNumber));
            if (weightColumn >= 0) {
                weights.add(parseWeight(cells.get(weightColumn), name, lineNumber, weightColumn));
            }
        }
        if (columns < 0) {
            throw new DataFormatException(name + EMPTY);
        }
        if (rows.isEmpty() && !missing.isEmpty()) {
            throw new DataFormatException(name + ": every data row has a missing value (" + missing.size()
                    + (missing.size() == 1 ? " row" : " rows") + ", the first at line " + missing.get(0)
                    + "); expected some rows to read");
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(name + ": the file has a header but no data rows");
        }
        FeatureColumns columnsRead = features.finish(rows);
        List<String> names = labels != null ? labels.classNames(rows, label[0])
                : label.length > 1 && task == Task.CLASSIFICATION && headerCells != null
                        ? java.util.Arrays.stream(label).mapToObj(headerCells::get).toList() // the classes a 1 there names
                        : List.of();
        checkDetectedHeader(headerCells, label, names, columnsRead, name, headerLine);
        return new Table(rows, columns, label, names, columnsRead, features.carried(columnsRead), missing,
                features.filled(), headerCells,
                weightColumn < 0 ? null : weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Reads CSV text given as a string (handy for tests and small inline tables).
     *
     * @param text the CSV text
     * @param name what to call the source in error messages
     * @return one example per data row, in order
     * @throws DataFormatException if the text is empty or malformed
     */
    public Examples parse(String text, String name) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(name, "name");
        try {
            return read(new StringReader(text), name);
        } catch (IOException e) {
            throw new AssertionError("a StringReader does not fail", e);
        }
    }

    private int[] labelColumns(
            List<String> firstRow, List<String> headerCells, String name, int line) {
        int columns = firstRow.size();
        int wanted = Math.max(1, Math.max(labelIndices.size(), labelNames.size()));
        if (columns < wanted + 1) {
            throw new DataFormatException(
                    name + ": line " + line + " has " + columns + (columns == 1 ? " column" : " columns")
                            + "; expected at least one feature column and " + (wanted == 1 ? "a label column"
                                    : wanted + " label columns") + (columns == 1 ? CsvCells.separatorHint(firstRow.get(0), separator) : ""));
        }
        if (!labelNames.isEmpty()) {
            int[] found = new int[labelNames.size()];
            for (int k = 0; k < found.length; k++) {
                String labelName = labelNames.get(k);
                if (headerCells == null) {
                    throw new DataFormatException(
                            name + ": label column \"" + labelName + "\" was asked for by name but line "
                                    + line + " is not a header row (all cells are numbers)");
                }
                found[k] = headerCells.indexOf(labelName);
                if (found[k] < 0) {
                    throw new DataFormatException(
                            name + ": line " + line + ": header has no column \"" + labelName
                                    + "\"; columns are " + headerCells);
                }
                if (headerCells.lastIndexOf(labelName) != found[k]) {
                    throw new DataFormatException(
                            name + ": line " + line + ": header names column \"" + labelName
                                    + "\" more than once");
                }
            }
            return found;
        }
        if (labelIndices.isEmpty()) {
            return new int[] {columns - 1};
        }
        int[] found = new int[labelIndices.size()];
        for (int k = 0; k < found.length; k++) {
            int labelIndex = labelIndices.get(k);
            if (labelIndex >= columns) {
                throw new DataFormatException(
                        name + ": label column index " + labelIndex + " is out of range: line " + line
                                + " has " + columns + " columns (indices 0 to " + (columns - 1) + ")");
            }
            found[k] = labelIndex;
        }
        return found;
    }

    /**
     * Finds the sample weight column in a file's first row, or -1 without one: refused where it is
     * out of range, unnamed by the header, or also a label or an ignored column.
     */
    private int weightColumn(int columns, int[] label, List<String> headerCells, String name, int line) {
        if (!hasSampleWeightColumn()) {
            return -1;
        }
        int found;
        if (weightName != null) {
            if (headerCells == null) {
                throw new DataFormatException(name + ": sample weight column \"" + weightName + "\" was named but line "
                        + line + " is not a header row (it holds numbers); give its 0-based index instead");
            }
            found = headerCells.indexOf(weightName);
            if (found < 0) {
                throw new DataFormatException(name + ": line " + line + ": header has no column \"" + weightName
                        + "\" to read sample weights from; columns are " + headerCells);
            }
            if (headerCells.lastIndexOf(weightName) != found) {
                throw new DataFormatException(name + ": line " + line + ": header names column \"" + weightName
                        + "\" more than once");
            }
        } else {
            found = weightIndex;
            if (found >= columns) {
                throw new DataFormatException(name + ": sample weight column index " + found + " is out of range: line "
                        + line + " has " + columns + " columns (indices 0 to " + (columns - 1) + ")");
            }
        }
        String named = "column " + found + (headerCells == null ? "" : " (\"" + headerCells.get(found) + "\")");
        if (isLabel(label, found)) {
            throw new DataFormatException(name + ": " + named + " is " + (label.length == 1 ? "the label column"
                    : "a label column") + "; it cannot also hold the sample weights");
        }
        if (ignoredIndices.contains(found) || headerCells != null && ignoredNames.contains(headerCells.get(found))) {
            throw new DataFormatException(name + ": " + named + " is ignored; the sample weight column is left out of"
                    + " the features already (do not ignore it too)");
        }
        return found;
    }

    /** Reads a sample weight: a finite number {@code >= 0}. */
    private static double parseWeight(String cell, String name, int line, int column) {
        String where = name + ": line " + line + ", column " + (column + 1) + ": ";
        String expected = "; expected a sample weight, a finite number >= 0";
        if (CsvCells.isMissing(cell)) {
            throw new DataFormatException(where + (cell.isEmpty() ? "empty cell" : "\"" + cell + "\"")
                    + " is a missing value" + expected + " (leave such rows out with --drop-missing)");
        }
        String problem = CsvCells.numberProblem(cell);
        if (problem != null) {
            throw new DataFormatException(where + "sample weight " + problem.replaceFirst("; expected a finite number$", "")
                    + expected);
        }
        double weight = Double.parseDouble(cell);
        if (weight < 0) {
            throw new DataFormatException(where + "sample weight " + cell + " is negative" + expected);
        }
        return weight == 0 ? 0 : weight; // -0 weighs 0
    }

    private float[] parseRow(List<String> cells, int[] label, Labels labels, FeatureColumnReader features, String name,
            int line) {
        float[] row = new float[cells.size()];
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            boolean isLabel = isLabel(label, c);
            if (isLabel && fill != null && CsvCells.isMissing(cell)) {
                throw new DataFormatException(name + ": line " + line + ", column " + (c + 1) + ": "
                        + (cell.isEmpty() ? "empty label" : "label \"" + cell + "\"") + " is a missing value; a label"
                        + " cannot be filled in (--fill-missing fills features): leave such rows out with --drop-missing");
            }
            if (isLabel && task == Task.CLASSIFICATION && label.length == 1) {
                row[c] = labels.parse(cell, line, c);
            } else if (isLabel && task == Task.CLASSIFICATION) {
                row[c] = CsvCells.parseYesNo(cell, name, line, c);
            } else if (isLabel) {
                row[c] = CsvCells.parseNumber(cell, name, line, c);
            } else {
                row[c] = features.parse(cell, line, c);
            }
        }
        return row;
    }

    /**
     * The label column's reading, decided by its first data row: class numbers, or class names
     * (when that label is not a number, or the settings give the names). Names are numbered as
     * first seen while reading and renumbered in sorted order at the end, so that each row holds
     * a number and not its string.
     */
    private final class Labels {
        private final String file;
        private final boolean named;
        private final String firstLabel;
        private final int firstLine;
        private final java.util.Map<String, Integer> ids = new java.util.HashMap<>();
        private final List<String> seen = new ArrayList<>();

        Labels(String firstLabel, String file, int firstLine) {
            this.file = file;
            this.firstLabel = firstLabel;
            this.firstLine = firstLine;
            this.named = classNames != null
                    || !(firstLabel.isEmpty() || CsvCells.looksNumeric(firstLabel));
            if (classNames != null) {
                for (String className : classNames) {
                    ids.put(className, seen.size());
                    seen.add(className);
                }
            }
        }

        float parse(String cell, int line, int column) {
            if (!named) {
                return parseLabel(cell, file, line, column, this);
            }
            Integer id = ids.get(cell);
            if (id != null) {
                return id;
            }
            String where = file + ": line " + line + ", column " + (column + 1) + ": ";
            if (cell.isEmpty()) {
                throw new DataFormatException(where + "empty label; expected a class name, as line " + firstLine
                        + "'s \"" + firstLabel + "\"");
            }
            if (classNames != null) {
                throw new DataFormatException(where + "label \"" + cell + "\" is not one of the " + classNames.size()
                        + " classes " + CsvCells.shortList(classNames) + "; expected one of those names");
            }
            if (seen.size() == MAX_CLASSES) {
                throw new DataFormatException(where + "label \"" + cell + "\" would be class " + (MAX_CLASSES + 1)
                        + "; at most " + MAX_CLASSES + " classes (is column " + (column + 1) + " a class label?)");
            }
            ids.put(cell, seen.size());
            seen.add(cell);
            return seen.size() - 1;
        }

        /** Says where the labels' kind was decided, for a later label of the other kind. */
        String numbersNote(int line) {
            return line == firstLine ? "" : " (the label column holds class numbers: line " + firstLine + "'s label is " + firstLabel
                    + "; a column of class names starts with a name)";
        }

        /** Renumbers names from their reading order to their sorted order; returns the names by class. */
        List<String> classNames(List<float[]> rows, int label) {
            if (!named) {
                return List.of();
            }
            if (classNames != null) {
                return classNames;
            }
            List<String> sorted = new ArrayList<>(seen);
            java.util.Collections.sort(sorted);
            int[] rank = new int[seen.size()];
            for (int c = 0; c < sorted.size(); c++) {
                rank[ids.get(sorted.get(c))] = c;
            }
            for (float[] row : rows) {
                row[label] = rank[(int) row[label]];
            }
            return List.copyOf(sorted);
        }
    }

    private static float parseLabel(String cell, String name, int line, int column, Labels labels) {
        if (cell.length() <= 4 && cell.chars().allMatch(ch -> ch >= '0' && ch <= '9') && !cell.isEmpty()) {
            return Integer.parseInt(cell); // the usual label, below MAX_CLASSES, without a BigDecimal
        }
        String where;
        try {
            where = CsvCells.requireNumber(cell, name, line, column);
        } catch (DataFormatException e) {
            throw new DataFormatException(e.getMessage() + labels.numbersNote(line), e);
        }
        // the decimal as written, not its float: 0.99999999 rounds to the float 1.0 and 1e-50 to 0
        BigDecimal value;
        try {
            value = new BigDecimal(cell);
        } catch (NumberFormatException e) {
            value = null; // an exponent past an int's range
        }
        if (value == null || value.signum() < 0 || value.stripTrailingZeros().scale() > 0
                || value.compareTo(BigDecimal.valueOf(MAX_CLASSES)) >= 0) {
            throw new DataFormatException(
                    where + "label \"" + cell + "\" is not a class index; classification needs whole-number labels"
                            + " from 0 to " + (MAX_CLASSES - 1) + " (or read the column as regression targets)");
        }
        return value.intValueExact();
    }

    /**
     * Decides whether the first row is a header: text in every non-empty cell. A row of numbers
     * and text is data whose text columns are categories (a class name is text in a row of
     * numbers too); a typo in a column of numbers then leaves that column holding text and
     * numbers, which reading refuses, naming both.
     */
    private static boolean isHeader(List<String> cells) {
        boolean text = false;
        for (String cell : cells) {
            if (cell.isEmpty()) {
                continue; // an unnamed column (an index's) or a missing value: either way
            }
            if (CsvCells.looksNumeric(cell)) {
                return false;
            }
            text = true;
        }
        return text;
    }

    /**
     * Refuses a first row taken for a header, by detection, that is data: a row of text alone, in
     * a file whose columns are all text. One of its names is then also a class or a category of
     * its column, which a header's name never is.
     */
    private void checkDetectedHeader(List<String> headerCells, int[] label, List<String> names, FeatureColumns features,
            String file, int line) {
        if (header != null || headerCells == null) {
            return;
        }
        for (int c = 0, f = 0; c < headerCells.size(); c++) {
            List<String> values = List.of();
            if (isLabel(label, c)) {
                values = label.length == 1 ? names : List.of();
            } else if (features != null) {
                values = features.columns().get(f++).categories();
            }
            if (values.contains(headerCells.get(c))) {
                throw new DataFormatException(file + ": line " + line + " reads as a header (it holds no number), but its \""
                        + headerCells.get(c) + "\" is also a " + (isLabel(label, c) ? "class" : "category") + " of column "
                        + (c + 1) + "; if line " + line + " is data, --header no reads it so");
            }
        }
    }

    private Examples toExamples(Table table) {
        int n = table.rows().size();
        int width = table.width();
        int targets = table.labels().length;
        float[] x = new float[Math.multiplyExact(n, width)];
        float[] y = new float[Math.multiplyExact(n, targets)];
        int classes = 0;
        for (int i = 0; i < n; i++) {
            table.encode(table.rows().get(i), x, i * width, y, i * targets);
            if (task == Task.CLASSIFICATION && targets == 1) {
                classes = Math.max(classes, (int) y[i] + 1);
            }
        }
        return Examples.of(x, new long[] {width}, y, targets, classes); // several yes/no labels: no classes
    }
}

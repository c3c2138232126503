package dev.nntrain.data;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.csv.Csv;
import dev.nntrain.data.csv.FeatureColumns;
import dev.nntrain.data.mnist.MnistSource;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads a data set by name, as the command line names them: {@code mnist}, {@code
 * fashion-mnist} or {@code csv:PATH}.
 */
public final class Datasets {

    private Datasets() {}

    /**
     * A data set's training and test parts.
     *
     * @param name the data set's name, for messages
     * @param train the training examples
     * @param test the held-out examples
     * @param missing the 1-based lines of a CSV's rows left out for a missing value (see
     *     {@link Csv#dropMissing()}); empty for none
     * @param filled by feature column of a CSV (every column but the labels, in file order), how
     *     many missing cells of the file, training and test rows together, were filled in (see
     *     {@link Csv#fillMissing}); empty where none were
     * @param sampleWeights the training examples' sample weights, one per example of {@code train}
     *     in its order (a CSV's {@link Csv#sampleWeightColumn} column); empty for none
     */
    public record TrainTest(String name, Examples train, Examples test, List<Integer> missing, List<Integer> filled,
            Optional<double[]> sampleWeights) {

        /**
         * Checks that every part is there, and that there is one sample weight per training example.
         *
         * @param name the data set's name, for messages
         * @param train the training examples
         * @param test the held-out examples
         * @param missing the lines of the rows left out for a missing value
         * @param filled the cells filled in, by feature column
         * @param sampleWeights the training examples' weights, or empty for none
         */
        public TrainTest {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
            missing = List.copyOf(Objects.requireNonNull(missing, "missing"));
            filled = List.copyOf(Objects.requireNonNull(filled, "filled"));
            sampleWeights = Examples.checkedSampleWeights(Objects.requireNonNull(sampleWeights, "sampleWeights"),
                    train.size(), "training examples");
        }

        /**
         * A data set without sample weights.
         *
         * @param name the data set's name, for messages
         * @param train the training examples
         * @param test the held-out examples
         * @param missing the lines of the rows left out for a missing value
         * @param filled the cells filled in, by feature column
         */
        public TrainTest(String name, Examples train, Examples test, List<Integer> missing, List<Integer> filled) {
            this(name, train, test, missing, filled, Optional.empty());
        }

        /** @return a copy of the training examples' sample weights, in their order; empty for none */
        @Override
        public Optional<double[]> sampleWeights() {
            return sampleWeights.map(double[]::clone);
        }

        /**
         * A data set of which no missing value was filled in.
         *
         * @param name the data set's name, for messages
         * @param train the training examples
         * @param test the held-out examples
         * @param missing the lines of the rows left out for a missing value
         */
        public TrainTest(String name, Examples train, Examples test, List<Integer> missing) {
            this(name, train, test, missing, List.of());
        }

        /**
         * A data set of which no row was left out.
         *
         * @param name the data set's name, for messages
         * @param train the training examples
         * @param test the held-out examples
         */
        public TrainTest(String name, Examples train, Examples test) {
            this(name, train, test, List.of());
        }

        /**
         * Returns each class's name by label, as the training examples carry them.
         *
         * @return MNIST's digits, Fashion-MNIST's articles, a CSV file's text labels; empty for
         *     a CSV file's class numbers and for real-valued targets
         */
        public List<String> classNames() {
            return train.classNames();
        }
    }

    /**
     * How to read a data set.
     *
     * @param spec {@code mnist}, {@code fashion-mnist} or {@code csv:PATH}
     * @param dataDir the IDX directory for MNIST-style sets, or null for the default
     * @param download use DJL's remote repository (full MNIST; needs a network)
     * @param csv how a CSV file is read: the task, label and ignored columns, separator, header,
     *     missing values, and a trained model's class names and feature columns
     * @param testFraction the fraction of a CSV held out for testing
     * @param seed the seed of the CSV's train/test split
     * @param validationSplit the fraction of the training examples a fit will hold out for
     *     validation ({@link ValidationSplit}), in [0, 1), 0 for none: a CSV's missing values are
     *     filled in with values learnt from the rest alone ({@link Csv#readSplit(Path, double, long,
     *     double)})
     */
    public record Spec(String spec, Path dataDir, boolean download, Csv csv, double testFraction, long seed,
            double validationSplit) {

        /**
         * Checks that the data set is named, a CSV's reading given and the validation split a
         * fraction; the other settings are checked when it is loaded.
         *
         * @param spec {@code mnist}, {@code fashion-mnist} or {@code csv:PATH}
         * @param dataDir the IDX directory, or null for the default
         * @param download use DJL's remote repository
         * @param csv how a CSV file is read
         * @param testFraction the fraction of a CSV held out for testing
         * @param seed the seed of the CSV's train/test split
         * @param validationSplit the fraction of the training examples held out for validation, in [0, 1)
         * @throws InvalidInputException for a validation split outside [0, 1)
         */
        public Spec {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(csv, "csv");
            if (!(validationSplit >= 0 && validationSplit < 1)) {
                throw new InvalidInputException("validation split must be in [0, 1), got " + validationSplit);
            }
        }

        /**
         * A spec without a validation split: every training example trains.
         *
         * @param spec {@code mnist}, {@code fashion-mnist} or {@code csv:PATH}
         * @param dataDir the IDX directory, or null for the default
         * @param download use DJL's remote repository
         * @param csv how a CSV file is read
         * @param testFraction the fraction of a CSV held out for testing
         * @param seed the seed of the CSV's train/test split
         */
        public Spec(String spec, Path dataDir, boolean download, Csv csv, double testFraction, long seed) {
            this(spec, dataDir, download, csv, testFraction, seed, 0);
        }

        /**
         * A spec whose CSV has one label column, read as class labels or regression targets.
         *
         * @param spec {@code mnist}, {@code fashion-mnist} or {@code csv:PATH}
         * @param dataDir the IDX directory, or null for the default
         * @param download use DJL's remote repository
         * @param regression read a CSV's label column as real-valued targets
         * @param labelColumn the CSV label column's 0-based index, or -1 for the last column
         * @param testFraction the fraction of a CSV held out for testing
         * @param seed the seed of the CSV's train/test split
         */
        public Spec(String spec, Path dataDir, boolean download, boolean regression, int labelColumn,
                double testFraction, long seed) {
            this(spec, dataDir, download, labelColumn < 0 ? Csv.of(task(regression))
                    : Csv.of(task(regression)).labelColumn(labelColumn), testFraction, seed);
        }

        /**
         * The same spec for a fit that holds out the last fraction of the training examples for
         * validation: a CSV's missing values are then filled in with values learnt from the
         * examples that train alone, as the input scaling is fitted on them.
         *
         * @param fraction the fraction held out for validation, in [0, 1); 0 for none
         * @return the new spec
         * @throws InvalidInputException for a fraction outside [0, 1)
         */
        public Spec withValidationSplit(double fraction) {
            return new Spec(spec, dataDir, download, csv, testFraction, seed, fraction);
        }

        private static Csv.Task task(boolean regression) {
            return regression ? Csv.Task.REGRESSION : Csv.Task.CLASSIFICATION;
        }

        /** @return whether a CSV's label columns are real-valued targets */
        public boolean regression() {
            return csv.task() == Csv.Task.REGRESSION;
        }

        /**
         * The same spec reading a CSV's text labels as these classes, as a trained model names
         * them, so that a file lacking one of them still numbers the others as the model does.
         *
         * @param names each class's name by class number; empty for the file's own, sorted
         * @return the new spec
         */
        public Spec withClassNames(List<String> names) {
            Objects.requireNonNull(names, "names");
            if (names.isEmpty() || regression()) {
                return this;
            }
            return new Spec(spec, dataDir, download, csv.classNames(names), testFraction, seed, validationSplit);
        }

        /**
         * The same spec reading a CSV's columns as a trained model reads them: its categories as
         * the same inputs, its ignored columns left out.
         *
         * @param columns the model's columns, or null to find them from the file
         * @return the new spec
         */
        public Spec withFeatureColumns(FeatureColumns columns) {
            return columns == null ? this
                    : new Spec(spec, dataDir, download, csv.featureColumns(columns), testFraction, seed, validationSplit);
        }

        /**
         * A spec with the defaults: local data, classification, last CSV column, 20 % test.
         *
         * @param spec the data set's name
         * @param dataDir the IDX directory, or null
         * @return the spec
         */
        public static Spec of(String spec, Path dataDir) {
            return new Spec(spec, dataDir, false, false, -1, 0.2, 42);
        }

        /**
         * Names a feature as the user knows it, for messages: a CSV file's 1-based column (the
         * label column skipped over), otherwise the feature's 1-based position in the data set.
         *
         * @param feature the feature's 0-based index among an example's features
         * @return e.g. {@code data.csv column 3}
         */
        public String featureName(int feature) {
            return featureName(feature, Optional.empty());
        }

        /**
         * Names a feature as {@link #featureName(int)} does, where a CSV's columns were read
         * through these (a category's one-hot input named {@code column=category}).
         *
         * @param feature the feature's 0-based index among an example's inputs
         * @param columns how the CSV's columns became inputs, if not as numbers alone (a header's
         *     names alone name no input: a column of numbers is named by its number)
         * @return e.g. {@code data.csv column 2 (island=Dream)}
         */
        public String featureName(int feature, Optional<FeatureColumns> columns) {
            Objects.requireNonNull(columns, "columns");
            String name = spec.trim();
            Optional<String> csv = csvFile(name);
            if (csv.isEmpty()) {
                return name + " feature " + (feature + 1);
            }
            int featureColumn = feature;
            String input = "";
            if (columns.isPresent() && !columns.get().namesOnly()) { // names alone: the column number says it
                List<FeatureColumns.Column> all = columns.get().columns();
                int at = 0;
                for (featureColumn = 0; featureColumn < all.size(); featureColumn++) {
                    at += all.get(featureColumn).width();
                    if (feature < at) {
                        break;
                    }
                }
                input = " (" + columns.get().inputNames().get(feature) + ")";
            }
            int column = fileColumn(featureColumn);
            if (columns.isPresent() && !columns.get().namesOnly()) {
                try { // a file may leave out ignored columns: its header says where the others are
                    column = this.csv.fileColumn(Path.of(csv.get()), featureColumn);
                } catch (RuntimeException e) {
                    // a file that no longer reads: its column as if every given one were there
                }
            }
            return csv.get() + " column " + (column + 1) + input;
        }

        /**
         * Finds a CSV feature column in the file ({@link Csv#fileColumn}).
         *
         * @param feature the 0-based index among the feature columns
         * @return the 0-based index among the file's columns
         */
        public int fileColumn(int feature) {
            return csv.fileColumn(feature);
        }
    }

    /**
     * Which rows of a CSV file were held out: a model records it, so that evaluating it later
     * holds out the same rows instead of scoring rows it was trained on.
     *
     * @param testFraction the fraction held out for testing
     * @param seed the seed of the split
     */
    public record CsvSplit(double testFraction, long seed) {

        /** The model property that records the split's seed. */
        public static final String SEED_PROPERTY = "csv_split_seed";
        /** The model property that records the held-out fraction. */
        public static final String TEST_FRACTION_PROPERTY = "csv_test_fraction";

        /**
         * Records the split in a model's properties.
         *
         * @param properties the model's properties
         */
        public void writeTo(Map<String, String> properties) {
            Objects.requireNonNull(properties, "properties");
            properties.put(SEED_PROPERTY, Long.toString(seed));
            properties.put(TEST_FRACTION_PROPERTY, Double.toString(testFraction));
        }

        /**
         * Reads a split recorded by {@link #writeTo}.
         *
         * @param properties a model's properties
         * @return the split, or empty when the model records none (one trained on other data, or
         *     saved by an older nntrain)
         * @throws InvalidInputException if a recorded value is not a seed or a fraction
         */
        public static Optional<CsvSplit> readFrom(Map<String, String> properties) {
            Objects.requireNonNull(properties, "properties");
            String seed = properties.get(SEED_PROPERTY);
            String fraction = properties.get(TEST_FRACTION_PROPERTY);
            if (seed == null && fraction == null) {
                return Optional.empty();
            }
            try {
                double f = Double.parseDouble(String.valueOf(fraction));
                if (f > 0 && f < 1) {
                    return Optional.of(new CsvSplit(f, Long.parseLong(String.valueOf(seed))));
                }
            } catch (NumberFormatException e) {
                // named below
            }
            throw new InvalidInputException("the model records " + SEED_PROPERTY + " '" + seed + "' and "
                    + TEST_FRACTION_PROPERTY + " '" + fraction + "'; expected an integer and a fraction in (0, 1)");
        }
    }

    /**
     * The file a {@code csv:PATH} data set names: the text after the prefix (matched in any case),
     * trimmed, or empty for a data set that is not a CSV file. The one place that reads the prefix.
     *
     * @param spec a data set's name, e.g. {@code csv:data/roasts.csv} or {@code mnist}
     * @return the path as written (blank when nothing follows {@code csv:}), or empty
     */
    public static Optional<String> csvFile(String spec) {
        String name = Objects.requireNonNull(spec, "spec").trim();
        return name.regionMatches(true, 0, "csv:", 0, 4) ? Optional.of(name.substring(4).trim()) : Optional.empty();
    }

    /**
     * Loads a data set.
     *
     * @param spec what to load
     * @return the training and test examples
     * @throws DataFormatException if a file is missing or malformed, naming it
     * @throws IllegalArgumentException for an unknown data set name
     */
    public static TrainTest load(Spec spec) {
        Objects.requireNonNull(spec, "spec");
        String name = spec.spec().trim();
        String key = name.toLowerCase(Locale.ROOT);
        Optional<String> csv = csvFile(name);
        if (csv.isPresent()) {
            if (csv.get().isEmpty()) {
                throw new DataFormatException("'" + name + "' names no file; expected csv:PATH, e.g. csv:data/roasts.csv");
            }
            return loadCsv(spec, Path.of(csv.get()));
        }
        MnistSource source = source(key, spec.dataDir(), spec.download());
        List<String> names = source.variant().classNames();
        return new TrainTest(key, source.train().withClassNames(names), source.test().withClassNames(names));
    }

    /**
     * Refuses a data set whose training or test part is empty, as the command line does before
     * any work: a fit on no examples cannot start, and an evaluation on none reports NaN.
     *
     * @param sets the loaded data set
     * @param spec how it was read (for a CSV's test fraction)
     * @param train whether the training part is used
     * @param test whether the test part is used
     * @throws DataFormatException naming the data set and the empty part
     */
    public static void requireExamples(TrainTest sets, Spec spec, boolean train, boolean test) {
        Objects.requireNonNull(sets, "sets");
        Objects.requireNonNull(spec, "spec");
        String empty = train && sets.train().size() == 0 ? "training" : test && sets.test().size() == 0 ? "test" : null;
        if (empty == null) {
            return;
        }
        boolean csv = csvFile(spec.spec()).isPresent();
        int rows = sets.train().size() + sets.test().size();
        int classes = sets.train().numClasses();
        // the split holds out a fraction of each class: classes of a row or two hold none out, and
        // as many classes as rows means the column is more likely an id than a label
        String cause = classes * 2 > rows && rows >= 10
                ? String.format("; the label column holds %d classes among %d rows, too few rows each to hold one out:"
                        + " is it a class label (or a --regression target, or should --label-column pick another)?",
                        classes, rows)
                : " (add rows or change the test fraction)";
        throw new DataFormatException(csv
                ? String.format("%s: a test fraction of %s of its %d rows leaves %d training and %d test examples;"
                        + " each part needs at least one%s", sets.name(),
                        spec.testFraction(), rows, sets.train().size(), sets.test().size(), cause)
                : String.format("%s: its %s set is empty; it needs at least one example", sets.name(), empty));
    }

    /**
     * The MNIST-style data set a name means, in any of the spellings {@code --dataset} takes.
     *
     * @param name a data set's name, such as {@code fashion-mnist}
     * @return the data set, or empty for a CSV or an unknown name
     */
    public static Optional<MnistSource.Variant> variant(String name) {
        switch (Objects.requireNonNull(name, "name").trim().toLowerCase(Locale.ROOT)) {
            case "mnist":
                return Optional.of(MnistSource.Variant.MNIST);
            case "fashion-mnist":
            case "fashion_mnist":
            case "fashionmnist":
                return Optional.of(MnistSource.Variant.FASHION_MNIST);
            default:
                return Optional.empty();
        }
    }

    /**
     * Returns the MNIST-style source for a name and directory.
     *
     * @param name {@code mnist} or {@code fashion-mnist}
     * @param dataDir the directory, or null for the default
     * @param download use DJL's remote repository instead
     * @return the source
     */
    public static MnistSource source(String name, Path dataDir, boolean download) {
        Objects.requireNonNull(name, "name");
        MnistSource.Variant variant = variant(name).orElseThrow(() -> new InvalidInputException(
                "unknown dataset '" + name + "'; expected mnist, fashion-mnist or csv:PATH"));
        if (download) {
            return MnistSource.download(variant);
        }
        if (dataDir == null && variant == MnistSource.Variant.MNIST) {
            return MnistSource.embedded(); // the subset in nntrain's jar, from any directory
        }
        Path dir = dataDir != null ? dataDir : defaultDirectory(variant);
        return MnistSource.local(variant, dir);
    }

    /**
     * The default directory of a data set: {@code data/mnist} (found from the working directory
     * or, failing that, beside the nntrain jar) or Debian's Fashion-MNIST directory.
     *
     * @param variant the data set
     * @return the directory
     */
    public static Path defaultDirectory(MnistSource.Variant variant) {
        Objects.requireNonNull(variant, "variant");
        if (variant == MnistSource.Variant.FASHION_MNIST) {
            return MnistSource.DEBIAN_FASHION_MNIST;
        }
        if (Files.isDirectory(MnistSource.DEFAULT_DIR)) {
            return MnistSource.DEFAULT_DIR;
        }
        try {
            // target/nntrain.jar -> ../data/mnist: the jar run from outside the checkout
            Path jar = Path.of(Datasets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = jar.getParent().getParent().resolve(MnistSource.DEFAULT_DIR);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall through to the relative default, whose absence is reported when loading
        }
        return MnistSource.DEFAULT_DIR;
    }

    /**
     * Reads a CSV file and splits it, missing values filled in from the rows that train ({@link
     * Csv#readSplit(Path, double, long, double)}).
     */
    private static TrainTest loadCsv(Spec spec, Path file) {
        Csv.SplitReading reading = spec.csv().readSplit(file, spec.testFraction(), spec.seed(), spec.validationSplit());
        return new TrainTest(file.toString(), reading.train(), reading.test(), reading.missing(), reading.filled(),
                reading.sampleWeights());
    }
}

package dev.nntrain.cli;

import dev.nntrain.InputFiles;
import dev.nntrain.InvalidInputException;
import dev.nntrain.data.DigitImage;
import dev.nntrain.data.Standardizer;
import dev.nntrain.data.csv.Csv;
import dev.nntrain.data.mnist.Idx;
import dev.nntrain.model.Shapes;
import dev.nntrain.train.CompiledModel;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * {@code nntrain predict}: the top classes (or the values of a regression) for one example, or a
 * CSV table of predictions for every row of a CSV file or for every image of a list of files and
 * directories.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict the class of one example (an image, or a CSV model's feature values) with a saved model,"
                + " of every row of a CSV file (--csv), or of many images at once (--images).",
            "A regression model prints its predicted values instead."})
final class PredictCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SavedModelOptions model = new SavedModelOptions();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--image", paramLabel = "FILE",
                description = "A picture of one digit (PNG, JPEG, GIF, BMP, TIFF or WBMP; one frame; up to 64 megapixels),"
                        + " framed as MNIST's: turned by its EXIF orientation, paper to 0 and ink to 1, the digit scaled"
                        + " to fit 20x20 and centred by its mass in 28x28. A blank picture is refused.")
        Path image;

        @Option(names = "--images", paramLabel = "PATH", arity = "1..*",
                description = "Image files and directories: a directory gives its " + EXTENSION_LIST + " files (any"
                        + " case of the extension; not hidden files, not subdirectories), sorted by name character by"
                        + " character; a file named here must be an image. Each is read as --image reads one. Prints a"
                        + " CSV table: file, then the predicted class and each class's probability (a regression: its"
                        + " values).")
        List<Path> images;

        @ArgGroup(exclusive = false)
        IdxInput idx;

        @Option(names = "--features", paramLabel = "X1,X2,...",
                description = "One example's feature values as a CSV model was trained on them (without the label),"
                        + " e.g. 200,13.9; standardised as in training.")
        String features;

        @Option(names = "--csv", paramLabel = "FILE",
                description = "A CSV file of examples, one per row, with a CSV model's feature columns (no label column;"
                        + " a header row is allowed). Prints a CSV table: row, then the predicted class and each class's"
                        + " probability (a regression: its values).")
        Path csv;
    }

    static final class IdxInput {
        @Option(names = "--idx", paramLabel = "FILE", required = true, description = "An IDX images file (.gz or plain).")
        Path file;

        @Option(names = "--index", paramLabel = "N", required = true, description = "Which image of the IDX file, from 0.")
        int index;
    }

    @picocli.CommandLine.Mixin
    CsvSyntaxOptions syntax = new CsvSyntaxOptions(); // --separator, --header: for --csv

    @Option(names = "--top", paramLabel = "K", defaultValue = "3", description = "How many classes to show (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw new InvalidInputException("--top must be at least 1, got " + top);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String option : new String[] {"--separator", "--header"}) {
            if (input.csv == null && spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new InvalidInputException(option + " applies to --csv only (leave it out)");
            }
        }
        syntax.applyTo(Csv.classification()); // both checked before any file is read
        if (input.csv != null || input.images != null) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--top")) {
                // the table has a column for every class: --top would be ignored without a word
                throw new InvalidInputException("--top " + top + " applies to one example (--image, --idx, --features); "
                        + (input.csv != null ? "--csv" : "--images") + " prints every class's probability in its table;"
                        + " leave out --top");
            }
            return input.csv != null ? predictRows(out) : predictImages(out);
        }
        float[] example;
        String what;
        String given; // the input and its values, for a message
        if (input.image != null) {
            if (Files.isDirectory(input.image)) {
                throw new InvalidInputException("--image " + input.image + " is a directory; --image reads one picture,"
                        + " --images " + input.image + " predicts every image in it");
            }
            example = DigitImage.read(input.image);
            what = input.image.toString();
            given = "--image " + input.image + " gives " + example.length + " values (scaled to "
                    + DigitImage.SIDE + "x" + DigitImage.SIDE + " pixels)";
        } else if (input.features != null) {
            // a header's names alone have nothing to check in a row of numbers, read as before
            Optional<dev.nntrain.data.csv.FeatureColumns> columns = model.featureColumns().filter(c -> !c.namesOnly());
            example = columns.isPresent() ? encoded(input.features, columns.get()) : numbers(input.features);
            what = input.features;
            given = "--features gives " + example.length + (example.length == 1 ? " value" : " values");
        } else {
            Idx.Images images = Idx.readImages(input.idx.file);
            if (input.idx.index < 0 || input.idx.index >= images.count()) {
                throw new InvalidInputException(
                        "--index " + input.idx.index + " is outside [0, " + images.count() + ") for " + input.idx.file);
            }
            example = images.scaled(input.idx.index);
            what = input.idx.file + "[" + input.idx.index + "]";
            given = "--idx " + input.idx.file + " image " + input.idx.index + " has " + example.length + " values ("
                    + images.rows() + "x" + images.cols() + " pixels)";
        }
        try (CompiledModel net = model.load()) {
            requireInputSize(example.length, given, net.model().inputShape());
            long[] outputShape = net.model().outputShape();
            long width = outputShape[outputShape.length - 1];
            boolean multiLabel = net.loss().hasAccuracy() && width > 1 && net.loss().predictionsPerExample(width) > 1;
            if (spec.commandLine().getParseResult().hasMatchedOption("--top") && (!net.loss().hasAccuracy() || multiLabel)) {
                // it ranks classes; these answers are values, or a yes or no per output, all printed
                throw new InvalidInputException("--top " + top + " ranks the classes of a classifier; model " + model.dir
                        + (multiLabel ? " answers yes or no per output" : " is a regression") + " and prints every output;"
                        + " leave out --top");
            }
            Optional<Standardizer> scaling = net.inputScaling();
            if (scaling.isPresent()) {
                // only to name a value that would scale past a float's range; predict scales it itself
                scaling.get().check(example, j -> (input.features != null ? "--features" : what) + " value " + (j + 1));
            }
            float[][] raw = net.predict(new float[][] {example}); // a CSV model standardises it as in training
            float[] p = net.probabilitiesFromOutputs(raw)[0];
            requireFinite(p, input.features != null ? "--features " + input.features : what, !net.loss().hasAccuracy());
            if (!net.loss().hasAccuracy()) {
                List<String> outputs = net.outputNames();
                out.printf("%s: predicted %s%n", what, outputs.isEmpty() ? Arrays.toString(p)
                        : IntStream.range(0, p.length).mapToObj(o -> outputs.get(o) + " = " + p[o])
                                .collect(java.util.stream.Collectors.joining(", ")));
                return 0;
            }
            if (p.length > 1 && net.loss().predictionsPerExample(p.length) > 1) {
                // several yes/no outputs (multi-label): each answers its own question
                double threshold = net.loss().fromLogits() ? 0 : 0.5; // evaluate's rule, on the outputs
                out.printf("%s: predicted yes/no per output%n", what);
                List<String> names = net.classNames();
                for (int j = 0; j < p.length; j++) {
                    out.printf("  %d  %s  %.4f%s%n", j, raw[0][j] > threshold ? "yes" : "no ", p[j],
                            names.isEmpty() ? "" : "  " + names.get(j));
                }
                return 0;
            }
            int predicted = net.classesFromOutputs(raw)[0];
            List<String> names = net.classNames();
            // one sigmoid output is the probability of class 1; class 0 has the rest
            float[] byClass = p.length == 1 ? new float[] {1 - p[0], p[0]} : p;
            int[] order = IntStream.range(0, byClass.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer c) -> -byClass[c]).thenComparing(c -> c != predicted))
                    .mapToInt(Integer::intValue).toArray();
            out.printf("%s: predicted class %d%s%n", what, predicted, names.isEmpty() ? "" : " (" + names.get(predicted) + ")");
            for (int k = 0; k < Math.min(top, order.length); k++) {
                out.printf("  %d  %.4f%s%n", order[k], byClass[order[k]], names.isEmpty() ? "" : "  " + names.get(order[k]));
            }
        }
        return 0;
    }

    /** Rows predicted at a time: a file's rows are held once, the engine's copies one chunk's worth. */
    static final int CHUNK = 4096;

    /** Predicts every row of --csv and prints {@link #predictTable}'s table, each line named by its row number. */
    private int predictRows(PrintWriter out) throws IOException {
        float[][] rows;
        try {
            Optional<dev.nntrain.data.csv.FeatureColumns> columns = model.featureColumns();
            Csv csv = csvSettings();
            csv = columns.isPresent() ? csv.featureColumns(columns.get()) : csv;
            rows = csv.readFeatures(input.csv); // names the file and line of a bad cell
        } catch (dev.nntrain.data.DataFormatException e) {
            throw labelColumnLeftIn(e);
        }
        return predictTable(out, rows, new RowNames("--csv " + input.csv + " has " + rows[0].length
                + (rows[0].length == 1 ? " column" : " columns"), "row", i -> String.valueOf(i + 1),
                i -> input.csv + " data row " + (i + 1), ", column "));
    }

    /**
     * Names the likely cause of a --csv file whose cells are not all numbers: the label column of
     * the file the model was trained on, left in. With numbered labels the width check says so;
     * with class names the file fails to read first, so it is read again as labelled rows, with
     * the model's names: if that works and leaves the model's number of features, that is the cause.
     */
    private RuntimeException labelColumnLeftIn(dev.nntrain.data.DataFormatException e) throws IOException {
        try (CompiledModel net = model.load()) {
            List<String> names = net.classNames();
            if (names.isEmpty()) {
                return e;
            }
            dev.nntrain.data.Examples labelled;
            try {
                Csv csv = csvSettings().classNames(names);
                labelled = (net.featureColumns().isPresent() ? csv.featureColumns(net.featureColumns().get()) : csv)
                        .read(input.csv);
            } catch (RuntimeException other) {
                return e; // not a label column of the model's names: the cell is simply not a number
            }
            if (labelled.featureSize() != Shapes.size(net.model().inputShape())) {
                return e;
            }
            return new InvalidInputException("--csv " + input.csv + " has a label column (the last: the model's class"
                    + " names, such as \"" + names.get(labelled.labels()[0]) + "\"); --csv takes feature rows only:"
                    + " leave out the label column (or evaluate --dataset csv:" + input.csv + " scores them)");
        }
    }

    /** How --csv is read: --separator and --header. */
    private Csv csvSettings() {
        return syntax.applyTo(Csv.classification());
    }

    /** The extensions a directory given to --images is read for: the formats the JDK reads. */
    static final List<String> IMAGE_EXTENSIONS = DigitImage.EXTENSIONS;

    /** {@link #IMAGE_EXTENSIONS} for the help and messages. */
    static final String EXTENSION_LIST = "*.png, *.jpg, *.jpeg, *.gif, *.bmp, *.tif, *.tiff or *.wbmp";

    /**
     * Predicts every image of --images and prints {@link #predictTable}'s table, each line named
     * by its file. Every image is decoded, and refused as --image refuses one, before the model is
     * loaded; each becomes its 784 values at once, so that only one decoded picture is held at a time.
     */
    private int predictImages(PrintWriter out) throws IOException {
        List<Path> files = imageFiles();
        float[][] rows = new float[files.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = DigitImage.read(files.get(i)); // names the file of a bad image
        }
        return predictTable(out, rows, new RowNames("--images gives " + rows[0].length + " values per image (scaled to "
                + DigitImage.SIDE + "x" + DigitImage.SIDE + " pixels)", "file", i -> csvCell(files.get(i).toString()),
                i -> files.get(i).toString(), " value "));
    }

    /**
     * The files --images names, in order: a file as given, a directory's image files (by their
     * extension, hidden ones and subdirectories left out) sorted by name, character by character
     * (Z before a), the same on every machine. A directory without one
     * is refused, naming it and the extensions read.
     */
    private List<Path> imageFiles() {
        List<Path> files = new ArrayList<>();
        for (Path path : input.images) {
            if (!Files.isDirectory(path)) {
                files.add(path); // named, so it must be an image: DigitImage.read says what else it is
                continue;
            }
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (!name.startsWith(".") && IMAGE_EXTENSIONS.stream().anyMatch(lower::endsWith)
                            && !Files.isDirectory(entry)) {
                        found.add(entry);
                    }
                }
            } catch (IOException | DirectoryIteratorException e) {
                throw new InvalidInputException("--images " + path + ": cannot list the directory ("
                        + InputFiles.reason(e instanceof DirectoryIteratorException d ? d.getCause() : e) + ")");
            }
            if (found.isEmpty()) {
                throw new InvalidInputException("--images " + path + ": no images in the directory; it reads the files named"
                        + " " + EXTENSION_LIST + " (any case), not hidden files or subdirectories");
            }
            found.sort(Comparator.comparing(p -> p.getFileName().toString()));
            files.addAll(found);
        }
        return files;
    }

    /**
     * How a table names its rows.
     *
     * @param given the input and its number of values, for a message that they do not fit the model
     * @param header the first column's header
     * @param cell a row's first cell, from its index
     * @param where a row in a message, from its index
     * @param value what follows {@code where} to name one value of the row, then its number from 1
     */
    private record RowNames(String given, String header, IntFunction<String> cell, IntFunction<String> where, String value) {}

    /**
     * Predicts every row and prints a CSV table: the row's name (a CSV's row number, 1 for the
     * first data row, or an image's file), then for a classifier the predicted class and every
     * class's probability, for several yes/no outputs each one's answer (1 or 0) and probability,
     * for a regression its values. Every row is predicted before the first line is printed, so
     * that a row the model cannot answer leaves no half table; the rows go through the model a
     * chunk at a time, so that a file the heap could read is not copied whole three times over
     * (scaled, outputs, classes).
     */
    private int predictTable(PrintWriter out, float[][] rows, RowNames names) throws IOException {
        try (CompiledModel net = model.load()) {
            requireInputSize(rows[0].length, names.given(), net.model().inputShape());
            Optional<Standardizer> scaling = net.inputScaling();
            if (scaling.isPresent()) {
                for (int i = 0; i < rows.length; i++) {
                    String row = names.where().apply(i);
                    scaling.get().check(rows[i], j -> row + names.value() + (j + 1));
                }
            }
            boolean regression = !net.loss().hasAccuracy();
            double threshold = net.loss().fromLogits() ? 0 : 0.5; // evaluate's rule, on the outputs
            // the answers, flat: a few bytes a row where the engine's copies of a whole file would be hundreds
            int width = 0;
            boolean multiLabel = false;
            float[] p = null;
            int[] classes = null;
            boolean[] yes = null;
            for (int from = 0; from < rows.length; from += CHUNK) {
                float[][] chunk = Arrays.copyOfRange(rows, from, Math.min(rows.length, from + CHUNK));
                float[][] raw = net.predict(chunk); // once: the classes and answers are read from these outputs
                float[][] probabilities = net.probabilitiesFromOutputs(raw);
                if (p == null) {
                    width = probabilities[0].length;
                    multiLabel = !regression && width > 1 && net.loss().predictionsPerExample(width) > 1;
                    p = new float[Math.multiplyExact(rows.length, width)];
                    classes = regression || multiLabel ? null : new int[rows.length];
                    yes = multiLabel ? new boolean[p.length] : null;
                }
                int[] predicted = classes == null ? null : net.classesFromOutputs(raw);
                for (int k = 0; k < chunk.length; k++) {
                    int i = from + k;
                    requireFinite(probabilities[k], names.where().apply(i), regression);
                    System.arraycopy(probabilities[k], 0, p, i * width, width);
                    if (predicted != null) {
                        classes[i] = predicted[k];
                    }
                    for (int j = 0; yes != null && j < width; j++) {
                        yes[i * width + j] = raw[k][j] > threshold;
                    }
                }
            }
            StringBuilder line = new StringBuilder(names.header());
            if (regression && !net.outputNames().isEmpty()) {
                net.outputNames().forEach(name -> line.append(',').append(csvCell("value_" + name)));
            } else if (regression) {
                appendNames(line, "value_", width);
            } else if (multiLabel) {
                appendNames(line, "yes_", width);
                appendNames(line, "probability_", width);
            } else {
                line.append(",class");
                if (!net.classNames().isEmpty()) {
                    line.append(",class_name");
                }
                appendNames(line, "probability_", Math.max(width, 2)); // one sigmoid output is classes 0 and 1
            }
            out.println(line);
            for (int i = 0; i < rows.length; i++) {
                line.setLength(0);
                line.append(names.cell().apply(i));
                if (classes != null) {
                    line.append(',').append(classes[i]);
                    if (!net.classNames().isEmpty()) {
                        line.append(',').append(csvCell(net.classNames().get(classes[i])));
                    }
                    if (width == 1) {
                        line.append(',').append(1 - p[i]); // class 0 has what class 1 does not
                    }
                }
                for (int j = 0; yes != null && j < width; j++) {
                    line.append(',').append(yes[i * width + j] ? 1 : 0);
                }
                for (int j = 0; j < width; j++) {
                    line.append(',').append(p[i * width + j]); // Java's shortest form that reads back as the same float
                }
                out.println(line);
            }
            out.flush();
        }
        return 0;
    }

    /**
     * Refuses outputs that are not numbers: values far outside the training range (finite as
     * floats, and after scaling) can still overflow inside the network, and an infinite logit
     * makes every probability NaN, which no class or value could be read from.
     */
    private void requireFinite(float[] outputs, String where, boolean regression) {
        for (float v : outputs) {
            if (!Float.isFinite(v)) {
                throw new InvalidInputException(where + ": the model's " + (regression ? "value is " : "probabilities are ")
                        + v + ", not a number it can answer with: the features overflow the 32-bit float range inside"
                        + " the network; expected values nearer those the model " + model.dir + " was trained on");
            }
        }
    }

    /** A name as one CSV cell: double-quoted (quotes doubled) where a reader would otherwise split or trim it. */
    static String csvCell(String name) {
        boolean plain = name.equals(name.trim()) && name.chars().noneMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r');
        return plain ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    private static void appendNames(StringBuilder line, String prefix, int count) {
        for (int j = 0; j < count; j++) {
            line.append(',').append(prefix).append(j);
        }
    }

    /**
     * Refuses an input whose size the model does not take, naming the option, the model and what
     * it expects (the library's own check names neither), before the input is scaled.
     */
    private void requireInputSize(int values, String given, long[] inputShape) {
        long expected = Shapes.size(inputShape);
        if (values == expected) {
            return;
        }
        boolean imageModel = expected == (long) DigitImage.SIDE * DigitImage.SIDE;
        String hint = input.features != null || input.csv != null
                ? (imageModel ? "; a model of 28x28 images takes --image, --images or --idx"
                        : values == expected + 1 && input.csv != null ? "; leave out the label column"
                        : "; give one value per feature column the model was trained on, without the label")
                : (imageModel ? "" : "; a model trained on CSV rows takes --features or --csv");
        throw new InvalidInputException(String.format("%s but model %s expects %,d per example (input shape %s)%s",
                given, model.dir, expected, Shapes.format(inputShape), hint));
    }

    /** Parses comma-separated feature values, naming the first that is not a finite number. */
    /**
     * Encodes --features as the model reads its CSV's columns: one value per column of the
     * training file but the label, or per column it reads (its ignored columns, such as a sample
     * weight, left out), a category by its name.
     */
    private float[] encoded(String text, dev.nntrain.data.csv.FeatureColumns columns) {
        List<String> cells = Csv.classification().cells(text, "--features"); // "a, quoted" text keeps its comma
        if (columns.forCount(cells.size()).isEmpty()) { // every column, or the ignored ones left out
            throw new InvalidInputException("--features gives " + cells.size() + (cells.size() == 1 ? " value" : " values")
                    + "; model " + model.dir + " reads " + columns.columns().size() + ", one per column of its training"
                    + " file but the label" + columns.orReadOnly() + " (" + columns.describe() + ")");
        }
        return columns.encode(cells, j -> "--features value " + (j + 1));
    }

    private static float[] numbers(String text) {
        String[] cells = text.split(",", -1);
        float[] values = new float[cells.length];
        for (int j = 0; j < cells.length; j++) {
            try {
                values[j] = Float.parseFloat(cells[j].trim());
            } catch (NumberFormatException e) {
                values[j] = Float.NaN;
            }
            if (!Float.isFinite(values[j])) {
                throw new InvalidInputException("--features: value " + (j + 1) + " '" + cells[j].trim()
                        + "' is not a number; expected comma-separated numbers, e.g. 200,13.9");
            }
        }
        return values;
    }
}

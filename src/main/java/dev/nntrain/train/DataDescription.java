package dev.nntrain.train;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.data.Standardizer;
import dev.nntrain.data.csv.FeatureColumns;
import dev.nntrain.model.ModelFormatException;
import dev.nntrain.train.loss.Loss;

import java.util.List;
import java.util.Map;

/**
 * What a model records of the data it reads and answers, so that a loaded model reads new data as
 * it was trained to: the scaling of its inputs, how a CSV file's columns became them, and its
 * classes' names. Kept in the model's properties ({@link #readFrom}, {@link #writeTo}) and held
 * against the model's shape and against examples ({@link CompiledModel} calls the checks).
 */
final class DataDescription {

    private Standardizer inputScaling; // null: inputs as given
    private List<String> classNames = List.of(); // empty: classes known by number
    private FeatureColumns featureColumns; // null: the inputs are numbers as given
    private List<String> outputNames = List.of(); // empty: a regression's outputs known by number

    /**
     * Reads what a model's properties record, refusing what a hand-edited file gets wrong.
     *
     * @param properties the model's properties
     * @return the description
     * @throws ModelFormatException naming the property that is malformed
     */
    static DataDescription readFrom(Map<String, String> properties) {
        DataDescription description = new DataDescription();
        description.inputScaling = Standardizer.readFrom(properties).orElse(null);
        description.classNames = readClassNames(properties.get(CompiledModel.CLASS_NAMES_PROPERTY));
        description.featureColumns = readFeatureColumns(properties.get(CompiledModel.FEATURE_COLUMNS_PROPERTY));
        description.outputNames = readOutputNames(properties.get(CompiledModel.OUTPUT_NAMES_PROPERTY));
        return description;
    }

    /** Writes the description into a model's properties, removing what it no longer holds. */
    void writeTo(Map<String, String> properties) {
        properties.remove(Standardizer.MEAN_PROPERTY);
        properties.remove(Standardizer.VARIANCE_PROPERTY);
        if (inputScaling != null) {
            inputScaling.writeTo(properties);
        }
        if (classNames.isEmpty()) {
            properties.remove(CompiledModel.CLASS_NAMES_PROPERTY);
        } else {
            properties.put(CompiledModel.CLASS_NAMES_PROPERTY, new com.google.gson.Gson().toJson(classNames));
        }
        if (featureColumns == null) {
            properties.remove(CompiledModel.FEATURE_COLUMNS_PROPERTY);
        } else {
            properties.put(CompiledModel.FEATURE_COLUMNS_PROPERTY, featureColumns.toJson());
        }
        if (outputNames.isEmpty()) {
            properties.remove(CompiledModel.OUTPUT_NAMES_PROPERTY);
        } else {
            properties.put(CompiledModel.OUTPUT_NAMES_PROPERTY, new com.google.gson.Gson().toJson(outputNames));
        }
    }

    private static List<String> readOutputNames(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            String[] names = new com.google.gson.Gson().fromJson(json, String[].class);
            return Examples.checkedTargetNames(List.of(names), names.length);
        } catch (RuntimeException e) {
            throw new ModelFormatException("property " + CompiledModel.OUTPUT_NAMES_PROPERTY + " is " + json
                    + "; expected a JSON array of distinct output names (" + reason(e) + ")", e);
        }
    }

    /** Our own checks' messages as they are; a JSON parser's in a few words. */
    private static String reason(RuntimeException e) {
        return e instanceof InvalidInputException ? e.getMessage() : ModelFormatException.jsonProblem(e);
    }

    List<String> outputNames() {
        return outputNames;
    }

    /** Sets a regression's output names, after checking them against the loss and, once built, the outputs. */
    void setOutputNames(List<String> names, Loss loss, long outputWidth) {
        List<String> copy = Examples.checkedTargetNames(names, names.size());
        if (!copy.isEmpty() && loss.hasAccuracy()) {
            throw new InvalidInputException("output names are a regression's; loss " + loss.name()
                    + " is a classifier's, whose outputs are named as classes (setClassNames)");
        }
        checkOutputNames(copy, outputWidth);
        outputNames = copy;
    }

    private static void checkOutputNames(List<String> names, long width) {
        if (!names.isEmpty() && width >= 0 && names.size() != width) {
            throw new InvalidInputException(names.size() + " output names " + names + " for a model of " + width
                    + " outputs; expected one name per output");
        }
    }

    private static List<String> readClassNames(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            String[] names = new com.google.gson.Gson().fromJson(json, String[].class);
            // the examples' own rules: non-blank, distinct (a hand-edited model.json is read here)
            return Examples.checkedClassNames(List.of(names));
        } catch (RuntimeException e) {
            throw new ModelFormatException("property " + CompiledModel.CLASS_NAMES_PROPERTY + " is " + json
                    + "; expected a JSON array of distinct class names (" + reason(e) + ")", e);
        }
    }

    private static FeatureColumns readFeatureColumns(String json) {
        if (json == null) {
            return null;
        }
        try {
            return FeatureColumns.fromJson(json);
        } catch (RuntimeException e) {
            throw new ModelFormatException("property " + CompiledModel.FEATURE_COLUMNS_PROPERTY + " is " + json
                    + "; expected a JSON list of the CSV's feature columns (" + reason(e) + ")", e);
        }
    }

    Standardizer inputScaling() {
        return inputScaling;
    }

    void setInputScaling(Standardizer scaling) {
        inputScaling = scaling;
    }

    List<String> classNames() {
        return classNames;
    }

    FeatureColumns featureColumns() {
        return featureColumns;
    }

    /**
     * Sets the class names, after checking them against the loss and, once built, the outputs; on
     * a refusal the names are those before.
     */
    void setClassNames(List<String> names, Loss loss, long outputWidth) {
        List<String> copy = List.copyOf(names);
        if (!copy.isEmpty()) {
            if (!loss.hasAccuracy()) {
                throw new InvalidInputException("class names need a classifier; loss " + loss.name() + " fits real values");
            }
            Examples.checkedClassNames(copy);
        }
        checkClassNames(copy, loss, outputWidth);
        classNames = copy;
    }

    /** Sets the feature columns, after checking them against the inputs once built. */
    void setFeatureColumns(FeatureColumns columns, long inputs) {
        checkFeatureColumns(columns, inputs);
        featureColumns = columns;
    }

    /**
     * Checks the description against a built model: one name per class, the columns' inputs as
     * many as the model reads.
     *
     * @param loss the model's loss
     * @param outputWidth the model's outputs, or -1 before it is built
     * @param inputs the model's inputs per example, or -1 before it is built
     */
    void checkAgainst(Loss loss, long outputWidth, long inputs) {
        checkClassNames(classNames, loss, outputWidth);
        checkFeatureColumns(featureColumns, inputs);
        checkOutputNames(outputNames, outputWidth);
    }

    private static void checkClassNames(List<String> names, Loss loss, long width) {
        if (names.isEmpty() || width < 0) {
            return;
        }
        // one sigmoid output tells classes 0 and 1 apart; several (multi-label) name one class each
        long classes = width == 1 && loss.predictionsPerExample(width) == 1 ? 2 : width;
        if (classes != names.size()) {
            throw new InvalidInputException(names.size() + " class names " + names + " for a model of "
                    + classes + " classes; expected one name per class");
        }
    }

    private static void checkFeatureColumns(FeatureColumns columns, long inputs) {
        if (columns != null && inputs >= 0 && inputs != columns.width()) {
            throw new InvalidInputException("feature columns " + columns.describe() + " give "
                    + columns.width() + " inputs; the model reads " + inputs);
        }
    }

    /**
     * Refuses examples that describe themselves otherwise: other class names, or other columns,
     * where both say.
     *
     * @param data the examples
     * @param what what they are for, in the message ("training")
     */
    void checkData(Examples data, String what) {
        if (featureColumns != null && data.featureColumns().isPresent() && !featureColumns.equals(data.featureColumns().get())) {
            throw new InvalidInputException(what + " data reads its columns as " + data.featureColumns().get().describe()
                    + " but the model as " + featureColumns.describe() + "; expected the same columns and categories"
                    + " (read the file with the model's columns)");
        }
        if (!outputNames.isEmpty() && !data.targetNames().isEmpty() && !outputNames.equals(data.targetNames())) {
            throw new InvalidInputException(what + " data names its targets " + data.targetNames() + " but the model its"
                    + " outputs " + outputNames + "; expected the same names in the same order (target t is output t)");
        }
        if (!classNames.isEmpty() && !data.classNames().isEmpty() && !classNames.equals(data.classNames())) {
            throw new InvalidInputException(what + " data names its classes " + data.classNames() + " but the model "
                    + classNames + "; expected the same names in the same order (label c is class c's name)");
        }
    }
}

package dev.nntrain.cli;

import dev.nntrain.model.file.LoadOptions;
import dev.nntrain.train.CompiledModel;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** The options that name a saved model and how to load it, shared by the commands that read one. */
final class SavedModelOptions {

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", required = true, description = "Model directory written by 'nntrain train'.")
    Path dir;

    @Option(names = "--no-verify",
            description = "Load a model whose checksum is missing or does not match (one saved by an older nntrain,"
                    + " or edited on purpose); its sizes are still checked.")
    boolean noVerify;

    /**
     * Checks a chart file a command will write beside this model: a {@code .png} name in a folder
     * that takes new files ({@link PlotFile#check}), and not inside the model's directory, whose
     * files the model's checksum covers.
     *
     * @param option the option's name, for messages
     * @param file the path given, or null when the option was left out
     * @throws dev.nntrain.InvalidInputException if the file cannot be written there
     */
    void checkChartFile(String option, Path file) {
        PlotFile.check(option, file);
        OutputPaths.requireOutside(option + " " + file, file, "the model directory " + dir, dir, "the model's files");
    }

    /**
     * Loads the model and compiles it with the loss and optimiser it was saved with.
     *
     * @return the compiled model, verified against its checksum unless {@code --no-verify}
     * @throws IOException if reading fails
     */
    CompiledModel load() throws IOException {
        return CompiledModel.load(dir, LoadOptions.builder().optVerify(!noVerify).build());
    }

    /**
     * Reads how the model reads a CSV file's columns, from its saved properties alone (no
     * weights): for input that must be encoded before the model is loaded.
     *
     * @return the columns, where the model was trained on a CSV with text or ignored columns
     * @throws dev.nntrain.model.ModelFormatException if the model's files or its columns are malformed
     */
    java.util.Optional<dev.nntrain.data.csv.FeatureColumns> featureColumns() {
        String json = dev.nntrain.model.file.ModelFiles.properties(dir, LoadOptions.builder().optVerify(!noVerify).build())
                .get(CompiledModel.FEATURE_COLUMNS_PROPERTY);
        if (json == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(dev.nntrain.data.csv.FeatureColumns.fromJson(json));
        } catch (dev.nntrain.InvalidInputException e) {
            throw new dev.nntrain.model.ModelFormatException(dir + ": property " + CompiledModel.FEATURE_COLUMNS_PROPERTY
                    + " is " + json + "; expected a JSON list of the CSV's feature columns (" + e.getMessage() + ")", e);
        }
    }
}

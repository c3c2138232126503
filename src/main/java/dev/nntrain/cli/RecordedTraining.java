package dev.nntrain.cli;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;

import picocli.CommandLine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code nntrain train} options a model was trained with, which {@code train} records in the
 * model's properties: {@code evaluate} takes its data options from them, so that a model is
 * evaluated on the data it was trained on unless told otherwise.
 */
final class RecordedTraining {

    /** The model property that holds the options, as a JSON list of strings. */
    static final String ARGUMENTS = "train_arguments";

    private RecordedTraining() {}

    /**
     * Reads the options back.
     *
     * @param properties a model's properties
     * @return the parsed train command, or empty when the model records none (one saved by the
     *     library, or by an older nntrain) or none this nntrain can read
     */
    static Optional<TrainCommand> of(Map<String, String> properties) {
        String recorded = properties.get(ARGUMENTS);
        if (recorded == null) {
            return Optional.empty();
        }
        try {
            List<String> args = new Gson().fromJson(recorded, new TypeToken<List<String>>() {}.getType());
            if (args == null) {
                return Optional.empty();
            }
            TrainCommand original = new TrainCommand();
            new CommandLine(original).parseArgs(args.toArray(String[]::new));
            return Optional.of(original);
        } catch (JsonParseException | CommandLine.ParameterException e) {
            return Optional.empty();
        }
    }
}

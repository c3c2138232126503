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
        try {
            return arguments(properties).map(RecordedTraining::parse);
        } catch (CommandLine.ParameterException e) {
            return Optional.empty();
        }
    }

    /**
     * The recorded options as given on the command line.
     *
     * @param properties a model's properties
     * @return the options, or empty when none are recorded or the record is not a JSON list
     */
    static Optional<List<String>> arguments(Map<String, String> properties) {
        String recorded = properties.get(ARGUMENTS);
        if (recorded == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(new Gson().fromJson(recorded, new TypeToken<List<String>>() {}.getType()));
        } catch (JsonParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses options as {@code nntrain train} does.
     *
     * @param args the options
     * @return the train command they make
     * @throws CommandLine.ParameterException if this nntrain cannot read them
     */
    static TrainCommand parse(List<String> args) {
        // under nntrain, as it runs: train knows the options it inherits (--verbose), which a record
        // written before they were left out may hold (picocli parses a subcommand only under its parent)
        List<String> line = new java.util.ArrayList<>(List.of("train"));
        line.addAll(args);
        CommandLine.ParseResult result = new CommandLine(new Nntrain()).parseArgs(line.toArray(String[]::new));
        return result.subcommand().commandSpec().commandLine().getCommand();
    }

    /**
     * {@code train} as {@code nntrain} runs it, with the options it inherits ({@code --verbose}).
     *
     * @return a fresh train command line, to look its options up in
     */
    static CommandLine commandLine() {
        return new CommandLine(new Nntrain()).getSubcommands().get("train");
    }
}

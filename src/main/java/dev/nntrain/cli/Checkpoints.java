package dev.nntrain.cli;

import com.google.gson.Gson;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Datasets;
import dev.nntrain.data.Standardizer;
import dev.nntrain.data.csv.FeatureColumns;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.file.LoadOptions;
import dev.nntrain.model.file.ModelFiles;
import dev.nntrain.train.Checkpoint;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.callback.TrainingCheckpoint;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code train}'s checkpoint options: {@code --checkpoint-every N} saves the run every N epochs to
 * {@code --checkpoint-dir} (by default the output path with {@code .checkpoint} added), and
 * {@code --resume DIR} continues a run from its checkpoint with the options it was started with,
 * which the checkpoint's model records.
 *
 * @param every epochs between checkpoints, or 0 for none
 * @param dir the checkpoint directory, or null for none
 * @param resumeFrom the checkpoint to continue from, or null to start afresh
 * @param arguments the run's train options, as given, recorded in the model
 */
record Checkpoints(int every, Path dir, Path resumeFrom, List<String> arguments) {

    /** The model property that records the options of the run that trained it. */
    static final String ARGUMENTS = RecordedTraining.ARGUMENTS;

    /** The options that may accompany --resume: they do not change the result. */
    private static final Set<String> WITH_RESUME = Set.of("--resume", "--quiet", "--threads", "--plot", "--verbose");

    private static final Gson GSON = new Gson();

    /**
     * A run that starts afresh would replace, at its first save, the checkpoint an earlier run left
     * in its folder: the work of a killed run that was meant to be resumed. Refused, saying how to
     * resume it, unless that run had ended (all its epochs, or an early stop); a folder holding anything else is left to {@link Sequential#checkSaveTarget}.
     * Called for runs that start afresh, not for --resume, which continues that checkpoint.
     */
    void refuseEarlierRun() {
        if (dir == null || !Files.isRegularFile(dir.resolve(ModelFiles.CONFIG))) {
            return;
        }
        Checkpoint earlier;
        try {
            earlier = Checkpoint.read(dir);
        } catch (InvalidInputException e) {
            return; // a model without a training state, or a damaged one: nothing to resume
        }
        // a run that ended (all its epochs, or an early stop) has nothing left to resume: run it again
        java.util.Optional<TrainCommand> run = RecordedTraining.of(ModelFiles.properties(dir, LoadOptions.defaults()));
        if (earlier.stopped() || (run.isPresent() && earlier.epoch() >= run.get().epochs)) {
            return;
        }
        throw new InvalidInputException("--checkpoint-dir " + dir + " holds the checkpoint of an unfinished run ("
                + earlier.epoch() + (run.isPresent() ? " of " + run.get().epochs : "") + " epochs done); continue it with"
                + " --resume " + dir + ", or remove it or choose another folder to start afresh");
    }

    /**
     * Reads the checkpoint options of a run that starts afresh.
     *
     * @param c the command's options
     * @param output the model directory the run writes
     * @return the settings
     */
    static Checkpoints parse(TrainCommand c, Path output) {
        boolean dirGiven = c.checkpointDir != null;
        if (c.checkpointEvery == null) {
            if (dirGiven) {
                throw new InvalidInputException("--checkpoint-dir " + c.checkpointDir
                        + " needs --checkpoint-every N to say how often to save");
            }
            return new Checkpoints(0, null, null, arguments(c.spec.commandLine(), output));
        }
        if (c.checkpointEvery < 1 || c.checkpointEvery > TrainSettings.MAX_EPOCHS) {
            throw new InvalidInputException("--checkpoint-every must be 1 to " + TrainSettings.MAX_EPOCHS
                    + " epochs, got " + c.checkpointEvery);
        }
        Path dir = dirGiven ? c.checkpointDir : Path.of(output + ".checkpoint");
        if (OutputPaths.resolved(dir).equals(OutputPaths.resolved(output))) {
            throw new InvalidInputException("--checkpoint-dir " + dir + " is the output directory; give them different paths");
        }
        Sequential.checkSaveTarget(dir);
        return new Checkpoints(c.checkpointEvery, dir, null, arguments(c.spec.commandLine(), output));
    }

    /**
     * Reads the settings of the run a checkpoint continues: the options recorded in it, with
     * {@code --quiet}, {@code --threads} and {@code --plot} as given now; its checkpoints go on into
     * the same directory.
     *
     * @param c the command's options: --resume and at most --quiet, --threads and --plot
     * @return the settings
     */
    static TrainSettings resume(TrainCommand c) {
        Path dir = c.resume;
        for (OptionSpec o : c.spec.commandLine().getParseResult().matchedOptions()) {
            if (!WITH_RESUME.contains(o.longestName())) {
                throw new InvalidInputException("--resume continues the run in " + dir + " with the options it was started"
                        + " with; leave out " + o.longestName() + " (only --quiet, --threads, --plot and --verbose may change)");
            }
        }
        Checkpoint checkpoint = Checkpoint.read(dir);
        List<String> args = RecordedTraining.arguments(ModelFiles.properties(dir, LoadOptions.defaults())).orElse(null);
        if (args == null) {
            throw new InvalidInputException("checkpoint " + dir + " records no train options; it was not written by"
                    + " 'nntrain train --checkpoint-every'");
        }
        TrainCommand original;
        try {
            original = RecordedTraining.parse(args);
        } catch (CommandLine.ParameterException e) {
            throw new InvalidInputException("checkpoint " + dir + " records options this nntrain cannot read: "
                    + Errors.oneLine(e.getMessage()), e);
        }
        requireRecordedData(original, dir);
        // the checkpoint holds the weights the run has reached; the file it started from is not read again
        original.initialWeights = null;
        original.quiet |= c.quiet;
        if (c.spec.commandLine().getParseResult().hasMatchedOption("--threads")) {
            original.threads = c.threads;
        }
        if (c.plot != null) {
            original.plot = c.plot;
        }
        TrainSettings settings;
        try {
            settings = TrainSettings.parse(original);
        } catch (InvalidInputException e) {
            for (OptionSpec o : c.spec.commandLine().getParseResult().matchedOptions()) {
                if (e.getMessage().startsWith(o.longestName())) {
                    throw e; // one given now (--plot, --threads)
                }
            }
            if (e.getMessage().startsWith("--csv-log ")) {
                // the log's path is fine but what lies there now is not (a pipe, a data set): say whose path it is
                throw new InvalidInputException(e.getMessage() + " (the log checkpoint " + dir + " records)", e);
            }
            // the user typed none of these options: say where they come from
            throw new InvalidInputException("checkpoint " + dir + " records options this nntrain refuses: " + e.getMessage(), e);
        }
        if (checkpoint.epoch() > settings.epochs()) {
            throw new InvalidInputException("checkpoint " + dir + " holds " + checkpoint.epoch() + " epochs, more than the "
                    + settings.epochs() + " its run asks for");
        }
        Checkpoints own = settings.checkpoints();
        TrainSettings.checkApart(settings.output(), dir, settings.plot()); // the checkpoint may have moved since
        if (settings.data().csv().fillStrategy().isPresent()) {
            // the values the run filled its missing cells with, as it recorded them: the rows must be the
            // ones the saved run trained on, whichever rule (or release) learnt the values
            settings = settings.withData(settings.data().withFeatureColumns(recordedFeatureColumns(dir).orElse(null)));
        }
        return settings.withCheckpoints(new Checkpoints(Math.max(1, own.every()), dir, dir, args));
    }

    /** The CSV feature columns a checkpoint's model recorded (their categories and fill values), if any. */
    private static Optional<FeatureColumns> recordedFeatureColumns(Path dir) {
        String json = ModelFiles.properties(dir, LoadOptions.defaults()).get(CompiledModel.FEATURE_COLUMNS_PROPERTY);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(FeatureColumns.fromJson(json));
        } catch (RuntimeException e) {
            throw new InvalidInputException("checkpoint " + dir.resolve(ModelFiles.CONFIG) + ": property "
                    + CompiledModel.FEATURE_COLUMNS_PROPERTY + " is not a list of feature columns (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The feature scaling the resumed run trained with, as its checkpoint recorded it: a resumed
     * run must see the rows the saved one saw, whichever rule (or release) fitted the scaling.
     *
     * @return the recorded scaling; empty when starting afresh or when the run scaled nothing
     */
    Optional<Standardizer> recordedScaling() {
        if (resumeFrom == null) {
            return Optional.empty();
        }
        return Standardizer.readFrom(ModelFiles.properties(resumeFrom, LoadOptions.defaults()),
                "checkpoint " + resumeFrom.resolve(ModelFiles.CONFIG));
    }

    /**
     * Adds the checkpoint callback and the resume option to a fit.
     *
     * @param options the fit's options
     * @param epochs the epochs the run asks for
     * @param out where to say what was saved or resumed
     */
    void apply(FitOptions.Builder options, int epochs, PrintWriter out) {
        if (resumeFrom != null) {
            Checkpoint checkpoint = Checkpoint.read(resumeFrom);
            out.printf("Resuming from %s: %d epoch(s) done, %,d optimizer steps%s%n", resumeFrom, checkpoint.epoch(),
                    checkpoint.steps(), checkpoint.epoch() >= epochs
                            ? "; the run had finished, so nothing is left to train: its model is tested and saved again"
                            : "");
            options.optResumeFrom(resumeFrom);
        }
        if (every > 0) {
            options.addCallback(new TrainingCheckpoint(dir, every, epoch -> {
                out.printf("Checkpoint saved to %s (epoch %d)%n", dir, epoch);
                out.flush();
            }));
        }
    }

    /** @return the run's options as a JSON list, for the model's properties */
    String argumentsJson() {
        return GSON.toJson(arguments);
    }

    /**
     * Refuses a resume whose recorded data is gone before anything is read, saying that the path
     * came from the checkpoint: the user did not type it this time.
     */
    private static void requireRecordedData(TrainCommand original, Path dir) {
        if (original.data.isCsv()) {
            String file = Datasets.csvFile(original.data.dataset).orElseThrow();
            if (!file.isEmpty() && !Files.exists(Path.of(file))) {
                throw new InvalidInputException("checkpoint " + dir + " records --dataset " + original.data.dataset.trim()
                        + ", but " + file + " does not exist (the path is the one the run was started with)");
            }
        } else if (original.data.dataDir != null && !Files.exists(original.data.dataDir)) {
            throw new InvalidInputException("checkpoint " + dir + " records --data-dir " + original.data.dataDir
                    + ", which does not exist (the path is the one the run was started with)");
        }
    }

    /**
     * The train options as given (not their defaults), in order, leaving out --resume and the
     * options inherited from nntrain (--verbose), with every
     * path made absolute and the output directory added when it was left to its default: a run
     * resumed from another folder must read and write where the original run did, and relative
     * paths would be taken from the folder it is resumed in.
     */
    private static List<String> arguments(CommandLine command, Path output) {
        List<String> args = new ArrayList<>();
        CommandLine.ParseResult result = command.getParseResult();
        if (result == null) {
            return args;
        }
        // matchedOptions() holds an option once per use, and each use holds every value the option
        // was given (--layers 8 --layers 4: two entries, each with 8 and 4): each use records its
        // own value, so that every value is recorded once, in the order given
        List<OptionSpec> matched = result.matchedOptions();
        Map<OptionSpec, Integer> uses = new IdentityHashMap<>();
        for (OptionSpec o : matched) {
            uses.merge(o, 1, Integer::sum);
        }
        Map<OptionSpec, Integer> seen = new IdentityHashMap<>();
        for (OptionSpec o : matched) {
            int use = seen.merge(o, 1, Integer::sum) - 1;
            // --verbose, which train inherits from nntrain, only changes what is printed
            if (o.longestName().equals("--resume") || o.inherited()) {
                continue;
            }
            if (o.arity().max() == 0) {
                if (use == 0) {
                    args.add(o.longestName());
                }
                continue;
            }
            List<String> values = o.originalStringValues();
            // one value per use (--opt=value and a comma-separated list are one value each); were
            // it otherwise, every value goes with the first use
            List<String> own = values.size() == uses.get(o) ? values.subList(use, use + 1)
                    : use == 0 ? values : List.of();
            for (String value : own) {
                args.add(o.longestName());
                args.add(absolute(o, value));
            }
        }
        if (!result.hasMatchedOption("--output")) {
            args.add("--output");
            args.add(output.toAbsolutePath().toString());
        }
        return args;
    }

    /** A path option's value, or a {@code csv:PATH} data set's, made absolute; any other as it is. */
    private static String absolute(OptionSpec o, String value) {
        try {
            if (o.type() == Path.class) {
                return Path.of(value).toAbsolutePath().toString();
            }
            String csv = o.longestName().equals("--dataset") ? Datasets.csvFile(value).orElse("") : "";
            if (!csv.isEmpty()) {
                return "csv:" + Path.of(csv).toAbsolutePath();
            }
        } catch (InvalidPathException e) {
            // left as given: reading it names it
        }
        return value;
    }
}

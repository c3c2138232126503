package dev.nntrain.cli;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.plot.Charts;
import dev.nntrain.plot.LearningRateFinderChart;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.tune.LearningRateFinder;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code train --find-lr}: instead of training, the learning-rate range test ({@link
 * LearningRateFinder}) on the model, data and optimiser that {@code train} would use with the same
 * options; prints the suggestion and every tenth step, writes the chart with {@code --plot} and every
 * step with {@code --csv-log}, and saves no model.
 */
final class FindLearningRate {

    /** Steps between two lines of the printed table (and the last step). */
    private static final int PRINT_EVERY = 10;

    @Option(names = "--find-lr",
            description = "Do not train: run the learning-rate range test (Smith; fastai's lr_find) on the model and data"
                    + " train would use: --find-lr-range's steps of --batch-size examples while the rate grows"
                    + " geometrically, stopped when the smoothed loss passes 4x its minimum. Prints the suggested --lr"
                    + " (the steepest fall of the smoothed loss) and the minimum's rate / 10; --plot draws the curve,"
                    + " --csv-log writes every step (step, learning_rate, loss, smoothed_loss)."
                    + " Saves no model.")
    boolean enabled;

    @Option(names = "--find-lr-range", paramLabel = "START:END[:STEPS]",
            description = "With --find-lr: the first and last rates and the number of steps (default: 1e-7:10:100).")
    String range;

    /**
     * Refuses what cannot go with the range test, before anything is read.
     *
     * @param c the command
     * @return the finder's settings, checked (class weights, which need the data, are added by
     *     {@link TrainCommand}), or null without --find-lr
     * @throws InvalidInputException naming the option
     */
    LearningRateFinder.Builder check(TrainCommand c) {
        if (!enabled) {
            if (range != null) {
                throw new InvalidInputException("--find-lr-range needs --find-lr");
            }
            return null;
        }
        refuse("--resume", c.resume != null, "continues a training run");
        refuse("--checkpoint-every", c.checkpointEvery != null, "saves a training run between epochs");
        refuse("--lr-schedule", c.lrSchedule != null, "sets the learning rate, which the range test sets itself");
        refuse("--reduce-lr-on-plateau", c.reduceLrOnPlateau != null,
                "sets the learning rate, which the range test sets itself");
        // --class-weight is taken: train resolves it once from all the rows that train (a "balanced" weight
        // worked out by each one-batch step would follow that batch's classes, not the data's); so is
        // --sample-weight-column, each row's weight following it into its step's batch
        LearningRateFinder.Builder builder = LearningRateFinder.builder().optBatchSize(Math.max(1, c.batchSize))
                .optSeed(c.seed);
        if (range != null) {
            String[] parts = range.split(":", -1);
            if (parts.length < 2 || parts.length > 3) {
                throw new InvalidInputException("--find-lr-range " + range + ": expected START:END or START:END:STEPS, got "
                        + parts.length + " part" + (parts.length == 1 ? "" : "s"));
            }
            try {
                builder.optStartRate(number(parts[0], "START")).optEndRate(number(parts[1], "END"));
                if (parts.length == 3) {
                    builder.optSteps(steps(parts[2]));
                }
                builder.build(); // the end above the start
                return builder;
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--find-lr-range " + range + ": " + e.getMessage(), e);
            }
        }
        return builder;
    }

    private static void refuse(String option, boolean given, String why) {
        if (given) {
            throw new InvalidInputException("--find-lr cannot go with " + option + ", which " + why
                    + "; the range test trains nothing");
        }
    }

    /** A decimal as --lr-schedule takes them ({@link LearningRateOptions#isDecimal}). */
    private static double number(String text, String what) {
        if (LearningRateOptions.isDecimal(text)) {
            return Double.parseDouble(text.trim()); // 1e309, infinite, is refused as a rate
        }
        throw new InvalidInputException(what + " must be a number, got '" + text + "' (a decimal, e.g. 1e-7)");
    }

    private static int steps(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("STEPS must be a whole number, got '" + text + "'", e);
        }
    }

    /**
     * Runs the test and reports it.
     *
     * @param finder the test, from {@link #check}
     * @param net the model as train compiled and prepared it (its input scaling set)
     * @param train the rows train would train on (a validation split's rows left out), raw
     * @param sampleWeights one weight per row of {@code train}, or null for none
     * @param settings the run's settings: where the chart goes
     * @param out where the report goes
     * @throws IOException if the chart cannot be written
     * @throws InvalidInputException if the first steps' loss is not finite, so there is no suggestion
     */
    static void run(LearningRateFinder finder, CompiledModel net, Examples train, double[] sampleWeights,
            TrainSettings settings, PrintWriter out) throws IOException {
        out.printf(Locale.ROOT, "Learning-rate range test: up to %d steps of %d examples (of %,d), %s, rate %s to %s%n",
                finder.steps(), Math.min(finder.batchSize(), train.size()), train.size(), net.optimizer().name(),
                LearningRateFinderChart.rate(finder.startRate()), LearningRateFinderChart.rate(finder.endRate()));
        LearningRateFinder.Result r = finder.find(net, train, sampleWeights);
        out.printf(Locale.ROOT, "%6s  %10s  %8s  %8s%n", "step", "rate", "loss", "smoothed");
        double[] rates = r.rates();
        double[] losses = r.losses();
        double[] smoothed = r.smoothed();
        for (int i = 0; i < r.steps(); i++) {
            if (i % PRINT_EVERY == 0 || i == r.steps() - 1) {
                out.printf(Locale.ROOT, "%6d  %10s  %8.4f  %8.4f%n", i + 1, LearningRateFinderChart.rate(rates[i]),
                        losses[i], smoothed[i]);
            }
        }
        if (r.diverged()) {
            out.printf("Stopped after %d steps: the loss diverged%n", r.steps());
        }
        if (Double.isNaN(r.steepestRate())) {
            throw new InvalidInputException("the range test's loss was not finite from its first steps (rate "
                    + LearningRateFinderChart.rate(finder.startRate()) + "); start lower with --find-lr-range");
        }
        out.printf("Suggested learning rate: %s (steepest fall of the smoothed loss); minimum/10: %s%n",
                LearningRateFinderChart.rate(r.steepestRate()), LearningRateFinderChart.rate(r.minimumRateOverTen()));
        if (settings.plot() != null) {
            Charts.writePng(LearningRateFinderChart.of(r), settings.plot());
            out.println("Range test chart written to " + settings.plot());
        }
        if (settings.csvLog() != null) {
            r.writeCsv(settings.csvLog());
            out.println("Range test's steps written to " + settings.csvLog());
        }
        // the steepest fall comes late on the smoothed curve: a rate a few times lower is the safer first try
        out.println("No model trained or saved; train with --lr " + LearningRateFinderChart.rate(r.steepestRate())
                + ", or for a safer first run up to ten times lower (--lr "
                + LearningRateFinderChart.rate(r.steepestRate() / 10) + ")");
    }
}

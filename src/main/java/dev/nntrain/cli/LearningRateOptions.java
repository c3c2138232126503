package dev.nntrain.cli;

import ai.djl.ndarray.types.DataType;

import dev.nntrain.InvalidInputException;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.callback.LearningRateSchedule;
import dev.nntrain.train.callback.LearningRateScheduler;
import dev.nntrain.train.callback.ReduceLROnPlateau;
import dev.nntrain.train.optimizer.Optimizer;

import java.util.Locale;

/**
 * {@code train}'s options that change the learning rate during the run, parsed and checked once:
 * {@code --lr-schedule step:EVERY:FACTOR|exp:RATE|cosine:EPOCHS[:FLOOR]} (a {@link
 * LearningRateScheduler} from {@code --lr}) or {@code --reduce-lr-on-plateau
 * PATIENCE[:FACTOR[:MIN_LR[:COOLDOWN]]]} (a {@link ReduceLROnPlateau} on the validation loss with
 * {@code --validation-split}, on the training loss otherwise: never on the test set). Not both:
 * each would undo the other's rate.
 *
 * @param schedule the schedule, or null for none
 * @param plateau the reduction on a plateau, or null for none
 */
record LearningRateOptions(LearningRateSchedule schedule, ReduceLROnPlateau plateau) {

    /** What --lr-schedule takes, as its messages say. */
    static final String SCHEDULES = "step:EVERY:FACTOR, exp:RATE or cosine:EPOCHS[:FLOOR]";
    /** What --reduce-lr-on-plateau takes. */
    static final String PLATEAU = "PATIENCE[:FACTOR[:MIN_LR[:COOLDOWN]]]";

    /** No change of rate: the run trains at --lr throughout. */
    static final LearningRateOptions NONE = new LearningRateOptions(null, null);

    /**
     * Parses the two options.
     *
     * @param schedule --lr-schedule as given, or null
     * @param plateau --reduce-lr-on-plateau as given, or null
     * @param learningRate --lr, checked: the schedule's initial rate
     * @param epochs --epochs, checked
     * @param validation whether --validation-split holds out examples to watch
     * @return the options
     * @throws InvalidInputException naming the option, its value and what was expected
     */
    static LearningRateOptions parse(String schedule, String plateau, double learningRate, int epochs, boolean validation) {
        if (schedule != null && plateau != null) {
            throw new InvalidInputException("--lr-schedule and --reduce-lr-on-plateau both set the learning rate, each"
                    + " undoing the other's; give one");
        }
        return new LearningRateOptions(schedule == null ? null : schedule(schedule, learningRate, epochs),
                plateau == null ? null : plateau(plateau, learningRate, epochs, validation));
    }

    /** The smallest rate the command line's float32 models train at. */
    static final double SMALLEST_RATE = Optimizer.smallestLearningRate(DataType.FLOAT32);

    private static LearningRateSchedule schedule(String spec, double lr, int epochs) {
        String[] p = spec.trim().split(":", -1);
        String what = "--lr-schedule " + spec;
        try {
            switch (p[0].toLowerCase(Locale.ROOT)) {
                case "step":
                    requireParts(what, p, 3, 3);
                    return checked(what, LearningRateSchedule.stepDecay(lr, whole(what, "EVERY", p[1]),
                            number(what, "FACTOR", p[2])), lr, epochs);
                case "exp":
                    requireParts(what, p, 2, 2);
                    return checked(what, LearningRateSchedule.exponentialDecay(lr, number(what, "RATE", p[1])), lr, epochs);
                case "cosine":
                    requireParts(what, p, 2, 3);
                    int over = whole(what, "EPOCHS", p[1]);
                    double floor = p.length == 3 ? number(what, "FLOOR", p[2]) : 0;
                    if (floor == 0 && over < epochs) {
                        throw new InvalidInputException(what + ": the rate would reach 0 at epoch " + (over + 1) + " of "
                                + epochs + "; decay over at least --epochs (" + epochs + ") or give a FLOOR above 0");
                    }
                    return checked(what, LearningRateSchedule.cosineDecay(lr, over, floor), lr, epochs);
                default:
                    throw new InvalidInputException(what + ": unknown schedule '" + p[0] + "'; expected " + SCHEDULES);
            }
        } catch (InvalidInputException e) {
            throw e.getMessage().startsWith("--lr-schedule") ? e
                    : new InvalidInputException(what + ": " + e.getMessage() + " (--lr " + lr + " is the initial rate)", e);
        }
    }

    /**
     * Refuses a schedule that, over the run's epochs, would leave the rate at --lr throughout
     * (nothing to schedule), or take it below the smallest rate float32 parameters train at
     * (where it would train at a subnormal rate or at 0, while the epoch line shows the rate asked
     * for), naming the first epoch that would.
     */
    private static LearningRateSchedule checked(String what, LearningRateSchedule schedule, double lr, int epochs) {
        boolean changes = false;
        for (int e = 0; e < epochs; e++) {
            double rate = schedule.rate(e, lr);
            if (!(rate >= SMALLEST_RATE)) {
                throw new InvalidInputException(String.format(Locale.ROOT, "%s: the rate would fall to %.4e at epoch %d of"
                        + " %d, below %s, the smallest float32 parameters train at; decay more slowly or over fewer epochs",
                        what, rate, e + 1, epochs, (float) SMALLEST_RATE));
            }
            changes |= rate != lr;
        }
        if (!changes) {
            throw new InvalidInputException(what + ": the rate would stay at --lr " + lr + " for all " + epochs
                    + " epoch(s), its first change coming " + firstChange(schedule, lr, epochs)
                    + "; leave it out or decay sooner");
        }
        return schedule;
    }

    private static String firstChange(LearningRateSchedule schedule, double lr, int epochs) {
        for (int e = epochs; e < TrainSettings.MAX_EPOCHS; e++) {
            if (schedule.rate(e, lr) != lr) {
                return "at epoch " + (e + 1);
            }
        }
        return "after epoch " + TrainSettings.MAX_EPOCHS;
    }

    private static ReduceLROnPlateau plateau(String spec, double lr, int epochs, boolean validation) {
        String what = "--reduce-lr-on-plateau " + spec;
        String[] p = spec.trim().split(":", -1);
        if (p.length > 4) {
            throw new InvalidInputException(what + ": expected " + PLATEAU + ", got " + p.length + " parts");
        }
        try {
            ReduceLROnPlateau.Builder b = ReduceLROnPlateau.builder()
                    .optMonitor(validation ? "val_loss" : "loss")
                    .optPatience(whole(what, "PATIENCE", p[0]));
            if (p.length > 1) {
                b.optFactor(number(what, "FACTOR", p[1]));
            }
            if (p.length > 2) {
                double min = number(what, "MIN_LR", p[2]);
                b.optMinLearningRate(min);
                if (min >= lr) {
                    throw new InvalidInputException(what + ": MIN_LR " + min + " is not below --lr " + lr
                            + ", so the rate could never be reduced; give a MIN_LR below it");
                }
            }
            if (p.length > 3) {
                b.optCooldown(whole(what, "COOLDOWN", p[3]));
            }
            int patience = whole(what, "PATIENCE", p[0]);
            // the first epoch sets the best value; a reduction at the end of epoch max(PATIENCE, 1) + 1
            // at the earliest changes the epochs after it
            int first = Math.max(patience, 1) + 1;
            if (first >= epochs) {
                throw new InvalidInputException(what + ": with --epochs " + epochs + " no epoch could train at a reduced"
                        + " rate (the first reduction comes after epoch " + first + " at the earliest); "
                        + (epochs < 3 ? "train at least 3 epochs" : "give a PATIENCE of at most " + (epochs - 2)));
            }
            return b.build();
        } catch (InvalidInputException e) {
            throw e.getMessage().startsWith("--reduce-lr") ? e : new InvalidInputException(what + ": " + e.getMessage(), e);
        }
    }

    private static void requireParts(String what, String[] parts, int min, int max) {
        if (parts.length < min || parts.length > max) {
            throw new InvalidInputException(what + ": expected " + SCHEDULES + ", got " + parts.length + " parts");
        }
    }

    /** A whole number as people write one: ASCII digits, an optional sign. */
    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("[+-]?[0-9]+");
    /** A decimal number: no hexadecimal, no Java suffix (0.5f, 0.5d), no NaN or Infinity. */
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private static int whole(String what, String name, String value) {
        try {
            if (!WHOLE.matcher(value.trim()).matches()) {
                throw new NumberFormatException(value);
            }
            int n = Integer.parseInt(value.trim());
            if (n >= 0 && n <= TrainSettings.MAX_EPOCHS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(what + ": " + name + " must be a whole number of epochs from 0 to "
                + TrainSettings.MAX_EPOCHS + ", got '" + value + "'");
    }

    /**
     * Says whether a command-line value is a decimal as people write one, the form every rate
     * option takes (Java's own parser would also take {@code 0x1p3}, {@code 0.5f} and {@code NaN}).
     *
     * @param value the value as given
     * @return whether it is a decimal, surrounding blanks aside
     */
    static boolean isDecimal(String value) {
        return DECIMAL.matcher(value.trim()).matches();
    }

    private static double number(String what, String name, String value) {
        if (isDecimal(value)) {
            double d = Double.parseDouble(value.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        }
        throw new InvalidInputException(what + ": " + name + " must be a number, got '" + value + "' (a finite decimal, e.g. 0.5)");
    }

    /**
     * Adds the callback, if any, to a fit.
     *
     * @param options the fit's options
     */
    void apply(FitOptions.Builder options) {
        if (schedule != null) {
            options.addCallback(LearningRateScheduler.of(schedule));
        }
        if (plateau != null) {
            options.addCallback(plateau);
        }
    }

    /** @return how the summary line names it: {@code ""}, or {@code " with stepDecay(...)"} */
    String describe() {
        return schedule != null ? " with " + schedule.describe() : plateau != null ? " with " + plateau : "";
    }
}

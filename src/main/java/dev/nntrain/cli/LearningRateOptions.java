package dev.nntrain.cli;

import dev.nntrain.InvalidInputException;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.callback.LearningRateSchedule;
import dev.nntrain.train.callback.LearningRateScheduler;
import dev.nntrain.train.callback.ReduceLROnPlateau;

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
                plateau == null ? null : plateau(plateau, validation));
    }

    private static LearningRateSchedule schedule(String spec, double lr, int epochs) {
        String[] p = spec.trim().split(":", -1);
        String what = "--lr-schedule " + spec;
        try {
            switch (p[0].toLowerCase(Locale.ROOT)) {
                case "step":
                    requireParts(what, p, 3, 3);
                    return LearningRateSchedule.stepDecay(lr, whole(what, "EVERY", p[1]), number(what, "FACTOR", p[2]));
                case "exp":
                    requireParts(what, p, 2, 2);
                    return LearningRateSchedule.exponentialDecay(lr, number(what, "RATE", p[1]));
                case "cosine":
                    requireParts(what, p, 2, 3);
                    int over = whole(what, "EPOCHS", p[1]);
                    double floor = p.length == 3 ? number(what, "FLOOR", p[2]) : 0;
                    if (floor == 0 && over < epochs) {
                        throw new InvalidInputException(what + ": the rate would reach 0 at epoch " + (over + 1) + " of "
                                + epochs + "; decay over at least --epochs (" + epochs + ") or give a FLOOR above 0");
                    }
                    return LearningRateSchedule.cosineDecay(lr, over, floor);
                default:
                    throw new InvalidInputException(what + ": unknown schedule '" + p[0] + "'; expected " + SCHEDULES);
            }
        } catch (InvalidInputException e) {
            throw e.getMessage().startsWith("--lr-schedule") ? e
                    : new InvalidInputException(what + ": " + e.getMessage() + " (--lr " + lr + " is the initial rate)", e);
        }
    }

    private static ReduceLROnPlateau plateau(String spec, boolean validation) {
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
                b.optMinLearningRate(number(what, "MIN_LR", p[2]));
            }
            if (p.length > 3) {
                b.optCooldown(whole(what, "COOLDOWN", p[3]));
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

    private static int whole(String what, String name, String value) {
        try {
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

    private static double number(String what, String name, String value) {
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(what + ": " + name + " must be a number, got '" + value + "'");
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

package dev.nntrain.train.callback;

import dev.nntrain.InvalidInputException;
import dev.nntrain.train.EpochLogs;
import dev.nntrain.train.loss.Loss;

import java.util.Objects;

/**
 * Which metric a callback watches and which direction is better: losses and errors fall,
 * accuracies rise.
 */
final class Monitor {

    private final String metric;
    private final boolean higherIsBetter;

    Monitor(String metric) {
        switch (Objects.requireNonNull(metric, "monitor")) {
            case "loss":
            case "val_loss":
            case "mae":
            case "val_mae":
                higherIsBetter = false;
                break;
            case "accuracy":
            case "val_accuracy":
                higherIsBetter = true;
                break;
            default:
                throw new InvalidInputException(
                        "cannot monitor '" + metric
                                + "'; expected loss, accuracy, mae, val_loss, val_accuracy or val_mae");
        }
        this.metric = metric;
    }

    String metric() {
        return metric;
    }

    /**
     * Refuses, before the first epoch, a metric the fit will not compute.
     *
     * @param context the fit
     * @param callback the callback's name, for the message
     * @throws InvalidInputException naming the metric and what it needs
     */
    void requireComputed(TrainingContext context, String callback) {
        if (context.computesMetric(metric)) {
            return;
        }
        boolean validation = metric.startsWith("val_");
        Loss loss = context.model() == null ? null : context.model().loss();
        String needed;
        if (metric.endsWith("accuracy") && loss != null && !loss.hasAccuracy()) {
            needed = "the loss " + loss + " has no accuracy; monitor " + (validation ? "val_loss or val_mae" : "loss");
        } else if (metric.endsWith("mae") && loss != null && loss.hasAccuracy()) {
            needed = metric + " is a regression's metric and " + loss + " classifies; monitor "
                    + (validation ? "val_loss or val_accuracy" : "loss or accuracy");
        } else if (validation) {
            needed = "give validation data or a validation split (FitOptions.Builder.optValidationData or optValidationSplit)";
        } else {
            needed = "this fit does not measure the training " + (metric.equals("mae") ? "mean absolute error" : "accuracy")
                    + " (FitOptions.Builder.optTrainAccuracy(false))";
        }
        throw new InvalidInputException(callback + " monitors " + metric + ", which this fit does not compute: "
                + needed);
    }

    /**
     * Reads the monitored value of an epoch. A NaN value is a value (a validation loss that
     * overflowed): {@link #improves} takes it as no improvement, as Keras' comparisons do.
     *
     * @throws IllegalStateException if the fit does not compute the metric at all (which {@link
     *     #requireComputed} refuses before the first epoch of a fit)
     */
    double read(EpochLogs logs, TrainingContext context) {
        if (!context.computesMetric(metric)) {
            throw new IllegalStateException(
                    "metric " + metric + " is not available: "
                            + (metric.startsWith("val_") ? "give validation data or a validation split"
                                    : metric.equals("mae") ? "the loss is not a regression's, or the fit does not measure it"
                                    : "the loss has no accuracy, or the fit does not count it"));
        }
        return logs.get(metric);
    }

    /**
     * Keras' test: whether {@code value} beats {@code best} by more than {@code minDelta}. A NaN
     * value never does; a NaN best (none yet) is Keras' starting best, +inf for a falling metric
     * and -inf for a rising one, which every finite value beats.
     */
    boolean improves(double value, double best, double minDelta) {
        if (Double.isNaN(best)) {
            best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        // false for a NaN value, as numpy's less and greater are
        return higherIsBetter ? value > best + minDelta : value < best - minDelta;
    }
}

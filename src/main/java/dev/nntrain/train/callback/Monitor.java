package dev.nntrain.train.callback;

import dev.nntrain.train.EpochLogs;

/**
 * Which metric a callback watches and which direction is better: losses fall, accuracies rise.
 */
final class Monitor {

    private final String metric;
    private final boolean higherIsBetter;

    Monitor(String metric) {
        switch (metric) {
            case "loss":
            case "val_loss":
                higherIsBetter = false;
                break;
            case "accuracy":
            case "val_accuracy":
                higherIsBetter = true;
                break;
            default:
                throw new dev.nntrain.InvalidInputException(
                        "cannot monitor '" + metric
                                + "'; expected loss, accuracy, val_loss or val_accuracy");
        }
        this.metric = metric;
    }

    String metric() {
        return metric;
    }

    double read(EpochLogs logs) {
        double value = logs.get(metric);
        if (Double.isNaN(value)) {
            throw new IllegalStateException(
                    "metric " + metric + " is not available: "
                            + (metric.startsWith("val_") ? "give validation data or a validation split"
                                    : "the loss has no accuracy"));
        }
        return value;
    }

    /** @return whether {@code value} beats {@code best} by more than {@code minDelta} */
    boolean improves(double value, double best, double minDelta) {
        if (Double.isNaN(best)) {
            return true;
        }
        return higherIsBetter ? value > best + minDelta : value < best - minDelta;
    }
}

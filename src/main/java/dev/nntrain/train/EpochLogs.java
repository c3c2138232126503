package dev.nntrain.train;

import dev.nntrain.InvalidInputException;

/**
 * What one epoch of training measured. Metrics that do not apply are {@code NaN}: the accuracies
 * for a regression loss, the mean absolute errors for a classifier, the validation entries when
 * there is no validation data, the training metric when the fit does not measure it ({@link
 * FitOptions.Builder#optTrainAccuracy(boolean)}).
 *
 * @param epoch the epoch, from 1
 * @param loss the mean training loss over the epoch's batches (Keras' running mean)
 * @param accuracy the fraction of correct training predictions over the epoch
 * @param meanAbsoluteError a regression's mean absolute error over every output of the epoch's
 *     training batches, as they were predicted during the epoch (Keras' {@code mae}), in the
 *     targets' units
 * @param valLoss the validation loss after the epoch
 * @param valAccuracy the validation accuracy after the epoch
 * @param valMeanAbsoluteError a regression's mean absolute error on the validation data after the
 *     epoch (Keras' {@code val_mae}), in the targets' units
 * @param seconds the wall time of the epoch's training steps
 * @param samplesPerSecond training examples processed per second
 */
public record EpochLogs(
        int epoch,
        double loss,
        double accuracy,
        double meanAbsoluteError,
        double valLoss,
        double valAccuracy,
        double valMeanAbsoluteError,
        double seconds,
        double samplesPerSecond) {

    /**
     * Returns a metric by its Keras name.
     *
     * @param name {@code loss}, {@code accuracy}, {@code mae}, {@code val_loss}, {@code
     *     val_accuracy} or {@code val_mae}
     * @return the value
     */
    public double get(String name) {
        switch (name) {
            case "loss":
                return loss;
            case "accuracy":
                return accuracy;
            case "mae":
                return meanAbsoluteError;
            case "val_loss":
                return valLoss;
            case "val_accuracy":
                return valAccuracy;
            case "val_mae":
                return valMeanAbsoluteError;
            default:
                throw new InvalidInputException(
                        "unknown metric '" + name + "'; expected loss, accuracy, mae, val_loss, val_accuracy or val_mae");
        }
    }

    /** @return a one-line summary, e.g. {@code loss: 0.3121 - accuracy: 0.9102 - 0.4 s} */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("loss: %.4f", loss));
        if (!Double.isNaN(accuracy)) {
            sb.append(String.format(" - accuracy: %.4f", accuracy));
        }
        if (!Double.isNaN(meanAbsoluteError)) {
            sb.append(String.format(" - mae: %.4f", meanAbsoluteError));
        }
        if (!Double.isNaN(valLoss)) {
            sb.append(String.format(" - val_loss: %.4f", valLoss));
        }
        if (!Double.isNaN(valAccuracy)) {
            sb.append(String.format(" - val_accuracy: %.4f", valAccuracy));
        }
        if (!Double.isNaN(valMeanAbsoluteError)) {
            sb.append(String.format(" - val_mae: %.4f", valMeanAbsoluteError));
        }
        sb.append(String.format(" - %.2f s - %,.0f samples/s", seconds, samplesPerSecond));
        return sb.toString();
    }
}

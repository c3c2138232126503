package dev.nntrain.train;

import dev.nntrain.InvalidInputException;

import java.util.List;

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
 * @param learningRate the learning rate of the epoch's last step (Keras' {@code learning_rate}):
 *     the epoch's rate, since schedules change it between epochs; NaN in the epochs of a
 *     checkpoint written before rates were recorded (format 3 or earlier), and in logs made
 *     with the constructor that takes none
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
        double learningRate,
        double seconds,
        double samplesPerSecond) {

    /**
     * An epoch's logs without a recorded learning rate ({@link #learningRate()} is NaN), the
     * constructor of the snapshots before the rate was logged, kept so that code constructing logs
     * (a test's fake history, say) still compiles.
     *
     * @param epoch the epoch, from 1
     * @param loss the mean training loss over the epoch's batches
     * @param accuracy the fraction of correct training predictions over the epoch
     * @param meanAbsoluteError a regression's mean absolute error over the epoch's training batches
     * @param valLoss the validation loss after the epoch
     * @param valAccuracy the validation accuracy after the epoch
     * @param valMeanAbsoluteError a regression's mean absolute error on the validation data
     * @param seconds the wall time of the epoch's training steps
     * @param samplesPerSecond training examples processed per second
     */
    public EpochLogs(int epoch, double loss, double accuracy, double meanAbsoluteError, double valLoss,
            double valAccuracy, double valMeanAbsoluteError, double seconds, double samplesPerSecond) {
        this(epoch, loss, accuracy, meanAbsoluteError, valLoss, valAccuracy, valMeanAbsoluteError, Double.NaN, seconds,
                samplesPerSecond);
    }

    /**
     * The names {@link #get} knows, in the order the epoch line shows them: Keras' names of the
     * metrics and of the learning rate.
     */
    public static final List<String> NAMES =
            List.of("loss", "accuracy", "mae", "val_loss", "val_accuracy", "val_mae", "learning_rate");

    /**
     * Returns a metric, or the learning rate, by its Keras name.
     *
     * @param name one of {@link #NAMES}: {@code loss}, {@code accuracy}, {@code mae}, {@code
     *     val_loss}, {@code val_accuracy}, {@code val_mae} or {@code learning_rate}
     * @return the value
     * @throws InvalidInputException for another name, listing these
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
            case "learning_rate":
                return learningRate;
            default:
                throw new InvalidInputException("unknown metric '" + name + "'; expected one of " + String.join(", ", NAMES));
        }
    }

    /**
     * Returns the epoch's line, showing the learning rate when it differs from the previous
     * epoch's (a schedule's epochs each show theirs; a fit at one rate never does).
     *
     * @param previousRate the learning rate of the epoch before, or the compiled rate for a fit's
     *     first epoch
     * @return e.g. {@code loss: 0.3121 - accuracy: 0.9102 - learning_rate: 1.0000e-04 - 0.40 s - ...}
     */
    public String format(double previousRate) {
        return format(learningRateText(previousRate));
    }

    /**
     * Returns the learning rate as the epoch line shows it, where it changed.
     *
     * @param previousRate the learning rate of the epoch before, or the compiled rate for a fit's
     *     first epoch
     * @return {@code " - learning_rate: 0.0100"} (Keras' progress bar writes values up to 1e-3 as
     *     {@code 1.0000e-04}), or empty when the rate is the previous one or was not recorded
     */
    public String learningRateText(double previousRate) {
        if (Double.isNaN(learningRate) || learningRate == previousRate) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, Math.abs(learningRate) > 1e-3 ? " - learning_rate: %.4f"
                : " - learning_rate: %.4e", learningRate);
    }

    /** @return a one-line summary without the learning rate, e.g. {@code loss: 0.3121 - accuracy: 0.9102 - 0.40 s - 20,000 samples/s} */
    public String format() {
        return format("");
    }

    private String format(String rate) {
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
        sb.append(rate);
        sb.append(String.format(" - %.2f s - %,.0f samples/s", seconds, samplesPerSecond));
        return sb.toString();
    }
}

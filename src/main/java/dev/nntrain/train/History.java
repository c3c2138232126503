package dev.nntrain.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The per-epoch record of a {@code fit}, like Keras' {@code History}.
 *
 * <p>{@code HistoryChart.of(history)} (in {@code dev.nntrain.plot}) draws it: loss and accuracy per
 * epoch, training and validation, and the learning rate per epoch when it changed. There is no {@code plot()} method here because the training
 * package must not depend on the chart package; charts are drawn from the results of training,
 * never the other way round.
 */
public final class History {

    private final List<EpochLogs> epochs = new ArrayList<>();
    private boolean stoppedEarly;

    /**
     * A history of epochs measured elsewhere: read back from a training log ({@code
     * CsvLogger.read}), or made up for a chart.
     *
     * @param epochs the epochs' logs, in order
     * @return the history (not stopped early)
     */
    public static History of(List<EpochLogs> epochs) {
        History history = new History();
        for (EpochLogs logs : epochs) {
            history.add(java.util.Objects.requireNonNull(logs, "an epoch's logs"));
        }
        return history;
    }

    void add(EpochLogs logs) {
        epochs.add(logs);
    }

    void markStoppedEarly() {
        stoppedEarly = true;
    }

    /** @return the epochs' logs, in order */
    public List<EpochLogs> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** @return the number of epochs run */
    public int size() {
        return epochs.size();
    }

    /** @return the last epoch's logs */
    public EpochLogs last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch has run");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** @return whether a callback stopped training before the last step of the last epoch */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /**
     * Returns one metric, or the learning rate, per epoch.
     *
     * @param name one of {@link EpochLogs#NAMES}: {@code loss}, {@code accuracy}, {@code mae},
     *     {@code val_loss}, {@code val_accuracy}, {@code val_mae} or {@code learning_rate}
     * @return the values, in epoch order
     * @throws dev.nntrain.InvalidInputException for another name
     */
    public double[] get(String name) {
        return epochs.stream().mapToDouble(e -> e.get(name)).toArray();
    }

    /** @return the training loss per epoch */
    public double[] loss() {
        return get("loss");
    }

    /** @return the training accuracy per epoch */
    public double[] accuracy() {
        return get("accuracy");
    }

    /** @return a regression's training mean absolute error per epoch (Keras' {@code mae}) */
    public double[] meanAbsoluteError() {
        return get("mae");
    }

    /** @return the validation loss per epoch */
    public double[] valLoss() {
        return get("val_loss");
    }

    /** @return the validation accuracy per epoch */
    public double[] valAccuracy() {
        return get("val_accuracy");
    }

    /** @return a regression's validation mean absolute error per epoch (Keras' {@code val_mae}) */
    public double[] valMeanAbsoluteError() {
        return get("val_mae");
    }

    /**
     * @return the learning rate of each epoch (Keras' {@code learning_rate}); NaN for the epochs
     *     of a checkpoint that did not record it (format 3 or earlier)
     */
    public double[] learningRate() {
        return get("learning_rate");
    }
}

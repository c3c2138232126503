package dev.nntrain.train.callback;

import dev.nntrain.train.EpochLogs;

/**
 * Prints one line per epoch on standard output, as Keras' {@code fit} does by default: {@code
 * Epoch 3/40 - loss: 0.3121 - accuracy: 0.9102 - 0.40 s - 20,000 samples/s}, with {@code
 * learning_rate} before the time in the epochs whose rate differs from the epoch before (a
 * schedule's). {@code fit} adds it unless the options say {@code optVerbose(0)}.
 */
public final class EpochLogger implements Callback {

    private double previousRate = Double.NaN;

    /** The first epoch's rate is compared with the compiled one. */
    @Override
    public void onTrainBegin(TrainingContext context) {
        previousRate = context.model() == null ? Double.NaN : context.model().optimizer().learningRate();
    }

    @Override
    public void onEpochEnd(EpochLogs logs, TrainingContext context) {
        // System.out at the time of printing, so that a redirected stream (a notebook cell, a test) gets it
        System.out.println("Epoch " + logs.epoch() + "/" + context.epochs() + " - " + logs.format(previousRate));
        System.out.flush();
        previousRate = logs.learningRate();
    }
}

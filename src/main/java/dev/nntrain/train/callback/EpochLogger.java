package dev.nntrain.train.callback;

import dev.nntrain.train.EpochLogs;

/**
 * Prints one line per epoch on standard output, as Keras' {@code fit} does by default: {@code
 * Epoch 3/40 - loss: 0.3121 - accuracy: 0.9102 - 0.40 s - 20,000 samples/s}. {@code fit} adds it
 * unless the options say {@code optVerbose(0)}.
 */
public final class EpochLogger implements Callback {

    @Override
    public void onEpochEnd(EpochLogs logs, TrainingContext context) {
        // System.out at the time of printing, so that a redirected stream (a notebook cell, a test) gets it
        System.out.println("Epoch " + logs.epoch() + "/" + context.epochs() + " - " + logs.format());
        System.out.flush();
    }
}

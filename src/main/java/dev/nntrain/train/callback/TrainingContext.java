package dev.nntrain.train.callback;

import dev.nntrain.train.CompiledModel;

/** What a {@link Callback} can see and do while a model trains. */
public interface TrainingContext {

    /** @return the model being trained */
    CompiledModel model();

    /** @return the number of epochs asked for */
    int epochs();

    /** @return the number of batches per epoch */
    int batchesPerEpoch();

    /** @return the number of training examples */
    int trainingExamples();

    /**
     * Reads the mean loss of the current epoch's batches so far. This waits for the engine to
     * finish the queued steps, so call it now and then (a progress bar every ~100 ms), not per
     * batch.
     *
     * @return the running mean loss, or NaN before the first batch
     */
    double runningLoss();

    /** Asks the fit to stop after the current epoch. */
    void stopTraining();

    /**
     * Saves everything needed to continue this fit later as if it had not stopped (see {@code
     * dev.nntrain.train.Checkpoint} and {@code FitOptions.Builder#optResumeFrom}): the model, the
     * optimiser's state, the epochs done with their history, the random generator and the order
     * of the examples. Call it from {@link Callback#onEpochEnd}; the directory is replaced
     * atomically.
     *
     * @param dir the checkpoint directory
     * @throws java.io.IOException if writing fails
     */
    default void saveCheckpoint(java.nio.file.Path dir) throws java.io.IOException {
        throw new UnsupportedOperationException("this training context cannot save checkpoints");
    }
}

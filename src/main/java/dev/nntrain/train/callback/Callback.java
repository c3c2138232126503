package dev.nntrain.train.callback;

import dev.nntrain.train.EpochLogs;
import dev.nntrain.train.History;

/**
 * Hooks into {@code fit}, like Keras callbacks: progress display, checkpoints, early stopping.
 * Every method has an empty default, so a callback overrides only what it needs.
 */
public interface Callback {

    /**
     * Called once before the first epoch.
     *
     * @param context the running fit
     */
    default void onTrainBegin(TrainingContext context) {}

    /**
     * Called before each epoch.
     *
     * @param epoch the epoch, from 1
     * @param context the running fit
     */
    default void onEpochBegin(int epoch, TrainingContext context) {}

    /**
     * Called after each training step. Keep it cheap: it runs once per batch. Reading {@link
     * TrainingContext#runningLoss()} waits for the engine, so do it only now and then.
     *
     * @param epoch the epoch, from 1
     * @param batch the batch just trained, from 1
     * @param context the running fit; {@link TrainingContext#stopTraining()} ends the epoch
     *     after this step, and the fit after the epoch's validation and {@link #onEpochEnd}
     */
    default void onBatchEnd(int epoch, int batch, TrainingContext context) {}

    /**
     * Called after each epoch, with its metrics.
     *
     * @param logs the epoch's metrics
     * @param context the running fit; {@link TrainingContext#stopTraining()} ends the fit
     */
    default void onEpochEnd(EpochLogs logs, TrainingContext context) {}

    /**
     * Called once after the last epoch.
     *
     * @param history every epoch's metrics
     * @param context the running fit
     */
    default void onTrainEnd(History history, TrainingContext context) {}

    /**
     * Returns what this callback has learnt from the epochs so far and will act on later (early
     * stopping's best value, its count of epochs without improvement and the best weights), for a
     * training checkpoint to save with the model. A callback that keeps nothing from one epoch to
     * the next returns null, the default.
     *
     * @return the state, or null
     */
    default CallbackState saveState() {
        return null;
    }

    /**
     * Takes back a state this callback saved with {@link #saveState}, when a fit resumes from a
     * checkpoint: called after {@link #onTrainBegin}, before the first epoch, so the callback
     * carries on as if the fit had never stopped.
     *
     * @param state the state saved under this callback's description
     */
    default void restoreState(CallbackState state) {}
}

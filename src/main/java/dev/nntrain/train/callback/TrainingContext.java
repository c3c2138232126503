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

    /**
     * Whether this fit puts {@code metric} into every epoch's logs, so that a callback that
     * monitors it can refuse in {@link Callback#onTrainBegin} instead of after the first epoch:
     * {@code loss} always; {@code accuracy} when the loss has an accuracy and the fit counts it
     * ({@code FitOptions.Builder.optTrainAccuracy}); {@code mae} when the loss is a regression's
     * and the fit measures it (the same option); {@code val_loss} when the fit has validation
     * data or a validation split; {@code val_accuracy} when it has both; {@code val_mae} when it
     * has validation data and a regression loss.
     *
     * <p>The default knows only the loss: it says false for an accuracy of a loss without one
     * (a regression) or a mean absolute error of a classifier, and true otherwise, so a context that does not override it leaves missing
     * validation data to be found at the end of the first epoch, as before.
     *
     * <p>{@code learning_rate} is in every epoch's logs too, but it is not a metric to monitor.
     *
     * @param metric {@code loss}, {@code accuracy}, {@code mae}, {@code val_loss}, {@code
     *     val_accuracy} or {@code val_mae}
     * @return false if the logs will not hold it
     */
    default boolean computesMetric(String metric) {
        CompiledModel model = model();
        if (model == null) {
            return true;
        }
        boolean classifies = model.loss().hasAccuracy();
        return metric.endsWith("accuracy") ? classifies : !(metric.endsWith("mae") && classifies);
    }

    /**
     * The epochs this fit has done so far, in order: a fit resumed from a checkpoint starts with
     * the epochs the checkpoint kept (its whole history, from epoch 1), and from {@link
     * Callback#onEpochEnd} on the history holds the epoch that has just ended.
     *
     * <p>The default is an empty history, for a context that keeps none.
     *
     * @return the history so far (the object {@code fit} returns, growing as epochs end)
     */
    default dev.nntrain.train.History history() {
        return dev.nntrain.train.History.of(java.util.List.of());
    }

    /**
     * Asks the fit to stop, as Keras' {@code model.stop_training = True}: called from {@link
     * Callback#onBatchEnd}, the epoch ends after that step (its logs cover the steps taken, then
     * validation and {@link Callback#onEpochEnd} run as usual); called from {@link
     * Callback#onEpochEnd} or {@link Callback#onEpochBegin}, no further epoch starts (from {@code
     * onEpochBegin}, the epoch's first step still runs, as in Keras). Either way {@code
     * History.stoppedEarly()} is then true.
     */
    void stopTraining();

    /**
     * Returns the learning rate the next step uses, Keras' {@code model.optimizer.learning_rate}.
     * It starts at the rate the optimiser was compiled with ({@code Optimizer.learningRate()},
     * which model files record and which never changes), and carries over from one {@code fit} of
     * a model to the next, as in Keras; a fit resumed from a checkpoint goes on with the rate it
     * was saved with.
     *
     * @return the current learning rate
     */
    double learningRate();

    /**
     * Sets the learning rate of the steps from the next one on, keeping the optimiser's other
     * state (moments, step count): what {@code LearningRateScheduler} and {@code ReduceLROnPlateau}
     * do between epochs. Each epoch's logs record the rate of its last step.
     *
     * @param learningRate a positive finite rate that the parameters' type holds as a normal
     *     number (float32: 1.17549435E-38 to 3.4028235E38; see {@code
     *     Optimizer.checkLearningRate(double, DataType)}), since every step multiplies by it in that type
     * @throws dev.nntrain.InvalidInputException naming the value otherwise
     */
    void setLearningRate(double learningRate);

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

package dev.nntrain.train;

import java.util.concurrent.CancellationException;

/**
 * Thrown by {@code fit} when its thread is interrupted, for example by {@code
 * Future.cancel(true)} on the task that trains or by an application's stop button calling {@code
 * Thread.interrupt()}. The fit ends after the step it is taking: the model keeps the parameters
 * of that step, every per-batch array is freed, and the thread's interrupt status stays set, as
 * the code that interrupted it expects. The epochs completed before are in {@link #history()}.
 *
 * <p>The epoch cut short is neither logged nor shown to the callbacks' {@code onEpochEnd}, so a
 * checkpoint saved at the end of each epoch ({@code TrainingCheckpoint}) still holds the last
 * complete epoch, and a fit resumed from it continues as if it had never stopped.
 *
 * <p>It is a {@link CancellationException}, what a cancelled task's result reports in {@code
 * java.util.concurrent}.
 */
public class TrainingInterruptedException extends CancellationException {

    private static final long serialVersionUID = 1L;

    /** The epochs completed before the interrupt; not serialised (it may hold many epochs). */
    private final transient History history;

    /**
     * Creates the exception.
     *
     * @param message one line naming where the fit stopped
     * @param history the epochs completed before the interrupt
     */
    public TrainingInterruptedException(String message, History history) {
        super(message);
        this.history = history;
    }

    /**
     * @return the epochs completed before the interrupt (none if it came in the first); null in a
     *     deserialised copy, which does not carry them
     */
    public History history() {
        return history;
    }
}

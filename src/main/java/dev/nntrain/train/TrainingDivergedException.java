package dev.nntrain.train;

/**
 * Thrown by {@code fit} when the loss or a parameter stops being finite, or the loss explodes: the
 * optimiser's steps are too large for this model and data. The message, one line, names the epoch
 * and the step and suggests a lower learning rate. Nothing is saved after such an epoch, so the
 * last checkpoint is the last good state.
 */
public class TrainingDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line naming the epoch, the step and the advice
     */
    public TrainingDivergedException(String message) {
        super(message);
    }
}

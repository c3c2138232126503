package dev.nntrain.model;

import dev.nntrain.InvalidInputException;

/**
 * A saved model that cannot be read: a missing, truncated or corrupted file, or a description
 * this version does not understand. The message names the file and what was expected.
 */
public class ModelFormatException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line naming the file and the problem
     */
    public ModelFormatException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message one line naming the file and the problem
     * @param cause the underlying error
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

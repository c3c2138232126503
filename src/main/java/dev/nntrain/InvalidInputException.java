package dev.nntrain;

/**
 * Bad input from the user: a file, an option, a value or a shape that nntrain cannot take. The
 * message names the received value and what was expected, in one line.
 *
 * <p>Validation throws this type and nothing else; the command line turns it, and only it, into
 * exit status 2. Any other exception is an internal error (exit status 1), even an {@link
 * IllegalArgumentException} thrown inside DJL, so a bug is never reported as the user's mistake.
 * It extends {@link IllegalArgumentException} so that library callers who catch that keep working.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line naming the value and what was expected
     */
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message one line naming the value and what was expected
     * @param cause the underlying failure
     */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

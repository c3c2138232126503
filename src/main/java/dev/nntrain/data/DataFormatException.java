package dev.nntrain.data;

import dev.nntrain.InvalidInputException;

/**
 * Thrown when a data file cannot be used: it is missing, unreadable, truncated or holds values of
 * the wrong kind.
 *
 * <p>The message is a single line that names the file (and the line, example or value where that
 * helps) and says what was expected, so that it can be shown to a user as it is.
 */
public class DataFormatException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message a single-line description naming the file and what was expected
     */
    public DataFormatException(String message) {
        super(oneLine(message));
    }

    /**
     * Creates the exception with the low-level error that revealed the problem.
     *
     * @param message a single-line description naming the file and what was expected
     * @param cause the underlying error, e.g. an {@link java.io.IOException}
     */
    public DataFormatException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    // Messages often embed text from elsewhere (a cell, an I/O error); keep them on one line so
    // that log lines and CLI error output stay readable.
    private static String oneLine(String message) {
        return message == null ? null : message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}

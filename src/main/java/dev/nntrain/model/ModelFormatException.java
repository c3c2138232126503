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

    /**
     * Says in a few words what a JSON parser found wrong, without the advice its messages give
     * programmers (Gson's "Use JsonReader.setStrictness(...)", its troubleshooting links) or the
     * exception's class.
     *
     * @param e the parser's failure
     * @return e.g. {@code "malformed JSON at line 2 column 2"}, {@code "expected an array"}
     */
    public static String jsonProblem(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause(); // Gson wraps its reader's exception, repeating its message
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        int link = message.indexOf("See https://");
        if (link >= 0) {
            message = message.substring(0, link);
        }
        message = message.replaceAll("^([a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*: ", "") // a class name in front
                .replaceFirst("Use JsonReader\\.setStrictness\\([^)]*\\) to accept malformed JSON", "malformed JSON")
                .replaceFirst("Expected ([A-Z_]+) but was ([A-Z_]+)", "expected $1 but found $2")
                .replace("BEGIN_ARRAY", "an array").replace("BEGIN_OBJECT", "an object").replace("STRING", "a string")
                .replace("NUMBER", "a number").replace(" path $", "").replaceAll("\\s+", " ").trim();
        return message.isEmpty() ? "not valid JSON" : message;
    }

}


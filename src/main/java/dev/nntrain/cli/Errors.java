package dev.nntrain.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;

import dev.nntrain.InvalidInputException;

import java.io.UncheckedIOException;

/**
 * Turns failures into one line on standard error and an exit status: 2 for bad input (an {@link
 * InvalidInputException}: a file, option or value the library or the command line refused), 1 for
 * anything else, an internal error. Stack traces only with {@code --verbose}.
 */
final class Errors {

    /** Exit status for bad input. */
    static final int BAD_INPUT = 2;
    /** Exit status for an internal error. */
    static final int INTERNAL = 1;

    private Errors() {}

    static int onParameterError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("nntrain: " + oneLine(e.getMessage())
                + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        return BAD_INPUT;
    }

    static IExecutionExceptionHandler handler(boolean verbose) {
        return (e, cmd, parseResult) -> {
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            // by type: validation throws InvalidInputException and nothing else does, so an
            // IllegalArgumentException from inside DJL is a bug (exit 1), never the user's mistake
            boolean badInput = cause instanceof InvalidInputException;
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (cause instanceof java.nio.file.NoSuchFileException) {
                message = "no such file: " + message;
            }
            cmd.getErr().println("nntrain: " + (badInput ? "" : "error: ") + oneLine(message));
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            }
            return badInput ? BAD_INPUT : INTERNAL;
        };
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}

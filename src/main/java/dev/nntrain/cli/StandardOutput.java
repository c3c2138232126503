package dev.nntrain.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * The command's standard output, remembering why a write failed: a {@link PrintWriter} only
 * records that one did, so a table written to a full disk ended with status 0 and half its lines.
 */
final class StandardOutput extends FilterOutputStream {

    /** A shell's status for a process stopped by SIGPIPE (128 + 13): a reader that went away. */
    static final int CLOSED_PIPE = 141;

    private IOException failure;

    StandardOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    private IOException remember(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }

    /**
     * The exit status once the command has run: its own, unless the output could not be written.
     * A reader that closed the pipe ({@code nntrain ... | head -1}) ends it quietly, as it ends a
     * shell tool; any other failure (a full disk) is one line on the error stream and status 1.
     *
     * @param status the command's status
     * @param err the error stream
     * @return the status to exit with
     */
    int status(int status, PrintWriter err) {
        if (failure == null || status != 0) {
            return status;
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (reason.toLowerCase(java.util.Locale.ROOT).contains("broken pipe")) {
            return CLOSED_PIPE;
        }
        err.println("nntrain: could not write the output: " + reason);
        err.flush();
        return 1;
    }
}

package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the command line in-process and keeps what it printed. */
record CliRun(int status, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Nntrain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(status, out.toString(), err.toString());
    }

    /** @return the single error line, checking that there is exactly one */
    String errorLine() {
        String trimmed = err.strip();
        if (trimmed.isEmpty() || trimmed.contains("\n")) {
            throw new AssertionError("expected one error line, got: <" + err + ">");
        }
        return trimmed;
    }

    /**
     * Checks the bad-input contract of the README: exit status 2 and one line on standard error,
     * in nntrain's words rather than an exception's, that contains every fragment.
     *
     * @param fragments what the line must name, e.g. the option and the bad value
     */
    void assertBadInput(String... fragments) {
        assertEquals(2, status, "exit status; stderr: " + err + "; stdout: " + out);
        String line = errorLine();
        assertTrue(line.startsWith("nntrain: "), line);
        for (String f : fragments) {
            assertTrue(line.contains(f), "<" + line + "> should contain <" + f + ">");
        }
        assertFalse(line.contains("Exception"), "no exception class names: " + line);
    }

    /**
     * Reads a number the command printed, so that a test can hold it to a bound rather than to
     * its leading digits.
     *
     * @param label the text just before the number on standard output, e.g. {@code "Test accuracy: "}
     * @return the first number that follows the label
     */
    double number(String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "(-?[0-9]+(?:\\.[0-9]+)?)").matcher(out);
        if (!m.find()) {
            throw new AssertionError("no number after <" + label + "> in: " + out);
        }
        return Double.parseDouble(m.group(1));
    }
}

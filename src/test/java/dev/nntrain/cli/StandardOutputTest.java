package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/** What nntrain exits with when its standard output cannot be written. */
class StandardOutputTest {

    /** A stream whose every write fails as the operating system would say. */
    private static OutputStream failing(String reason) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(reason);
            }
        };
    }

    private static String exitAfterPrinting(String reason, int commandStatus, int[] status) {
        StandardOutput stdout = new StandardOutput(failing(reason));
        PrintWriter out = new PrintWriter(stdout, true);
        out.println("row,class"); // the PrintWriter swallows the failure, as it does
        assertTrue(out.checkError());
        StringWriter err = new StringWriter();
        status[0] = stdout.status(commandStatus, new PrintWriter(err));
        return err.toString();
    }

    @Test
    void aFullDiskIsOneLineAndStatusOne() {
        int[] status = new int[1];
        String err = exitAfterPrinting("No space left on device", 0, status);
        assertEquals(1, status[0]);
        assertEquals("nntrain: could not write the output: No space left on device", err.strip());
    }

    @Test
    void aReaderThatWentAwayEndsQuietlyAsSigpipeWould() {
        int[] status = new int[1];
        String err = exitAfterPrinting("Broken pipe", 0, status);
        assertEquals(128 + 13, status[0]);
        assertEquals("", err);
    }

    @Test
    void aCommandsOwnFailureKeepsItsStatus() {
        int[] status = new int[1];
        assertEquals("", exitAfterPrinting("No space left on device", 2, status));
        assertEquals(2, status[0]);
        StandardOutput fine = new StandardOutput(OutputStream.nullOutputStream());
        new PrintWriter(fine, true).println("ok");
        assertEquals(0, fine.status(0, new PrintWriter(new StringWriter())));
    }
}

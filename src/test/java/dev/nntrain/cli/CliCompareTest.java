package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * {@code nntrain compare} on logs written by hand, whose best and last values are read off here:
 * an nntrain log and a Keras one (epochs from 0), the table, the chart, and bad input.
 */
class CliCompareTest {

    @TempDir
    static Path tmp;

    static Path fast;
    static Path keras;

    @BeforeAll
    static void writeLogs() throws IOException {
        fast = Files.writeString(tmp.resolve("lr-0.01.csv"), "epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds\n"
                + "1,0.9,0.7,0.5,0.8,0.01,0.3\n"
                + "2,0.6,0.8,0.3,0.9,0.01,0.3\n"
                + "3,0.4,0.85,0.4,0.88,0.01,0.3\n");
        keras = Files.writeString(tmp.resolve("keras.csv"), "epoch,accuracy,loss,val_accuracy,val_loss\n"
                + "0,0.6,1.2,0.7,0.8\n"
                + "1,0.7,0.9,0.75,0.6\n");
    }

    @Test
    void theTableGivesEachRunsBestAndLastValue() {
        CliRun run = CliRun.of("compare", fast.toString(), keras.toString());
        assertEquals(0, run.status(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals("run      epochs  best val_loss  at epoch          last", lines[0]);
        assertEquals("lr-0.01       3         0.3000         2        0.4000", lines[1]);
        assertEquals("keras         2         0.6000         2        0.6000", lines[2]);
    }

    @Test
    void accuracyIsBestAtItsHighest() {
        CliRun run = CliRun.of("compare", "--metric", "val_accuracy", fast.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("lr-0.01       3             0.9000         2        0.8800"), run.out());
    }

    @Test
    void thePlotIsAPng() throws IOException {
        Path png = tmp.resolve("runs.png");
        CliRun run = CliRun.of("compare", fast.toString(), keras.toString(), "--plot", png.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Chart written to " + png), run.out());
        assertEquals(900, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void badInputIsOneLine() throws IOException {
        CliRun.of("compare", tmp.resolve("none.csv").toString()).assertBadInput("none.csv: no such file");
        CliRun.of("compare", "--metric", "val_los", fast.toString()).assertBadInput("--metric val_los: expected one of loss");
        Path noValidation = Files.writeString(tmp.resolve("plain.csv"), "epoch,loss\n1,0.5\n");
        CliRun.of("compare", "--metric", "val_loss", noValidation.toString())
                .assertBadInput("run plain has no val_loss; choose another --metric");
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "epoch,loss\n1,x\n");
        CliRun.of("compare", bad.toString()).assertBadInput(bad + ":2: loss is 'x', expected a number");
        Path png = tmp.resolve("never.png");
        CliRun.of("compare", fast.toString(), bad.toString(), "--plot", png.toString()).assertBadInput("bad.csv:2");
        assertFalse(Files.exists(png), "nothing written");
        CliRun.of("compare", fast.toString(), fast.toString()).assertBadInput("is given twice");
    }
}

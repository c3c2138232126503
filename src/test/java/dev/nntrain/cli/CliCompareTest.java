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

    /** What compare chose and why is said: a fallback to loss, losses of different kinds, a rate's lowest. */
    @Test
    void itSaysWhatItCompares() throws IOException {
        Path plain = Files.writeString(tmp.resolve("no-val.csv"), "epoch,loss,accuracy\n1,0.8,0.6\n2,0.7,0.65\n");
        CliRun fallback = CliRun.of("compare", fast.toString(), plain.toString());
        assertEquals(0, fallback.status(), fallback.err());
        assertTrue(fallback.out().startsWith("Comparing loss: no-val has no val_loss (give --metric to choose)\n"),
                fallback.out());
        Path regression = Files.writeString(tmp.resolve("regression.csv"),
                "epoch,loss,mae,val_loss,val_mae\n1,3000,45,2900,44\n");
        CliRun mixed = CliRun.of("compare", fast.toString(), regression.toString());
        assertEquals(0, mixed.status(), mixed.err());
        assertTrue(mixed.out().startsWith("Note: lr-0.01 measured accuracy (a classifier's cross-entropy loss), regression"
                + " a mean absolute error (a regression's squared error): their val_loss values are not alike\n"),
                mixed.out());
        CliRun rates = CliRun.of("compare", "--metric", "learning_rate", fast.toString());
        assertTrue(rates.out().contains("lowest learning_rate"), rates.out());
        assertFalse(rates.out().contains("best"), rates.out());
        CliRun alike = CliRun.of("compare", fast.toString(), keras.toString());
        assertFalse(alike.out().contains("Note") || alike.out().contains("Comparing"), alike.out());
    }

    @Test
    void thePlotIsAPng() throws IOException {
        Path png = tmp.resolve("runs.png");
        CliRun run = CliRun.of("compare", fast.toString(), keras.toString(), "--plot", png.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Chart written to " + png), run.out());
        assertEquals(900, ImageIO.read(png.toFile()).getWidth());
    }

    /**
     * Logs whose epochs go back, the reviewer's: the rows after a restart replace the earlier ones
     * from its epoch on, so each run's last value is its last epoch's, and compare names the line.
     */
    @Test
    void aRestartedLogIsReadAsTheRestartedRunWroteIt() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("restarts"));
        Path unordered = Files.writeString(dir.resolve("unordered.csv"), "epoch,loss,val_loss\n3,1.0,0.9\n1,0.8,0.5\n2,0.7,0.4\n");
        Path dup = Files.writeString(dir.resolve("dup.csv"), "epoch,loss,val_loss\n1,1.0,0.9\n2,0.8,0.5\n2,0.7,0.4\n3,0.6,0.6\n");
        Path twice = Files.writeString(dir.resolve("twice.csv"), "epoch,loss,val_loss\n0,1,0.9\n1,1,0.8\n0,1,0.7\n1,1,0.6\n"
                + "1,1,0.65\n2,1,0.5\n");
        Path png = dir.resolve("runs.png");
        CliRun run = CliRun.of("compare", unordered.toString(), dup.toString(), twice.toString(), "--plot", png.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(String.join("\n",
                unordered + ": line 3 goes back to epoch 1 (after epoch 3), a restarted run; its rows replace the earlier"
                        + " rows from epoch 1 on",
                dup + ": line 4 goes back to epoch 2 (after epoch 2), a restarted run; its rows replace the earlier rows"
                        + " from epoch 2 on",
                twice + ": the epochs go back at lines 4 (to epoch 1) and 6 (to epoch 2), restarted runs; each one's rows"
                        + " replace the earlier rows from its epoch on",
                "run        epochs  best val_loss  at epoch          last",
                "unordered       2         0.4000         2        0.4000",
                "dup             3         0.4000         2        0.6000",
                "twice           3         0.5000         3        0.5000",
                "Chart written to " + png, ""), run.out());
    }

    /**
     * A run that diverged: its infinite values (Python's inf, Java's -Infinity) are no best and no
     * point on the chart, as a NaN is not, and compare says which epochs it passed over. The best
     * read off by hand: 0.45 at epoch 4 (0.5, inf, -inf, 0.45, nan).
     */
    @Test
    void infiniteValuesPassedOverAreNamed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("infinite"));
        Path diverged = Files.writeString(dir.resolve("diverged.csv"),
                "epoch,loss,val_loss\n1,0.9,0.5\n2,0.8,inf\n3,0.7,-Infinity\n4,0.6,0.45\n5,0.5,nan\n");
        CliRun run = CliRun.of("compare", diverged.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(String.join("\n",
                diverged + ": val_loss is inf at epoch 2, -inf at epoch 3; passed over for the best",
                "run       epochs  best val_loss  at epoch          last",
                "diverged       5         0.4500         4           NaN", ""), run.out());
        Path png = dir.resolve("diverged.png");
        CliRun drawn = CliRun.of("compare", diverged.toString(), "--plot", png.toString());
        assertEquals(0, drawn.status(), drawn.err());
        assertTrue(drawn.out().startsWith(diverged + ": val_loss is inf at epoch 2, -inf at epoch 3; passed over for"
                + " the best and left out of the chart\n"), drawn.out());
        CliRun loss = CliRun.of("compare", "--metric", "loss", diverged.toString());
        assertTrue(loss.out().startsWith("run "), "no note for a column with no infinite value:\n" + loss.out());
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

    /**
     * Logs whose val_loss is infinite at every epoch (runs that diverged from the start): the
     * infinite values are named as where some are finite, the note says none is left, and two
     * such runs "have" none. Keras' epochs count from 0, so its rows 0 and 1 are epochs 1 and 2.
     */
    @Test
    void aColumnOfInfiniteValuesIsNamedAsSuch() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("all-infinite"));
        Path all = Files.writeString(dir.resolve("all.csv"), "epoch,loss,val_loss\n0,1.0,inf\n1,0.5,-inf\n");
        Path all2 = Files.writeString(dir.resolve("all2.csv"), "epoch,loss,val_loss\n0,0.9,-inf\n1,0.4,-inf\n");
        CliRun one = CliRun.of("compare", all.toString());
        assertEquals(0, one.status(), one.err());
        assertEquals(String.join("\n",
                all + ": val_loss is inf at epoch 1, -inf at epoch 2; no finite value is left",
                "Comparing loss: all has no finite val_loss (give --metric to choose)",
                "run  epochs     best loss  at epoch          last",
                "all       2        0.5000         2        0.5000", ""), one.out());
        CliRun two = CliRun.of("compare", all.toString(), all2.toString());
        assertEquals(0, two.status(), two.err());
        assertEquals(String.join("\n",
                all + ": val_loss is inf at epoch 1, -inf at epoch 2; no finite value is left",
                all2 + ": val_loss is -inf at epoch 1, -inf at epoch 2; no finite value is left",
                "Comparing loss: all, all2 have no finite val_loss (give --metric to choose)",
                "run   epochs     best loss  at epoch          last",
                "all        2        0.5000         2        0.5000",
                "all2       2        0.4000         2        0.4000", ""), two.out());
        Path plain = Files.writeString(dir.resolve("plain.csv"), "epoch,loss\n1,0.5\n");
        Path plain2 = Files.writeString(dir.resolve("plain2.csv"), "epoch,loss\n1,0.6\n");
        CliRun none = CliRun.of("compare", plain.toString(), plain2.toString());
        assertTrue(none.out().startsWith("Comparing loss: plain, plain2 have no val_loss (give --metric to choose)\n"),
                none.out());
        CliRun asked = CliRun.of("compare", "--metric", "val_loss", all.toString());
        asked.assertBadInput();
        assertEquals("nntrain: run all has no finite val_loss (" + all + ": val_loss is inf at epoch 1, -inf at epoch 2);"
                + " choose another --metric", asked.errorLine());
    }

    /** A last epoch that diverged shows inf or -inf in the last column, as the note writes it. */
    @Test
    void anInfiniteLastValueIsWrittenAsTheNoteWritesIt() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("last-infinite"));
        Path up = Files.writeString(dir.resolve("up.csv"), "epoch,loss,val_loss\n1,1.0,0.9\n2,0.5,inf\n");
        Path down = Files.writeString(dir.resolve("down.csv"), "epoch,loss,val_loss\n1,1.0,0.8\n2,0.5,-Infinity\n");
        CliRun run = CliRun.of("compare", up.toString(), down.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(String.join("\n",
                up + ": val_loss is inf at epoch 2; passed over for the best",
                down + ": val_loss is -inf at epoch 2; passed over for the best",
                "run   epochs  best val_loss  at epoch          last",
                "up         2         0.9000         1           inf",
                "down       2         0.8000         1          -inf", ""), run.out());
    }

    /**
     * Signed and capitalised infinities and NaNs, as Python's float() reads them: +inf and
     * +Infinity alike, -nan and +nan a NaN (not measured). Read off by hand: the finite values are
     * 0.7 at epoch 1 and 0.6 at epoch 5; the infinite ones at epochs 2, 3, 4 and 8.
     */
    @Test
    void signedInfinitiesAndNansAreReadAsPythonReadsThem() throws IOException {
        Path signed = Files.writeString(Files.createDirectories(tmp.resolve("signed")).resolve("signed.csv"),
                "epoch,loss,val_loss\n1,1,0.7\n2,1,+inf\n3,1,+Infinity\n4,1,-INF\n5,1,0.6\n6,1,+nan\n7,1,-nan\n"
                + "8,1,Inf\n9,1,NaN\n");
        CliRun run = CliRun.of("compare", signed.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(String.join("\n",
                signed + ": val_loss is inf at epoch 2, inf at epoch 3, -inf at epoch 4, inf at epoch 8; passed over for"
                        + " the best",
                "run     epochs  best val_loss  at epoch          last",
                "signed       9         0.6000         5           NaN", ""), run.out());
    }
}

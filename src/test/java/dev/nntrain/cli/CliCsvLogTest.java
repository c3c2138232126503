package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code train --csv-log}: the log's rows against the epoch lines the same run printed (a second
 * route to the same numbers, rounded there to four decimals), what the checkpoint records, and
 * {@code compare} reading the log.
 */
class CliCsvLogTest {

    @TempDir
    Path tmp;

    private static final Pattern EPOCH = Pattern.compile(
            "Epoch (\\d+)/\\d+ - loss: ([0-9.]+) - accuracy: ([0-9.]+) - val_loss: ([0-9.]+) - val_accuracy: ([0-9.]+)");

    @Test
    void theLogHoldsTheEpochLinesNumbers() throws IOException {
        Path log = tmp.resolve("iris.csv");
        CliRun run = CliRun.of("train", "--dataset", "csv:data/iris.csv", "--layers", "8", "--lr", "0.01", "--epochs", "4",
                "--validation-split", "0.2", "--threads", "1", "--device", "cpu", "--seed", "3", "-o",
                tmp.resolve("model").toString(), "--csv-log", log.toString(), "--checkpoint-every", "2");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Training log written to " + log), run.out());
        List<String> rows = Files.readAllLines(log);
        assertEquals("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds", rows.get(0));
        Matcher m = EPOCH.matcher(run.out());
        int epochs = 0;
        while (m.find()) {
            String[] row = rows.get(++epochs).split(",");
            assertEquals(m.group(1), row[0]);
            for (int k = 1; k <= 4; k++) {
                assertEquals(Double.parseDouble(m.group(k + 1)), Double.parseDouble(row[k]), 0.00005 + 1e-12,
                        "epoch " + epochs + ", column " + k);
            }
            assertEquals(0.01, Double.parseDouble(row[5]), 1e-12);
        }
        assertEquals(4, epochs);
        assertEquals(5, rows.size());
        // the checkpoint records the log's path made absolute, so that --resume writes to it from anywhere
        CliRun summary = CliRun.of("summary", "--model", tmp.resolve("model.checkpoint").toString());
        assertEquals(0, summary.status(), summary.err());
        assertTrue(summary.out().contains("--csv-log " + log.toAbsolutePath()), summary.out());

        CliRun compare = CliRun.of("compare", log.toString());
        assertEquals(0, compare.status(), compare.err());
        assertTrue(compare.out().startsWith("run   epochs  best val_loss  at epoch          last\niris       4"), compare.out());
    }

    @Test
    void aLogWithoutEpochsIsRefusedBeforeTraining() {
        Path log = tmp.resolve("never.csv");
        CliRun.of("train", "--epochs", "0", "--initial-weights", tmp.resolve("w.npz").toString(), "-o",
                tmp.resolve("m").toString(), "--csv-log", log.toString())
                .assertBadInput("--csv-log " + log + " writes the metrics of the epochs; --epochs 0 trains none");
        assertTrue(Files.notExists(log));
    }
}

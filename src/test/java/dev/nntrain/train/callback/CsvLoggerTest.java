package dev.nntrain.train.callback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.EpochLogs;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.History;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The CSV training log against the history {@code fit} returns, read back from the file as a
 * spreadsheet would read it: the same numbers in full precision, the columns a classifier and a
 * regression measure, and a resumed run's file holding each epoch once, equal to the file of a run
 * that was never killed.
 */
class CsvLoggerTest {

    @TempDir
    Path tmp;

    private static Examples classes() {
        Random r = new Random(5);
        float[][] x = new float[90][4];
        int[] y = new int[90];
        for (int i = 0; i < 90; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i][j] = (float) (r.nextGaussian() * 0.5 + (j == y[i] ? 1 : 0));
            }
        }
        return Examples.of(x, y);
    }

    private static CompiledModel classifier() {
        Sequential model = Sequential.builder().addAll(Dense.of(6, Activation.RELU), Dense.of(3)).optSeed(3).build();
        return CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam(0.01));
    }

    private static FitOptions.Builder options() {
        return FitOptions.builder().optEpochs(6).optBatchSize(16).optSeed(4).optVerbose(0).optValidationSplit(0.2);
    }

    /** The file's rows as numbers, header first as strings. */
    private static List<String[]> read(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    @Test
    void everyEpochIsALineWithTheHistorysNumbers() throws IOException {
        Path file = tmp.resolve("log.csv");
        Files.writeString(file, "an older run's log\n");
        History h;
        try (CompiledModel net = classifier()) {
            h = net.fit(classes(), options().addCallback(new CsvLogger(file)).build());
        }
        List<String[]> rows = read(file);
        assertEquals(List.of("epoch", "loss", "accuracy", "val_loss", "val_accuracy", "learning_rate", "seconds"),
                List.of(rows.get(0)));
        assertEquals(7, rows.size(), "the header and six epochs; the older file replaced");
        for (int e = 0; e < 6; e++) {
            String[] row = rows.get(e + 1);
            EpochLogs logs = h.epochs().get(e);
            assertEquals(e + 1, Integer.parseInt(row[0]));
            assertEquals(logs.loss(), Double.parseDouble(row[1]), 0.0);
            assertEquals(logs.accuracy(), Double.parseDouble(row[2]), 0.0);
            assertEquals(logs.valLoss(), Double.parseDouble(row[3]), 0.0);
            assertEquals(logs.valAccuracy(), Double.parseDouble(row[4]), 0.0);
            assertEquals(0.01, Double.parseDouble(row[5]), 1e-9);
            assertEquals(logs.seconds(), Double.parseDouble(row[6]), 0.0);
        }
    }

    @Test
    void aRegressionLogsItsMeanAbsoluteError() throws IOException {
        Path file = tmp.resolve("regression.csv");
        float[][] x = {{0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}};
        float[][] y = {{1}, {3}, {5}, {7}, {9}, {11}, {13}, {15}};
        Sequential model = Sequential.builder().add(Dense.of(1)).optSeed(1).build();
        History h;
        try (CompiledModel net = CompiledModel.compile(model, new MeanSquaredError(), new Adam(0.1))) {
            h = net.fit(Examples.of(x, y), FitOptions.builder().optEpochs(3).optBatchSize(4).optSeed(1).optVerbose(0)
                    .addCallback(new CsvLogger(file)).build());
        }
        List<String[]> rows = read(file);
        assertEquals(List.of("epoch", "loss", "mae", "learning_rate", "seconds"), List.of(rows.get(0)));
        assertEquals(h.meanAbsoluteError()[2], Double.parseDouble(rows.get(3)[2]), 0.0);
    }

    /**
     * Killed after epoch 5 with a checkpoint every 2 epochs (the last at 4), resumed: the file holds
     * epochs 1 to 6 once each, and equals the log of a run that never stopped but for the seconds.
     */
    @Test
    void aResumedRunRewritesTheEpochsAfterItsCheckpoint() throws IOException {
        Path whole = tmp.resolve("whole.csv");
        try (CompiledModel net = classifier()) {
            net.fit(classes(), options().addCallback(new CsvLogger(whole)).build());
        }
        Path resumed = tmp.resolve("resumed.csv");
        Path dir = tmp.resolve("checkpoint");
        killedBeforeEpoch6(resumed, dir);
        assertEquals(6, Files.readAllLines(resumed).size(), "the header and epochs 1 to 5 before the kill");
        try (CompiledModel net = classifier()) {
            net.fit(classes(), options().optResumeFrom(dir).addCallback(new CsvLogger(resumed))
                    .addCallback(new TrainingCheckpoint(dir, 2)).build());
        }
        List<String[]> expected = read(whole);
        List<String[]> actual = read(resumed);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            String[] e = expected.get(i);
            String[] a = actual.get(i);
            // all but the seconds, which differ from run to run
            assertEquals(List.of(e).subList(0, e.length - 1), List.of(a).subList(0, a.length - 1), "line " + (i + 1));
        }
    }

    /**
     * Killed before epoch 6 with checkpoints every 2 epochs (the last at 4), the log then deleted,
     * cut short, replaced by another file or left with only the header and a torn line; resumed,
     * the log equals the log of the run that never stopped, but for the seconds: the epochs the
     * checkpoint kept come from the history it restored, not from the file.
     */
    @Test
    void aResumedRunWritesTheCheckpointsEpochsWhateverTheFileHolds() throws IOException {
        Path whole = tmp.resolve("whole.csv");
        try (CompiledModel net = classifier()) {
            net.fit(classes(), options().addCallback(new CsvLogger(whole)).build());
        }
        List<String[]> expected = read(whole);
        java.util.Map<String, String> damage = new java.util.LinkedHashMap<>();
        damage.put("deleted", null);
        damage.put("cut short", "header and two epochs");
        damage.put("replaced", "species,island\nAdelie,Torgersen\n");
        damage.put("torn", "header and a torn line");
        damage.put("other epochs", "epoch,loss\n1,9\n2,9\n3,9\n4,9\n");
        for (java.util.Map.Entry<String, String> d : damage.entrySet()) {
            Path log = tmp.resolve(d.getKey().replace(' ', '-') + ".csv");
            Path dir = tmp.resolve(d.getKey().replace(' ', '-') + ".checkpoint");
            killedBeforeEpoch6(log, dir);
            List<String> written = Files.readAllLines(log);
            if (d.getValue() == null) {
                Files.delete(log);
            } else if (d.getValue().equals("header and two epochs")) {
                Files.write(log, written.subList(0, 3));
            } else if (d.getValue().equals("header and a torn line")) {
                Files.writeString(log, written.get(0) + "\n" + written.get(1).substring(0, 9));
            } else {
                Files.writeString(log, d.getValue());
            }
            try (CompiledModel net = classifier()) {
                net.fit(classes(), options().optResumeFrom(dir).addCallback(new CsvLogger(log))
                        .addCallback(new TrainingCheckpoint(dir, 2)).build());
            }
            List<String[]> actual = read(log);
            assertEquals(expected.size(), actual.size(), d.getKey());
            for (int i = 0; i < expected.size(); i++) {
                String[] e = expected.get(i);
                String[] a = actual.get(i);
                assertEquals(List.of(e).subList(0, e.length - 1), List.of(a).subList(0, a.length - 1),
                        d.getKey() + ", line " + (i + 1));
            }
            for (int i = 1; i <= 4; i++) {
                assertEquals(written.get(i), String.join(",", actual.get(i)), d.getKey() + ": the killed run's own line "
                        + (i + 1) + ", seconds and all, from the checkpoint's history");
            }
        }
    }

    /**
     * A run resumed from the checkpoint of its last epoch trains nothing; its log, deleted
     * meanwhile, is written again whole from the checkpoint's history.
     */
    @Test
    void aFinishedRunResumedWritesItsWholeLogAgain() throws IOException {
        Path log = tmp.resolve("finished.csv");
        Path dir = tmp.resolve("finished.checkpoint");
        try (CompiledModel net = classifier()) {
            net.fit(classes(), options().addCallback(new CsvLogger(log)).addCallback(new TrainingCheckpoint(dir, 2)).build());
        }
        List<String> expected = Files.readAllLines(log);
        Files.delete(log);
        try (CompiledModel net = classifier()) {
            net.fit(classes(), options().optResumeFrom(dir).addCallback(new CsvLogger(log))
                    .addCallback(new TrainingCheckpoint(dir, 2)).build());
        }
        assertEquals(expected, Files.readAllLines(log));
    }

    /**
     * A log whose epochs go back, as Keras' CSVLogger(append=True) writes after a restart: the
     * rows after the restart replace the earlier rows from its epoch on, and the restart is named.
     */
    @Test
    void aRestartedLogKeepsTheRestartedRunsRows() throws IOException {
        Path file = tmp.resolve("dup.csv");
        Files.writeString(file, "epoch,loss,val_loss\n1,1.0,0.9\n2,0.8,0.5\n2,0.7,0.4\n3,0.6,0.6\n");
        CsvLogger.Log log = CsvLogger.readLog(file);
        assertEquals(List.of(1, 2, 3), log.history().epochs().stream().map(EpochLogs::epoch).toList());
        assertArrayEquals(new double[] {1.0, 0.7, 0.6}, log.history().loss(), 0.0);
        assertArrayEquals(new double[] {0.9, 0.4, 0.6}, log.history().valLoss(), 0.0);
        assertEquals(List.of(new CsvLogger.Restart(4, 2, 2)), log.restarts());

        Files.writeString(file, "epoch,loss,val_loss\n3,1.0,0.9\n1,0.8,0.5\n2,0.7,0.4\n");
        log = CsvLogger.readLog(file);
        assertEquals(List.of(1, 2), log.history().epochs().stream().map(EpochLogs::epoch).toList());
        assertArrayEquals(new double[] {0.5, 0.4}, log.history().valLoss(), 0.0);
        assertEquals(List.of(new CsvLogger.Restart(3, 1, 3)), log.restarts());

        // Keras, epochs from 0: 0 1 2, restarted at 1, then 1 2 3, restarted again at 3
        Files.writeString(file, "epoch,loss\n0,5\n1,4\n2,3\n1,3.5\n2,2.5\n3,2\n3,1.9\n\n4,1.5\n");
        log = CsvLogger.readLog(file);
        assertEquals(List.of(1, 2, 3, 4, 5), log.history().epochs().stream().map(EpochLogs::epoch).toList());
        assertArrayEquals(new double[] {5, 3.5, 2.5, 1.9, 1.5}, log.history().loss(), 0.0);
        assertEquals(List.of(new CsvLogger.Restart(5, 2, 3), new CsvLogger.Restart(8, 4, 4)), log.restarts());
        assertArrayEquals(log.history().loss(), CsvLogger.read(file).loss(), 0.0);

        Files.writeString(file, "epoch,loss\n1,5\n0,4\n");
        assertEquals(file + ":3: epoch is 0, but the first row counts epochs from 1",
                assertThrows(InvalidInputException.class, () -> CsvLogger.read(file)).getMessage());
    }

    /** Read back, the log gives the history fit returned, number for number. */
    @Test
    void aLogReadBackIsTheHistory() {
        Path file = tmp.resolve("log.csv");
        History h;
        try (CompiledModel net = classifier()) {
            h = net.fit(classes(), options().addCallback(new CsvLogger(file)).build());
        }
        History read = CsvLogger.read(file);
        for (String name : EpochLogs.NAMES) {
            assertArrayEquals(h.get(name), read.get(name), 0.0, name);
        }
        assertEquals(6, read.last().epoch());
    }

    /**
     * A Keras CSVLogger's file, as Keras 3 writes it (keys sorted, epochs from 0, Python's nan),
     * with a metric of its own passed over.
     */
    @Test
    void aKerasLogIsReadWithItsEpochsFromOne() throws IOException {
        Path file = tmp.resolve("keras.csv");
        Files.writeString(file, "epoch,accuracy,auc,loss,val_accuracy,val_loss\n"
                + "0,0.8125,0.9,0.5231,0.875,0.41\n"
                + "1,0.9,0.95,0.31,nan,0.35\n");
        History h = CsvLogger.read(file);
        assertEquals(List.of(1, 2), h.epochs().stream().map(EpochLogs::epoch).toList());
        assertArrayEquals(new double[] {0.5231, 0.31}, h.loss(), 0.0);
        assertArrayEquals(new double[] {0.8125, 0.9}, h.accuracy(), 0.0);
        assertArrayEquals(new double[] {0.875, Double.NaN}, h.valAccuracy(), 0.0);
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, h.meanAbsoluteError(), 0.0);
    }

    @Test
    void aBadLogIsRefusedNamingTheLineAndValue() throws IOException {
        Path file = tmp.resolve("bad.csv");
        Files.writeString(file, "epoch,loss\n1,0.5\n2,abc\n");
        assertEquals(file + ":3: loss is 'abc', expected a number",
                assertThrows(InvalidInputException.class, () -> CsvLogger.read(file)).getMessage());
        Files.writeString(file, "epoch,loss\n1,0.5,7\n");
        assertEquals(file + ":2: 3 values, expected 2 as the header has",
                assertThrows(InvalidInputException.class, () -> CsvLogger.read(file)).getMessage());
        Files.writeString(file, "step,value\n1,0.5\n");
        assertEquals(file + ":1: no 'epoch' column in the header step,value; expected a training log such as epoch,loss,...",
                assertThrows(InvalidInputException.class, () -> CsvLogger.read(file)).getMessage());
        Files.writeString(file, "epoch,loss\n");
        assertEquals(file + ": a header and no epoch; expected one row per epoch",
                assertThrows(InvalidInputException.class, () -> CsvLogger.read(file)).getMessage());
        assertEquals(tmp.resolve("none.csv") + ": no such file",
                assertThrows(InvalidInputException.class, () -> CsvLogger.read(tmp.resolve("none.csv"))).getMessage());
    }

    /** A fit logging to {@code log}, checkpointed every 2 epochs in {@code dir}, that dies as epoch 6 begins. */
    private static void killedBeforeEpoch6(Path log, Path dir) {
        try (CompiledModel net = classifier()) {
            assertThrows(IllegalStateException.class, () -> net.fit(classes(), options().addCallback(new CsvLogger(log))
                    .addCallback(new TrainingCheckpoint(dir, 2)).addCallback(new Callback() {
                        @Override
                        public void onEpochBegin(int epoch, TrainingContext context) {
                            if (epoch == 6) {
                                throw new IllegalStateException("killed");
                            }
                        }
                    }).build()));
        }
    }
}

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
        try (CompiledModel net = classifier()) {
            assertThrows(IllegalStateException.class, () -> net.fit(classes(), options().addCallback(new CsvLogger(resumed))
                    .addCallback(new TrainingCheckpoint(dir, 2)).addCallback(new Callback() {
                        @Override
                        public void onEpochBegin(int epoch, TrainingContext context) {
                            if (epoch == 6) {
                                throw new IllegalStateException("killed");
                            }
                        }
                    }).build()));
        }
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
}

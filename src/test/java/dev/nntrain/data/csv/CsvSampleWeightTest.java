package dev.nntrain.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.DataFormatException;
import dev.nntrain.data.Datasets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link Csv#sampleWeightColumn}: a column of weights the model does not see, whose numbers follow
 * their rows through the train/test split. The oracle: each row's weight is its row number and so
 * is ten times its feature, so a training row's weight must be its own feature's tenth whatever
 * order the split put it in.
 */
class CsvSampleWeightTest {

    @TempDir
    Path tmp;

    /** Row r (from 1) has the feature 10 r, the weight r and the class r % 3. */
    private Path numbered(int rows) throws IOException {
        StringBuilder csv = new StringBuilder("x,w,label\n");
        for (int r = 1; r <= rows; r++) {
            csv.append(10 * r).append(',').append(r).append(',').append(r % 3).append('\n');
        }
        return Files.writeString(tmp.resolve("numbered.csv"), csv);
    }

    @Test
    void eachTrainingRowKeepsItsOwnWeight() throws IOException {
        Path file = numbered(50);
        for (Csv csv : List.of(Csv.classification().sampleWeightColumn("w"), Csv.classification().sampleWeightColumn(1),
                Csv.regression().sampleWeightColumn("w"))) {
            Csv.SplitReading reading = csv.readSplit(file, 0.2, 11, 0.25);
            double[] weights = reading.sampleWeights().orElseThrow();
            assertEquals(reading.train().size(), weights.length);
            for (int k = 0; k < weights.length; k++) {
                assertEquals(reading.train().featureRow(k)[0] / 10, weights[k], "training row " + k);
            }
            // the model never sees the column: one input, the weight column recorded as ignored
            assertEquals(1, reading.train().featureSize());
            assertEquals("x, w: ignored", reading.train().featureColumns().orElseThrow().describe());
        }
    }

    @Test
    void theDataSetCarriesTheWeightsToTheTrainer() throws IOException {
        Path file = numbered(30);
        Datasets.TrainTest sets = Datasets.load(new Datasets.Spec("csv:" + file, null, false,
                Csv.classification().sampleWeightColumn("w"), 0.2, 3));
        double[] weights = sets.sampleWeights().orElseThrow();
        for (int k = 0; k < weights.length; k++) {
            assertEquals(sets.train().featureRow(k)[0] / 10, weights[k]);
        }
        weights[0] = -5;
        assertFalse(sets.sampleWeights().orElseThrow()[0] == -5, "a copy is handed out");
        assertTrue(Datasets.load(new Datasets.Spec("csv:" + file, null, false, Csv.classification(), 0.2, 3))
                .sampleWeights().isEmpty());
    }

    @Test
    void aFileReadWithTheTrainedColumnsLeavesTheWeightsOut() throws IOException {
        Path file = numbered(12);
        FeatureColumns trained = Csv.classification().sampleWeightColumn("w").readSplit(file, 0.25, 1).train()
                .featureColumns().orElseThrow();
        // a weight that could not train (negative, missing) is nothing to a trained model
        Path later = Files.writeString(tmp.resolve("later.csv"), "x,w,label\n10,-3,1\n20,,2\n");
        assertArrayEquals(new float[] {10, 20}, Csv.classification().featureColumns(trained).read(later).features());
    }

    @Test
    void badWeightsAreRefusedNamingTheirLine() throws IOException {
        String[][] cases = {
            {"-1", "line 3, column 2: sample weight -1 is negative; expected a sample weight, a finite number >= 0"},
            {"heavy", "line 3, column 2: sample weight \"heavy\" is not a number; expected a sample weight"},
            {"NaN", "line 3, column 2: \"NaN\" is a missing value; expected a sample weight, a finite number >= 0"},
            {"", "line 3, column 2: empty cell is a missing value; expected a sample weight"},
            {"inf", "line 3, column 2: sample weight \"inf\" is NaN or infinite; expected a sample weight"},
            {"1e39", "line 3, column 2: sample weight \"1e39\" is infinite as a 32-bit float; expected a sample weight"},
        };
        for (String[] c : cases) {
            Path file = Files.writeString(tmp.resolve("bad.csv"), "x,w,label\n1,1,0\n2," + c[0] + ",1\n3,2,0\n4,1,1\n");
            DataFormatException e = assertThrows(DataFormatException.class,
                    () -> Csv.classification().sampleWeightColumn("w").readSplit(file, 0.5, 1));
            assertEquals(file + ": " + c[1], e.getMessage().substring(0, Math.min(e.getMessage().length(),
                    (file + ": " + c[1]).length())), e.getMessage());
        }
    }

    @Test
    void aMissingWeightsRowIsLeftOutWithDropMissing() throws IOException {
        Path file = Files.writeString(tmp.resolve("holes.csv"), "x,w,label\n10,1,0\n20,NA,1\n30,3,0\n40,4,1\n50,5,0\n60,6,1\n");
        Csv.SplitReading reading = Csv.classification().sampleWeightColumn("w").dropMissing().readSplit(file, 0.34, 2);
        assertEquals(List.of(3), reading.missing());
        double[] weights = reading.sampleWeights().orElseThrow();
        assertEquals(reading.train().size(), weights.length);
        for (int k = 0; k < weights.length; k++) {
            assertEquals(reading.train().featureRow(k)[0] / 10, weights[k]);
        }
    }

    @Test
    void aWholeFilesReadingHasEveryRowsWeightInFileOrder() throws IOException {
        Path file = Files.writeString(tmp.resolve("whole.csv"), "x,w,label\n10,1.5,0\n20,NA,1\n30,0,0\n40,4.25,1\n");
        Csv.Reading reading = Csv.classification().sampleWeightColumn("w").dropMissing().readAndReport(file);
        assertEquals(List.of(3), reading.missing());
        assertArrayEquals(new double[] {1.5, 0, 4.25}, reading.sampleWeights().orElseThrow());
        assertArrayEquals(new float[] {10, 30, 40}, reading.examples().features());
        // a copy each time: the reading cannot be changed through it
        reading.sampleWeights().orElseThrow()[0] = 99;
        assertEquals(1.5, reading.sampleWeights().orElseThrow()[0]);
        // none without a weight column, and read() checks the column as readAndReport does
        assertTrue(Csv.classification().ignoreColumns("w").dropMissing().readAndReport(file).sampleWeights().isEmpty());
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "x,w,label\n10,1,0\n20,-2,1\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Csv.classification().sampleWeightColumn("w").read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": line 3, column 2: sample weight -2 is negative"), e.getMessage());
        assertEquals("1 sample weights for 3 rows; expected one per row", assertThrows(dev.nntrain.InvalidInputException.class,
                () -> new Csv.Reading(reading.examples(), List.of(), List.of(), java.util.Optional.of(new double[] {1})))
                        .getMessage());
        assertEquals("2 sample weights for 3 training rows; expected one per row", assertThrows(
                dev.nntrain.InvalidInputException.class, () -> new Csv.SplitReading(reading.examples(), reading.examples(),
                        List.of(), List.of(), java.util.Optional.of(new double[] {1, 2}))).getMessage());
        assertEquals("4 sample weights for 3 training examples; expected one per example", assertThrows(
                dev.nntrain.InvalidInputException.class, () -> new Datasets.TrainTest("whole", reading.examples(),
                        reading.examples(), List.of(), List.of(), java.util.Optional.of(new double[4]))).getMessage());
    }

    @Test
    void theColumnMustBeOneOfItsOwn() throws IOException {
        Path file = numbered(6);
        assertEquals(file + ": column 2 (\"label\") is the label column; it cannot also hold the sample weights",
                assertThrows(DataFormatException.class, () -> Csv.classification().sampleWeightColumn("label")
                        .readSplit(file, 0.5, 1)).getMessage());
        assertEquals(file + ": column 1 (\"w\") is ignored; the sample weight column is left out of the features"
                + " already (do not ignore it too)", assertThrows(DataFormatException.class,
                        () -> Csv.classification().ignoreColumns("w").sampleWeightColumn(1).readSplit(file, 0.5, 1))
                        .getMessage());
        assertTrue(assertThrows(DataFormatException.class, () -> Csv.classification().sampleWeightColumn("weight")
                .readSplit(file, 0.5, 1)).getMessage().contains("header has no column \"weight\" to read sample weights"
                        + " from; columns are [x, w, label]"));
        assertTrue(assertThrows(DataFormatException.class, () -> Csv.classification().sampleWeightColumn(7)
                .readSplit(file, 0.5, 1)).getMessage().contains("sample weight column index 7 is out of range"));
        assertThrows(dev.nntrain.InvalidInputException.class, () -> Csv.classification().sampleWeightColumn(-1));
        // the weights and the only feature: nothing left for the model
        Path two = Files.writeString(tmp.resolve("two.csv"), "w,label\n1,0\n2,1\n3,0\n4,1\n");
        assertTrue(assertThrows(DataFormatException.class, () -> Csv.classification().sampleWeightColumn("w")
                .readSplit(two, 0.5, 1)).getMessage().contains("every feature column is ignored"));
    }
}

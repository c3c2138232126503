package dev.nntrain.train.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

/** {@link ConfusionMatrix} on small cases tallied by hand. */
class ConfusionMatrixTest {

    /**
     * Ten examples of three classes. By hand, rows are the true class and columns the prediction:
     * <pre>
     *   class 0 (examples 0, 1, 2, 9): predicted 0, 1, 0, 0  ->  3 1 0
     *   class 1 (examples 3, 4):       predicted 1, 2        ->  0 1 1
     *   class 2 (examples 5 to 8):     predicted 2, 2, 0, 2  ->  1 0 3
     * </pre>
     */
    private static final int[] ACTUAL = {0, 0, 0, 1, 1, 2, 2, 2, 2, 0};
    private static final int[] PREDICTED = {0, 1, 0, 1, 2, 2, 2, 0, 2, 0};

    @Test
    void countsEveryPairOfTrueAndPredictedClass() {
        ConfusionMatrix m = ConfusionMatrix.of(3, ACTUAL, PREDICTED);
        assertEquals(3, m.classes());
        long[][] expected = {{3, 1, 0}, {0, 1, 1}, {1, 0, 3}};
        for (int a = 0; a < 3; a++) {
            for (int p = 0; p < 3; p++) {
                assertEquals(expected[a][p], m.count(a, p), "true " + a + ", predicted " + p);
            }
        }
    }

    @Test
    void accuracyIsTheDiagonalOverAll() {
        // (3 + 1 + 3) / 10
        assertEquals(0.7, ConfusionMatrix.of(3, ACTUAL, PREDICTED).accuracy(), 1e-15);
    }

    @Test
    void classAccuracyIsEachClassesRecall() {
        ConfusionMatrix m = ConfusionMatrix.of(3, ACTUAL, PREDICTED);
        assertEquals(0.75, m.classAccuracy(0), 1e-15, "3 of 4 zeros");
        assertEquals(0.5, m.classAccuracy(1), 1e-15, "1 of 2 ones");
        assertEquals(0.75, m.classAccuracy(2), 1e-15, "3 of 4 twos");
    }

    @Test
    void anAbsentClassOrAnEmptyMatrixHasNoAccuracy() {
        // class 3 is predicted once but never the true class: its recall is undefined
        ConfusionMatrix m = ConfusionMatrix.of(4, new int[] {0, 1, 1}, new int[] {3, 1, 1});
        assertTrue(Double.isNaN(m.classAccuracy(3)));
        assertEquals(0, m.classAccuracy(0), 1e-15);
        assertEquals(1, m.count(0, 3));
        assertEquals(2.0 / 3, m.accuracy(), 1e-15);
        assertTrue(Double.isNaN(ConfusionMatrix.of(2, new int[0], new int[0]).accuracy()), "no examples");
    }

    @Test
    void labelsAndPredictionsMustPairUp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(2, new int[] {0, 1, 1}, new int[] {0, 1}));
        assertEquals("3 labels but 2 predictions", e.getMessage());
    }

    @Test
    void formatsOneRowPerTrueClass() {
        // true 0: predicted 0 once and 1 once (recall 0.5); true 1: predicted 1 once (recall 1)
        String table = ConfusionMatrix.of(2, new int[] {0, 0, 1}, new int[] {0, 1, 1}).format();
        String expected = String.join(System.lineSeparator(),
                "true\\pred     0     1  accuracy",
                "0             1     1    0.5000",
                "1             0     1    1.0000",
                "");
        assertEquals(expected, table);
    }

    @Test
    void rowsNameTheirClassesWhereTheyHaveNames() {
        // the matrix above, its rows named: the label column widens to the longest, "1 versicolor"
        String table = ConfusionMatrix.of(2, new int[] {0, 0, 1}, new int[] {0, 1, 1})
                .format(java.util.List.of("setosa", "versicolor"));
        String expected = String.join(System.lineSeparator(),
                "true\\pred         0     1  accuracy",
                "0 setosa          1     1    0.5000",
                "1 versicolor      0     1    1.0000",
                "");
        assertEquals(expected, table);
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(2, new int[] {0}, new int[] {0}).format(java.util.List.of("one")));
    }

    @Test
    void columnsWidenForLargeCounts() {
        // a million correct zeros: a seven-digit count still lines up under its column's header
        int[] zeros = new int[1_000_000];
        String[] lines = ConfusionMatrix.of(2, zeros, zeros).format().split(System.lineSeparator());
        assertEquals(3, lines.length, Arrays.toString(lines));
        assertEquals("true\\pred       0       1  accuracy", lines[0]);
        assertEquals("0         1000000       0    1.0000", lines[1]);
        assertEquals("1               0       0       NaN", lines[2]);
    }

    @Test
    void theMostFrequentMistakesOfAnyNumberOfClasses() {
        // by hand from ACTUAL and PREDICTED: 0 -> 1 once, 1 -> 2 once, 2 -> 0 once; with two more
        // 65535 -> 3 it leads
        int[] actual = Arrays.copyOf(ACTUAL, ACTUAL.length + 2);
        int[] predicted = Arrays.copyOf(PREDICTED, PREDICTED.length + 2);
        actual[10] = 65_535;
        actual[11] = 65_535;
        predicted[10] = 3;
        predicted[11] = 3;
        assertEquals(java.util.List.of(new ConfusionMatrix.Confusion(65_535, 3, 2), new ConfusionMatrix.Confusion(0, 1, 1),
                new ConfusionMatrix.Confusion(1, 2, 1)), ConfusionMatrix.topConfusions(actual, predicted, 3));
        assertEquals(java.util.List.of(), ConfusionMatrix.topConfusions(new int[] {4, 5}, new int[] {4, 5}, 10), "no mistakes");
    }

    @Test
    void aMatrixOfTooManyClassesIsRefusedNotAllocated() {
        // 65,536 classes would be 32 GB of counts
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(65_536, new int[] {65_535}, new int[] {0}));
        assertTrue(e.getMessage().contains("65,536 classes") && e.getMessage().contains("1,024"), e.getMessage());
    }

    @Test
    void aLabelOrPredictionOutsideTheClassesIsRefusedNamingTheExample() {
        // 3 classes are 0, 1 and 2: example 1's label 5, example 2's label -1, example 1's prediction 3
        dev.nntrain.InvalidInputException label = assertThrows(dev.nntrain.InvalidInputException.class,
                () -> ConfusionMatrix.of(3, new int[] {0, 5}, new int[] {0, 1}));
        assertEquals("label 5 of example 1 is outside [0, 3)", label.getMessage());
        dev.nntrain.InvalidInputException negative = assertThrows(dev.nntrain.InvalidInputException.class,
                () -> ConfusionMatrix.of(3, new int[] {0, 2, -1}, new int[] {0, 2, 1}));
        assertEquals("label -1 of example 2 is outside [0, 3)", negative.getMessage());
        dev.nntrain.InvalidInputException prediction = assertThrows(dev.nntrain.InvalidInputException.class,
                () -> ConfusionMatrix.of(3, new int[] {0, 1}, new int[] {0, 3}));
        assertEquals("prediction 3 of example 1 is outside [0, 3)", prediction.getMessage());
    }
}

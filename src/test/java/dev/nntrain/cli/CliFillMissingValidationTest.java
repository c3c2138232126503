package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code train --fill-missing mean --validation-split 0.2} on the penguins with holes punched in
 * them: the values are learnt from the rows that train, the training rows less the last fifth that
 * validates (Keras' rule, worked out here by hand), as the input scaling is. The oracle is the same
 * file with the holes filled in by this test from the raw cells of those rows alone; both files
 * must train identically, validation metrics included, and the model must keep those values.
 */
class CliFillMissingValidationTest {

    @TempDir
    static Path tmp;

    static List<String[]> rows;
    static Path holes;
    static String[] fill = new String[6]; // by feature column: island, four measurements, sex
    static String[] everyTrainingRowsFill = new String[6]; // the values the validation rows would change
    static int trained;
    static CliRun filled;
    static CliRun oracle;

    @BeforeAll
    static void trainOnHolesAndOnTheHolesFilledByHand() throws IOException {
        // holes: every 7th row's bill length, every 13th's mass (as "?"), every 5th's sex, every 19th's island
        PenguinHoles penguins = PenguinHoles.punch(19, 7, 13, 5);
        rows = penguins.rows();
        holes = penguins.write(tmp.resolve("penguins-holes.csv"));
        List<Integer> order = penguins.trainingOrder(tmp);
        // Keras' validation_split: the first floor(n (1 - 0.2)) train, the rest validate
        trained = (int) Math.floor(order.size() * 0.8);
        fill = penguins.fillValues(order.subList(0, trained));
        everyTrainingRowsFill = penguins.fillValues(order);
        Path byHand = penguins.writeFilled(tmp.resolve("penguins-by-hand.csv"), fill);
        filled = CliRun.of(CliFillMissingTest.train(holes, tmp.resolve("holes-model"), "--fill-missing", "mean",
                "--validation-split", "0.2"));
        oracle = CliRun.of(CliFillMissingTest.train(byHand, tmp.resolve("by-hand-model"), "--validation-split", "0.2"));
        assertEquals(0, filled.status(), filled.err());
        assertEquals(0, oracle.status(), oracle.err());
    }

    @Test
    void theValidationRowsTakeNoPartInTheValues() {
        // else the test could not tell: the validation rows change the means with holes in them
        assertNotEquals(Float.parseFloat(everyTrainingRowsFill[1]), Float.parseFloat(fill[1]));
        assertNotEquals(Float.parseFloat(everyTrainingRowsFill[4]), Float.parseFloat(fill[4]));
        assertEquals(6, CliClassNamesTest.metrics(filled.out()).size());
        assertTrue(CliClassNamesTest.metrics(filled.out()).get(0).contains("val_loss"), filled.out());
        assertEquals(CliClassNamesTest.metrics(oracle.out()), CliClassNamesTest.metrics(filled.out()));
        String line = filled.out().lines().filter(l -> l.startsWith("Missing values filled in")).findFirst().orElseThrow();
        assertTrue(line.contains(") with the " + trained + " training rows' mean, the most frequent for categories: island "
                + fill[0] + " ("), line);
        assertTrue(line.contains(" bill_length_mm " + Float.parseFloat(fill[1]) + " ("), line);
        assertTrue(line.contains(" body_mass_g " + Float.parseFloat(fill[4]) + " ("), line);
        assertTrue(line.contains(" sex " + fill[5] + " ("), line);
        assertTrue(filled.out().contains("Training on " + trained + " examples of "), filled.out());
    }

    @Test
    void theModelKeepsTheValuesOfTheRowsThatTrain() {
        CliRun summary = CliRun.of("summary", "-m", tmp.resolve("holes-model").toString());
        assertEquals(0, summary.status(), summary.err());
        assertTrue(summary.out().contains(PenguinHoles.summaryLine(fill)), summary.out());
        // evaluate fills the test rows' holes with the model's values: as the file filled by hand scores
        CliRun evaluated = CliRun.of("evaluate", "-m", tmp.resolve("holes-model").toString());
        CliRun evaluatedOracle = CliRun.of("evaluate", "-m", tmp.resolve("by-hand-model").toString());
        assertEquals(0, evaluated.status(), evaluated.err());
        assertEquals(evaluatedOracle.number("Loss: "), evaluated.number("Loss: "), 0);
    }
}

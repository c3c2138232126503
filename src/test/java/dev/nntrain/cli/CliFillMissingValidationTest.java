package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Datasets;
import dev.nntrain.data.csv.Csv;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        List<String> lines = Files.readAllLines(Path.of("data/penguins.csv"));
        rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(",", -1));
        }
        // holes: every 7th row's bill length, every 13th's mass (as "?"), every 5th's sex, every 19th's island
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            row[2] = i % 7 == 4 ? "NA" : row[2];
            row[5] = i % 13 == 5 ? "?" : row[5];
            row[6] = i % 5 == 2 ? "" : row[6];
            row[1] = i % 19 == 7 ? "NA" : row[1];
        }
        List<String[]> table = new ArrayList<>();
        table.add(lines.get(0).split(","));
        table.addAll(rows);
        holes = Files.writeString(tmp.resolve("penguins-holes.csv"), CliFillMissingTest.csv(table));

        // the training rows in their order after the split: the same rows with an id in place of the
        // year, holes patched anyhow; the split reads the labels alone (the library's, not tested here)
        List<String[]> ids = new ArrayList<>();
        ids.add(lines.get(0).replace(",year", ",id").split(","));
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i).clone();
            for (int c = 1; c < 7; c++) {
                row[c] = missing(row[c]) ? (c == 1 ? "Dream" : c == 6 ? "male" : "1") : row[c];
            }
            row[7] = Integer.toString(i);
            ids.add(row);
        }
        Path idFile = Files.writeString(tmp.resolve("penguins-ids.csv"), CliFillMissingTest.csv(ids));
        Datasets.TrainTest split = Datasets.load(new Datasets.Spec("csv:" + idFile, null, false,
                Csv.classification().labelColumn("species"), 0.2, 42));
        int id = split.train().featureColumns().orElseThrow().inputNames().indexOf("id");
        List<Integer> order = new ArrayList<>();
        for (float[] row : split.train().featureRows()) {
            order.add((int) row[id]);
        }
        // Keras' validation_split: the first floor(n (1 - 0.2)) train, the rest validate
        trained = (int) Math.floor(order.size() * 0.8);
        fill = fillValues(order.subList(0, trained));
        everyTrainingRowsFill = fillValues(order);

        List<String[]> filledByHand = new ArrayList<>();
        filledByHand.add(lines.get(0).split(","));
        for (String[] row : rows) {
            String[] copy = row.clone();
            for (int c = 1; c < 7; c++) {
                copy[c] = missing(copy[c]) ? fill[c - 1] : copy[c];
            }
            filledByHand.add(copy);
        }
        Path byHand = Files.writeString(tmp.resolve("penguins-by-hand.csv"), CliFillMissingTest.csv(filledByHand));
        filled = CliRun.of(CliFillMissingTest.train(holes, tmp.resolve("holes-model"), "--fill-missing", "mean",
                "--validation-split", "0.2"));
        oracle = CliRun.of(CliFillMissingTest.train(byHand, tmp.resolve("by-hand-model"), "--validation-split", "0.2"));
        assertEquals(0, filled.status(), filled.err());
        assertEquals(0, oracle.status(), oracle.err());
    }

    private static boolean missing(String cell) {
        return cell.isEmpty() || cell.equals("NA") || cell.equals("?");
    }

    /** The rows' mean of each measurement and most frequent island and sex (ties to the first sorted), from the raw cells. */
    private static String[] fillValues(List<Integer> which) {
        String[] values = new String[6];
        for (int c = 1; c < 7; c++) {
            double sum = 0;
            int count = 0;
            Map<String, Integer> counts = new TreeMap<>();
            for (int i : which) {
                String cell = rows.get(i)[c];
                if (missing(cell)) {
                    continue;
                }
                if (c == 1 || c == 6) {
                    counts.merge(cell, 1, Integer::sum);
                } else {
                    sum += Float.parseFloat(cell); // as read: a float
                    count++;
                }
            }
            values[c - 1] = c == 1 || c == 6
                    ? counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey()
                    : Double.toString(sum / count);
        }
        return values;
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
        assertTrue(summary.out().contains("Missing values: filled in with the training rows' values, as evaluate and predict"
                + " apply them: island " + fill[0] + ", bill_length_mm " + Float.parseFloat(fill[1]) + ", bill_depth_mm "
                + Float.parseFloat(fill[2]) + ", flipper_length_mm " + Float.parseFloat(fill[3]) + ", body_mass_g "
                + Float.parseFloat(fill[4]) + ", sex " + fill[5] + "\n"), summary.out());
        // evaluate fills the test rows' holes with the model's values: as the file filled by hand scores
        CliRun evaluated = CliRun.of("evaluate", "-m", tmp.resolve("holes-model").toString());
        CliRun evaluatedOracle = CliRun.of("evaluate", "-m", tmp.resolve("by-hand-model").toString());
        assertEquals(0, evaluated.status(), evaluated.err());
        assertEquals(evaluatedOracle.number("Loss: "), evaluated.number("Loss: "), 0);
    }
}

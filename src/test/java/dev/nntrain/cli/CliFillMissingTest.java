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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code train --fill-missing mean} on the penguins with holes punched in them. The oracle is the
 * same file with the holes filled in by this test, from the raw cells of the training rows: the
 * mean of each measurement, the most frequent island and sex. Both files must train identically,
 * epoch line for epoch line; the model with holes must then evaluate and predict as the one
 * trained on the filled file, filling new holes with the training rows' values.
 */
class CliFillMissingTest {

    @TempDir
    static Path tmp;

    /** The penguins' header: species, island, four measurements, sex, year. */
    static List<String[]> rows;
    static Path holes;
    static Path byHand;
    static String[] fill = new String[6]; // by feature column: island, four measurements, sex
    static int trainingRows;
    static CliRun filled;
    static CliRun oracle;

    static final String[] COMMON = {"--label-column", "species", "--ignore-column", "year", "--layers", "8",
        "--epochs", "6", "--threads", "1"};

    static String[] train(Path csv, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "csv:" + csv, "-o", out.toString()));
        args.addAll(List.of(COMMON));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @BeforeAll
    static void trainOnHolesAndOnTheHolesFilledByHand() throws IOException {
        // holes: every 11th row's bill length, every 17th's mass (as "?"), every 9th's sex, every 23rd's island
        PenguinHoles penguins = PenguinHoles.punch(23, 11, 17, 9);
        rows = penguins.rows();
        holes = penguins.write(tmp.resolve("penguins-holes.csv"));
        Set<Integer> training = new TreeSet<>(penguins.trainingOrder(tmp));
        trainingRows = training.size();
        fill = penguins.fillValues(training);
        byHand = penguins.writeFilled(tmp.resolve("penguins-by-hand.csv"), fill);
        filled = CliRun.of(train(holes, tmp.resolve("holes-model"), "--fill-missing", "mean"));
        oracle = CliRun.of(train(byHand, tmp.resolve("by-hand-model")));
        assertEquals(0, filled.status(), filled.err());
        assertEquals(0, oracle.status(), oracle.err());
    }

    @Test
    void holesFilledWithTheTrainingRowsMeansTrainAsTheFileFilledByHand() {
        assertEquals(6, CliClassNamesTest.metrics(filled.out()).size());
        assertEquals(CliClassNamesTest.metrics(oracle.out()), CliClassNamesTest.metrics(filled.out()));
        // the holes counted by hand: i % 23 == 7, i % 11 == 4, i % 17 == 5, i % 9 == 2 among 333 rows
        int island = count(23, 7);
        int bill = count(11, 4);
        int mass = count(17, 5);
        int sex = count(9, 2);
        String line = filled.out().lines().filter(l -> l.startsWith("Missing values filled in")).findFirst().orElseThrow();
        assertEquals("Missing values filled in (" + (island + bill + mass + sex) + " cells of " + holes + ") with the " + trainingRows
                + " training rows' mean, the most frequent for categories: island " + fill[0] + " (" + island + " cells),"
                + " bill_length_mm " + Float.parseFloat(fill[1]) + " (" + bill + " cells), body_mass_g "
                + Float.parseFloat(fill[4]) + " (" + mass + " cells), sex " + fill[5] + " (" + sex + " cells)", line);
    }

    private static int count(int every, int at) {
        return (int) java.util.stream.IntStream.range(0, rows.size()).filter(i -> i % every == at).count();
    }

    @Test
    void evaluateAndPredictFillWithTheModelsValues() throws IOException {
        // evaluate replays the training run's data options, --fill-missing included: the model's values
        CliRun evaluated = CliRun.of("evaluate", "-m", tmp.resolve("holes-model").toString());
        CliRun evaluatedOracle = CliRun.of("evaluate", "-m", tmp.resolve("by-hand-model").toString());
        assertEquals(0, evaluated.status(), evaluated.err());
        assertEquals(evaluatedOracle.number("Loss: "), evaluated.number("Loss: "), 0);
        assertTrue(evaluated.out().startsWith("Missing values filled in ("), evaluated.out());
        assertTrue(evaluated.out().contains(") with the model's training values: island " + fill[0]), evaluated.out());
        // and on another file, given: its holes take the model's values as well
        CliRun other = CliRun.of("evaluate", "-m", tmp.resolve("holes-model").toString(), "--dataset", "csv:" + holes,
                "--label-column", "species", "--split", "train");
        CliRun otherOracle = CliRun.of("evaluate", "-m", tmp.resolve("by-hand-model").toString(), "--dataset",
                "csv:" + byHand, "--label-column", "species", "--split", "train");
        assertEquals(0, other.status(), other.err());
        assertEquals(otherOracle.number("Loss: "), other.number("Loss: "), 0);
        // one row typed with holes, and the same row typed with the values by hand
        CliRun typed = CliRun.of("predict", "-m", tmp.resolve("holes-model").toString(), "--features",
                "NA,NA,17.1,190,?,,2008");
        CliRun typedOracle = CliRun.of("predict", "-m", tmp.resolve("by-hand-model").toString(), "--features",
                fill[0] + "," + fill[1] + ",17.1,190," + fill[4] + "," + fill[5] + ",2008");
        assertEquals(0, typed.status(), typed.err());
        assertEquals(typedOracle.out().lines().skip(1).toList(), typed.out().lines().skip(1).toList());
        // predict --csv: rows of features with holes
        Path rowsWithHoles = Files.writeString(tmp.resolve("rows.csv"),
                "island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\nNA,NA,17.1,190,?,,2008\n");
        Path rowsByHand = Files.writeString(tmp.resolve("rows-by-hand.csv"),
                "island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\n" + fill[0] + "," + fill[1]
                        + ",17.1,190," + fill[4] + "," + fill[5] + ",2008\n");
        CliRun csvRows = CliRun.of("predict", "-m", tmp.resolve("holes-model").toString(), "--csv", rowsWithHoles.toString());
        CliRun csvOracle = CliRun.of("predict", "-m", tmp.resolve("by-hand-model").toString(), "--csv", rowsByHand.toString());
        assertEquals(0, csvRows.status(), csvRows.err());
        assertEquals(csvOracle.out(), csvRows.out());
    }

    @Test
    void summaryPrintsTheValues() {
        CliRun summary = CliRun.of("summary", "-m", tmp.resolve("holes-model").toString());
        assertEquals(0, summary.status(), summary.err());
        assertTrue(summary.out().contains(PenguinHoles.summaryLine(fill)), summary.out());
        CliRun without = CliRun.of("summary", "-m", tmp.resolve("by-hand-model").toString());
        assertFalse(without.out().contains("Missing values"), without.out());
    }

    @Test
    void aModelWithoutFillValuesStillRefusesAHole() throws IOException {
        // the oracle's model records its columns without fill values, as a model saved before them
        String json = Files.readString(tmp.resolve("by-hand-model").resolve("model.json"));
        assertTrue(json.contains("feature_columns"), json);
        assertFalse(json.contains("fill"), json);
        assertTrue(Files.readString(tmp.resolve("holes-model").resolve("model.json")).contains("fill"));
        CliRun typed = CliRun.of("predict", "-m", tmp.resolve("by-hand-model").toString(), "--features",
                "Dream,NA,17.1,190,3800,male,2008");
        typed.assertBadInput("--features value 2: \"NA\" is a missing value; expected a number (the model was trained"
                + " without --fill-missing, so it has no value to fill it in with)");
        CliRun evaluated = CliRun.of("evaluate", "-m", tmp.resolve("by-hand-model").toString(), "--dataset", "csv:" + holes,
                "--label-column", "species");
        evaluated.assertBadInput(holes + ": line ", "is a missing value", "the model was trained without --fill-missing");
        CliRun asked = CliRun.of("evaluate", "-m", tmp.resolve("by-hand-model").toString(), "--fill-missing", "mean");
        asked.assertBadInput("--fill-missing applies to train", "it was trained without --fill-missing",
                "(leave --fill-missing out)");
    }

    @Test
    void aColumnWithoutAValueAndAStrategyWithoutANameAreOneLine() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty-column.csv"), "a,b,label\n1,NA,0\n2,,1\n3,?,0\n4,NA,1\n");
        CliRun run = CliRun.of("train", "--dataset", "csv:" + empty, "--fill-missing", "median", "-o",
                tmp.resolve("never").toString());
        run.assertBadInput(empty + ": column 2 (b) has no value in any of its 4 rows; expected at least one to fill its"
                + " missing cells from (leave it out: --ignore-column b)");
        CliRun named = CliRun.of(train(holes, tmp.resolve("never"), "--fill-missing", "average"));
        named.assertBadInput("--fill-missing 'average' is not a way to fill in missing values; expected mean, median or"
                + " most_frequent");
        CliRun mnist = CliRun.of("train", "--fill-missing", "mean", "-o", tmp.resolve("never").toString());
        mnist.assertBadInput("--fill-missing applies to CSV data only");
        assertFalse(Files.exists(tmp.resolve("never")));
    }
}

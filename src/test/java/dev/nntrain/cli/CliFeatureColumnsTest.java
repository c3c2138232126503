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
import java.util.List;
import java.util.Locale;

/**
 * A CSV file with a column of text: train one-hot encodes its categories and saves them with the
 * model; evaluate and predict read new rows through them. The oracle is the same file with the
 * column one-hot encoded by hand (the categories sorted by hand), which the command line has
 * always read as numbers: both must train, evaluate and predict identically, to the last digit.
 */
class CliFeatureColumnsTest {

    @TempDir
    static Path tmp;

    /** Sorted by hand: upper case before lower case. */
    static final List<String> ISLANDS = List.of("Biscoe", "Dream", "torgersen");

    static Path text;
    static Path encoded;
    static CliRun trainedText;
    static CliRun trainedEncoded;

    /**
     * 90 rows: an id, an island (which shifts the class), two measurements and a class, the island
     * written as its name or as three 0/1 columns; rows of the islands given only.
     */
    static String rows(boolean asText, boolean withId, List<Integer> islands) {
        StringBuilder csv = new StringBuilder(withId ? "id," : "");
        csv.append(asText ? "island" : "island=Biscoe,island=Dream,island=torgersen").append(",bill,mass,kind\n");
        for (int i = 0; i < 90; i++) {
            int island = (i * 7 + 2) % 3; // torgersen first: read order is not sorted order
            if (!islands.contains(island)) {
                continue;
            }
            int c = (i + island) % 3;
            if (withId) {
                csv.append("bird-").append(i).append(',');
            }
            csv.append(asText ? ISLANDS.get(island) : island == 0 ? "1,0,0" : island == 1 ? "0,1,0" : "0,0,1");
            csv.append(String.format(Locale.ROOT, ",%.3f,%.3f,%d%n", 2.0 * c + Math.sin(3.0 * i),
                    c - island + Math.cos(5.0 * i), c));
        }
        return csv.toString();
    }

    static String[] train(Path csv, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--dataset", "csv:" + csv, "--layers", "8",
                "--epochs", "12", "--threads", "1", "-o", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @BeforeAll
    static void trainOnTextAndOnItsEncodingByHand() throws IOException {
        text = Files.writeString(tmp.resolve("text.csv"), rows(true, false, List.of(0, 1, 2)));
        encoded = Files.writeString(tmp.resolve("encoded.csv"), rows(false, false, List.of(0, 1, 2)));
        trainedText = CliRun.of(train(text, tmp.resolve("text-model")));
        trainedEncoded = CliRun.of(train(encoded, tmp.resolve("encoded-model")));
        assertEquals(0, trainedText.status(), trainedText.err());
        assertEquals(0, trainedEncoded.status(), trainedEncoded.err());
    }

    @Test
    void textTrainsExactlyAsItsEncodingByHand() {
        assertTrue(trainedText.out().contains("Feature columns (5 inputs, categories one-hot): island:"
                + " Biscoe|Dream|torgersen, bill, mass\n"), trainedText.out());
        assertFalse(trainedEncoded.out().contains("Feature columns"), trainedEncoded.out());
        assertEquals(12, CliClassNamesTest.metrics(trainedText.out()).size());
        assertEquals(CliClassNamesTest.metrics(trainedEncoded.out()), CliClassNamesTest.metrics(trainedText.out()));
        CliRun summary = CliRun.of("summary", "-m", tmp.resolve("text-model").toString());
        assertTrue(summary.out().contains("Feature columns (5 inputs, categories one-hot): island:"), summary.out());
    }

    @Test
    void evaluateReadsAFileLackingAnIslandAsTheModelDoes() throws IOException {
        // without Biscoe: read on its own, Dream would be the first input
        Path twoText = Files.writeString(tmp.resolve("two-text.csv"), rows(true, false, List.of(1, 2)));
        Path twoEncoded = Files.writeString(tmp.resolve("two-encoded.csv"), rows(false, false, List.of(1, 2)));
        CliRun byText = CliRun.of("evaluate", "-m", tmp.resolve("text-model").toString(), "--dataset", "csv:" + twoText,
                "--split", "train");
        CliRun byHand = CliRun.of("evaluate", "-m", tmp.resolve("encoded-model").toString(), "--dataset",
                "csv:" + twoEncoded, "--split", "train");
        assertEquals(0, byText.status(), byText.err());
        assertEquals(0, byHand.status(), byHand.err());
        assertEquals(byHand.number("Loss: "), byText.number("Loss: "), 0);
        assertEquals(byHand.number("Accuracy: "), byText.number("Accuracy: "), 0);
    }

    @Test
    void predictEncodesTypedAndFileRowsAsInTraining() throws IOException {
        CliRun typed = CliRun.of("predict", "-m", tmp.resolve("text-model").toString(), "--features", "Dream, 2.5,-1");
        CliRun byHand = CliRun.of("predict", "-m", tmp.resolve("encoded-model").toString(), "--features", "0,1,0,2.5,-1");
        assertEquals(0, typed.status(), typed.err());
        assertEquals(0, byHand.status(), byHand.err());
        assertEquals(byHand.out().lines().skip(1).toList(), typed.out().lines().skip(1).toList());
        Path rowsText = Files.writeString(tmp.resolve("rows-text.csv"), "island,bill,mass\ntorgersen,1,2\nBiscoe,0,0\n");
        Path rowsHand = Files.writeString(tmp.resolve("rows-hand.csv"), "island=Biscoe,island=Dream,island=torgersen,bill,mass\n"
                + "0,0,1,1,2\n1,0,0,0,0\n"); // the header of the model's training file: it checks the names
        CliRun table = CliRun.of("predict", "-m", tmp.resolve("text-model").toString(), "--csv", rowsText.toString());
        CliRun tableByHand = CliRun.of("predict", "-m", tmp.resolve("encoded-model").toString(), "--csv", rowsHand.toString());
        assertEquals(0, table.status(), table.err());
        assertEquals(tableByHand.out(), table.out());
        assertEquals(3, table.out().lines().count());
    }

    @Test
    void anIgnoredColumnTrainsAsTheFileWithoutIt() throws IOException {
        Path withId = Files.writeString(tmp.resolve("with-id.csv"), rows(true, true, List.of(0, 1, 2)));
        CliRun refused = CliRun.of(train(withId, tmp.resolve("never")));
        assertEquals(2, refused.status());
        assertEquals("nntrain: " + withId + ": column 1 (id) holds 90 different texts among 90 rows, such as \"bird-0\""
                + " and \"bird-1\": an id or free text rather than categories? Ignore the column (--ignore-column id)\n",
                refused.err());
        assertFalse(Files.exists(tmp.resolve("never")));
        CliRun byName = CliRun.of(train(withId, tmp.resolve("id-model"), "--ignore-column", "id"));
        CliRun byIndex = CliRun.of(train(withId, tmp.resolve("id-model-2"), "--ignore-column", "0"));
        assertEquals(0, byName.status(), byName.err());
        assertEquals(0, byIndex.status(), byIndex.err());
        assertEquals(CliClassNamesTest.metrics(trainedText.out()), CliClassNamesTest.metrics(byName.out()));
        assertEquals(CliClassNamesTest.metrics(trainedText.out()), CliClassNamesTest.metrics(byIndex.out()));
        // evaluate reads it through the model's columns, the id left out again
        CliRun evaluate = CliRun.of("evaluate", "-m", tmp.resolve("id-model").toString());
        assertEquals(0, evaluate.status(), evaluate.err());
        assertEquals(byName.number("Test accuracy: "), evaluate.number("Accuracy: "), 1e-9);
        CliRun again = CliRun.of("evaluate", "-m", tmp.resolve("id-model-2").toString(), "--dataset", "csv:" + withId,
                "--ignore-column", "0");
        assertEquals(0, again.status(), again.err());
        assertEquals(byIndex.number("Test accuracy: "), again.number("Accuracy: "), 1e-9);
        // predict takes a value for the ignored column too: a row of the file without its label
        CliRun typed = CliRun.of("predict", "-m", tmp.resolve("id-model").toString(), "--features", "bird-x,Dream,2.5,-1");
        CliRun plain = CliRun.of("predict", "-m", tmp.resolve("text-model").toString(), "--features", "Dream,2.5,-1");
        assertEquals(0, typed.status(), typed.err());
        assertEquals(plain.out().lines().skip(1).toList(), typed.out().lines().skip(1).toList());
    }

    @Test
    void dropMissingTrainsAsTheFileWithoutThoseRows() throws IOException {
        // the penguins with two rows put back as the R package has them, holes and all
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Path.of("data/penguins.csv")));
        lines.add(4, "Adelie,Torgersen,NA,NA,NA,NA,NA,2007");
        lines.add(40, "Gentoo,Biscoe,44.5,14.3,216,4100,NA,2007");
        Path raw = Files.write(tmp.resolve("penguins-raw.csv"), lines);
        String[] common = {"--label-column", "species", "--ignore-column", "year"};
        CliRun refused = CliRun.of(train(raw, tmp.resolve("never"), common));
        assertEquals(2, refused.status());
        assertEquals("nntrain: " + raw + ": line 5, column 3: \"NA\" is a missing value; fill them in with --fill-missing"
                + " mean|median|most_frequent, or leave them out with --drop-missing\n", refused.err());
        List<String> dropping = new java.util.ArrayList<>(List.of(common));
        dropping.add("--drop-missing");
        CliRun dropped = CliRun.of(train(raw, tmp.resolve("dropped"), dropping.toArray(String[]::new)));
        CliRun clean = CliRun.of(train(Path.of("data/penguins.csv"), tmp.resolve("clean"), common));
        assertEquals(0, dropped.status(), dropped.err());
        assertEquals(0, clean.status(), clean.err());
        assertTrue(dropped.out().startsWith("Left out 2 rows of " + raw + " with a missing value (--drop-missing): lines 5,"
                + " 41\n"), dropped.out());
        assertEquals(12, CliClassNamesTest.metrics(clean.out()).size());
        assertEquals(CliClassNamesTest.metrics(clean.out()), CliClassNamesTest.metrics(dropped.out()));
        CliRun evaluate = CliRun.of("evaluate", "-m", tmp.resolve("dropped").toString()); // replays --drop-missing
        assertEquals(0, evaluate.status(), evaluate.err());
        assertTrue(evaluate.out().startsWith("Left out 2 rows"), evaluate.out());
        assertEquals(dropped.number("Test accuracy: "), evaluate.number("Accuracy: "), 1e-9);
    }

    @Test
    void aCategoryWithACommaIsTypedQuoted() throws IOException {
        Path quoted = Files.writeString(tmp.resolve("quoted.csv"), rows(true, false, List.of(0, 1, 2))
                .replace("Dream,", "\"Dream, North\","));
        CliRun run = CliRun.of(train(quoted, tmp.resolve("quoted-model")));
        assertEquals(0, run.status(), run.err());
        assertEquals(CliClassNamesTest.metrics(trainedText.out()), CliClassNamesTest.metrics(run.out()));
        CliRun typed = CliRun.of("predict", "-m", tmp.resolve("quoted-model").toString(), "--features",
                "\"Dream, North\", 2.5,-1");
        CliRun plain = CliRun.of("predict", "-m", tmp.resolve("text-model").toString(), "--features", "Dream,2.5,-1");
        assertEquals(0, typed.status(), typed.err());
        assertEquals(plain.out().lines().skip(1).toList(), typed.out().lines().skip(1).toList());
    }

    @Test
    void rowsTheModelCannotReadAreOneLine() throws IOException {
        String model = tmp.resolve("text-model").toString();
        Path mars = Files.writeString(tmp.resolve("mars.csv"), "island,bill,mass,kind\nDream,1,2,0\nMars,1,2,1\n");
        CliRun unknown = CliRun.of("evaluate", "-m", model, "--dataset", "csv:" + mars);
        assertEquals(2, unknown.status());
        assertEquals("nntrain: " + mars + ": line 3, column 1: \"Mars\" is not one of the 3 categories (island) the model"
                + " was trained on, [Biscoe, Dream, torgersen]\n", unknown.err());
        Path holes = Files.writeString(tmp.resolve("holes.csv"), "island,bill,mass,kind\nDream,1,2,0\nNA,1,2,1\n");
        CliRun hole = CliRun.of("evaluate", "-m", model, "--dataset", "csv:" + holes);
        assertEquals(2, hole.status());
        assertEquals("nntrain: " + holes + ": line 3, column 1: \"NA\" is a missing value; expected one of the categories"
                + " [Biscoe, Dream, torgersen] (the model was trained without --fill-missing, so it has no values to fill"
                + " them in with: fill such rows, or leave them out with --drop-missing)\n", hole.err());
        CliRun dropped = CliRun.of("evaluate", "-m", model, "--dataset", "csv:" + holes, "--drop-missing", "--split",
                "train");
        assertEquals(2, dropped.status()); // one row left: too few to split, said so
        assertTrue(dropped.err().contains("1 row"), dropped.err());
        Path rowHoles = Files.writeString(tmp.resolve("row-holes.csv"), "island,bill,mass\nDream,1,2\n?,1,2\n");
        CliRun rowHole = CliRun.of("predict", "-m", model, "--csv", rowHoles.toString());
        assertEquals(2, rowHole.status());
        assertTrue(rowHole.err().endsWith("(the model was trained without --fill-missing, so it has no values to fill them"
                + " in with: fill such rows first)\n"), rowHole.err());
        CliRun typed = CliRun.of("predict", "-m", model, "--features", "Dream,1");
        assertEquals(2, typed.status());
        assertEquals("nntrain: --features gives 2 values; model " + model + " reads 3, one per column of its training"
                + " file but the label (island: Biscoe|Dream|torgersen, bill, mass)\n", typed.err());
        CliRun ignore = CliRun.of("evaluate", "-m", model, "--dataset", "csv:" + text, "--ignore-column", "bill");
        assertEquals(2, ignore.status());
        assertEquals("nntrain: --ignore-column bill: model " + model + " was trained on columns island:"
                + " Biscoe|Dream|torgersen, bill, mass, where it is not ignored; evaluate reads the columns as the model"
                + " was trained to (leave --ignore-column out)\n", ignore.err());
        // a model of numbers alone keeps its header's names: the file's are checked against them
        CliRun numbers = CliRun.of("evaluate", "-m", tmp.resolve("encoded-model").toString(), "--dataset", "csv:" + text);
        assertEquals(2, numbers.status());
        assertEquals("nntrain: " + text + ": line 1 has 3 feature columns besides the label; expected 5, as in training"
                + " (island=Biscoe, island=Dream, island=torgersen, bill, mass)\n", numbers.err());
        CliRun mnist = CliRun.of("train", "--ignore-column", "3", "-o", tmp.resolve("never").toString());
        assertEquals(2, mnist.status());
        assertTrue(mnist.err().startsWith("nntrain: --ignore-column applies to CSV data only"), mnist.err());
    }
}

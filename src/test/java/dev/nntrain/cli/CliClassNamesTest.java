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

/**
 * A CSV file whose label column holds class names: train numbers them in sorted order and saves
 * them with the model; evaluate reads a file's names as the model numbers them; predict answers
 * with them. The oracle is the same file with the names replaced by their numbers by hand, which
 * the command line has always read: both must train and evaluate identically.
 */
class CliClassNamesTest {

    @TempDir
    static Path tmp;

    /** Sorted by hand: upper case before lower case, then the comma-holding name last. */
    static final List<String> NAMES = List.of("Iris-setosa", "versicolor", "virginica, tall");

    static Path named;
    static Path numbered;
    static CliRun trainedNamed;
    static CliRun trainedNumbered;

    /** 90 rows, three clusters of four features, the label written as a name or as its number. */
    static String rows(boolean asNames, int... classes) {
        StringBuilder csv = new StringBuilder("f1,f2,f3,f4,species\n");
        for (int i = 0; i < 90; i++) {
            int c = i % 3;
            if (java.util.Arrays.stream(classes).noneMatch(k -> k == c)) {
                continue;
            }
            for (int j = 0; j < 4; j++) {
                csv.append(String.format(java.util.Locale.ROOT, "%.3f,", 2.0 * c + Math.sin(7.0 * i + j)));
            }
            String name = NAMES.get(c);
            csv.append(asNames ? (name.contains(",") ? '"' + name + '"' : name) : Integer.toString(c)).append('\n');
        }
        return csv.toString();
    }

    static String[] train(Path csv, Path out) {
        return new String[] {"train", "--dataset", "csv:" + csv, "--layers", "8", "--epochs", "15", "--threads", "1",
            "-o", out.toString()};
    }

    @BeforeAll
    static void trainOnNamesAndOnNumbers() throws IOException {
        named = Files.writeString(tmp.resolve("named.csv"), rows(true, 0, 1, 2));
        numbered = Files.writeString(tmp.resolve("numbered.csv"), rows(false, 0, 1, 2));
        trainedNamed = CliRun.of(train(named, tmp.resolve("named-model")));
        trainedNumbered = CliRun.of(train(numbered, tmp.resolve("numbered-model")));
        assertEquals(0, trainedNamed.status(), trainedNamed.err());
        assertEquals(0, trainedNumbered.status(), trainedNumbered.err());
    }

    @Test
    void namesTrainExactlyAsTheirNumbers() {
        assertTrue(trainedNamed.out().contains("Classes: 0 Iris-setosa, 1 versicolor, 2 virginica, tall\n"), trainedNamed.out());
        assertFalse(trainedNumbered.out().contains("Classes:"), trainedNumbered.out());
        // every epoch's losses and accuracies, to the last digit printed (a class numbered otherwise
        // would meet other initial output weights and train along another path)
        assertEquals(metrics(trainedNumbered.out()), metrics(trainedNamed.out()));
        assertEquals(15, metrics(trainedNamed.out()).size());
        CliRun summary = CliRun.of("summary", "-m", tmp.resolve("named-model").toString());
        assertTrue(summary.out().contains("Classes: 0 Iris-setosa, 1 versicolor, 2 virginica, tall\n"), summary.out());
    }

    /** The epoch lines without their timings. */
    static List<String> metrics(String out) {
        return out.lines().filter(line -> line.startsWith("Epoch "))
                .map(line -> line.replaceAll(" - [0-9.]+ s - .*", "")).toList();
    }

    @Test
    void evaluateNumbersAFilesNamesAsTheModelDoes() throws IOException {
        // a file without setosa: sorted on its own, versicolor would be class 0
        Path twoNamed = Files.writeString(tmp.resolve("two-named.csv"), rows(true, 1, 2));
        Path twoNumbered = Files.writeString(tmp.resolve("two-numbered.csv"), rows(false, 1, 2));
        CliRun byName = CliRun.of("evaluate", "-m", tmp.resolve("named-model").toString(), "--dataset", "csv:" + twoNamed,
                "--split", "train");
        CliRun byNumber = CliRun.of("evaluate", "-m", tmp.resolve("numbered-model").toString(), "--dataset",
                "csv:" + twoNumbered, "--split", "train");
        assertEquals(0, byName.status(), byName.err());
        assertEquals(0, byNumber.status(), byNumber.err());
        assertEquals(byNumber.number("Loss: "), byName.number("Loss: "), 0);
        assertEquals(byNumber.number("Accuracy: "), byName.number("Accuracy: "), 0);
        assertTrue(byName.out().contains("Classes: 0 Iris-setosa, 1 versicolor, 2 virginica, tall\n"), byName.out());
    }

    @Test
    void aNameTheModelDoesNotKnowIsOneLine() throws IOException {
        Path fish = Files.writeString(tmp.resolve("fish.csv"), "f1,f2,f3,f4,species\n1,2,3,4,versicolor\n1,2,3,4,fish\n");
        CliRun run = CliRun.of("evaluate", "-m", tmp.resolve("named-model").toString(), "--dataset", "csv:" + fish);
        assertEquals(2, run.status());
        assertEquals("nntrain: " + fish + ": line 3, column 5: label \"fish\" is not one of the 3 classes [Iris-setosa,"
                + " versicolor, virginica, tall]; expected one of those names\n", run.err());
        CliRun numbers = CliRun.of("evaluate", "-m", tmp.resolve("numbered-model").toString(), "--dataset", "csv:" + named);
        assertEquals(2, numbers.status());
        assertEquals("nntrain: " + named + "'s labels are class names (Iris-setosa, ...) but model "
                + tmp.resolve("numbered-model") + " was trained on class numbers; expected labels 0 to 2\n", numbers.err());
    }

    @Test
    void predictAnswersWithTheNames() throws IOException {
        Path features = Files.writeString(tmp.resolve("features.csv"), "0,0,0,0\n4,4,4,4\n2,2,2,2\n");
        CliRun table = CliRun.of("predict", "-m", tmp.resolve("named-model").toString(), "--csv", features.toString());
        assertEquals(0, table.status(), table.err());
        String[] lines = table.out().split("\n");
        assertEquals("row,class,class_name,probability_0,probability_1,probability_2", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", 3);
            String name = NAMES.get(Integer.parseInt(cells[1]));
            assertTrue(cells[2].startsWith(name.contains(",") ? '"' + name + "\"," : name + ","), lines[i]);
        }
        CliRun one = CliRun.of("predict", "-m", tmp.resolve("named-model").toString(), "--features", "4,4,4,4");
        assertEquals(0, one.status(), one.err());
        String first = one.out().lines().findFirst().orElseThrow();
        int predicted = Integer.parseInt(first.replaceAll(".*predicted class (\\d+) .*", "$1"));
        assertTrue(first.endsWith("(" + NAMES.get(predicted) + ")"), first);
    }

    @Test
    void aFileWithItsLabelColumnLeftInIsNamedAsSuch() throws IOException {
        CliRun run = CliRun.of("predict", "-m", tmp.resolve("named-model").toString(), "--csv", named.toString());
        assertEquals(2, run.status());
        assertEquals("", run.out());
        // named.csv's first row is class 0 (i = 0), Iris-setosa
        assertEquals("nntrain: --csv " + named + " has a label column (the last: the model's class names, such as"
                + " \"Iris-setosa\"); --csv takes feature rows only: leave out the label column (or evaluate --dataset csv:"
                + named + " scores them)\n", run.err());
        // a cell that is not a number for another reason is still named as the reader names it
        Path typo = Files.writeString(tmp.resolve("typo.csv"), "f1,f2,f3,f4\n1,2,x,4\n");
        CliRun other = CliRun.of("predict", "-m", tmp.resolve("named-model").toString(), "--csv", typo.toString());
        assertEquals(2, other.status());
        assertEquals("nntrain: " + typo + ": line 2, column 3: \"x\" is not a number\n", other.err());
    }

    @Test
    void aLabelColumnNamedInTheHeaderIsItsIndex() throws IOException {
        // the species moved to the front: by name and by index the same column, the same run
        String moved = named.toString().replace("named.csv", "species-first.csv");
        StringBuilder csv = new StringBuilder();
        for (String line : Files.readAllLines(named)) {
            int last = line.indexOf(line.contains("\"") ? ",\"" : line.substring(line.lastIndexOf(',')));
            csv.append(line.substring(last + 1)).append(',').append(line, 0, last).append('\n');
        }
        Path first = Files.writeString(Path.of(moved), csv.toString());
        assertTrue(Files.readAllLines(first).get(0).equals("species,f1,f2,f3,f4"), Files.readAllLines(first).get(0));
        CliRun byName = CliRun.of("train", "--dataset", "csv:" + first, "--label-column", "species", "--layers", "8",
                "--epochs", "15", "--threads", "1", "-o", tmp.resolve("by-name").toString());
        CliRun byIndex = CliRun.of("train", "--dataset", "csv:" + first, "--label-column", "0", "--layers", "8",
                "--epochs", "15", "--threads", "1", "-o", tmp.resolve("by-index").toString());
        assertEquals(0, byName.status(), byName.err());
        assertEquals(0, byIndex.status(), byIndex.err());
        assertEquals(metrics(byIndex.out()), metrics(byName.out()));
        // moving the column moves no number: the rows and their order are those of named.csv
        assertEquals(metrics(trainedNamed.out()), metrics(byName.out()));
        // evaluate reads the recorded data as it was read, the column by its name
        CliRun evaluate = CliRun.of("evaluate", "-m", tmp.resolve("by-name").toString());
        assertEquals(0, evaluate.status(), evaluate.err());
        assertEquals(byName.number("Test accuracy: "), evaluate.number("Accuracy: "), 1e-9);

        CliRun unknown = CliRun.of("train", "--dataset", "csv:" + first, "--label-column", "kind", "-o",
                tmp.resolve("never").toString());
        assertEquals(2, unknown.status());
        assertEquals("nntrain: --label-column 'kind': " + first + ": line 1: header has no column \"kind\"; columns are"
                + " [species, f1, f2, f3, f4]\n", unknown.err());
        assertFalse(Files.exists(tmp.resolve("never")));
        Path headless = Files.writeString(tmp.resolve("headless.csv"), "1,2,0\n3,4,1\n");
        CliRun noHeader = CliRun.of("train", "--dataset", "csv:" + headless, "--label-column", "label", "-o",
                tmp.resolve("never").toString());
        assertEquals(2, noHeader.status());
        assertTrue(noHeader.err().contains("was asked for by name but line 1 is not a header row"), noHeader.err());
    }

    @Test
    void aCsvCellQuotesWhatAReaderWouldSplitOrTrim() {
        assertEquals("setosa", PredictCommand.csvCell("setosa"));
        assertEquals("\"virginica, tall\"", PredictCommand.csvCell("virginica, tall"));
        assertEquals("\"say \"\"hi\"\"\"", PredictCommand.csvCell("say \"hi\""));
        assertEquals("\" padded\"", PredictCommand.csvCell(" padded"));
    }
}

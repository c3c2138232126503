package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CSV file of numbers alone with a header: the model keeps the header's names, so that evaluate
 * and predict --csv refuse a file whose header orders or names the columns otherwise, as they
 * refuse it for a model with a column of text. Read in the wrong order, the irises score 0.3333
 * instead of 0.9667 without a word. The oracles: the README's result for this recipe (test accuracy
 * 0.9667, recorded before the names were kept), a file without a header (nothing to check: read as
 * before), predict --features on the same rows, and the same model with its names taken out of its
 * file, as a model saved before them.
 */
class CliNumberColumnsTest {

    @TempDir
    static Path tmp;

    static final String IRIS = "data/iris.csv";
    static final String ORDER = "the columns in training's order (sepal_length, sepal_width, petal_length, petal_width)";

    static Path model;
    static Path headerless;
    static CliRun trained;

    /** The README's iris recipe, a test accuracy of 0.9667 with seed 42. */
    static String[] recipe(String data, Path out) {
        return new String[] {"train", "--dataset", "csv:" + data, "--layers", "16", "--lr", "0.01", "--epochs", "100",
            "--threads", "1", "-o", out.toString()};
    }

    @BeforeAll
    static void trainOnTheIrises() throws IOException {
        model = tmp.resolve("iris");
        trained = CliRun.of(recipe(IRIS, model));
        assertEquals(0, trained.status(), trained.err());
        List<String> lines = Files.readAllLines(Path.of(IRIS));
        headerless = Files.write(tmp.resolve("iris-headerless.csv"), lines.subList(1, lines.size()));
    }

    /** The file with its columns rearranged, header and rows alike: a reordered header reads right. */
    static Path reordered(String name, int... order) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(IRIS))) {
            String[] cells = line.split(",");
            StringBuilder row = new StringBuilder();
            for (int c : order) {
                row.append(row.length() == 0 ? "" : ",").append(cells[c]);
            }
            out.add(row.toString());
        }
        return Files.write(tmp.resolve(name), out);
    }

    static CliRun evaluate(Path m, Object data) {
        return CliRun.of("evaluate", "-m", m.toString(), "--dataset", "csv:" + data);
    }

    @Test
    void theModelKeepsTheHeadersNamesAndPrintsNothingMoreForThem() throws IOException {
        assertEquals(0.9667, trained.number("Test accuracy: "), 1e-9, trained.out()); // the README's result
        String json = Files.readString(model.resolve("model.json"));
        assertTrue(json.contains("\"feature_columns\": \"[{\\\"name\\\":\\\"sepal_length\\\",\\\"type\\\":\\\"number\\\"},"
                + "{\\\"name\\\":\\\"sepal_width\\\",\\\"type\\\":\\\"number\\\"}"), json);
        // numbers read as written: no "Feature columns" line, in train or in summary
        assertFalse(trained.out().contains("Feature columns"), trained.out());
        CliRun summary = CliRun.of("summary", "-m", model.toString());
        assertEquals(0, summary.status(), summary.err());
        assertFalse(summary.out().contains("Feature columns"), summary.out());
    }

    @Test
    void evaluateScoresTheTrainingFileAsBefore() {
        CliRun run = evaluate(model, IRIS);
        assertEquals(0, run.status(), run.err());
        assertEquals(0.9667, run.number("Accuracy: "), 1e-9, run.out());
        // a file without a header has no names to check: read as it always was, to the same numbers
        CliRun bare = evaluate(model, headerless);
        assertEquals(0, bare.status(), bare.err());
        assertEquals(run.number("Loss: "), bare.number("Loss: "), 0);
        assertEquals(run.number("Accuracy: "), bare.number("Accuracy: "), 0);
    }

    @Test
    void evaluateRefusesAHeaderThatOrdersOrNamesTheColumnsOtherwise() throws IOException {
        Path reversed = reordered("iris-reversed.csv", 3, 2, 1, 0, 4);
        evaluate(model, reversed).assertBadInput(reversed + ": line 1: feature column 1 is \"petal_width\"; expected"
                + " \"sepal_length\", " + ORDER);
        Path swapped = reordered("iris-swapped.csv", 0, 1, 3, 2, 4); // two columns alike in scale
        evaluate(model, swapped).assertBadInput(swapped + ": line 1: feature column 3 is \"petal_width\"; expected"
                + " \"petal_length\", " + ORDER);
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(IRIS)));
        lines.set(0, "a,b,c,d,species");
        Path renamed = Files.write(tmp.resolve("iris-renamed.csv"), lines);
        CliRun run = evaluate(model, renamed);
        run.assertBadInput(renamed + ": line 1: feature column 1 is \"a\"; expected \"sepal_length\", " + ORDER);
        assertEquals("", run.out());
        // the label named otherwise is no feature column: its name is not checked
        lines.set(0, "sepal_length,sepal_width,petal_length,petal_width,kind");
        Path label = Files.write(tmp.resolve("iris-label.csv"), lines);
        CliRun labelled = evaluate(model, label);
        assertEquals(0, labelled.status(), labelled.err());
        assertEquals(0.9667, labelled.number("Accuracy: "), 1e-9, labelled.out());
    }

    /** Data rows 1, 51, 101 and 134 of the file, flowers of each species, without their label. */
    static List<String> rows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(IRIS));
        return List.of(lines.get(1), lines.get(51), lines.get(101), lines.get(134)).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    /** Each row's probabilities, as predict --features prints them by class: {@code 1 0.7068 ...}. */
    static List<String> typed(Path m) throws IOException {
        List<String> answers = new ArrayList<>();
        for (String row : rows()) {
            CliRun run = CliRun.of("predict", "-m", m.toString(), "--features", row, "--top", "3");
            assertEquals(0, run.status(), run.err());
            answers.add(run.out().lines().skip(1).map(String::strip).sorted().toList().toString());
        }
        return answers;
    }

    /** Each row of predict --csv's table as predict --features prints it, by class, to four places. */
    static List<String> table(CliRun run) {
        assertEquals(0, run.status(), run.err());
        List<String> answers = new ArrayList<>();
        for (String line : run.out().lines().skip(1).toList()) {
            String[] cells = line.split(",");
            List<String> byClass = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                byClass.add(String.format(java.util.Locale.ROOT, "%d  %.4f  %s", c, Float.parseFloat(cells[3 + c]),
                        List.of("setosa", "versicolor", "virginica").get(c)));
            }
            answers.add(byClass.stream().sorted().toList().toString());
        }
        return answers;
    }

    @Test
    void predictReadsRowsInTheTrainingOrderAndRefusesAnyOther() throws IOException {
        List<String> byHand = typed(model);
        Path rows = Files.writeString(tmp.resolve("rows.csv"), "sepal_length,sepal_width,petal_length,petal_width\n"
                + String.join("\n", rows()) + "\n");
        assertEquals(byHand, table(CliRun.of("predict", "-m", model.toString(), "--csv", rows.toString())));
        Path bare = Files.writeString(tmp.resolve("rows-headerless.csv"), String.join("\n", rows()) + "\n");
        assertEquals(byHand, table(CliRun.of("predict", "-m", model.toString(), "--csv", bare.toString())));
        // the review's flower: versicolor in the training order, virginica with its columns reversed
        Path reversed = Files.writeString(tmp.resolve("flower-reversed.csv"),
                "petal_width,petal_length,sepal_width,sepal_length\n1.5,5.1,2.8,6.3\n");
        CliRun refused = CliRun.of("predict", "-m", model.toString(), "--csv", reversed.toString());
        refused.assertBadInput(reversed + ": line 1: feature column 1 is \"petal_width\"; expected \"sepal_length\", "
                + ORDER);
        assertEquals("", refused.out());
        Path renamed = Files.writeString(tmp.resolve("flower-renamed.csv"), "a,b,c,d\n6.3,2.8,5.1,1.5\n");
        CliRun unnamed = CliRun.of("predict", "-m", model.toString(), "--csv", renamed.toString());
        unnamed.assertBadInput(renamed + ": line 1: feature column 1 is \"a\"; expected \"sepal_length\", " + ORDER);
        assertEquals("", unnamed.out());
        CliRun flower = CliRun.of("predict", "-m", model.toString(), "--features", "6.3,2.8,5.1,1.5");
        assertEquals(0, flower.status(), flower.err());
        assertTrue(flower.out().startsWith("6.3,2.8,5.1,1.5: predicted class 1 (versicolor)\n"), flower.out());
    }

    @Test
    void aModelTrainedWithoutAHeaderHasNoNamesToCheck() throws IOException {
        Path bare = tmp.resolve("iris-bare");
        CliRun run = CliRun.of(recipe(headerless.toString(), bare));
        assertEquals(0, run.status(), run.err());
        assertEquals(trained.number("Test accuracy: "), run.number("Test accuracy: "), 0);
        assertFalse(Files.readString(bare.resolve("model.json")).contains("feature_columns"));
        // a file with a header is read by position, as before: the training file, or any names
        CliRun named = evaluate(bare, IRIS);
        assertEquals(0, named.status(), named.err());
        assertEquals(0.9667, named.number("Accuracy: "), 1e-9, named.out());
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(IRIS)));
        lines.set(0, "a,b,c,d,species");
        CliRun renamed = evaluate(bare, Files.write(tmp.resolve("bare-renamed.csv"), lines));
        assertEquals(0, renamed.status(), renamed.err());
        assertEquals(named.number("Loss: "), renamed.number("Loss: "), 0);
        assertEquals(typed(model), typed(bare));
    }

    /**
     * The model with its feature columns taken out of model.json and the checksum made anew: the
     * file a release before this one saved. It loads, and reads files by position as it did,
     * whatever their header says.
     */
    @Test
    void aModelSavedWithoutTheNamesReadsFilesAsBefore() throws IOException {
        Path old = Files.createDirectories(tmp.resolve("iris-old"));
        try (var files = Files.list(model)) {
            for (Path f : files.toList()) {
                Files.copy(f, old.resolve(f.getFileName()));
            }
        }
        String json = Files.readString(old.resolve("model.json"));
        String stripped = json.replaceFirst("\\n\\s*\"feature_columns\": \"(?:[^\"\\\\]|\\\\.)*\",", "");
        assertFalse(stripped.contains("feature_columns"), stripped);
        Files.writeString(old.resolve("model.json"), resealed(stripped));
        CliRun summary = CliRun.of("summary", "-m", old.toString());
        assertEquals(0, summary.status(), summary.err());
        assertTrue(summary.out().contains("(checksum verified)"), summary.out());
        CliRun run = evaluate(old, IRIS);
        assertEquals(0, run.status(), run.err());
        assertEquals(0.9667, run.number("Accuracy: "), 1e-9, run.out());
        // nothing to check the header against: the reversed columns are read as they come, as before
        CliRun reversed = evaluate(old, reordered("old-reversed.csv", 3, 2, 1, 0, 4));
        assertEquals(0, reversed.status(), reversed.err());
        assertTrue(reversed.number("Accuracy: ") < 0.5, reversed.out());
        assertEquals(typed(model), typed(old));
        Path renamed = Files.writeString(tmp.resolve("old-renamed.csv"), "a,b,c,d\n6.3,2.8,5.1,1.5\n");
        CliRun table = CliRun.of("predict", "-m", old.toString(), "--csv", renamed.toString());
        assertEquals(0, table.status(), table.err());
        assertTrue(table.out().contains("\n1,1,versicolor,"), table.out());
    }

    /** The text with its checksum computed as nntrain computes it: over the text with 64 zeros in its place. */
    static String resealed(String text) {
        Matcher m = Pattern.compile("\"checksum\": \"([0-9a-f]{64})\"").matcher(text);
        assertTrue(m.find(), text);
        String zeroed = text.substring(0, m.start(1)) + "0".repeat(64) + text.substring(m.end(1));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(zeroed.getBytes(StandardCharsets.UTF_8));
            return text.substring(0, m.start(1)) + HexFormat.of().formatHex(digest) + text.substring(m.end(1));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code train --sample-weight-column}: a CSV column that weighs each training row's loss. The
 * oracles are runs without weights: a column of ones trains exactly as the same column ignored
 * ({@code --ignore-column}), and with plain gradient descent a column of twos at half the learning
 * rate takes exactly the steps of the ones (the gradient doubles, the rate halves; both exact in
 * binary), so the two models evaluate alike to the digit while the training loss printed doubles.
 */
class CliSampleWeightTest {

    @TempDir
    static Path tmp;

    static Path ones;
    static Path twos;
    static Path mixed;

    /** 90 rows of two features, a weight column between them, and three classes. */
    private static Path write(String name, IntFunction<String> weight) throws IOException {
        StringBuilder rows = new StringBuilder("size,weight,shade,kind\n");
        String[] kinds = {"cool", "hot", "warm"};
        for (int i = 0; i < 90; i++) {
            int c = i % 9 == 0 ? 1 : i % 3 == 0 ? 2 : 0;
            rows.append(String.format(java.util.Locale.ROOT, "%.3f,%s,%.3f,%s%n", c + Math.sin(i), weight.apply(i),
                    2 * c - Math.cos(1.7 * i), kinds[c]));
        }
        return Files.writeString(tmp.resolve(name), rows);
    }

    @BeforeAll
    static void writeData() throws IOException {
        ones = write("ones.csv", i -> "1");
        twos = write("twos.csv", i -> "2.0");
        mixed = write("mixed.csv", i -> Integer.toString(i % 4));
    }

    private static CliRun train(Path data, String name, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "csv:" + data, "--layers", "4", "--epochs", "3",
                "--threads", "1", "--device", "cpu", "--seed", "5", "-o", tmp.resolve(name).toString()));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.status(), run.err());
        return run;
    }

    private static final Pattern EPOCH = Pattern.compile("Epoch (\\d)/3 - loss: ([0-9.]+) - (accuracy: [0-9.]+ - "
            + "test_loss: [0-9.]+ - test_accuracy: [0-9.]+)");

    /** The epoch lines without their times. */
    private static List<String> epochs(CliRun run) {
        List<String> lines = new ArrayList<>();
        Matcher m = EPOCH.matcher(run.out());
        while (m.find()) {
            lines.add(m.group());
        }
        assertEquals(3, lines.size(), run.out());
        return lines;
    }

    @Test
    void weightsOfOneTrainAsTheColumnIgnored() {
        CliRun weighed = train(ones, "ones-weighed", "--sample-weight-column", "weight", "--lr", "0.01");
        CliRun ignored = train(ones, "ones-ignored", "--ignore-column", "weight", "--lr", "0.01");
        assertEquals(epochs(ignored), epochs(weighed));
        assertTrue(weighed.out().contains("Sample weights: column weight, "), weighed.out());
        assertFalse(ignored.out().contains("Sample weights"), ignored.out());
        // the model records the column as an ignored one, as --ignore-column does
        assertTrue(weighed.out().contains("size, weight: ignored, shade"), weighed.out());
        CliRun summary = CliRun.of("summary", "--model", tmp.resolve("ones-weighed").toString());
        assertEquals(0, summary.status(), summary.err());
        assertTrue(summary.out().contains("--sample-weight-column weight"), summary.out());
    }

    @Test
    void doubledWeightsAtHalfTheRateTrainTheSameModel() {
        CliRun plain = train(ones, "gd-ones", "--sample-weight-column", "1", "--optimizer", "gd", "--lr", "0.1");
        CliRun doubled = train(twos, "gd-twos", "--sample-weight-column", "weight", "--optimizer", "gd", "--lr", "0.05");
        Matcher a = EPOCH.matcher(plain.out());
        Matcher b = EPOCH.matcher(doubled.out());
        int epochs = 0;
        while (a.find()) {
            assertTrue(b.find(), doubled.out());
            assertEquals(a.group(3), b.group(3), "epoch " + a.group(1) + ": the accuracies and test metrics are not weighted");
            assertEquals(2 * Double.parseDouble(a.group(2)), Double.parseDouble(b.group(2)), 2e-4,
                    "epoch " + a.group(1) + ": the training loss is the weighted one");
            epochs++;
        }
        assertEquals(3, epochs, plain.out());
        assertTrue(doubled.out().contains("Sample weights: column weight, 72 rows, mean 2 (min 2, max 2)\n"), doubled.out());
        // the two models answer alike: evaluate each on the same file, its weight column left out
        String first = evaluate("gd-ones", twos);
        String second = evaluate("gd-twos", twos);
        assertEquals(first.replace(tmp.resolve("gd-ones").toString(), "MODEL"),
                second.replace(tmp.resolve("gd-twos").toString(), "MODEL"));
        // and unlike a run whose weights differ (the comparison can fail)
        train(ones, "gd-ones-slower", "--sample-weight-column", "weight", "--optimizer", "gd", "--lr", "0.05");
        assertNotEquals(first.replace(tmp.resolve("gd-ones").toString(), "MODEL"),
                evaluate("gd-ones-slower", twos).replace(tmp.resolve("gd-ones-slower").toString(), "MODEL"));
    }

    /**
     * Weights that follow the class, row by row, train exactly as the same weights given per class
     * ({@code --class-weight}, which weighs the rows by their own labels): a weight read for the
     * wrong row after the train/test split would weigh another class.
     */
    @Test
    void weightsFollowTheirRowsThroughTheSplit() throws IOException {
        // the classes write() gives row i, weighed cool 0.5, hot 3, warm 1.5
        Path byClass = write("by-class.csv", i -> i % 9 == 0 ? "3" : i % 3 == 0 ? "1.5" : "0.5");
        CliRun weighed = train(byClass, "by-class-rows", "--sample-weight-column", "weight", "--optimizer", "gd",
                "--lr", "0.1");
        CliRun classes = train(byClass, "by-class-classes", "--ignore-column", "weight", "--class-weight",
                "cool=0.5,hot=3,warm=1.5", "--optimizer", "gd", "--lr", "0.1");
        assertEquals(epochs(classes), epochs(weighed));
        CliRun unweighed = train(byClass, "by-class-none", "--ignore-column", "weight", "--optimizer", "gd", "--lr", "0.1");
        assertNotEquals(epochs(unweighed), epochs(weighed), "the weights change the training");
    }

    /**
     * The range test weighs each row's loss by its weight: weights that follow the class give the
     * table {@code --class-weight} gives, with a validation split holding out the last rows.
     */
    @Test
    void theRangeTestWeighsTheRowsThatTrain() throws IOException {
        Path byClass = write("by-class-lr.csv", i -> i % 9 == 0 ? "3" : i % 3 == 0 ? "1.5" : "0.5");
        String[] test = {"--find-lr", "--find-lr-range", "1e-4:1:30", "--batch-size", "8", "--validation-split", "0.25"};
        CliRun weighed = train(byClass, "lr-rows", concat(test, "--sample-weight-column", "weight"));
        CliRun classes = train(byClass, "lr-classes", concat(test, "--ignore-column", "weight", "--class-weight",
                "cool=0.5,hot=3,warm=1.5"));
        CliRun unweighed = train(byClass, "lr-none", concat(test, "--ignore-column", "weight"));
        assertEquals(rangeTable(classes), rangeTable(weighed));
        assertNotEquals(rangeTable(unweighed), rangeTable(weighed), "the weights change the losses");
        // the rows that train: 72 less a quarter held out to validate
        assertTrue(weighed.out().contains("Sample weights: column weight, 54 rows, "), weighed.out());
        assertFalse(Files.exists(tmp.resolve("lr-rows")), "the range test saves nothing");
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The range test's printed steps and its suggestion. */
    private static List<String> rangeTable(CliRun run) {
        List<String> lines = run.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\S+\\s+[0-9.]+\\s+[0-9.]+")
                || l.startsWith("Suggested learning rate")).toList();
        assertTrue(lines.size() > 3, run.out());
        return lines;
    }

    private static String evaluate(String model, Path data) {
        CliRun run = CliRun.of("evaluate", "--model", tmp.resolve(model).toString(), "--dataset", "csv:" + data);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Loss: "), run.out());
        return run.out();
    }

    @Test
    void theHeaderSaysWhatTheRowsThatTrainWeigh() {
        CliRun run = train(mixed, "mixed", "--sample-weight-column", "weight", "--validation-split", "0.25");
        Matcher training = Pattern.compile("Training on (\\d+) examples").matcher(run.out());
        assertTrue(training.find(), run.out());
        Matcher line = Pattern.compile("Sample weights: column weight, (\\d+) rows, mean ([0-9.]+) \\(min 0, max 3\\)\n")
                .matcher(run.out());
        assertTrue(line.find(), run.out());
        assertEquals(training.group(1), line.group(1), "the rows that train, the validation rows left out");
        double mean = Double.parseDouble(line.group(2));
        assertTrue(mean > 1 && mean < 2, run.out());
        // evaluate, on the data it was trained on, leaves the column out as the model does
        CliRun evaluated = CliRun.of("evaluate", "--model", tmp.resolve("mixed").toString());
        assertEquals(0, evaluated.status(), evaluated.err());
        assertTrue(evaluated.out().contains("rows split as in training"), evaluated.out());
    }

    @Test
    void aMissingWeightsRowIsLeftOutWithDropMissing() throws IOException {
        Path holes = write("holes.csv", i -> i == 4 ? "NA" : "1");
        CliRun bad = CliRun.of("train", "--dataset", "csv:" + holes, "--sample-weight-column", "weight",
                "-o", tmp.resolve("holes-refused").toString());
        bad.assertBadInput(holes + ": line 6, column 2: \"NA\" is a missing value; expected a sample weight",
                "--drop-missing");
        assertFalse(Files.exists(tmp.resolve("holes-refused")));
        CliRun run = train(holes, "holes", "--sample-weight-column", "weight", "--drop-missing");
        assertTrue(run.out().contains("Left out 1 row of " + holes + " with a missing value (--drop-missing): line 6"),
                run.out());
    }

    @Test
    void aResumedRunReadsTheSameWeights() throws IOException {
        Path data = write("resumed.csv", i -> Integer.toString(1 + i % 3));
        CliRun first = train(data, "resumed", "--sample-weight-column", "weight", "--checkpoint-every", "2");
        String checkpoint = tmp.resolve("resumed.checkpoint").toString();
        CliRun resumed = CliRun.of("train", "--resume", checkpoint);
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains("Sample weights: column weight, 72 rows, mean "), resumed.out());
        assertTrue(first.out().contains("Model saved to"), first.out());
        // other weights in the same file: the checkpoint's checksum of them says so
        write("resumed.csv", i -> "1");
        CliRun changed = CliRun.of("train", "--resume", checkpoint);
        changed.assertBadInput("cannot resume from checkpoint " + checkpoint, "sample weights checksum");
    }

    @Test
    void badUsesAreRefusedAndWriteNothing() throws IOException {
        Path negative = write("negative.csv", i -> i == 7 ? "-0.5" : "1");
        Path text = write("text.csv", i -> i == 2 ? "heavy" : "1");
        String out = tmp.resolve("never").toString();
        String[][] cases = {
            {negative + ": line 9, column 2: sample weight -0.5 is negative; expected a sample weight, a finite number >= 0",
                "train", "--dataset", "csv:" + negative, "--sample-weight-column", "weight"},
            {text + ": line 4, column 2: sample weight \"heavy\" is not a number",
                "train", "--dataset", "csv:" + text, "--sample-weight-column", "1"},
            {"column 3 (\"kind\") is the label column; it cannot also hold the sample weights",
                "train", "--dataset", "csv:" + ones, "--sample-weight-column", "kind"},
            {"column 1 (\"weight\") is ignored",
                "train", "--dataset", "csv:" + ones, "--sample-weight-column", "weight", "--ignore-column", "weight"},
            {"header has no column \"mass\" to read sample weights from",
                "train", "--dataset", "csv:" + ones, "--sample-weight-column", "mass"},
            {"--sample-weight-column applies to CSV data only; mnist",
                "train", "--sample-weight-column", "3"},
            {"--sample-weight-column '-1' is neither a 0-based column index nor a column's name",
                "train", "--dataset", "csv:" + ones, "--sample-weight-column", "-1"},
            {"--sample-weight-column weight weighs the training loss; --epochs 0 trains none",
                "train", "--dataset", "csv:" + ones, "--sample-weight-column", "weight", "--epochs", "0",
                "--initial-weights", tmp.resolve("w.npz").toString()},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of(c).subList(1, c.length));
            args.addAll(List.of("-o", out));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            run.assertBadInput(c[0]);
            assertFalse(Files.exists(Path.of(out)), String.join(" ", args));
            assertFalse(run.out().contains("Epoch"), run.out());
        }
    }
}

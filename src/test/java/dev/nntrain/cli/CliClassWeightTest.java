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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code train --class-weight}: classes by name, the weights in the run's header and in {@code
 * summary}'s "Trained with", and what the epoch lines report. The oracle for the last: with plain
 * gradient descent, weighing every class by 2 at half the learning rate takes exactly the steps of
 * the unweighted run (the gradient doubles, the rate halves; both exact in binary), so the test
 * metrics must be the same, to the digit, and the training loss printed (Keras' weighted loss)
 * twice the unweighted one.
 */
class CliClassWeightTest {

    @TempDir
    static Path tmp;

    static Path csv;

    @BeforeAll
    static void writeData() throws IOException {
        StringBuilder rows = new StringBuilder("size,shade,kind\n");
        String[] kinds = {"cool", "hot", "warm"};
        for (int i = 0; i < 90; i++) {
            int c = i % 9 == 0 ? 1 : i % 3 == 0 ? 2 : 0; // imbalanced: hot is rare
            rows.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%s%n", c + Math.sin(i), 2 * c - Math.cos(1.7 * i),
                    kinds[c]));
        }
        csv = Files.writeString(tmp.resolve("kinds.csv"), rows);
    }

    private static CliRun train(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "csv:" + csv, "--layers", "4", "--epochs", "3",
                "--optimizer", "gd", "--threads", "1", "--device", "cpu", "--seed", "5", "-o", tmp.resolve(name).toString()));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.status(), run.err());
        return run;
    }

    @Test
    void classesByNameAppearInTheHeaderAndTheSummary() {
        CliRun run = train("named", "--lr", "0.1", "--class-weight", "hot=3,cool=0.5");
        assertTrue(run.out().contains("Class weights: {cool: 0.5, hot: 3.0, warm: 1.0}\n"), run.out());
        CliRun summary = CliRun.of("summary", "--model", tmp.resolve("named").toString());
        assertEquals(0, summary.status(), summary.err());
        assertTrue(summary.out().contains("--class-weight hot=3,cool=0.5"), summary.out());
    }

    @Test
    void balancedWeightsAreSaidToBe() {
        CliRun run = train("balanced", "--lr", "0.1", "--class-weight", "balanced");
        assertTrue(run.out().contains("Class weights (balanced): {cool: "), run.out());
    }

    @Test
    void theTrainingLossIsWeightedAndTheTestMetricsAreNot() {
        CliRun plain = train("plain", "--lr", "0.2");
        CliRun doubled = train("doubled", "--lr", "0.1", "--class-weight", "0=2,1=2,2=2");
        Pattern line = Pattern.compile("Epoch (\\d)/3 - loss: ([0-9.]+) - accuracy: ([0-9.]+) - (test_loss: [0-9.]+ - "
                + "test_accuracy: [0-9.]+)");
        Matcher a = line.matcher(plain.out());
        Matcher b = line.matcher(doubled.out());
        int epochs = 0;
        while (a.find()) {
            assertTrue(b.find(), doubled.out());
            assertEquals(a.group(4), b.group(4), "epoch " + a.group(1) + ": test metrics are not weighted");
            assertEquals(a.group(3), b.group(3), "epoch " + a.group(1) + ": nor is the training accuracy");
            assertEquals(2 * Double.parseDouble(a.group(2)), Double.parseDouble(b.group(2)), 2e-4,
                    "epoch " + a.group(1) + ": the training loss is the weighted one");
            epochs++;
        }
        assertEquals(3, epochs, plain.out());
    }

    /** A class number as a CSV label may be written (1.0 is class 1 there) names the class here too. */
    @Test
    void aClassNumberWrittenAsADecimalIsThatClass() {
        CliRun whole = train("numbered", "--lr", "0.1", "--class-weight", "1=3");
        CliRun decimal = train("decimal", "--lr", "0.1", "--class-weight", "1.0=3");
        assertTrue(decimal.out().contains("Class weights: {cool: 1.0, hot: 3.0, warm: 1.0}\n"), decimal.out());
        assertEquals(whole.out().lines().filter(l -> l.startsWith("Epoch")).map(l -> l.replaceAll(" - [0-9.]+ s - .*", ""))
                .toList(), decimal.out().lines().filter(l -> l.startsWith("Epoch"))
                .map(l -> l.replaceAll(" - [0-9.]+ s - .*", "")).toList());
        for (String bad : new String[] {"1.5=3", "-1=3", "3=2"}) {
            CliRun run = CliRun.of("train", "--dataset", "csv:" + csv, "--class-weight", bad, "-o",
                    tmp.resolve("never").toString());
            run.assertBadInput("--class-weight");
            assertFalse(Files.exists(tmp.resolve("never")), bad);
        }
    }
}


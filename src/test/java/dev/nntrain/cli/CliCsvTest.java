package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Examples;
import dev.nntrain.data.Standardizer;
import dev.nntrain.model.Sequential;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The README's coffee-roast recipe on {@code data/coffee-roasts.csv}: the features are standardised
 * by default, the scaling is saved with the model, and evaluate and predict apply it.
 */
class CliCsvTest {

    /** The README's recipe, word for word. */
    static final String[] RECIPE = {"train", "--dataset", "csv:data/coffee-roasts.csv", "--layers", "8",
        "--activation", "sigmoid", "--lr", "0.03", "--epochs", "200"};

    @TempDir
    static Path tmp;

    static Path model;
    static double testAccuracy;

    @BeforeAll
    static void trainTheRecipe() {
        model = tmp.resolve("roasts");
        CliRun run = CliRun.of(with(RECIPE, "--quiet", "-o", model.toString()));
        assertEquals(0, run.status(), run.err());
        testAccuracy = run.number("Test accuracy: ");
    }

    @Test
    void theRecipeReachesNinetyFivePercent() {
        // 218 of the 1000 roasts are good: predicting "bad" every time scores about 0.78
        assertTrue(testAccuracy >= 0.95, "test accuracy " + testAccuracy);
    }

    @Test
    void theScalingIsSavedWithTheModelAndEvaluateAppliesIt() throws IOException {
        try (Sequential saved = Sequential.load(model)) {
            Standardizer scaling = Standardizer.readFrom(saved.properties()).orElseThrow();
            // the training roasts' temperatures lie in [150, 285) C and durations in [11.5, 15.5) min
            float[] mean = scaling.mean();
            assertTrue(mean[0] > 200 && mean[0] < 235 && mean[1] > 13 && mean[1] < 14, java.util.Arrays.toString(mean));
        }
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--dataset", "csv:data/coffee-roasts.csv");
        assertEquals(0, run.status(), run.err());
        assertEquals(testAccuracy, run.number("Accuracy: "), 1e-9, "the same held-out roasts, scaled the same way");
        assertTrue(run.out().contains("features standardised as in training"), run.out());
        assertTrue(run.out().contains("Per-class precision and recall:"), run.out());
    }

    @Test
    void aValidationSplitsRowsTakeNoPartInTheScaling() throws IOException {
        Path split = tmp.resolve("split-scaling");
        CliRun run = CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv", "--layers", "4", "--epochs", "1",
                "--validation-split", "0.25", "--quiet", "-o", split.toString());
        assertEquals(0, run.status(), run.err());
        // the same 800 training rows the command held 200 test rows out of (default seed and fraction);
        // the first 600 of them train, the last 200 validate
        Examples train = dev.nntrain.data.Datasets.load(dev.nntrain.data.Datasets.Spec.of("csv:data/coffee-roasts.csv", null))
                .train();
        assertEquals(800, train.size());
        double[] first600 = new double[2];
        double[] all800 = new double[2];
        for (int i = 0; i < 800; i++) {
            float[] row = train.featureRow(i);
            for (int j = 0; j < 2; j++) {
                all800[j] += row[j] / 800.0;
                if (i < 600) {
                    first600[j] += row[j] / 600.0;
                }
            }
        }
        assertTrue(Math.abs(first600[0] - all800[0]) > 0.1, "the two means differ: " + first600[0] + " " + all800[0]);
        try (Sequential saved = Sequential.load(split)) {
            float[] mean = Standardizer.readFrom(saved.properties()).orElseThrow().mean();
            assertEquals(first600[0], mean[0], 1e-3, "temperature: the mean of the rows that train");
            assertEquals(first600[1], mean[1], 1e-4, "duration: the mean of the rows that train");
        }
    }

    /**
     * predict --csv answers each row as predict --features answers it alone (the file's rows
     * scaled as in training, by the model), and a regression model gives its value per row.
     */
    @Test
    void predictingACsvFileAgreesWithPredictingEachRow() throws IOException {
        String[] examples = {"200,13.9", "285,15", "150,11.5", "230.5,14.2"};
        Path rows = tmp.resolve("rows.csv");
        java.nio.file.Files.writeString(rows, "temperature,duration\n" + String.join("\n", examples) + "\n");
        CliRun table = CliRun.of("predict", "--model", model.toString(), "--csv", rows.toString());
        assertEquals(0, table.status(), table.err());
        String[] lines = table.out().split("\\R");
        assertEquals("row,class,probability_0,probability_1", lines[0]);
        assertEquals(examples.length + 1, lines.length, table.out());
        for (int i = 0; i < examples.length; i++) {
            CliRun one = CliRun.of("predict", "--model", model.toString(), "--features", examples[i], "--top", "1");
            assertEquals(0, one.status(), one.err());
            // "200,13.9: predicted class 1" then "  1  0.8413"
            String[] top = one.out().split("\\R")[1].trim().split("\\s+");
            String[] cells = lines[i + 1].split(",");
            assertEquals(top[0], cells[1], "row " + (i + 1) + ": " + one.out());
            assertEquals(Double.parseDouble(top[1]), Double.parseDouble(cells[2 + Integer.parseInt(top[0])]), 5e-5,
                    "row " + (i + 1));
        }
        Path regression = tmp.resolve("regression-csv");
        CliRun trained = CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv", "--regression", "--label-column", "1",
                "--layers", "4", "--epochs", "2", "--quiet", "-o", regression.toString());
        assertEquals(0, trained.status(), trained.err());
        Path temperatures = tmp.resolve("temperatures.csv");
        java.nio.file.Files.writeString(temperatures, "200,1\n260,0\n"); // temperature and the good/bad label as features
        CliRun values = CliRun.of("predict", "--model", regression.toString(), "--csv", temperatures.toString());
        assertEquals(0, values.status(), values.err());
        lines = values.out().split("\\R");
        assertEquals("row,value_duration", lines[0], "the value is named by the header's label column");
        CliRun first = CliRun.of("predict", "--model", regression.toString(), "--features", "200,1");
        // "200,1: predicted duration = 13.1234"
        double alone = Double.parseDouble(first.out().replaceAll("(?s).*: predicted duration = (\\S+).*", "$1"));
        assertEquals(alone, Double.parseDouble(lines[1].split(",")[1]), 1e-6, values.out());
        CliRun.of("predict", "--model", regression.toString(), "--features", "200,1", "--top", "2")
                .assertBadInput("--top 2 ranks the classes", regression + " is a regression", "leave out --top");
    }

    @Test
    void evaluateHoldsOutTheRowsTrainingHeldOut() {
        // trained on another split than the default seed's: evaluate must find it in the model
        Path seven = tmp.resolve("seed7");
        CliRun trained = CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv", "--layers", "8", "--epochs", "3",
                "--seed", "7", "--test-split", "0.3", "--quiet", "-o", seven.toString());
        assertEquals(0, trained.status(), trained.err());
        CliRun same = CliRun.of("evaluate", "--model", seven.toString(), "--dataset", "csv:data/coffee-roasts.csv");
        assertEquals(0, same.status(), same.err());
        assertEquals(trained.number("Test accuracy: "), same.number("Accuracy: "), 1e-9, same.out());
        assertTrue(same.out().contains("300 examples, rows split as in training"), same.out());
        CliRun other = CliRun.of("evaluate", "--model", seven.toString(), "--dataset", "csv:data/coffee-roasts.csv",
                "--seed", "42");
        assertEquals(0, other.status(), other.err());
        assertTrue(other.out().contains("300 examples, rows split differently from training"), other.out());
    }

    @Test
    void evaluateWithoutADatasetUsesTheOneTheModelWasTrainedOn() {
        CliRun run = CliRun.of("evaluate", "--model", model.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(testAccuracy, run.number("Accuracy: "), 1e-9, run.out());
        assertTrue(run.out().contains("(test, 200 examples, the data set it was trained on"), run.out());
        CliRun.of("evaluate", "--model", model.toString(), "--regression")
                .assertBadInput("--regression goes with --dataset", "coffee-roasts.csv");
        CliRun.of("evaluate", "--model", model.toString(), "--dataset", "csv:data/coffee-roasts.csv", "--regression")
                .assertBadInput("is a classifier (sparse_categorical_crossentropy): leave --regression out");
    }

    @Test
    void aModelWhoseDataIsGoneSaysWhereThePathCameFrom() throws IOException {
        Path copy = tmp.resolve("roasts-copy.csv");
        java.nio.file.Files.copy(Path.of("data/coffee-roasts.csv"), copy);
        Path gone = tmp.resolve("gone");
        CliRun trained = CliRun.of("train", "--dataset", "csv:" + copy, "--layers", "4", "--epochs", "1", "--quiet",
                "-o", gone.toString());
        assertEquals(0, trained.status(), trained.err());
        java.nio.file.Files.delete(copy);
        CliRun.of("evaluate", "--model", gone.toString())
                .assertBadInput(gone + " was trained on " + copy, "does not exist now", "--dataset");
    }

    @Test
    void aRegressionIsEvaluatedAsARegression() {
        // the duration (column 1) from the temperature and the good/bad label
        Path regression = tmp.resolve("regression");
        CliRun trained = CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv", "--regression", "--label-column", "1",
                "--layers", "4", "--epochs", "3", "--quiet", "-o", regression.toString());
        assertEquals(0, trained.status(), trained.err());
        CliRun run = CliRun.of("evaluate", "--model", regression.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(trained.number("Test loss (MSE): "), run.number("Loss: "), 1e-9, run.out());
        assertTrue(run.out().contains("Mean absolute error"), run.out());
        assertEquals(trained.number("mean absolute error: "), run.number("Mean absolute error: "), 1e-9, run.out());
        assertFalse(run.out().contains("Confusion matrix"), run.out());
        // without --quiet, every epoch line has the training mae beside the held-out one
        CliRun verbose = CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv", "--regression", "--label-column", "1",
                "--layers", "4", "--epochs", "2", "-o", tmp.resolve("regression-verbose").toString());
        assertEquals(0, verbose.status(), verbose.err());
        assertTrue(verbose.out().matches("(?s).*Epoch 2/2 - loss: [0-9.]+ - mae: [0-9.]+ - test_loss: [0-9.]+ - test_mae: [0-9.]+ .*"),
                verbose.out());
        CliRun.of("evaluate", "--model", regression.toString(), "--dataset", "csv:data/coffee-roasts.csv")
                .assertBadInput("is a regression (mean_squared_error): evaluate it with --regression");
    }

    @Test
    void predictScalesTheFeaturesItIsGiven() {
        // the course's two test roasts: 200 C for 13.9 min is good, for 17 min it is not
        CliRun good = CliRun.of("predict", "--model", model.toString(), "--features", "200,13.9");
        assertEquals(0, good.status(), good.err());
        assertTrue(good.out().startsWith("200,13.9: predicted class 1"), good.out());
        CliRun bad = CliRun.of("predict", "--model", model.toString(), "--features", "200, 17");
        assertTrue(bad.out().startsWith("200, 17: predicted class 0"), bad.out());
        CliRun.of("predict", "--model", model.toString(), "--features", "200,hot").assertBadInput("--features", "'hot'");
        CliRun.of("predict", "--model", model.toString(), "--features", "200,13.9,1").assertBadInput("3");
    }

    @Test
    void noNormalizeTrainsOnTheRawFeatures() throws IOException {
        Path raw = tmp.resolve("raw");
        CliRun run = CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv", "--layers", "8", "--epochs", "5",
                "--no-normalize", "--quiet", "-o", raw.toString());
        assertEquals(0, run.status(), run.err());
        try (Sequential saved = Sequential.load(raw)) {
            assertFalse(Standardizer.readFrom(saved.properties()).isPresent(), "no scaling recorded");
        }
        CliRun evaluated = CliRun.of("evaluate", "--model", raw.toString(), "--dataset", "csv:data/coffee-roasts.csv");
        assertEquals(run.number("Test accuracy: "), evaluated.number("Accuracy: "), 1e-9);
        assertFalse(evaluated.out().contains("standardised"), evaluated.out());
    }

    static String[] with(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}

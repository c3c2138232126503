package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code train} builds what the library can: convolutional layers, a validation split, early stopping. */
class CliLayersTest {

    @TempDir Path tmp;

    @Test
    void trainsEvaluatesAndPredictsWithAConvolutionalModel() {
        Path model = tmp.resolve("cnn");
        CliRun run = CliRun.of("train", "--layers", "conv2d:4:3,maxpool:2", "--epochs", "1", "--shift", "0",
                "-o", model.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("(Conv2D)") && run.out().contains("(None, 4, 26, 26)"), run.out());
        assertTrue(run.out().contains("(MaxPool2D)") || run.out().contains("(MaxPooling2D)"), run.out());
        double accuracy = run.number("Test accuracy: ");
        assertTrue(accuracy >= 0.8, "one epoch of a small CNN: " + accuracy);
        // the saved model reads flat rows of 784 pixels in evaluate and predict
        CliRun evaluated = CliRun.of("evaluate", "--model", model.toString());
        assertEquals(0, evaluated.status(), evaluated.err());
        assertEquals(accuracy, evaluated.number("Accuracy: "), 1e-9);
        CliRun predicted = CliRun.of("predict", "--model", model.toString(),
                "--idx", "data/mnist/t10k-images-idx3-ubyte.gz", "--index", "0");
        assertEquals(0, predicted.status(), predicted.err());
        assertTrue(predicted.out().contains("predicted class "), predicted.out());
    }

    @Test
    void conv1dReadsTheRowsOfACsv() {
        CliRun run = CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv", "--layers", "conv1d:4:2,dense:8",
                "--epochs", "2", "--quiet", "-o", tmp.resolve("c1").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Epoch 2/2"), run.out());
    }

    @Test
    void theHeaderCountsTheExamplesThatTrainAndThoseThatValidate() {
        // 1,000 roasts: 200 held out for the test, and of the other 800 a quarter validates (Keras
        // keeps the first floor(800 x 0.75) = 600 for training); without a split all 800 train
        CliRun split = CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv", "--layers", "4", "--epochs", "1",
                "--validation-split", "0.25", "-o", tmp.resolve("split").toString());
        assertEquals(0, split.status(), split.err());
        assertTrue(split.out().contains("Training on 600 examples of data/coffee-roasts.csv (200 validate, 200 held out)"),
                split.out());
        CliRun whole = CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv", "--layers", "4", "--epochs", "1",
                "-o", tmp.resolve("whole").toString());
        assertEquals(0, whole.status(), whole.err());
        assertTrue(whole.out().contains("Training on 800 examples of data/coffee-roasts.csv (200 held out)"), whole.out());
    }

    @Test
    void earlyStoppingKeepsTheEpochWithTheLowestValidationLoss() {
        int patience = 3;
        CliRun run = CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv", "--layers", "8", "--activation",
                "sigmoid", "--lr", "0.03", "--epochs", "200", "--validation-split", "0.2", "--early-stopping", "" + patience,
                "--quiet", "-o", tmp.resolve("es").toString());
        assertEquals(0, run.status(), run.err());
        assertFalse(run.out().contains("test_loss"), "the epochs report the validation split: " + run.out());
        List<Double> valLoss = new ArrayList<>();
        Matcher m = Pattern.compile("val_loss: ([0-9.]+)").matcher(run.out());
        while (m.find()) {
            valLoss.add(Double.parseDouble(m.group(1)));
        }
        int epochs = valLoss.size();
        assertTrue(epochs > patience && epochs < 200, epochs + " epochs: " + run.out());
        // Keras' rule, checked on the printed numbers: the best epoch is the last but `patience`,
        // and no later epoch improved on it
        double best = valLoss.get(epochs - 1 - patience);
        for (int e = 0; e < epochs; e++) {
            assertTrue(valLoss.get(e) >= best, "epoch " + (e + 1) + " beat the kept one: " + valLoss);
        }
        assertTrue(run.out().contains("Stopped early after epoch " + epochs + ": the validation loss did not improve for "
                + patience + " epochs; kept epoch " + (epochs - patience) + "'s weights, the best (val_loss "
                + String.format(java.util.Locale.ROOT, "%.4f", best) + ")\n"), run.out());
        assertTrue(run.number("Test accuracy: ") >= 0.9, run.out());
    }

    /** A run early stopping did not stop still ends on the best epoch's weights, and says which. */
    @Test
    void earlyStoppingThatDoesNotStopTheRunNamesTheEpochItKept() {
        CliRun run = CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv", "--layers", "8", "--lr", "0.3",
                "--epochs", "12", "--validation-split", "0.2", "--early-stopping", "20", "--quiet",
                "-o", tmp.resolve("es-long").toString());
        assertEquals(0, run.status(), run.err());
        List<Double> valLoss = new ArrayList<>();
        Matcher m = Pattern.compile("val_loss: ([0-9.]+)").matcher(run.out());
        while (m.find()) {
            valLoss.add(Double.parseDouble(m.group(1)));
        }
        assertEquals(12, valLoss.size(), run.out());
        int best = 0; // the first epoch of the lowest printed loss (a later tie does not improve)
        for (int e = 1; e < valLoss.size(); e++) {
            if (valLoss.get(e) < valLoss.get(best)) {
                best = e;
            }
        }
        String kept = best == 11 ? "kept the last epoch's weights, the best" : "kept epoch " + (best + 1) + "'s weights, the best";
        assertTrue(run.out().contains("Early stopping did not stop the run; " + kept + " (val_loss "
                + String.format(java.util.Locale.ROOT, "%.4f", valLoss.get(best)) + ")\n"), run.out());
        assertFalse(run.out().contains("Stopped early"), run.out());
    }

    @Test
    void badSettingsAreRefusedInOneLineBeforeAnyData() {
        // {the options, then what the error line must name}
        String[][] cases = {
            {"--layers conv2d:8", "--layers", "conv2d:FILTERS:KERNEL"},
            {"--layers dense:10,conv2d:8:3", "before flatten and dense"},
            {"--dataset csv:data/coffee-roasts.csv --layers conv2d:4:3", "conv2d needs 28x28 images", "conv1d"},
            {"--validation-split 1.5", "--validation-split", "1.5"},
            {"--validation-split 0", "--validation-split"},
            {"--early-stopping 3", "--early-stopping 3", "--validation-split"},
            {"--validation-split 0.1 --early-stopping 0", "--early-stopping", "at least 1"},
        };
        Path never = tmp.resolve("never");
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("train", "-o", never.toString()));
            args.addAll(List.of(c[0].split(" ")));
            CliRun run = CliRun.of(args.toArray(new String[0]));
            run.assertBadInput(List.of(c).subList(1, c.length).toArray(new String[0]));
            assertFalse(run.out().contains("Epoch"), run.out());
            assertFalse(Files.exists(never), c[0]);
        }
    }
}

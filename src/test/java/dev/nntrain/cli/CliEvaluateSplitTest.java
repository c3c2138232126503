package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code evaluate --split train|validation}: the rows that trained and the rows a validation split
 * held out, as the training run split them. The oracle for the validation rows is the run's own
 * last epoch line, whose val_loss and val_accuracy the fit measured on them; for the others, the
 * row counts Keras' rule gives by hand.
 */
class CliEvaluateSplitTest {

    @TempDir
    static Path tmp;

    private static CliRun trained;
    private static String model;

    @BeforeAll
    static void train() {
        model = tmp.resolve("coffee").toString();
        // 1,000 rows: 800 in the training part, of which the last 200 (a quarter) validate; 600 train
        trained = CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv", "--layers", "6", "--epochs", "4",
                "--validation-split", "0.25", "--threads", "1", "--quiet", "-o", model);
        assertEquals(0, trained.status(), trained.err());
    }

    @Test
    void theValidationRowsScoreAsTheLastEpochMeasuredThem() {
        Matcher m = Pattern.compile("Epoch 4/4 - loss: [0-9.]+ - accuracy: [0-9.]+ - val_loss: ([0-9.]+) - val_accuracy: ([0-9.]+)")
                .matcher(trained.out());
        assertTrue(m.find(), trained.out());
        CliRun validation = CliRun.of("evaluate", "-m", model, "--split", "validation");
        assertEquals(0, validation.status(), validation.err());
        assertTrue(validation.out().contains("(validation, 200 examples, "), validation.out());
        assertTrue(validation.out().contains("the training part's last rows, which --validation-split 0.25 held out"),
                validation.out());
        assertTrue(validation.out().contains("Loss: " + m.group(1) + "\n"), m.group() + " vs " + validation.out());
        assertTrue(validation.out().contains("Accuracy: " + m.group(2) + "\n"), m.group() + " vs " + validation.out());
    }

    @Test
    void theTrainingRowsAreTheOnesThatTrained() {
        CliRun train = CliRun.of("evaluate", "-m", model, "--split", "train");
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("(train, 600 examples, "), train.out());
        assertTrue(train.out().contains("the rows that trained: the last 200 validated (--validation-split 0.25)"),
                train.out());
        CliRun test = CliRun.of("evaluate", "-m", model);
        assertTrue(test.out().contains("(test, 200 examples, "), test.out());
        // on another split of the rows the training part is not the run's: all of it, and no validation rows
        CliRun reseeded = CliRun.of("evaluate", "-m", model, "--split", "train", "--seed", "7");
        assertTrue(reseeded.out().contains("(train, 800 examples, "), reseeded.out());
        CliRun.of("evaluate", "-m", model, "--split", "validation", "--seed", "7").assertBadInput(
                "--split validation: model " + model + " was validated on rows of the data set it was trained on, split"
                        + " as then; these are not");
    }

    @Test
    void aModelTrainedWithoutAValidationSplitHasNoValidationRows() {
        String plain = tmp.resolve("plain").toString();
        assertEquals(0, CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv", "--layers", "4", "--epochs", "1",
                "--quiet", "-o", plain).status());
        CliRun.of("evaluate", "-m", plain, "--split", "validation").assertBadInput("--split validation: model " + plain
                + " was trained without --validation-split, so no rows validated it; use test or train");
        CliRun train = CliRun.of("evaluate", "-m", plain, "--split", "train");
        assertTrue(train.out().contains("(train, 800 examples, "), train.out());
    }

    /** Without --dataset the model's data set is read as it was in training: reading options are refused, not dropped. */
    @Test
    void readingOptionsWithoutDatasetAreRefused() {
        for (String[] option : new String[][] {{"--separator", ";"}, {"--header", "no"}, {"--ignore-column", "0"},
                {"--drop-missing"}}) {
            String[] args = new String[option.length + 3];
            args[0] = "evaluate";
            args[1] = "-m";
            args[2] = model;
            System.arraycopy(option, 0, args, 3, option.length);
            CliRun.of(args).assertBadInput(option[0] + " goes with --dataset: without one, " + model
                    + " is evaluated on the data set it was trained on");
        }
    }

    @Test
    void helpGivesEvaluatesOwnDefaults() {
        CliRun help = CliRun.of("evaluate", "--help");
        String text = help.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("--dataset=NAME mnist, fashion-mnist or csv:PATH (default: the data set the model was"
                + " trained on"), text);
        assertTrue(text.contains("(default: the fraction the model was trained with"), text);
        assertFalse(text.contains("--fill-missing"), "train's option alone: " + text);
        assertFalse(text.contains("(default: mnist)"), text);
    }

    /** A model trained with its own label column, evaluated on a file given without it: the cause is named. */
    @Test
    void aFileGivenWithoutTheModelsLabelColumnNamesIt() {
        String penguins = tmp.resolve("penguins").toString();
        assertEquals(0, CliRun.of("train", "--dataset", "csv:data/penguins.csv", "--label-column", "species", "--epochs",
                "1", "--quiet", "-o", penguins).status());
        CliRun.of("evaluate", "-m", penguins, "--dataset", "csv:data/penguins.csv").assertBadInput(
                "line 1: feature column 1 is \"species\"; expected \"island\"",
                "(model " + penguins + " was trained with --label-column species; give it with --dataset)");
        CliRun given = CliRun.of("evaluate", "-m", penguins, "--dataset", "csv:data/penguins.csv", "--label-column",
                "species");
        assertEquals(0, given.status(), given.err());
    }
}


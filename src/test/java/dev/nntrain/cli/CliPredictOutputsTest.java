package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code nntrain predict} on models with sigmoid outputs, which the command line does not train
 * but an application may save: one output (binary), and several (multi-label). Weights are set by
 * hand, so each answer is worked out here from the sigmoid's closed form.
 */
class CliPredictOutputsTest {

    @TempDir
    Path tmp;

    /** One output, {@code z = x1 - 2 x2}: class 1 when z is above 0, class 0 has {@code 1 - p}. */
    @Test
    void oneSigmoidOutputIsTheProbabilityOfClassOne() throws IOException {
        for (boolean fromLogits : new boolean[] {true, false}) {
            Path dir = save(fromLogits, new float[][] {{1}, {-2}}, new float[] {0}, "binary-" + fromLogits);
            // z = 3: p = 0.9526
            CliRun yes = CliRun.of("predict", "--model", dir.toString(), "--features", "3,0");
            assertEquals(0, yes.status(), yes.err());
            assertEquals(String.format(Locale.ROOT, "3,0: predicted class 1%n  1  %.4f%n  0  %.4f%n",
                    sigmoid(3), 1 - sigmoid(3)), yes.out(), "from logits: " + fromLogits);
            // z = -1: p = 0.2689
            CliRun no = CliRun.of("predict", "--model", dir.toString(), "--features", "1,1", "--top", "1");
            assertEquals(String.format(Locale.ROOT, "1,1: predicted class 0%n  0  %.4f%n", 1 - sigmoid(-1)), no.out());
            // z = 0 exactly: p = 0.5, and class 0, as evaluation's accuracy counts it (above 0.5 is 1)
            CliRun even = CliRun.of("predict", "--model", dir.toString(), "--features", "2,1");
            assertEquals(String.format(Locale.ROOT, "2,1: predicted class 0%n  0  0.5000%n  1  0.5000%n"), even.out());
        }
    }

    /** Three outputs answer three questions: each its own yes or no, the probabilities not summing to 1. */
    @Test
    void severalSigmoidOutputsAnswerYesOrNoEach() throws IOException {
        // z = (x1, -x1, x2)
        Path dir = save(true, new float[][] {{1, -1, 0}, {0, 0, 1}}, new float[] {0, 0, 0}, "multi");
        CliRun run = CliRun.of("predict", "--model", dir.toString(), "--features", "2,0.5");
        assertEquals(0, run.status(), run.err());
        assertEquals(String.format(Locale.ROOT,
                "2,0.5: predicted yes/no per output%n  0  yes  %.4f%n  1  no   %.4f%n  2  yes  %.4f%n",
                sigmoid(2), sigmoid(-2), sigmoid(0.5)), run.out());
    }

    @Test
    void topIsRefusedWhereThereAreNoClassesToRank() throws IOException {
        Path multi = save(true, new float[][] {{1, -1, 0}, {0, 0, 1}}, new float[] {0, 0, 0}, "multi-top");
        CliRun.of("predict", "--model", multi.toString(), "--features", "2,0.5", "--top", "2")
                .assertBadInput("--top 2 ranks the classes", multi + " answers yes or no per output", "leave out --top");
        Path binary = save(true, new float[][] {{1}, {-2}}, new float[] {0}, "binary-top");
        CliRun one = CliRun.of("predict", "--model", binary.toString(), "--features", "3,0", "--top", "1");
        assertEquals(0, one.status(), one.err()); // one sigmoid output ranks its two classes
    }

    /**
     * --csv: one line per row of the file, the same answers as above from the same closed forms;
     * a header row and a blank line in the file are skipped, rows keep their order.
     */
    @Test
    void aCsvFileGetsATableOfAnswersOneRowEach() throws IOException {
        Path binary = save(true, new float[][] {{1}, {-2}}, new float[] {0}, "binary-csv");
        Path rows = tmp.resolve("rows.csv");
        java.nio.file.Files.writeString(rows, "x1,x2\n3,0\n\n1,1\n2,1\n");
        CliRun run = CliRun.of("predict", "--model", binary.toString(), "--csv", rows.toString());
        assertEquals(0, run.status(), run.err());
        String[] lines = run.out().split("\\R");
        assertEquals("row,class,probability_0,probability_1", lines[0]);
        double[][] z = {{3}, {-1}, {0}};
        int[] classes = {1, 0, 0}; // z = 0 is class 0, as above
        assertEquals(4, lines.length, run.out());
        for (int i = 0; i < 3; i++) {
            String[] cells = lines[i + 1].split(",");
            assertEquals(String.valueOf(i + 1), cells[0]);
            assertEquals(String.valueOf(classes[i]), cells[1], lines[i + 1]);
            assertEquals(1 - sigmoid(z[i][0]), Double.parseDouble(cells[2]), 1e-6, lines[i + 1]);
            assertEquals(sigmoid(z[i][0]), Double.parseDouble(cells[3]), 1e-6, lines[i + 1]);
        }

        Path multi = save(true, new float[][] {{1, -1, 0}, {0, 0, 1}}, new float[] {0, 0, 0}, "multi-csv");
        Path two = tmp.resolve("two.csv");
        java.nio.file.Files.writeString(two, "2,0.5\n-1,-3\n");
        CliRun yesNo = CliRun.of("predict", "--model", multi.toString(), "--csv", two.toString());
        assertEquals(0, yesNo.status(), yesNo.err());
        lines = yesNo.out().split("\\R");
        assertEquals("row,yes_0,yes_1,yes_2,probability_0,probability_1,probability_2", lines[0]);
        double[][] zs = {{2, -2, 0.5}, {-1, 1, -3}}; // z = (x1, -x1, x2)
        for (int i = 0; i < 2; i++) {
            String[] cells = lines[i + 1].split(",");
            for (int j = 0; j < 3; j++) {
                assertEquals(zs[i][j] > 0 ? "1" : "0", cells[1 + j], lines[i + 1]);
                assertEquals(sigmoid(zs[i][j]), Double.parseDouble(cells[4 + j]), 1e-6, lines[i + 1]);
            }
        }
    }

    @Test
    void aCsvFileThatDoesNotFitTheModelIsNamed() throws IOException {
        Path binary = save(true, new float[][] {{1}, {-2}}, new float[] {0}, "binary-bad");
        Path labelled = tmp.resolve("labelled.csv");
        java.nio.file.Files.writeString(labelled, "3,0,1\n1,1,0\n");
        CliRun.of("predict", "--model", binary.toString(), "--csv", labelled.toString())
                .assertBadInput("--csv " + labelled + " has 3 columns", "expects 2", "leave out the label column");
        Path typo = tmp.resolve("typo.csv");
        java.nio.file.Files.writeString(typo, "3,0\n1,x1\n");
        CliRun.of("predict", "--model", binary.toString(), "--csv", typo.toString())
                .assertBadInput(typo + ": line 2, column 2", "\"x1\" is not a number");
        Path ragged = tmp.resolve("ragged.csv");
        java.nio.file.Files.writeString(ragged, "3,0\n1\n");
        CliRun.of("predict", "--model", binary.toString(), "--csv", ragged.toString())
                .assertBadInput(ragged + ": line 2 has 1 columns; expected 2");
        CliRun.of("predict", "--model", binary.toString(), "--csv", typo.toString(), "--features", "1,2")
                .assertBadInput("--csv", "--features");
    }

    /**
     * Outputs that overflow a float: {@code 1e30 * 1e9 = 1e39} is past {@link Float#MAX_VALUE}
     * (3.4e38), so a regression's value is infinite and a classifier's logits are +/-infinity,
     * whose softmax is NaN. No class or value can be read from either: the row is named, exit 2,
     * and no table is printed (the first row alone would have been a half table).
     */
    @Test
    void outputsPastTheFloatRangeAreRefusedNamingTheRow() throws IOException {
        Path rows = tmp.resolve("far.csv");
        java.nio.file.Files.writeString(rows, "x1,x2\n1,0\n1e9,0\n");
        Path regression = saveWith(new dev.nntrain.train.loss.MeanSquaredError(), new float[][] {{1e30f}, {0}},
                new float[] {0}, "regression-far");
        CliRun value = CliRun.of("predict", "--model", regression.toString(), "--csv", rows.toString());
        value.assertBadInput(rows + " data row 2", "Infinity", "float range");
        assertEquals("", value.out(), "no half table");
        CliRun.of("predict", "--model", regression.toString(), "--features", "1e9,0")
                .assertBadInput("--features 1e9,0", "Infinity");

        Path classifier = saveWith(new dev.nntrain.train.loss.SparseCategoricalCrossentropy(true),
                new float[][] {{1e30f, -1e30f}, {0, 0}}, new float[] {0, 0}, "classifier-far");
        CliRun classes = CliRun.of("predict", "--model", classifier.toString(), "--csv", rows.toString());
        classes.assertBadInput(rows + " data row 2", "NaN", "float range");
        assertEquals("", classes.out(), "no half table");
        CliRun.of("predict", "--model", classifier.toString(), "--features", "1e9,0")
                .assertBadInput("--features 1e9,0", "NaN");
        // the first row alone is answered: z = (1e30, -1e30) is finite, class 0 certain
        java.nio.file.Files.writeString(rows, "1,0\n");
        CliRun near = CliRun.of("predict", "--model", classifier.toString(), "--csv", rows.toString());
        assertEquals(0, near.status(), near.err());
        assertEquals(String.format("row,class,probability_0,probability_1%n1,0,1.0,0.0%n"), near.out());
    }

    private Path saveWith(dev.nntrain.train.loss.Loss loss, float[][] kernel, float[] bias, String name) throws IOException {
        Sequential model = Sequential.builder().optSeed(1).add(Dense.of(bias.length, Activation.LINEAR)).build();
        model.build(kernel.length);
        model.weights().set(0, new LayerWeights("dense", kernel, bias));
        Path dir = tmp.resolve(name);
        try (CompiledModel net = CompiledModel.compile(model, loss, new Adam())) {
            net.save(dir);
        }
        return dir;
    }

    private Path save(boolean fromLogits, float[][] kernel, float[] bias, String name) throws IOException {
        Sequential model = Sequential.builder().optSeed(1)
                .add(Dense.of(bias.length, fromLogits ? Activation.LINEAR : Activation.SIGMOID)).build();
        model.build(kernel.length);
        model.weights().set(0, new LayerWeights("dense", kernel, bias));
        Path dir = tmp.resolve(name);
        try (CompiledModel net = CompiledModel.compile(model, new BinaryCrossentropy(fromLogits), new Adam())) {
            net.save(dir);
        }
        return dir;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}

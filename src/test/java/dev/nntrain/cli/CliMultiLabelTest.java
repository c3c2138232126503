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
import java.util.Locale;

/**
 * {@code train --label-column a,b,c}: several 0/1 label columns train a multi-label model (one
 * sigmoid output per column, binary cross-entropy from logits) named by the columns. The oracle is
 * plain Java: a linear model started from weights the test writes and not trained ({@code --epochs
 * 0}), whose loss, accuracy and probabilities are Keras' formulas computed here from those weights.
 */
class CliMultiLabelTest {

    @TempDir
    static Path tmp;

    static final double[][] W = {{1.0, -0.5, 0.8}, {0.2, 1.5, -0.7}}; // Keras' layout: (inputs, outputs)
    static final double[] B = {0.1, -0.2, 0.3};
    static final String[] TAGS = {"warm", "wet", "windy"};
    static double[][] x = new double[40][2];
    static int[][] y = new int[40][3];
    static Path csv;
    static Path model;
    static CliRun trained;

    @BeforeAll
    static void trainNothingFromKnownWeights() throws IOException {
        StringBuilder rows = new StringBuilder("x1,x2,warm,wet,windy\n");
        for (int i = 0; i < 40; i++) {
            x[i][0] = Math.round(Math.cos(1.3 * i) * 2000) / 1000.0;
            x[i][1] = Math.round(Math.sin(0.7 * i) * 2000) / 1000.0;
            y[i] = new int[] {x[i][0] > 0 ? 1 : 0, x[i][1] > 0.5 ? 1 : 0, i % 3 == 0 ? 1 : 0};
            rows.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%d%n", x[i][0], x[i][1], y[i][0], y[i][1], y[i][2]));
        }
        csv = Files.writeString(tmp.resolve("tags.csv"), rows);
        float[] kernel = new float[6];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                kernel[i * 3 + j] = (float) W[i][j];
            }
        }
        float[] bias = {(float) B[0], (float) B[1], (float) B[2]};
        Path weights = NpyFiles.write(tmp.resolve("w.npz"), new NpyFiles.Array(new int[] {2, 3}, kernel),
                new NpyFiles.Array(new int[] {3}, bias));
        model = tmp.resolve("model");
        trained = CliRun.of("train", "--dataset", "csv:" + csv, "--label-column", "warm,wet,windy", "--layers", "none",
                "--initial-weights", weights.toString(), "--epochs", "0", "--no-normalize", "--threads", "1", "-o",
                model.toString());
        assertEquals(0, trained.status(), trained.err());
    }

    static double logit(int i, int j) {
        return (float) x[i][0] * W[0][j] + (float) x[i][1] * W[1][j] + B[j];
    }

    @Test
    void lossAndAccuracyAreKerasBinaryCrossEntropyAndBinaryAccuracy() {
        assertTrue(trained.out().contains("Classes: 0 warm, 1 wet, 2 windy\n"), trained.out());
        assertTrue(trained.out().contains("the fraction of their yes/no answers right"), trained.out());
        double loss = 0;
        int right = 0;
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 3; j++) {
                double z = logit(i, j);
                // -y log s(z) - (1-y) log(1-s(z)) = softplus(z) - y z, averaged over the outputs
                loss += (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i][j] * z) / 3;
                right += (z > 0) == (y[i][j] == 1) ? 1 : 0;
            }
        }
        // the rows are split at random: the two parts' totals add up to the whole file's
        CliRun train = CliRun.of("evaluate", "-m", model.toString(), "--split", "train");
        CliRun test = CliRun.of("evaluate", "-m", model.toString(), "--split", "test");
        assertEquals(0, train.status(), train.err());
        assertEquals(0, test.status(), test.err());
        int nTrain = count(train.out());
        int nTest = count(test.out());
        assertEquals(40, nTrain + nTest);
        assertEquals(loss, train.number("Loss: ") * nTrain + test.number("Loss: ") * nTest, 2e-3 * 40);
        assertEquals(right, train.number("Accuracy: ") * nTrain * 3 + test.number("Accuracy: ") * nTest * 3, 0.02);
        assertEquals(test.number("Accuracy: "), trained.number("Test accuracy: "), 1e-9);
        assertTrue(test.out().contains("  0 warm   "), test.out());
    }

    private static int count(String evaluateOut) {
        return Integer.parseInt(evaluateOut.lines().findFirst().orElseThrow().replaceAll(".*, ([0-9,]+) examples.*", "$1"));
    }

    @Test
    void predictAnswersEachTagWithItsProbability() {
        CliRun run = CliRun.of("predict", "-m", model.toString(), "--features", "0.3,-0.4");
        assertEquals(0, run.status(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals("0.3,-0.4: predicted yes/no per output", lines[0]);
        for (int j = 0; j < 3; j++) {
            double z = (float) 0.3 * W[0][j] + (float) -0.4 * W[1][j] + B[j];
            String expected = String.format(Locale.ROOT, "  %d  %s  %.4f  %s", j, z > 0 ? "yes" : "no ",
                    1 / (1 + Math.exp(-z)), TAGS[j]);
            assertEquals(expected, lines[j + 1]);
        }
    }

    @Test
    void whatAMultiLabelFileCannotBeIsOneLine() throws IOException {
        Path half = Files.writeString(tmp.resolve("half.csv"), "x,a,b\n1,0.5,1\n2,1,0\n");
        CliRun run = CliRun.of("train", "--dataset", "csv:" + half, "--label-column", "a,b", "-o",
                tmp.resolve("never").toString());
        assertEquals(2, run.status());
        assertEquals("nntrain: " + half + ": line 2, column 2: label \"0.5\" is not 0 or 1; each label column of a"
                + " multi-label file answers no (0) or yes (1) (or read the columns as --regression targets)\n", run.err());
        assertFalse(Files.exists(tmp.resolve("never")));
        CliRun twice = CliRun.of("train", "--dataset", "csv:" + csv, "--label-column", "warm,2", "-o",
                tmp.resolve("never").toString());
        assertEquals(2, twice.status());
        assertEquals("nntrain: --label-column 'warm,2' names column 2 twice\n", twice.err());
        CliRun last = CliRun.of("train", "--dataset", "csv:" + csv, "--label-column", "warm,-1", "-o",
                tmp.resolve("never").toString());
        assertEquals(2, last.status());
        assertTrue(last.err().contains("-1 (the last column) cannot be one of several"), last.err());
        CliRun plot = CliRun.of("evaluate", "-m", model.toString(), "--plot", tmp.resolve("p.png").toString());
        assertEquals(2, plot.status());
        assertTrue(plot.err().contains("has multi-label targets (several yes/no outputs) (leave --plot out)"), plot.err());
        assertFalse(Files.exists(tmp.resolve("p.png")));
    }

    @Test
    void severalRegressionTargetsTrainOneOutputEach() throws IOException {
        CliRun run = CliRun.of("train", "--dataset", "csv:" + csv, "--label-column", "x1,x2", "--regression",
                "--layers", "4", "--epochs", "2", "--threads", "1", "-o", tmp.resolve("two-values").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("dense_2 (Dense)             (None, 2)"), run.out());
        assertTrue(run.out().contains("Test loss (MSE): "), run.out());
        CliRun predict = CliRun.of("predict", "-m", tmp.resolve("two-values").toString(), "--features", "1,0,1");
        assertEquals(0, predict.status(), predict.err());
        // the header names the two outputs
        assertTrue(predict.out().matches("1,0,1: predicted x1 = [-0-9.E]+, x2 = [-0-9.E]+\n"), predict.out());
    }
}

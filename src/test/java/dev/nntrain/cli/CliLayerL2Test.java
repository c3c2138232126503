package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Datasets;
import dev.nntrain.data.Examples;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Regularizer;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.WeightedLayer;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.CompiledModel;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code train --layers dense:N:l2=LAMBDA}: a layer's own penalty on the command line, in place of
 * {@code --l2}. The oracle is the test's own: the model starts from weights the test writes
 * ({@code --initial-weights}), and the losses are held to Keras' formula written out below in plain
 * Java, sparse cross-entropy from the logits of relu(x W1 + b1) W2 + b2 plus {@code lambda_i *
 * sum(W_i^2)} for each layer, with the coefficients the command line names.
 */
class CliLayerL2Test {

    @TempDir Path tmp;

    private Path csv;

    // a 3-4-3 classifier in Keras' layout: kernel (inputs, units), then bias
    private static final float[][] W1 = {{0.8f, -0.5f, 0.3f, 1.1f}, {-0.9f, 0.6f, 0.7f, -0.2f}, {0.4f, 1.2f, -0.6f, 0.5f}};
    private static final float[] B1 = {0.05f, -0.1f, 0.2f, 0.1f};
    private static final float[][] W2 = {{0.7f, -1.1f, 0.4f}, {-0.3f, 0.9f, 1.0f}, {1.3f, 0.2f, -0.8f}, {-0.6f, 0.5f, 0.9f}};
    private static final float[] B2 = {0.1f, 0.0f, -0.15f};

    @BeforeEach
    void data() throws IOException {
        // three features and a label of three classes, last; 60 rows: 48 train, 12 test
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            rows.append(Math.cos(i * 0.9) * 1.5).append(',').append(Math.sin(i * 1.7)).append(',')
                    .append((i % 5) * 0.4 - 0.8).append(',').append((i * 7) % 3).append('\n');
        }
        csv = Files.writeString(tmp.resolve("three.csv"), rows);
    }

    private Path initialWeights() throws IOException {
        return NpyFiles.write(tmp.resolve("start.npz"), matrix(W1), vector(B1), matrix(W2), vector(B2));
    }

    private static NpyFiles.Array matrix(float[][] m) {
        float[] flat = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, flat, i * m[0].length, m[0].length);
        }
        return new NpyFiles.Array(new int[] {m.length, m[0].length}, flat);
    }

    private static NpyFiles.Array vector(float[] v) {
        return new NpyFiles.Array(new int[] {v.length}, v.clone());
    }

    private CliRun train(Path out, String layers, String l2, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "csv:" + csv, "--layers", layers, "--l2", l2,
                "--initial-weights", initialWeights().toString(), "--no-normalize", "--threads", "1", "--device", "cpu",
                "--quiet", "-o", out.toString()));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.status(), run.err() + run.out());
        return run;
    }

    /** Keras' sparse categorical cross-entropy from logits, mean over the rows, by hand. */
    private static double crossEntropy(Examples rows, float[][] w1, float[] b1, float[][] w2, float[] b2) {
        double sum = 0;
        for (int r = 0; r < rows.size(); r++) {
            float[] x = rows.featureRow(r);
            double[] h = new double[b1.length];
            for (int j = 0; j < h.length; j++) {
                double s = b1[j];
                for (int i = 0; i < x.length; i++) {
                    s += (double) x[i] * w1[i][j];
                }
                h[j] = Math.max(0, s);
            }
            double[] z = new double[b2.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < z.length; k++) {
                z[k] = b2[k];
                for (int j = 0; j < h.length; j++) {
                    z[k] += h[j] * w2[j][k];
                }
                max = Math.max(max, z[k]);
            }
            double exp = 0;
            for (double v : z) {
                exp += Math.exp(v - max);
            }
            sum += max + Math.log(exp) - z[(int) rows.targets()[r]];
        }
        return sum / rows.size();
    }

    private static double squares(float[][] kernel) {
        double sum = 0;
        for (float[] row : kernel) {
            for (float v : row) {
                sum += (double) v * v;
            }
        }
        return sum;
    }

    private Datasets.TrainTest rows() {
        return Datasets.load(Datasets.Spec.of("csv:" + csv, null)); // the split train makes, seed 42
    }

    /** The number printed after the label, to the 4 decimals nntrain prints. */
    private static double printed(String out, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "(-?[0-9]+\\.[0-9]+)").matcher(out);
        assertTrue(m.find(), "no <" + label + "> in: " + out);
        return Double.parseDouble(m.group(1));
    }

    @ParameterizedTest(name = "--layers {0} --l2 {1}: lambda {2} and {3}")
    @CsvSource({
        "dense:4:l2=0.25, 0.5, 0.25, 0.5",   // its own overrides --l2; the output layer gets --l2
        "dense:4:relu:L2=2.5E-1, 0, 0.25, 0", // only the layer that asks; the keyword in capitals
        "dense:4:l2=0, 0.5, 0, 0.5",          // l2=0 turns --l2 off for the layer
        "4, 0.5, 0.5, 0.5",                   // no l2= of its own: --l2
        "dense:4, 0, 0, 0",                   // none at all
    })
    void theSavedModelAndItsLossCarryEachLayersPenalty(String layers, String l2, double hidden, double output)
            throws IOException {
        Path out = tmp.resolve("m");
        CliRun run = train(out, layers, l2, "--epochs", "0");

        // what model.json records, read back
        try (Sequential loaded = Sequential.load(out)) {
            List<Regularizer> got = new ArrayList<>();
            for (Layer layer : loaded.layers()) {
                got.add(((WeightedLayer) layer).kernelRegularizer());
            }
            List<Regularizer> want = new ArrayList<>();
            want.add(hidden == 0 ? null : Regularizer.l2(hidden));
            want.add(output == 0 ? null : Regularizer.l2(output));
            assertEquals(want, got);
        }
        String json = Files.readString(out.resolve("model.json"));
        assertEquals((hidden > 0 ? 1 : 0) + (output > 0 ? 1 : 0), json.split("\"kernel_regularizer\"", -1).length - 1, json);

        // the loss evaluate reports: the data loss at the imported weights plus each layer's penalty
        double penalty = hidden * squares(W1) + output * squares(W2);
        Datasets.TrainTest sets = rows();
        double testLoss = crossEntropy(sets.test(), W1, B1, W2, B2) + penalty;
        try (CompiledModel net = CompiledModel.load(out)) {
            assertEquals(testLoss, net.evaluate(sets.test()).loss(), 1e-5 * testLoss);
        }
        CliRun evaluated = CliRun.of("evaluate", "--model", out.toString(), "--dataset", "csv:" + csv);
        assertEquals(0, evaluated.status(), evaluated.err());
        assertEquals(testLoss, printed(evaluated.out(), "Loss: "), 5.01e-5, evaluated.out());
        CliRun onTrain = CliRun.of("evaluate", "--model", out.toString(), "--dataset", "csv:" + csv, "--split", "train");
        assertEquals(0, onTrain.status(), onTrain.err());
        double trainLoss = crossEntropy(sets.train(), W1, B1, W2, B2) + penalty;
        assertEquals(trainLoss, printed(onTrain.out(), "Loss: "), 5.01e-5, onTrain.out());
        assertTrue(penalty == 0 || penalty > 0.5, "a penalty far above the printed precision: " + penalty);

        // the summary shows each layer's own
        CliRun summary = CliRun.of("summary", "--model", out.toString());
        assertEquals(0, summary.status(), summary.err());
        List<String> shown = new ArrayList<>();
        Matcher m = Pattern.compile("kernel_regularizer: (L2\\([^)]*\\))").matcher(summary.out());
        while (m.find()) {
            shown.add(m.group(1));
        }
        List<String> expected = new ArrayList<>();
        for (double lambda : new double[] {hidden, output}) {
            if (lambda > 0) {
                expected.add("L2(" + lambda + ")");
            }
        }
        assertEquals(expected, shown, summary.out());
        assertTrue(run.out().contains("Test accuracy: "), run.out());
    }

    @Test
    void oneStepOfGradientDescentPullsEachKernelByItsOwnLambda() throws IOException {
        // one full batch of plain gradient descent from the same weights, with and without the
        // penalties: the data gradient is the same, so the kernels differ by -lr * 2 * lambda_i * W_i
        // and the biases not at all; the epoch's loss differs by sum_i lambda_i * sum(W_i^2)
        double lr = 0.1;
        String[] step = {"--epochs", "1", "--optimizer", "gd", "--lr", String.valueOf(lr), "--batch-size", "64"};
        CliRun penalised = train(tmp.resolve("p"), "dense:4:l2=0.25", "0.5", step);
        CliRun plain = train(tmp.resolve("q"), "dense:4", "0", step);
        float[][][] start = {W1, W2};
        double[] lambda = {0.25, 0.5};
        try (Sequential p = Sequential.load(tmp.resolve("p")); Sequential q = Sequential.load(tmp.resolve("q"))) {
            for (int layer = 0; layer < 2; layer++) {
                LayerWeights a = p.weights().get(layer);
                LayerWeights b = q.weights().get(layer);
                for (int i = 0; i < start[layer].length; i++) {
                    for (int j = 0; j < start[layer][i].length; j++) {
                        double expected = -lr * 2 * lambda[layer] * start[layer][i][j];
                        assertEquals(expected, a.kernel()[i][j] - b.kernel()[i][j], 2e-6,
                                "layer " + layer + " kernel [" + i + "][" + j + "]");
                    }
                }
                for (int k = 0; k < a.bias().length; k++) {
                    assertEquals(b.bias()[k], a.bias()[k], 2e-6, "layer " + layer + " bias " + k);
                }
            }
        }
        // the epoch's loss: at the imported weights, before the step
        double data = crossEntropy(rows().train(), W1, B1, W2, B2);
        double penalty = 0.25 * squares(W1) + 0.5 * squares(W2);
        assertEquals(data, printed(plain.out(), " - loss: "), 5.01e-5, plain.out());
        assertEquals(data + penalty, printed(penalised.out(), " - loss: "), 5.01e-5, penalised.out());
    }

    @Test
    void aResumedRunKeepsEachLayersPenalty() throws IOException {
        Path model = tmp.resolve("cnn");
        Path ckpt = tmp.resolve("cnn.ckpt");
        CliRun run = CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv",
                "--layers", "conv1d:4:2:same:l2=0.02,dense:8:l2=0,dense:6", "--l2", "0.01", "--epochs", "2", "--quiet",
                "--checkpoint-every", "1", "--checkpoint-dir", ckpt.toString(), "-o", model.toString());
        assertEquals(0, run.status(), run.err());
        CliRun resumed = CliRun.of("train", "--resume", ckpt.toString());
        assertEquals(0, resumed.status(), resumed.err());
        try (Sequential loaded = Sequential.load(model)) {
            List<Regularizer> got = loaded.layers().stream().filter(l -> l instanceof WeightedLayer)
                    .map(l -> ((WeightedLayer) l).kernelRegularizer()).toList();
            assertEquals(java.util.Arrays.asList(Regularizer.l2(0.02), null, Regularizer.l2(0.01), Regularizer.l2(0.01)),
                    got, loaded.layers().toString());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "dense:64:l2=abc | 'dense:64:l2=abc' | 'abc' is not a number",
        "dense:64:l2=-1 | 'dense:64:l2=-1' | got -1.0",
        "dense:64:l2=1e-400 | 'dense:64:l2=1e-400' | too small for a double",
        "dense:64:l2=1e-40 | 'dense:64:l2=1e-40' | below 1.17549435E-38",
        "conv2d:4:3,maxpool:2:l2=0.1 | 'maxpool:2:l2=0.1' | no kernel",
        "dense:8,dropout:0.5:l2=0.1 | 'dropout:0.5:l2=0.1' | no kernel",
        "conv2d:4:3,flatten:l2=0.1,dense:8 | 'flatten:l2=0.1' | no kernel",
        "dense:64:l2=1:l2=2 | 'dense:64:l2=1:l2=2' | twice",
        "dense:64:decay=1 | 'dense:64:decay=1' | unknown keyword 'decay'",
        "64:l2=1e-4 | '64:l2=1e-4' | plain N form",
    })
    void badPenaltiesAreRefusedInOneLineAndNothingIsWritten(String layers, String item, String why) {
        Path out = tmp.resolve("never");
        CliRun run = CliRun.of("train", "--layers", layers, "--l2", "0.01", "--epochs", "1", "-o", out.toString());
        run.assertBadInput("--layers: " + item + ": ", why);
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(tmp.resolve("never.checkpoint")));
    }
}

package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Datasets;
import dev.nntrain.data.Examples;
import dev.nntrain.train.CompiledModel;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code train --initial-weights FILE.npz} and {@code export-weights}: Keras' get_weights() on the
 * command line. The oracles are the test's own: the .npz files are written and read by {@link
 * NpyFiles} from numpy's format, and the model's outputs are held to a forward pass in plain Java
 * (Keras' Dense: x W + b, kernel (inputs, units), ReLU) over the arrays the test wrote.
 */
class CliKerasWeightsTest {

    @TempDir Path tmp;

    private Path csv;

    // a 3-4-3 classifier in Keras' layout: arr_0 kernel (3, 4), arr_1 bias (4,), arr_2 (4, 3), arr_3 (3,)
    private static final float[][] W1 = {{0.5f, -0.25f, 0.75f, 0.1f}, {-0.6f, 0.4f, 0.2f, -0.3f}, {0.3f, 0.9f, -0.5f, 0.45f}};
    private static final float[] B1 = {0.1f, -0.2f, 0.05f, 0.3f};
    private static final float[][] W2 = {{1.2f, -0.7f, 0.3f}, {-0.4f, 0.8f, 0.6f}, {0.9f, 0.25f, -1.1f}, {-0.35f, 0.5f, 0.7f}};
    private static final float[] B2 = {0.2f, -0.1f, 0.05f};

    @BeforeEach
    void data() throws IOException {
        // three features and a label of three classes, last; 60 rows
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            double a = Math.sin(i * 0.7) * 2;
            double b = Math.cos(i * 1.3);
            double c = (i % 7) * 0.3 - 1;
            rows.append(a).append(',').append(b).append(',').append(c).append(',').append(i % 3).append('\n');
        }
        csv = Files.writeString(tmp.resolve("three.csv"), rows);
    }

    private static NpyFiles.Array array(float[][] m) {
        float[] flat = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, flat, i * m[0].length, m[0].length);
        }
        return new NpyFiles.Array(new int[] {m.length, m[0].length}, flat);
    }

    private static NpyFiles.Array array(float[] v) {
        return new NpyFiles.Array(new int[] {v.length}, v.clone());
    }

    private Path kerasWeights() throws IOException {
        return NpyFiles.write(tmp.resolve("keras.npz"), array(W1), array(B1), array(W2), array(B2));
    }

    /** Keras' Dense layers by hand: relu(x W1 + b1) W2 + b2, in double precision. */
    private static double[] forward(float[] x, float[][] w1, float[] b1, float[][] w2, float[] b2) {
        double[] h = new double[b1.length];
        for (int j = 0; j < h.length; j++) {
            double s = b1[j];
            for (int i = 0; i < x.length; i++) {
                s += x[i] * w1[i][j];
            }
            h[j] = Math.max(0, s);
        }
        double[] out = new double[b2.length];
        for (int k = 0; k < out.length; k++) {
            double s = b2[k];
            for (int j = 0; j < h.length; j++) {
                s += h[j] * w2[j][k];
            }
            out[k] = s;
        }
        return out;
    }

    private static final float[][] PROBES = {{0.5f, -1f, 2f}, {-1.5f, 0.3f, -0.2f}, {1.9f, 0.9f, 0.8f}, {0f, 0f, 0f}};

    private String[] train(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--dataset", "csv:" + csv, "--layers", "4",
                "--no-normalize", "--threads", "1", "--device", "cpu", "--quiet", "-o", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private String[] linear(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--dataset", "csv:" + csv, "--layers", "none",
                "--no-normalize", "--threads", "1", "--device", "cpu", "--quiet", "-o", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The model's logits for the probes, loaded in Java. */
    private static float[][] logits(Path model) throws IOException {
        try (CompiledModel net = CompiledModel.load(model)) {
            return net.predict(PROBES);
        }
    }

    @Test
    void zeroEpochsSavesAndTestsTheImportedWeights() throws IOException {
        Path out = tmp.resolve("imported");
        CliRun run = CliRun.of(train(out, "--initial-weights", kerasWeights().toString(), "--epochs", "0"));
        assertEquals(0, run.status(), run.err() + run.out());
        assertFalse(run.out().contains("Epoch "), run.out());
        float[][] got = logits(out);
        for (int p = 0; p < PROBES.length; p++) {
            double[] want = forward(PROBES[p], W1, B1, W2, B2);
            for (int k = 0; k < want.length; k++) {
                assertEquals(want[k], got[p][k], 1e-5, "probe " + p + ", output " + k);
            }
        }
        // the printed test accuracy: the hand-written forward pass over the held-out rows
        Examples test = Datasets.load(Datasets.Spec.of("csv:" + csv, null)).test();
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            double[] z = forward(test.featureRow(i), W1, B1, W2, B2);
            int best = 0;
            for (int k = 1; k < z.length; k++) {
                best = z[k] > z[best] ? k : best;
            }
            right += best == (int) test.targets()[i] ? 1 : 0;
        }
        assertEquals((double) right / test.size(), run.number("Test accuracy: "), 5e-5, run.out());
        assertTrue(run.out().contains("0 epochs"), run.out());
        // predict on the command line: softmax of the hand-computed logits, to the 4 decimals it prints
        CliRun predicted = CliRun.of("predict", "--model", out.toString(), "--features", "0.5,-1,2");
        assertEquals(0, predicted.status(), predicted.err());
        double[] z = forward(PROBES[0], W1, B1, W2, B2);
        double max = Math.max(z[0], Math.max(z[1], z[2]));
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        for (int k = 0; k < 3; k++) {
            String line = String.format("  %d  %.4f", k, Math.exp(z[k] - max) / sum);
            assertTrue(predicted.out().contains(line), line + " in " + predicted.out());
        }
    }

    @Test
    void trainingStartsFromTheImportedWeights() throws IOException {
        // plain gradient descent at 1e-6 for one epoch moves no output by more than about 1e-5:
        // the outputs are the imported weights' (a seeded Glorot start would be far off)
        Path out = tmp.resolve("trained");
        CliRun run = CliRun.of(train(out, "--initial-weights", kerasWeights().toString(), "--epochs", "1",
                "--optimizer", "gd", "--lr", "1e-6"));
        assertEquals(0, run.status(), run.err() + run.out());
        assertTrue(run.out().contains("Epoch 1/1"), run.out());
        float[][] got = logits(out);
        for (int p = 0; p < PROBES.length; p++) {
            double[] want = forward(PROBES[p], W1, B1, W2, B2);
            for (int k = 0; k < want.length; k++) {
                assertEquals(want[k], got[p][k], 1e-3, "probe " + p + ", output " + k);
            }
        }
    }

    @Test
    void exportWritesKerasLayout() throws IOException {
        Path imported = tmp.resolve("imported");
        assertEquals(0, CliRun.of(train(imported, "--initial-weights", kerasWeights().toString(), "--epochs", "0")).status());
        Path file = tmp.resolve("out.npz");
        CliRun run = CliRun.of("export-weights", "--model", imported.toString(), "--output", file.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("Wrote 4 arrays (kernel and bias of 2 layers: dense_1, dense_2) in Keras' layout to " + file,
                run.out().strip());
        Map<String, NpyFiles.Array> read = NpyFiles.read(file);
        assertEquals(List.of("arr_0", "arr_1", "arr_2", "arr_3"), List.copyOf(read.keySet()));
        NpyFiles.Array[] written = {array(W1), array(B1), array(W2), array(B2)};
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(written[i].shape(), read.get("arr_" + i).shape(), "arr_" + i);
            assertArrayEquals(written[i].values(), read.get("arr_" + i).values(), "arr_" + i);
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void exportedWeightsOfATrainedModelGiveItsOutputs() throws IOException {
        Path model = tmp.resolve("trained");
        assertEquals(0, CliRun.of(train(model, "--epochs", "3", "--lr", "0.05")).status());
        Path file = tmp.resolve("trained.npz");
        assertEquals(0, CliRun.of("export-weights", "-m", model.toString(), "-o", file.toString()).status());
        Map<String, NpyFiles.Array> w = NpyFiles.read(file);
        assertArrayEquals(new int[] {3, 4}, w.get("arr_0").shape());
        assertArrayEquals(new int[] {4, 3}, w.get("arr_2").shape());
        float[][] w1 = matrix(w.get("arr_0"));
        float[][] w2 = matrix(w.get("arr_2"));
        float[][] got = logits(model);
        for (int p = 0; p < PROBES.length; p++) {
            double[] want = forward(PROBES[p], w1, w.get("arr_1").values(), w2, w.get("arr_3").values());
            for (int k = 0; k < want.length; k++) {
                assertEquals(want[k], got[p][k], 1e-5, "probe " + p + ", output " + k);
            }
        }
    }

    /**
     * A model that standardises its inputs: export-weights prints the Keras Normalization layer to
     * put first, and that layer's (x - mean) / max(sqrt(variance), 1e-7), written out here, followed
     * by the exported layers, gives the model's own outputs.
     */
    @Test
    void exportNamesTheStandardisationAKerasModelNeeds() throws IOException {
        Path model = tmp.resolve("scaled");
        List<String> args = new java.util.ArrayList<>(List.of(train(model, "--epochs", "3", "--lr", "0.05")));
        args.remove("--no-normalize");
        assertEquals(0, CliRun.of(args.toArray(String[]::new)).status());
        Path file = tmp.resolve("scaled.npz");
        CliRun run = CliRun.of("export-weights", "-m", model.toString(), "-o", file.toString());
        assertEquals(0, run.status(), run.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "standardises its 3 inputs before its first layer, which the \\.npz does not hold: in Keras, put"
                        + " keras\\.layers\\.Normalization\\(mean=\\[([^]]+)], variance=\\[([^]]+)]\\) first\\n")
                .matcher(run.out());
        assertTrue(m.find(), run.out());
        double[] mean = java.util.Arrays.stream(m.group(1).split(", ")).mapToDouble(Double::parseDouble).toArray();
        double[] variance = java.util.Arrays.stream(m.group(2).split(", ")).mapToDouble(Double::parseDouble).toArray();
        Map<String, NpyFiles.Array> w = NpyFiles.read(file);
        float[][] got = logits(model);
        for (int p = 0; p < PROBES.length; p++) {
            float[] x = new float[3];
            for (int i = 0; i < 3; i++) {
                x[i] = (float) ((PROBES[p][i] - mean[i]) / Math.max(Math.sqrt(variance[i]), 1e-7));
            }
            double[] want = forward(x, matrix(w.get("arr_0")), w.get("arr_1").values(), matrix(w.get("arr_2")),
                    w.get("arr_3").values());
            for (int k = 0; k < want.length; k++) {
                assertEquals(want[k], got[p][k], 1e-5, "probe " + p + ", output " + k);
            }
        }
        // without the scaling the same layers answer otherwise: the line is needed
        double apart = 0;
        for (int p = 0; p < PROBES.length; p++) {
            double[] raw = forward(PROBES[p], matrix(w.get("arr_0")), w.get("arr_1").values(), matrix(w.get("arr_2")),
                    w.get("arr_3").values());
            for (int k = 0; k < raw.length; k++) {
                apart += Math.abs(raw[k] - got[p][k]);
            }
        }
        assertTrue(apart > 0.01, "raw inputs give the same outputs: " + apart);
        // and a model trained on raw inputs prints no such line
        Path plain = tmp.resolve("plain");
        assertEquals(0, CliRun.of(train(plain, "--epochs", "1")).status());
        CliRun unscaled = CliRun.of("export-weights", "-m", plain.toString(), "-o", tmp.resolve("plain.npz").toString());
        assertFalse(unscaled.out().contains("Normalization"), unscaled.out());
    }

    private static float[][] matrix(NpyFiles.Array a) {
        float[][] m = new float[a.shape()[0]][a.shape()[1]];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(a.values(), i * m[0].length, m[i], 0, m[0].length);
        }
        return m;
    }

    /** Runs train with --initial-weights FILE and checks the bad-input contract: no model directory. */
    private void assertTrainRefuses(Path weights, String... fragments) {
        Path out = tmp.resolve("never");
        CliRun run = CliRun.of(train(out, "--initial-weights", weights.toString(), "--epochs", "1"));
        run.assertBadInput(fragments);
        assertFalse(Files.exists(out), "nothing written, yet " + out + " exists");
        assertFalse(run.out().contains("Epoch "), run.out());
    }

    @Test
    void badWeightFilesAreNamed() throws IOException {
        Path missing = tmp.resolve("missing.npz");
        assertTrainRefuses(missing, "--initial-weights " + missing, "does not exist", ".npz");
        assertTrainRefuses(tmp, "--initial-weights " + tmp, "is a directory");
        Path text = Files.writeString(tmp.resolve("text.npz"), "kernel = [[1, 2]]");
        assertTrainRefuses(text, "--initial-weights " + text, "not an .npz file");
        byte[] whole = Files.readAllBytes(kerasWeights());
        Path cut = Files.write(tmp.resolve("cut.npz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertTrainRefuses(cut, "--initial-weights " + cut);
        Path two = NpyFiles.write(tmp.resolve("two.npz"), array(W1), array(B1));
        assertTrainRefuses(two, "--initial-weights " + two, "holds 2 arrays", "2 layers with weights", "[dense_1, dense_2]");
        Path odd = NpyFiles.write(tmp.resolve("odd.npz"), array(W1), array(B1), array(W2));
        assertTrainRefuses(odd, "--initial-weights " + odd, "3 arrays", "even number");
        // the second layer's kernel transposed: (3, 4) where (4, 3) is expected
        Path shape = NpyFiles.write(tmp.resolve("shape.npz"), array(W1), array(B1), array(transpose(W2)), array(B2));
        assertTrainRefuses(shape, "--initial-weights " + shape, "arrays arr_2 and arr_3", "dense_2", "(4, 3)", "(3, 4)");
    }

    private static float[][] transpose(float[][] m) {
        float[][] t = new float[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    @Test
    void aResumedRunTakesTheCheckpointsWeightsNotTheFile() throws IOException {
        Path weights = kerasWeights();
        Path out = tmp.resolve("run");
        Path checkpoint = tmp.resolve("run.checkpoint");
        CliRun first = CliRun.of(train(out, "--initial-weights", weights.toString(), "--epochs", "2",
                "--checkpoint-every", "1", "--lr", "0.05"));
        assertEquals(0, first.status(), first.err());
        float[][] trained = logits(out);
        // the file the run started from is gone: --resume does not read it again
        Files.delete(weights);
        CliRun resumed = CliRun.of("train", "--resume", checkpoint.toString(), "--quiet");
        assertEquals(0, resumed.status(), resumed.err() + resumed.out());
        float[][] again = logits(out);
        for (int p = 0; p < PROBES.length; p++) {
            assertArrayEquals(trained[p], again[p], "probe " + p);
        }
    }

    @Test
    void aModelWithOneLayer() throws IOException {
        // --layers none: the output layer alone, logits x W + b
        Path out = tmp.resolve("linear");
        float[][] kernel = {W2[0], W2[1], W2[2]}; // (3 inputs, 3 units)
        Path weights = NpyFiles.write(tmp.resolve("linear.npz"), array(kernel), array(B2));
        CliRun run = CliRun.of(linear(out, "--initial-weights", weights.toString(), "--epochs", "0"));
        assertEquals(0, run.status(), run.err());
        float[][] got = logits(out);
        for (int p = 0; p < PROBES.length; p++) {
            for (int k = 0; k < 3; k++) {
                double want = B2[k];
                for (int i = 0; i < 3; i++) {
                    want += PROBES[p][i] * W2[i][k];
                }
                assertEquals(want, got[p][k], 1e-5, "probe " + p + ", output " + k);
            }
        }
        Path file = tmp.resolve("linear-out.npz");
        CliRun exported = CliRun.of("export-weights", "--model", out.toString(), "--output", file.toString());
        assertEquals("Wrote 2 arrays (kernel and bias of 1 layer: dense_1) in Keras' layout to " + file, exported.out().strip());
        CliRun tooMany = CliRun.of(linear(tmp.resolve("never"), "--initial-weights", kerasWeights().toString()));
        tooMany.assertBadInput("holds 4 arrays", "the model has 1 layer with weights [dense_1], 2 arrays");
        assertFalse(Files.exists(tmp.resolve("never")));
    }

    @Test
    void refusedCombinations() throws IOException {
        Path out = tmp.resolve("never");
        String weights = kerasWeights().toString();
        CliRun resume = CliRun.of("train", "--resume", tmp.resolve("ckpt").toString(), "--initial-weights", weights);
        resume.assertBadInput("--resume", "leave out --initial-weights");
        CliRun noWeights = CliRun.of(train(out, "--epochs", "0"));
        noWeights.assertBadInput("--epochs", "got 0", "only with --initial-weights");
        CliRun plot = CliRun.of(train(out, "--initial-weights", weights, "--epochs", "0", "--plot",
                tmp.resolve("h.png").toString()));
        plot.assertBadInput("--plot", "--epochs 0");
        CliRun checkpoint = CliRun.of(train(out, "--initial-weights", weights, "--epochs", "0", "--checkpoint-every", "1"));
        checkpoint.assertBadInput("--checkpoint-every 1", "--epochs 0");
        CliRun schedule = CliRun.of(train(out, "--initial-weights", weights, "--epochs", "0", "--lr-schedule", "exp:0.9"));
        schedule.assertBadInput("--lr-schedule exp:0.9", "--epochs 0 trains none");
        CliRun split = CliRun.of(train(out, "--initial-weights", weights, "--epochs", "0", "--validation-split", "0.2"));
        split.assertBadInput("--validation-split 0.2 holds rows out to validate the epochs; --epochs 0 trains none");
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(tmp.resolve("h.png")));
    }

    @Test
    void exportRefusesBadOutputs() throws IOException {
        Path model = tmp.resolve("model");
        assertEquals(0, CliRun.of(train(model, "--initial-weights", kerasWeights().toString(), "--epochs", "0")).status());
        Path folder = Files.createDirectory(tmp.resolve("folder.npz"));
        CliRun dir = CliRun.of("export-weights", "--model", model.toString(), "--output", folder.toString());
        dir.assertBadInput("--output " + folder, "is a folder");
        CliRun plainDir = CliRun.of("export-weights", "--model", model.toString(), "--output", tmp.toString());
        plainDir.assertBadInput("--output " + tmp, "is a folder");
        assertTrue(Files.isDirectory(folder));
        Path noParent = tmp.resolve("no-such-folder").resolve("w.npz");
        CliRun parent = CliRun.of("export-weights", "--model", model.toString(), "--output", noParent.toString());
        parent.assertBadInput("--output " + noParent, "does not exist");
        Path png = tmp.resolve("w.png");
        CliRun name = CliRun.of("export-weights", "--model", model.toString(), "--output", png.toString());
        name.assertBadInput("--output " + png, ".npz");
        Path inside = model.resolve("w.npz");
        CliRun inModel = CliRun.of("export-weights", "--model", model.toString(), "--output", inside.toString());
        inModel.assertBadInput("--output " + inside, "inside the model directory");
        Path noModel = tmp.resolve("no-model");
        Path w = tmp.resolve("w.npz");
        CliRun missing = CliRun.of("export-weights", "--model", noModel.toString(), "--output", w.toString());
        missing.assertBadInput(noModel.toString());
        try (Stream<Path> left = Stream.concat(Files.list(tmp), Files.list(model))) {
            List<Path> written = left.filter(p -> p.getFileName().toString().matches(".*\\.(npz|png|tmp)$")
                    && !Files.isDirectory(p) && !p.getFileName().toString().equals("keras.npz")).toList();
            assertEquals(List.of(), written);
        }
        assertFalse(Files.exists(noParent.getParent()));
    }
}

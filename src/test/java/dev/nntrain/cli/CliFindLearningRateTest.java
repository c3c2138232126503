package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Datasets;
import dev.nntrain.data.Examples;
import dev.nntrain.train.ClassWeights;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code train --find-lr}: the range test instead of training, with train's model and data; it
 * prints the table and the suggestion, draws the chart, saves no model; and its bad inputs exit 2
 * with one line.
 */
class CliFindLearningRateTest {

    @TempDir
    Path tmp;

    /** Three classes of 2 features in 300 rows, the label last: a class is where the features put it. */
    private Path threeClasses() throws IOException {
        StringBuilder csv = new StringBuilder();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 300; i++) {
            int label = i % 3;
            csv.append(label * 2 + random.nextGaussian() * 0.5).append(',').append(-label + random.nextGaussian() * 0.5)
                    .append(',').append(label).append('\n');
        }
        return Files.writeString(tmp.resolve("three.csv"), csv);
    }

    @Test
    void printsTheTableAndTheSuggestionDrawsTheChartAndSavesNothing() throws IOException {
        Path model = tmp.resolve("m");
        Path chart = tmp.resolve("lr.png");
        CliRun run = CliRun.of("train", "--dataset", "csv:" + threeClasses(), "--layers", "8", "--threads", "1",
                "--batch-size", "16", "--find-lr", "--find-lr-range", "1e-5:1:41", "--plot", chart.toString(),
                "-o", model.toString());
        assertEquals(0, run.status(), run.err());
        assertFalse(Files.exists(model), "the range test saves no model");
        assertTrue(Files.size(chart) > 0);
        assertTrue(run.out().contains("up to 41 steps of 16 examples"), run.out());
        // the table: steps 1, 11, 21, 31 and the last, at the geometric schedule's rates (1e-5 to 1 in 40 intervals:
        // a decade every 8 steps, so step 11 is at 10^(-5 + 10/8))
        List<String> rows = run.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\S+\\s+\\S+\\s+\\S+")).toList();
        assertTrue(rows.size() >= 2, run.out());
        assertTrue(rows.get(0).trim().startsWith("1 ") && rows.get(0).contains("1.00e-05"), rows.get(0));
        if (rows.size() > 2) {
            assertTrue(rows.get(1).trim().startsWith("11 ") && rows.get(1).contains(String.format("%.3g", Math.pow(10, -5 + 10 / 8.0))),
                    rows.get(1));
        }
        Matcher m = Pattern.compile("Suggested learning rate: (\\S+) ").matcher(run.out());
        assertTrue(m.find(), run.out());
        double suggested = Double.parseDouble(m.group(1));
        assertTrue(suggested >= 1e-5 && suggested <= 1, "within the range tested: " + suggested);
        assertTrue(run.out().contains("train with --lr " + m.group(1) + ", or for a safer first run up to ten times lower (--lr "
                + dev.nntrain.plot.LearningRateFinderChart.rate(suggested / 10) + ")\n"), run.out());
        assertFalse(run.out().contains("Test accuracy"), "no training: " + run.out());
    }

    /**
     * {@code --csv-log} writes every step: the rates are the geometric schedule's, the smoothed
     * losses fastai's bias-corrected average of the raw ones (both worked out here), and the
     * printed table's rows are the file's.
     */
    @Test
    void csvLogWritesEveryStep() throws IOException {
        Path log = tmp.resolve("steps.csv");
        CliRun run = CliRun.of("train", "--dataset", "csv:" + threeClasses(), "--layers", "8", "--threads", "1",
                "--batch-size", "16", "--find-lr", "--find-lr-range", "1e-5:1:41", "--csv-log", log.toString(),
                "-o", tmp.resolve("m").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Range test's steps written to " + log), run.out());
        List<String> lines = Files.readAllLines(log);
        assertEquals("step,learning_rate,loss,smoothed_loss", lines.get(0));
        List<String> printed = run.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\S+\\s+\\S+\\s+\\S+")).toList();
        double average = 0;
        int steps = lines.size() - 1;
        assertTrue(steps >= 10 && steps <= 41, "steps: " + steps);
        for (int i = 1; i <= steps; i++) {
            String[] cells = lines.get(i).split(",");
            assertEquals(4, cells.length, lines.get(i));
            assertEquals(i, Integer.parseInt(cells[0]));
            double rate = Double.parseDouble(cells[1]);
            double loss = Double.parseDouble(cells[2]);
            double smoothed = Double.parseDouble(cells[3]);
            assertEquals(1e-5 * Math.pow(10, (i - 1) / 8.0), rate, 1e-12 * rate, "step " + i);
            average = 0.98 * average + 0.02 * loss;
            assertEquals(average / (1 - Math.pow(0.98, i)), smoothed, 1e-9 * smoothed, "step " + i);
            if ((i - 1) % 10 == 0 || i == steps) {
                String row = String.format(java.util.Locale.ROOT, "%6d  %10s  %8.4f  %8.4f", i,
                        dev.nntrain.plot.LearningRateFinderChart.rate(rate), loss, smoothed);
                assertTrue(printed.contains(row), row + " not in " + printed);
            }
        }
    }

    /** 200 rows of 2 features, the label last; one in five of class 1. */
    private Path imbalanced() throws IOException {
        StringBuilder csv = new StringBuilder();
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 200; i++) {
            int label = i % 5 == 0 ? 1 : 0;
            csv.append(label * 1.5 + random.nextGaussian()).append(',').append(random.nextGaussian() - label).append(',')
                    .append(label).append('\n');
        }
        return Files.writeString(tmp.resolve("imbalanced.csv"), csv);
    }

    /** The printed table's rows: step, rate, loss, smoothed. */
    private static List<String> table(CliRun run) {
        return run.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\S+\\s+\\S+\\s+\\S+")).toList();
    }

    /** scikit-learn's balanced weight of a class, by hand: n / (n_classes * count). */
    private static double balanced(int n, int count) {
        return n / (2.0 * count);
    }

    @Test
    void classWeightsWeighTheLossesAndBalancedOnesAreTheTrainingRowsOnce() throws IOException {
        Path csv = imbalanced();
        String[] common = {"train", "--dataset", "csv:" + csv, "--layers", "4", "--threads", "1", "--device", "cpu",
            "--batch-size", "16", "--validation-split", "0.25", "--find-lr", "--find-lr-range", "1e-5:1:21", "-o",
            tmp.resolve("m").toString()};
        // the rows train trains on: the CSV split's training rows (seed 42, as train's default), less the
        // validation split's last quarter, Keras' floor(n (1 - split))
        Examples rows = Datasets.load(Datasets.Spec.of("csv:" + csv, null)).train();
        int trained = (int) Math.floor(rows.size() * 0.75);
        int ones = 0;
        int onesInAll = 0;
        for (int i = 0; i < rows.size(); i++) {
            int y = (int) rows.targets()[i];
            ones += i < trained ? y : 0;
            onesInAll += y;
        }
        double w0 = balanced(trained, trained - ones);
        double w1 = balanced(trained, ones);
        // the oracle tells the training rows from all of them, validation rows included
        assertTrue(Math.abs(w1 - balanced(rows.size(), onesInAll)) > 1e-3, w1 + " " + balanced(rows.size(), onesInAll));

        CliRun run = CliRun.of(concat(common, "--class-weight", "balanced"));
        assertEquals(0, run.status(), run.err() + run.out());
        assertTrue(run.out().contains("Class weights (balanced): {0: " + ClassWeights.number(w0) + ", 1: "
                + ClassWeights.number(w1) + "}\n"), run.out());
        assertTrue(run.out().contains("up to 21 steps of 16 examples (of " + trained + ")"), run.out());
        assertTrue(run.out().contains("Suggested learning rate: "), run.out());
        List<String> rowsBalanced = table(run);
        assertEquals(3, rowsBalanced.size(), run.out()); // steps 1, 11 and 21

        // the same numbers given as weights: the same losses, step for step
        CliRun given = CliRun.of(concat(common, "--class-weight", "0=" + w0 + ",1=" + w1));
        assertEquals(0, given.status(), given.err() + given.out());
        assertEquals(rowsBalanced, table(given), given.out());
        // and the weights reach the range test: unweighted, the losses differ
        CliRun plain = CliRun.of(common);
        assertEquals(0, plain.status(), plain.err() + plain.out());
        assertFalse(plain.out().contains("Class weights"), plain.out());
        assertTrue(!table(plain).get(0).equals(rowsBalanced.get(0)), table(plain) + " " + rowsBalanced);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void zeroEpochsGoWithTheRangeTestAndPlotDrawsItsChart() throws IOException {
        Path csv = threeClasses();
        // a 2-4-3 model in Keras' layout: kernel (2, 4), bias (4,), kernel (4, 3), bias (3,)
        float[][] k1 = {{0.5f, -0.25f, 0.75f, 0.1f}, {-0.6f, 0.4f, 0.2f, -0.3f}};
        float[] b1 = {0.1f, -0.2f, 0.05f, 0.3f};
        float[][] k2 = {{1.2f, -0.7f, 0.3f}, {-0.4f, 0.8f, 0.6f}, {0.9f, 0.25f, -1.1f}, {-0.35f, 0.5f, 0.7f}};
        float[] b2 = {0.2f, -0.1f, 0.05f};
        Path npz = NpyFiles.write(tmp.resolve("w.npz"), new NpyFiles.Array(new int[] {2, 4}, flat(k1)),
                new NpyFiles.Array(new int[] {4}, b1), new NpyFiles.Array(new int[] {4, 3}, flat(k2)),
                new NpyFiles.Array(new int[] {3}, b2));
        Path chart = tmp.resolve("lr.png");
        Path model = tmp.resolve("m");
        CliRun run = CliRun.of("train", "--dataset", "csv:" + csv, "--layers", "4", "--no-normalize", "--threads", "1",
                "--device", "cpu", "--batch-size", "1000", "--find-lr", "--find-lr-range", "1e-7:1e-6:11", "--epochs", "0",
                "--initial-weights", npz.toString(), "--plot", chart.toString(), "-o", model.toString());
        assertEquals(0, run.status(), run.err() + run.out());
        assertTrue(Files.size(chart) > 0);
        assertTrue(run.out().contains("Range test chart written to " + chart), run.out());
        assertFalse(Files.exists(model), "the range test saves no model");
        // the first step, on every training row (the batch holds them all), is the imported model's mean
        // cross-entropy over them: relu(x K1 + b1) K2 + b2 by hand
        Examples rows = Datasets.load(Datasets.Spec.of("csv:" + csv, null)).train();
        double loss = 0;
        for (int i = 0; i < rows.size(); i++) {
            float[] x = rows.featureRow(i);
            double[] h = new double[4];
            for (int j = 0; j < 4; j++) {
                h[j] = Math.max(0, b1[j] + x[0] * k1[0][j] + x[1] * k1[1][j]);
            }
            double[] z = new double[3];
            for (int c = 0; c < 3; c++) {
                z[c] = b2[c];
                for (int j = 0; j < 4; j++) {
                    z[c] += h[j] * k2[j][c];
                }
            }
            double top = Math.max(z[0], Math.max(z[1], z[2]));
            double log = top + Math.log(Math.exp(z[0] - top) + Math.exp(z[1] - top) + Math.exp(z[2] - top));
            loss += (log - z[(int) rows.targets()[i]]) / rows.size();
        }
        String first = table(run).get(0).trim();
        assertTrue(first.startsWith("1 "), run.out());
        assertEquals(loss, Double.parseDouble(first.split("\\s+")[2]), 5.1e-5, run.out()); // printed to 4 decimals

        // without --initial-weights too: --epochs does not count for the range test
        CliRun seeded = CliRun.of("train", "--dataset", "csv:" + csv, "--layers", "4", "--threads", "1", "--device", "cpu",
                "--find-lr", "--find-lr-range", "1e-5:1:21", "--epochs", "0", "-o", model.toString());
        assertEquals(0, seeded.status(), seeded.err() + seeded.out());
        assertTrue(seeded.out().contains("Suggested learning rate: "), seeded.out());
        assertFalse(Files.exists(model));

        // without --find-lr, as before: --plot draws epochs, and 0 of them needs --initial-weights
        String out = model.toString();
        assertRefused(CliRun.of("train", "--dataset", "csv:" + csv, "--epochs", "0", "--initial-weights", npz.toString(),
                "--plot", chart.toString(), "-o", out), "draws the history of the epochs; --epochs 0 trains none: leave out --plot");
        assertRefused(CliRun.of("train", "--dataset", "csv:" + csv, "--epochs", "0", "-o", out), "--epochs must be 1 to");
        assertRefused(CliRun.of("train", "--find-lr", "--epochs", "-1", "-o", out), "--epochs must be 1 to");
    }

    private static float[] flat(float[][] m) {
        float[] flat = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, flat, i * m[0].length, m[0].length);
        }
        return flat;
    }

    private static void assertRefused(CliRun run, String fragment) {
        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains(fragment), run.err());
    }

    @Test
    void badInputsExit2WithOneLine() throws IOException {
        String out = tmp.resolve("m").toString();
        assertRefused(CliRun.of("train", "--find-lr", "--resume", tmp.resolve("ckpt").toString(), "-o", out),
                "--find-lr cannot go with --resume");
        assertRefused(CliRun.of("train", "--find-lr", "--find-lr-range", "1e-3:1e-5", "-o", out),
                "--find-lr-range 1e-3:1e-5: the range test's end rate (1.0E-5) must be above its start rate (0.001)");
        assertRefused(CliRun.of("train", "--find-lr", "--find-lr-range", "0:1", "-o", out),
                "--find-lr-range 0:1: the range test's start rate must be a positive number, got 0.0");
        assertRefused(CliRun.of("train", "--find-lr", "--find-lr-range", "1e-6:x", "-o", out), "END must be a number, got 'x'");
        assertRefused(CliRun.of("train", "--find-lr", "--find-lr-range", "1e-6:1:1", "-o", out), "steps must be 2 to");
        assertRefused(CliRun.of("train", "--find-lr-range", "1e-6:1", "-o", out), "--find-lr-range needs --find-lr");
        assertRefused(CliRun.of("train", "--find-lr", "--lr-schedule", "step:2:0.5", "-o", out), "--find-lr cannot go with --lr-schedule");
        assertRefused(CliRun.of("train", "--find-lr", "--reduce-lr-on-plateau", "0.5:2", "-o", out),
                "--find-lr cannot go with --reduce-lr-on-plateau");
        assertRefused(CliRun.of("train", "--find-lr", "--checkpoint-every", "1", "-o", out),
                "--find-lr cannot go with --checkpoint-every");
        assertFalse(Files.exists(tmp.resolve("m")));
    }
}

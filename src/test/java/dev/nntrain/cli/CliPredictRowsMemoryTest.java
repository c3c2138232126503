package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Standardizer;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code predict --csv} on a file of a million rows in a JVM of 96 MB of heap: reading it holds
 * about 40 MB of rows, well within the heap, and so must predicting it. Predicting the whole file
 * at once copied the rows several times over (scaled, the outputs, the probabilities, and all of
 * it again for the classes) and ran out of memory. The answers are checked row by row against the
 * model's closed form, across the chunks the rows are predicted in.
 */
class CliPredictRowsMemoryTest {

    private static final int ROWS = 1_000_000;

    @TempDir
    Path tmp;

    @Test
    void aMillionRowsArePredictedInAHeapThatHoldsThemOnce() throws IOException, InterruptedException {
        // logits z = (x1, x2 + 0.5, -x1): never two equal for these whole numbers; a scaling that
        // leaves the rows as they are, which predict still applies to a copy of them
        Sequential model = Sequential.builder().optSeed(1).add(Dense.of(3, Activation.LINEAR)).build();
        model.build(2);
        model.weights().set(0, new LayerWeights("dense", new float[][] {{1, 0, -1}, {0, 1, 0}}, new float[] {0, 0.5f, 0}));
        Path dir = tmp.resolve("classes");
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam())) {
            net.setInputScaling(Standardizer.of(new double[] {0, 0}, new double[] {1, 1}));
            net.save(dir);
        }
        Path csv = tmp.resolve("rows.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            for (int i = 0; i < ROWS; i++) {
                w.write((i % 7) + "," + (i % 5) + "\n");
            }
        }
        Path out = tmp.resolve("out.csv");
        Path err = tmp.resolve("err.txt");
        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                Nntrain.class.getName(), "predict", "--model", dir.toString(), "--csv", csv.toString()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child finished");
        assertEquals(0, child.exitValue(), "exit status; stderr: " + Files.readString(err));
        try (BufferedReader r = Files.newBufferedReader(out)) {
            assertEquals("row,class,probability_0,probability_1,probability_2", r.readLine());
            for (int i = 0; i < ROWS; i++) {
                String line = r.readLine();
                double[] z = {i % 7, i % 5 + 0.5, -(i % 7)};
                int best = z[0] > z[1] ? 0 : 1;
                String[] cells = line.split(",");
                assertEquals(String.valueOf(i + 1), cells[0], line);
                assertEquals(String.valueOf(best), cells[1], line);
                double sum = Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]);
                for (int c = 0; c < 3; c++) {
                    assertEquals(Math.exp(z[c]) / sum, Double.parseDouble(cells[2 + c]), 1e-6, line);
                }
            }
            assertEquals(null, r.readLine(), "one line a row");
        }
    }
}

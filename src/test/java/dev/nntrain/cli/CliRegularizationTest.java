package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.model.Layer;
import dev.nntrain.model.Regularizer;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.WeightedLayer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code train --l2 LAMBDA}: Keras' kernel_regularizer on every layer train builds. */
class CliRegularizationTest {

    @TempDir Path tmp;

    @Test
    void everyDenseLayerOfTheSavedModelHoldsTheRegularizer() throws Exception {
        Path model = tmp.resolve("m");
        CliRun run = CliRun.of("train", "--l2", "0.001", "--epochs", "2", "-o", model.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("kernel_regularizer: L2(0.001)"), "the summary says so: " + run.out());
        assertTrue(run.number("Test accuracy: ") > 0.8, run.out());
        String json = Files.readString(model.resolve("model.json"));
        assertTrue(json.contains("\\\"--l2\\\""), "recorded with the train arguments: " + json);
        int weighted = 0;
        try (Sequential loaded = Sequential.load(model)) {
            for (Layer layer : loaded.layers()) {
                if (layer instanceof WeightedLayer w) {
                    assertEquals(Regularizer.l2(0.001), w.kernelRegularizer(), layer.toString());
                    weighted++;
                }
            }
        }
        assertEquals(3, weighted, "the default 25,15 hidden layers and the output layer");
    }

    @Test
    void convolutionLayersAndAResumedRunKeepIt() throws Exception {
        Path model = tmp.resolve("cnn");
        Path ckpt = tmp.resolve("cnn.ckpt");
        CliRun run = CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv", "--layers", "conv1d:4:2,dense:8",
                "--l2", "0.01", "--epochs", "2", "--quiet", "--checkpoint-every", "1", "--checkpoint-dir", ckpt.toString(),
                "-o", model.toString());
        assertEquals(0, run.status(), run.err());
        CliRun resumed = CliRun.of("train", "--resume", ckpt.toString());
        assertEquals(0, resumed.status(), resumed.err());
        try (Sequential loaded = Sequential.load(model)) {
            long regularized = loaded.layers().stream()
                    .filter(l -> l instanceof WeightedLayer w && w.kernelRegularizer() != null).count();
            assertEquals(3, regularized, loaded.layers().toString()); // conv1d, dense:8, the output layer
        }
    }

    @Test
    void zeroMeansNoRegularizer() throws Exception {
        Path model = tmp.resolve("z");
        CliRun run = CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv", "--layers", "4", "--l2", "0",
                "--epochs", "1", "--quiet", "-o", model.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(!Files.readString(model.resolve("model.json")).contains("kernel_regularizer"));
    }

    @ParameterizedTest
    @CsvSource({"-0.1, -0.1", "NaN, NaN", "Infinity, Infinity", "1e400, Infinity", "lots, 'lots'"})
    void badCoefficientsAreRefusedInOneLine(String value, String shown) {
        CliRun run = CliRun.of("train", "--l2", value, "-o", tmp.resolve("never").toString());
        run.assertBadInput("--l2", shown);
        assertTrue(!Files.exists(tmp.resolve("never")));
    }
}

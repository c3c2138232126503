package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nntrain.model.Activation;
import dev.nntrain.model.Dense;
import dev.nntrain.model.LayerWeights;
import dev.nntrain.model.Sequential;
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

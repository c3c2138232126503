package dev.nntrain.model.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.BatchedInference;
import dev.nntrain.model.Sequential;

/** Dropout against its closed form, finite differences, and a save and load. */
class DropoutTest {

    private static Sequential net(double rate) {
        return Sequential.builder()
                .addAll(Dense.of(6, Activation.TANH), Dropout.of(rate), Dense.of(2))
                .optInputShape(3).optSeed(2).optDataType(DataType.FLOAT64).build();
    }

    @Test
    void inferencePassesTheInputThrough() {
        try (Sequential model = Sequential.builder().add(Dropout.of(0.5)).optInputShape(4).build()) {
            float[][] x = {{1, -2, 3, 0.5f}};
            assertArrayEquals(x[0], BatchedInference.outputs(model, x)[0], 0);
        }
    }

    @Test
    void trainingDropsARateAndScalesTheRestByItsInverse() {
        try (Sequential model = Sequential.builder().add(Dropout.of(0.25)).optInputShape(10_000).build()) {
            Engines.seedRandom(1);
            NDArray out = model.forward(model.manager().ones(new Shape(1, 10_000)), true);
            int zeros = 0;
            for (float v : out.toFloatArray()) {
                assertTrue(v == 0 || Math.abs(v - 1 / 0.75f) < 1e-6, "0 or 1/(1 - rate), got " + v);
                zeros += v == 0 ? 1 : 0;
            }
            // binomial(10000, 0.25): standard deviation about 43
            assertEquals(2500, zeros, 200);
        }
    }

    @Test
    void gradientMatchesFiniteDifferencesUnderOneMask() {
        try (Sequential model = net(0.5); NDManager scope = model.manager().newSubManager()) {
            Engines.prepareThread();
            NDArray x = scope.create(new double[][] {{0.3, -1, 2}, {1, 0.5, -0.2}});
            NDArray w = model.parameters().flat();
            double[] autograd;
            try (GradientCollector c = model.manager().getEngine().newGradientCollector()) {
                Engines.seedRandom(9);
                c.backward(model.forward(x, true).square().sum());
            }
            double[] grads = new double[(int) w.size()];
            int offset = 0;
            for (NDArray p : model.parameters().arrays()) {
                double[] g = p.getGradient().toDoubleArray();
                System.arraycopy(g, 0, grads, offset, g.length);
                offset += g.length;
                Engines.zeroGradient(p);
            }
            autograd = grads;
            double[] values = model.parameters().snapshot();
            double eps = 1e-6;
            for (int i = 0; i < values.length; i++) {
                double saved = values[i];
                values[i] = saved + eps;
                model.parameters().restore(values);
                Engines.seedRandom(9); // the same mask
                double up = model.forward(x, true).square().sum().getDouble();
                values[i] = saved - eps;
                model.parameters().restore(values);
                Engines.seedRandom(9);
                double down = model.forward(x, true).square().sum().getDouble();
                values[i] = saved;
                assertEquals((up - down) / (2 * eps), autograd[i], 1e-6, "parameter " + i);
            }
        }
    }

    @Test
    void savesAndLoadsWithItsRate(@TempDir Path dir) throws Exception {
        try (Sequential model = net(0.3)) {
            model.save(dir.resolve("m"));
        }
        try (Sequential loaded = Sequential.load(dir.resolve("m"))) {
            assertEquals(0.3, ((Dropout) loaded.layers().get(1)).rate(), 1e-12);
            assertTrue(loaded.layers().get(1).writtenBackward().isEmpty(), "dropout trains through autograd");
        }
    }

    @Test
    void refusesARateOutsideZeroToOne() {
        assertThrows(dev.nntrain.InvalidInputException.class, () -> Dropout.of(1));
        assertThrows(dev.nntrain.InvalidInputException.class, () -> Dropout.of(-0.1));
    }
}

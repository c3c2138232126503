package dev.nntrain.train.optimizer;

import static dev.nntrain.oracle.TorchOracle.FLOAT64_RELATIVE;
import static dev.nntrain.oracle.TorchOracle.assertClose;
import static dev.nntrain.oracle.TorchOracle.doubles;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.nntrain.engine.Engines;
import dev.nntrain.oracle.TorchOracle;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every optimiser against Keras' update rules, run in float64 by PyTorch (make_fixtures.py: Adam
 * with epsilon added to the square root of the uncorrected second moment, RMSprop with epsilon
 * inside the square root, SGD's velocity {@code m = mu m - lr g}), with Keras' defaults and with
 * settings where the differences from torch's own optimisers would show (a large epsilon, a
 * momentum): the parameters after each of 5 steps from fixed parameters and gradients, through
 * the engine's flat updater, on a float64 array, and through the plain-Java {@code textbookStep}
 * the other tests hold the updaters to.
 */
class OptimizerTorchOracleTest {

    static Stream<Arguments> cases() {
        return TorchOracle.cases("optimizers").stream().map(c -> Arguments.of(c.get("name").getAsString(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parametersAfterEachStepMatchPyTorch(String name, JsonObject c) {
        Engines.prepareThread();
        Optimizer optimizer = optimizer(c);
        double[] initial = doubles(c.getAsJsonArray("initial"));
        List<double[]> gradients = rows(c.getAsJsonArray("gradients"));
        List<double[]> expected = rows(c.getAsJsonArray("after_each_step"));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray params = manager.create(initial.clone()); // float64
            try (Optimizer.Updater updater = optimizer.newUpdater(params)) {
                for (int t = 0; t < gradients.size(); t++) {
                    updater.step(manager.create(gradients.get(t).clone()));
                    assertClose(expected.get(t), params.toDoubleArray(), FLOAT64_RELATIVE, name + ": step " + (t + 1) + " (engine)");
                }
                assertEquals(gradients.size(), updater.steps());
            }
        }
        double[] w = initial.clone();
        double[] a = new double[w.length];
        double[] b = new double[w.length];
        for (int t = 0; t < gradients.size(); t++) {
            double[] g = gradients.get(t);
            if (optimizer instanceof Adam adam) {
                adam.textbookStep(w, g, a, b, t + 1);
            } else if (optimizer instanceof RMSprop rmsprop) {
                rmsprop.textbookStep(w, g, a, b);
            } else if (optimizer instanceof SGD sgd) {
                sgd.textbookStep(w, g, a);
            } else {
                for (int i = 0; i < w.length; i++) {
                    w[i] -= optimizer.learningRate() * g[i];
                }
            }
            assertClose(expected.get(t), w, FLOAT64_RELATIVE, name + ": step " + (t + 1) + " (textbookStep)");
        }
    }

    /** The optimiser as a saved model names it: its name, learning rate and Keras settings. */
    private static Optimizer optimizer(JsonObject c) {
        Map<String, Double> config = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : c.getAsJsonObject("config").entrySet()) {
            config.put(e.getKey(), e.getValue().getAsDouble());
        }
        Optimizer optimizer = Optimizer.fromConfig(c.get("optimizer").getAsString(), c.get("learning_rate").getAsDouble(), config);
        if (!(optimizer instanceof GradientDescent)) {
            assertEquals(config, optimizer.config(), "the settings the oracle used");
        }
        // the defaults the oracle calls Keras' are the ones nntrain's constructors take
        switch (c.get("name").getAsString()) {
            case "adam keras defaults" -> assertEquals(new Adam().config(), optimizer.config());
            case "rmsprop keras defaults" -> assertEquals(new RMSprop().config(), optimizer.config());
            case "sgd keras defaults" -> {
                assertEquals(new SGD().config(), optimizer.config());
                assertEquals(new SGD().learningRate(), optimizer.learningRate());
            }
            default -> { }
        }
        return optimizer;
    }

    private static List<double[]> rows(JsonArray rows) {
        return java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                .map(r -> doubles(r.getAsJsonArray())).toList();
    }
}

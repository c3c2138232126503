package dev.nntrain.train.loss;

import static dev.nntrain.oracle.TorchOracle.FLOAT64_RELATIVE;
import static dev.nntrain.oracle.TorchOracle.array;
import static dev.nntrain.oracle.TorchOracle.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import com.google.gson.JsonObject;

import dev.nntrain.engine.EngineScalars;
import dev.nntrain.engine.Engines;
import dev.nntrain.oracle.TorchOracle;
import dev.nntrain.oracle.TorchOracle.Array;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * Every loss's value and gradient with respect to the network's outputs against PyTorch
 * (make_fixtures.py, float64, Keras' semantics): from logits, including logits of +-50 and
 * +-1000, and from probabilities, including probabilities of exactly 0 and 1 (Keras' clip to
 * [1e-7, 1 - 1e-7]) and rows that do not sum to 1 (Keras renormalises them); multi-label binary
 * cross-entropy with a soft target. The gradient is checked through DJL's autograd on {@link
 * Loss#compute} and, where the loss has one, through its written-out gradient, whose running loss
 * sum must give the same value.
 */
class LossTorchOracleTest {

    static Stream<Arguments> cases() {
        return TorchOracle.cases("losses").stream().map(c -> Arguments.of(c.get("name").getAsString(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueAndGradientMatchPyTorch(String name, JsonObject c) {
        Engines.prepareThread();
        Loss loss = Loss.parse(c.get("loss").getAsString(), c.get("from_logits").getAsBoolean());
        assertEquals(c.get("loss").getAsString(), loss.name(), name);
        Array output = array(c, "output");
        Array target = array(c, "target");
        int m = (int) output.shape()[0];
        int k = (int) output.shape()[1];
        int width = (int) target.shape()[1];
        double expected = c.get("value").getAsDouble();
        double[] expectedGradient = array(c, "grad_output").values();
        try (NDManager scope = NDManager.newBaseManager();
                EngineScalars scalars = new EngineScalars(scope, DataType.FLOAT64)) {
            loss.validateTargets(target.floats(), width, k);
            NDArray t = loss.targets(scope, target.floats(), m, width, k, DataType.FLOAT64);
            NDArray out = scope.create(output.values(), new Shape(m, k));

            out.setRequiresGradient(true);
            double value;
            try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                NDArray j = loss.compute(out, t);
                value = j.getDouble();
                collector.backward(j);
            }
            assertClose(expected, value, FLOAT64_RELATIVE, name + ": loss");
            assertClose(expectedGradient, out.getGradient().toDoubleArray(), FLOAT64_RELATIVE, name + ": dJ/doutput (autograd)");

            assertEquals(loss.fromLogits() || loss instanceof MeanSquaredError, loss.hasWrittenGradient(), name);
            if (loss.hasWrittenGradient()) {
                NDArray lossSum = scope.zeros(new Shape(), DataType.FLOAT64);
                NDArray fresh = scope.create(output.values(), new Shape(m, k));
                double[] written = loss.writtenGradient(fresh, t, new Loss.Batch(m, k), lossSum, scalars).toDoubleArray();
                assertClose(expectedGradient, written, FLOAT64_RELATIVE, name + ": dJ/doutput (written-out)");
                double mean = lossSum.getDouble() / ((long) m * loss.termsPerExample(k));
                assertClose(expected, mean, FLOAT64_RELATIVE, name + ": loss from the written-out sum");
            }
            assertTrue(Double.isFinite(value), name);
        }
    }
}

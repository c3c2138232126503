package dev.nntrain.backprop.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;

import dev.nntrain.backprop.LossKind;
import dev.nntrain.backprop.Mlp;
import dev.nntrain.backprop.Tensor;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ReferenceMappingTest {

    @Test
    void everyActivationHasATwinComputingTheSameFunction() {
        Tensor z = Tensor.of(1, 4, -2, -0.5, 0.5, 2);
        assertSame(dev.nntrain.backprop.ActivationFunction.LINEAR, ReferenceMapping.activation(Activation.LINEAR));
        assertSame(dev.nntrain.backprop.ActivationFunction.SIGMOID, ReferenceMapping.activation(Activation.SIGMOID));
        assertSame(dev.nntrain.backprop.ActivationFunction.RELU, ReferenceMapping.activation(Activation.RELU));
        assertSame(dev.nntrain.backprop.ActivationFunction.TANH, ReferenceMapping.activation(Activation.TANH));
        assertSame(dev.nntrain.backprop.ActivationFunction.SOFTMAX, ReferenceMapping.activation(Activation.SOFTMAX));
        double[] leaky = ReferenceMapping.activation(Activation.LEAKY_RELU).apply(z).data();
        // Keras' slope 0.2, as float64 models now use it (not the float 0.2f widened)
        assertEquals(-2 * 0.2, leaky[0]);
        assertEquals(2, leaky[3]);
    }

    /** Every output activation against every loss: mapped, or rejected, as the table says. */
    @Test
    void lossTableIsCompleteAndExplicit() {
        // logits must come from a linear layer: a ReLU or tanh would clip them, as compile says
        Set<Activation> logits = EnumSet.of(Activation.LINEAR);
        for (Activation output : Activation.values()) {
            assertEquals(LossKind.MEAN_SQUARED_ERROR, ReferenceMapping.lossKind(new MeanSquaredError(), output));
            expect(logits.contains(output) ? LossKind.SOFTMAX_CROSS_ENTROPY_FROM_LOGITS : null,
                    new SparseCategoricalCrossentropy(true), output);
            expect(logits.contains(output) ? LossKind.BINARY_CROSS_ENTROPY_FROM_LOGITS : null,
                    new BinaryCrossentropy(true), output);
            expect(output == Activation.SOFTMAX ? LossKind.SPARSE_CATEGORICAL_CROSS_ENTROPY : null,
                    new SparseCategoricalCrossentropy(false), output);
            expect(output == Activation.SIGMOID ? LossKind.BINARY_CROSS_ENTROPY : null,
                    new BinaryCrossentropy(false), output);
        }
    }

    private static void expect(LossKind expected, Loss loss, Activation output) {
        if (expected != null) {
            assertEquals(expected, ReferenceMapping.lossKind(loss, output), loss + " after " + output);
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ReferenceMapping.lossKind(loss, output), loss + " after " + output);
            assertTrue(e.getMessage().contains(output.kerasName()), e.getMessage());
            assertTrue(e.getMessage().contains(loss.toString()), e.getMessage());
        }
    }

    @Test
    void doubleSquashingIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceMapping.lossKind(new BinaryCrossentropy(true), Activation.SIGMOID));
        assertEquals("loss binary_crossentropy(from_logits=True) expects logits from a linear output layer (the"
                + " loss applies the sigmoid itself), but the output layer applies sigmoid", e.getMessage());
    }

    /** The rule is the one compile applies: a pairing the checker refuses cannot be compiled either. */
    @Test
    void checkerAndCompileAgreeOnEveryPairing() {
        for (String name : Loss.knownNames()) {
            for (boolean fromLogits : new boolean[] {true, false}) {
                Loss loss = Loss.parse(name, fromLogits);
                for (Activation output : Activation.values()) {
                    boolean compiles = compiles(loss, output);
                    boolean checks;
                    try {
                        ReferenceMapping.lossKind(loss, output);
                        checks = true;
                    } catch (IllegalArgumentException e) {
                        checks = false;
                    }
                    assertEquals(compiles, checks, loss + " after " + output);
                }
            }
        }
    }

    /** Every loss of the table has a hand-rolled twin, whose targets take the loss's layout. */
    @Test
    void everyLossOfTheTableHasATwin() {
        Set<LossKind> twins = EnumSet.noneOf(LossKind.class);
        for (String name : Loss.knownNames()) {
            for (boolean fromLogits : new boolean[] {true, false}) {
                Loss loss = Loss.parse(name, fromLogits);
                Activation output = loss.expectedOutputActivation() == null ? Activation.LINEAR
                        : loss.expectedOutputActivation();
                twins.add(ReferenceMapping.lossKind(loss, output));
            }
        }
        assertEquals(EnumSet.allOf(LossKind.class), twins);
    }

    private static boolean compiles(Loss loss, Activation output) {
        try (Sequential model = Sequential.builder()
                .add(Dense.of(3, output))
                .optDataType(DataType.FLOAT64)
                .optInputShape(2)
                .build()) {
            dev.nntrain.train.CompiledModel.compile(model, loss);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void mlpMirrorsTheDenseLayersAndSkipsFlatten() {
        try (Sequential model = Sequential.builder()
                .add(Flatten.of())
                .add(Dense.of(5, Activation.TANH))
                .add(Dense.of(3, Activation.SOFTMAX))
                .optDataType(DataType.FLOAT64)
                .optInputShape(2, 3)
                .build()) {
            Mlp mlp = ReferenceMapping.mlp(model);
            assertEquals(6, mlp.inputs());
            assertEquals("Mlp(6 -> 5 tanh -> 3 softmax)", mlp.toString());
        }
    }

    @Test
    void convolutionsAreRejectedNotSkipped() {
        try (Sequential model = Sequential.builder()
                .add(dev.nntrain.model.layer.Conv1D.of(2, 3))
                .add(Flatten.of())
                .add(Dense.of(1))
                .optDataType(DataType.FLOAT64)
                .optInputShape(1, 6)
                .build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReferenceMapping.mlp(model));
            assertEquals("layer conv1d_1 (Conv1D) has no hand-rolled equivalent: the gradient check covers Dense and"
                    + " Flatten layers only", e.getMessage());
        }
    }

    @Test
    void unbuiltModelIsRejected() {
        Sequential model = Sequential.of(Dense.of(2));
        assertThrows(IllegalArgumentException.class, () -> ReferenceMapping.mlp(model));
    }
}

package dev.nntrain.backprop.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nntrain.backprop.LossKind;
import dev.nntrain.model.Activation;
import dev.nntrain.train.Loss;

import org.junit.jupiter.api.Test;

class LossSpecTest {

    @Test
    void parsesEveryCommandLineName() {
        for (LossSpec spec : LossSpec.values()) {
            assertEquals(spec, LossSpec.parse(spec.cliName()));
        }
        assertEquals(LossSpec.SPARSE_CE_PROBS, LossSpec.parse(" Sparse_CE_Probs "));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossSpec.parse("hinge"));
        assertEquals("unknown loss 'hinge'; expected one of sparse-ce, sparse-ce-probs, bce, bce-probs,"
                + " multilabel-bce, mse", e.getMessage());
    }

    /** The output activation the command line promises, and the hand-rolled loss it leads to. */
    @Test
    void outputActivationAndLossAgreeWithTheMapping() {
        assertMaps(LossSpec.SPARSE_CE, Activation.LINEAR, LossKind.SOFTMAX_CROSS_ENTROPY_FROM_LOGITS);
        assertMaps(LossSpec.SPARSE_CE_PROBS, Activation.SOFTMAX, LossKind.SPARSE_CATEGORICAL_CROSS_ENTROPY);
        assertMaps(LossSpec.BCE, Activation.LINEAR, LossKind.BINARY_CROSS_ENTROPY_FROM_LOGITS);
        assertMaps(LossSpec.BCE_PROBS, Activation.SIGMOID, LossKind.BINARY_CROSS_ENTROPY);
        assertMaps(LossSpec.MULTILABEL_BCE, Activation.LINEAR, LossKind.BINARY_CROSS_ENTROPY_FROM_LOGITS);
        assertMaps(LossSpec.MSE, Activation.LINEAR, LossKind.MEAN_SQUARED_ERROR);
    }

    private static void assertMaps(LossSpec spec, Activation output, LossKind kind) {
        assertEquals(output, spec.outputActivation());
        Loss loss = spec.newLoss();
        assertEquals(kind, ReferenceMapping.lossKind(loss, spec.outputActivation()));
    }

    @Test
    void outputWidthsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> LossSpec.SPARSE_CE.checkOutputs(1));
        assertThrows(IllegalArgumentException.class, () -> LossSpec.SPARSE_CE_PROBS.checkOutputs(1));
        assertDoesNotThrow(() -> LossSpec.SPARSE_CE.checkOutputs(2));
        assertDoesNotThrow(() -> LossSpec.BCE_PROBS.checkOutputs(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossSpec.BCE.checkOutputs(2));
        assertEquals("loss bce needs exactly 1 output unit (use multilabel-bce for several), got 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LossSpec.MULTILABEL_BCE.checkOutputs(1));
        assertDoesNotThrow(() -> LossSpec.MULTILABEL_BCE.checkOutputs(4));
        assertDoesNotThrow(() -> LossSpec.MSE.checkOutputs(1));
    }
}

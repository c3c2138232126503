package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Regularizer;
import dev.nntrain.model.WeightedLayer;
import dev.nntrain.model.layer.Conv1D;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Padding;

import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * A layer's own kernel penalty in {@code --layers}: {@code l2=LAMBDA} after the positional parts
 * of a dense or convolutional item, overriding {@code --l2} for that layer; the expected
 * coefficients are the ones written in each spec.
 */
class LayerSpecL2Test {

    private static LayerSpec parse(String spec, Double l2) {
        return LayerSpec.parse(List.of(spec), Activation.RELU, l2 == null ? null : Regularizer.l2(l2));
    }

    private static Regularizer regularizer(Layer layer) {
        return ((WeightedLayer) layer).kernelRegularizer();
    }

    @Test
    void eachLayerGetsItsOwnOrElseTheDefault() {
        List<Layer> layers = parse("conv2d:8:3:same:l2=5e-4,maxpool:2,conv2d:4:3,dense:64:relu:l2=1e-4,dense:32:l2=0,25",
                0.01).withOutput(10);
        assertEquals(List.of("Conv2D", "MaxPool2D", "Conv2D", "Flatten", "Dense", "Dense", "Dense", "Dense"),
                layers.stream().map(l -> l.getClass().getSimpleName()).toList());
        assertEquals(Regularizer.l2(5e-4), regularizer(layers.get(0)), "its own l2=5e-4 overrides --l2");
        assertEquals(Padding.SAME, ((Conv2D) layers.get(0)).padding(), "same is still read before l2=");
        assertEquals(Regularizer.l2(0.01), regularizer(layers.get(2)), "no l2= of its own: --l2");
        assertEquals(Regularizer.l2(1e-4), regularizer(layers.get(4)));
        assertEquals(64, ((Dense) layers.get(4)).units());
        assertEquals(Activation.RELU, layers.get(4).activation());
        assertNull(regularizer(layers.get(5)), "l2=0 turns --l2 off for this layer");
        assertEquals(32, ((Dense) layers.get(5)).units());
        assertEquals(Regularizer.l2(0.01), regularizer(layers.get(6)), "the plain N form gets --l2");
        assertEquals(Regularizer.l2(0.01), regularizer(layers.get(7)), "the output layer gets --l2");
    }

    @Test
    void withoutL2OnlyTheLayersThatAskArePenalised() {
        List<Layer> layers = parse("dense:16:tanh:l2=0.25,dense:8", null).withOutput(3);
        assertEquals(Regularizer.l2(0.25), regularizer(layers.get(0)));
        assertEquals(Activation.TANH, layers.get(0).activation());
        assertNull(regularizer(layers.get(1)));
        assertNull(regularizer(layers.get(2)), "the output layer: --l2 0");
    }

    @Test
    void everyPositionalFormOfAConvolutionTakesIt() {
        String[] specs = {"conv1d:4:3:l2=0.5", "conv1d:4:3:2:l2=0.5", "conv1d:4:3:same:l2=0.5", "conv1d:4:3:tanh:l2=0.5",
            "conv1d:4:3:2:same:tanh:l2=0.5", "CONV1D:4:3:2:SAME:TANH:L2=5E-1"};
        for (String spec : specs) {
            Conv1D conv = (Conv1D) parse(spec, 0.01).hidden().get(0);
            assertEquals(Regularizer.l2(0.5), conv.kernelRegularizer(), spec);
        }
        Conv1D conv = (Conv1D) parse("conv1d:4:3:2:same:tanh:l2=0.5", null).hidden().get(0);
        assertEquals(2, conv.strides());
        assertEquals(Padding.SAME, conv.padding());
        assertEquals(Activation.TANH, conv.activation());
    }

    @Test
    void theSmallestFloat32PenaltyIsTaken() {
        // float32's smallest normal number, written as the double it is (1.1754943508222875E-38)
        Dense dense = (Dense) parse("dense:4:l2=" + (double) Float.MIN_NORMAL, null).hidden().get(0);
        assertEquals(Regularizer.l2(Float.MIN_NORMAL), dense.kernelRegularizer());
    }

    @Test
    void badPenaltiesAreNamedInOneLine() {
        String[][] cases = {
            {"dense:64:l2=abc", "'dense:64:l2=abc'", "'abc' is not a number", "expected l2=LAMBDA"},
            {"dense:64:l2=", "''", "is not a number", "expected l2=LAMBDA"},
            {"dense:64:l2=-1", "got -1.0", "expected l2=LAMBDA"},
            {"dense:64:l2=-0.1", "got -0.1"},
            {"dense:64:l2=NaN", "got NaN"},
            {"dense:64:l2=Infinity", "got Infinity"},
            {"dense:64:l2=1e400", "got Infinity"},
            {"dense:64:l2=1e-400", "'1e-400' is too small for a double"},
            {"dense:64:l2=1e-40", "1.0E-40 is below 1.17549435E-38"},
            {"conv2d:4:3:l2=1e-40", "'conv2d:4:3:l2=1e-40'", "below 1.17549435E-38"},
            {"conv2d:4:3,maxpool:2:l2=0.1", "'maxpool:2:l2=0.1'", "maxpool has no kernel", "dense, conv1d and conv2d"},
            {"dense:8,dropout:0.5:l2=0.1", "'dropout:0.5:l2=0.1'", "dropout has no kernel"},
            {"conv2d:4:3,flatten:l2=0", "'flatten:l2=0'", "flatten has no kernel"},
            {"none:l2=0.1", "'none:l2=0.1'", "none has no kernel"},
            {"dense:64:l2=1e-4:l2=2e-4", "'dense:64:l2=1e-4:l2=2e-4'", "given twice", "'1e-4'", "'2e-4'"},
            {"dense:64:decay=0.1", "unknown keyword 'decay'", "'decay=0.1'", "l2=LAMBDA"},
            {"dense:64:l2=0.1:decay=0.1", "unknown keyword 'decay'"},
            {"64:l2=1e-4", "'64:l2=1e-4'", "plain N form takes no l2=", "dense:64:l2=1e-4"},
            {"dense:64:l2=1e-4:relu", "'relu' comes after 'l2=1e-4'", "come last"},
            {"dense:64:l2", "'l2' needs a value", "expected l2=LAMBDA"},
            {"pool:2:l2=0.1", "'pool:2:l2=0.1'", "not a layer"},
            {"dense:64:relu:tanh:l2=0.1", "dense:UNITS[:ACTIVATION][:l2=LAMBDA]"},
        };
        for (String[] c : cases) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(c[0], 0.01), c[0]);
            String message = e.getMessage();
            assertTrue(message.startsWith("--layers: '"), message);
            assertTrue(!message.contains("\n"), message);
            for (int k = 1; k < c.length; k++) {
                assertTrue(message.contains(c[k]), c[0] + ": <" + message + "> should contain <" + c[k] + ">");
            }
        }
    }

    @Test
    void theL2OptionSaysWhatItSaidBefore() {
        // the check the layers share with --l2 keeps --l2's messages
        assertEquals("--l2 must be a finite number >= 0 (0 for no penalty), got -0.1",
                assertThrows(InvalidInputException.class, () -> TrainSettings.checkL2("--l2", -0.1)).getMessage());
        assertEquals("'1e-400' is too small for a double, which would read it as 0 (none); write 0 for none",
                assertThrows(picocli.CommandLine.TypeConversionException.class,
                        () -> new TrainCommand.NonZeroStaysNonZero().convert("1e-400")).getMessage());
    }
}

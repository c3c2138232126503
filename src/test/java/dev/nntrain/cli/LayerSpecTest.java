package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Layer;
import dev.nntrain.model.layer.Conv1D;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Dropout;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;
import dev.nntrain.model.layer.Padding;

import org.junit.jupiter.api.Test;

import java.util.List;

/** {@code --layers} tokens become the layers they name, in order, with Flatten where a dense layer needs it. */
class LayerSpecTest {

    private static LayerSpec parse(String spec) {
        return LayerSpec.parse(List.of(spec), Activation.RELU); // as picocli hands the option over: unsplit
    }

    private static List<String> types(List<Layer> layers) {
        return layers.stream().map(l -> l.getClass().getSimpleName()).toList();
    }

    @Test
    void sizesAreDenseLayersAsBefore() {
        LayerSpec spec = parse("25,15");
        assertEquals(List.of("Dense", "Dense", "Dense"), types(spec.withOutput(10)));
        assertEquals(25, ((Dense) spec.hidden().get(0)).units());
        assertEquals(Activation.RELU, spec.hidden().get(1).activation());
        assertEquals(Activation.LINEAR, spec.withOutput(10).get(2).activation(), "the output layer gives logits");
        assertArrayEquals(new long[] {784}, spec.inputShape(784));
        assertEquals(0, LayerSpec.parse(List.of("none"), Activation.RELU).hidden().size());
    }

    @Test
    void aConvolutionalSpec() {
        LayerSpec spec = parse("conv2d:8:3,maxpool:2,flatten,dense:32:tanh,dropout:0.25");
        List<Layer> layers = spec.withOutput(10);
        assertEquals(List.of("Conv2D", "MaxPool2D", "Flatten", "Dense", "Dropout", "Dense"), types(layers));
        Conv2D conv = (Conv2D) layers.get(0);
        assertEquals(8, conv.filters());
        assertArrayEquals(new int[] {3, 3}, conv.kernelSize());
        assertEquals(Activation.RELU, conv.activation());
        assertArrayEquals(new int[] {2, 2}, ((MaxPool2D) layers.get(1)).poolSize());
        assertEquals(Activation.TANH, layers.get(3).activation());
        assertEquals(0.25, ((Dropout) layers.get(4)).rate());
        assertArrayEquals(new long[] {1, 28, 28}, spec.inputShape(784));
    }

    @Test
    void flattenIsAddedBeforeDenseLayers() {
        assertEquals(List.of("Conv2D", "Flatten", "Dense", "Dense"), types(parse("conv2d:4:5:2:sigmoid,dense:16").withOutput(3)));
        assertEquals(List.of("Conv2D", "MaxPool2D", "Flatten", "Dense"), types(parse("conv2d:4:3,maxpool:2").withOutput(10)));
        assertEquals(List.of("Conv1D", "Dropout", "Flatten", "Dense"), types(parse("conv1d:4:3,dropout:0.1").withOutput(2)));
        Conv2D strided = (Conv2D) parse("conv2d:4:5:2:sigmoid").hidden().get(0);
        assertArrayEquals(new int[] {2, 2}, strided.strides());
        assertEquals(Activation.SIGMOID, strided.activation());
    }

    @Test
    void sameTurnsOnZeroPadding() {
        Conv2D same = (Conv2D) parse("conv2d:4:3:same").hidden().get(0);
        assertEquals(Padding.SAME, same.padding());
        assertArrayEquals(new int[] {1, 1}, same.strides());
        Conv2D stridedSame = (Conv2D) parse("conv2d:4:3:2:same:tanh").hidden().get(0);
        assertEquals(Padding.SAME, stridedSame.padding());
        assertArrayEquals(new int[] {2, 2}, stridedSame.strides());
        assertEquals(Activation.TANH, stridedSame.activation());
        assertArrayEquals(new long[] {4, 14, 14}, stridedSame.outputShape(new long[] {1, 28, 28}));
        assertEquals(Padding.VALID, ((Conv2D) parse("conv2d:4:3:valid:relu").hidden().get(0)).padding());
        assertEquals(Padding.SAME, ((Conv1D) parse("conv1d:4:3:same").hidden().get(0)).padding());
        assertEquals(Padding.VALID, ((Conv2D) parse("conv2d:4:3").hidden().get(0)).padding());
    }

    @Test
    void conv1dReadsTheFeaturesAsOneChannel() {
        LayerSpec spec = parse("conv1d:4:3:1");
        assertTrue(spec.hidden().get(0) instanceof Conv1D);
        assertArrayEquals(new long[] {1, 100}, spec.inputShape(100));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse("conv2d:4:3").inputShape(100));
        assertTrue(e.getMessage().contains("28x28"), e.getMessage());
        assertTrue(parse("flatten").hidden().get(0) instanceof Flatten);
    }

    @Test
    void severalValuesAreOneList() {
        // --layers 25 --layers 15: picocli hands over one value per occurrence
        LayerSpec spec = LayerSpec.parse(List.of("25", "15"), Activation.RELU);
        assertEquals(List.of(25, 15), spec.hidden().stream().map(l -> ((Dense) l).units()).toList());
    }

    @Test
    void theActivationsOfferedForAHiddenLayerAreTheOnesItTakes() {
        // a hidden softmax is refused, so a message listing the choices must not offer it
        for (String spec : new String[] {"dense:25:", "dense:25:swish", "conv2d:4:3:swish"}) {
            String message = assertThrows(InvalidInputException.class, () -> parse(spec)).getMessage();
            assertTrue(!message.contains("softmax"), spec + ": " + message);
            for (String hidden : new String[] {"linear", "sigmoid", "relu", "tanh", "leaky_relu"}) {
                assertTrue(message.contains(hidden), spec + ": <" + message + "> should offer " + hidden);
                parse("dense:25:" + hidden); // and each one offered is taken
            }
        }
    }

    @Test
    void noneStandsAloneAndTheMessageDoesNotOfferIt() {
        String message = assertThrows(InvalidInputException.class, () -> parse("none,25")).getMessage();
        assertTrue(!message.contains("or none,") && !message.contains("or none e.g"), message);
        assertTrue(message.contains("stand alone"), message);
    }

    @Test
    void everyBadTokenIsNamedInOneLine() {
        String[][] cases = {
            {"conv2d:8", "'conv2d:8'", "conv2d:FILTERS:KERNEL"},
            {"conv2d:0:3", "filters", "'0'"},
            {"conv2d:8:3:x:relu", "stride"},
            {"conv2d:8:3:same:relu:x", "valid or same"},
            {"conv2d:8:3:1:same:swish", "'swish'"},
            {"conv2d:8:3:full", "'full'", "valid or same"},
            {"dense", "dense:UNITS"},
            {"dense:ten", "units", "'ten'"},
            {"dense:10:swish", "'swish'"},
            {"maxpool:2", "needs conv2d layers before it"},
            {"conv2d:4:3,maxpool:two", "pool size"},
            {"dense:10,conv2d:8:3", "before flatten and dense"},
            {"conv1d:4:3,conv2d:4:3", "cannot be mixed"},
            {"dropout:1.5", "[0, 1)"},
            {"flatten:2", "expected flatten"},
            {"pool:2", "'pool:2'", "not a layer"},
            {"25,,15", "''", "item 2", "empty"},
            {"25,", "''", "item 2", "empty"},
            {",25", "''", "item 1", "empty"},
            {"25,15, ", "item 3", "empty"},
            {"none,25", "'none'", "stand alone"},
            {"25,none", "'none'", "stand alone"},
            {"dense:25:", "unknown activation ''", "leaky_relu"},
            {"dense:25:softmax", "output layer"},
            {"conv2d:4:3:softmax", "output layer"},
        };
        for (String[] c : cases) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(c[0]), c[0]);
            String message = e.getMessage();
            assertTrue(message.startsWith("--layers: "), message);
            assertTrue(!message.contains("\n"), message);
            for (int k = 1; k < c.length; k++) {
                assertTrue(message.contains(c[k]), c[0] + ": <" + message + "> should contain <" + c[k] + ">");
            }
        }
    }
}

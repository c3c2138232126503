package dev.nntrain.model.file;

import dev.nntrain.model.Activation;
import dev.nntrain.model.Layer;
import dev.nntrain.model.LayerShapes;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Conv1D;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Dropout;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.DataType;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/** The size worked out from the architecture against the bytes DJL actually writes. */
class ParameterEncodingTest {

    private static void assertSizeMatchesDjl(DataType type, long[] input, Layer... layers) throws IOException {
        Sequential.Builder b = Sequential.builder().optDataType(type).optSeed(3);
        for (Layer l : layers) {
            b.add(l);
        }
        try (Sequential model = b.build()) {
            model.build(input);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                model.saveParameters(out);
            }
            LayerShapes shapes = LayerShapes.walk(model.layers(), model.layerNames(), input);
            assertEquals(bytes.size(), ParameterEncoding.size(model.layers(), shapes, type),
                    model.layers() + " on " + java.util.Arrays.toString(input) + " as " + type);
        }
    }

    @Test
    void denseStacksWithEveryActivation() throws IOException {
        for (DataType type : List.of(DataType.FLOAT32, DataType.FLOAT64)) {
            assertSizeMatchesDjl(type, new long[] {784}, Dense.of(25, Activation.RELU), Dense.of(15, Activation.RELU), Dense.of(10));
            for (Activation a : Activation.values()) {
                assertSizeMatchesDjl(type, new long[] {3}, Dense.of(2, a));
            }
            assertSizeMatchesDjl(type, new long[] {7}, Dense.of(1));
        }
    }

    @Test
    void convolutionPoolingFlattenAndDropout() throws IOException {
        for (DataType type : List.of(DataType.FLOAT32, DataType.FLOAT64)) {
            assertSizeMatchesDjl(type, new long[] {1, 12, 12},
                    Conv2D.of(4, 3, Activation.RELU), MaxPool2D.of(2), Dropout.of(0.25),
                    Conv2D.of(3, 2, 1, Activation.TANH), Flatten.of(), Dense.of(6, Activation.SIGMOID), Dense.of(3));
            assertSizeMatchesDjl(type, new long[] {2, 30},
                    Conv1D.of(5, 4, 2, Activation.LEAKY_RELU), Conv1D.of(3, 3), Flatten.of(), Dense.of(2));
        }
    }
}

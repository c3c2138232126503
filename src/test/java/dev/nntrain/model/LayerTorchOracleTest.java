package dev.nntrain.model;

import static dev.nntrain.oracle.TorchOracle.FLOAT64_RELATIVE;
import static dev.nntrain.oracle.TorchOracle.array;
import static dev.nntrain.oracle.TorchOracle.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import com.google.gson.JsonObject;

import dev.nntrain.engine.EngineScalars;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.layer.Conv1D;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;
import dev.nntrain.model.layer.Padding;
import dev.nntrain.model.weights.KerasWeights;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.oracle.TorchOracle.Array;
import dev.nntrain.oracle.TorchOracle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every layer's forward pass and gradients against PyTorch (make_fixtures.py, in float64, with
 * Keras' semantics where torch's differ: 'same' padding with the odd zero after, valid max
 * pooling with floor, the leaky ReLU's slope 0.2): the output, and the gradients of {@code f =
 * sum(output * R)} for a fixed {@code R} with respect to the input, the kernel and the bias, on
 * both training paths: the layer's written-out backward pass and DJL's autograd through its
 * blocks. Weights go in through the public APIs: Keras' layout for a dense layer ({@link
 * KerasWeights}), DJL's (the same as torch's) for a convolution ({@link ParameterStorage});
 * KerasWeightsTest sets convolutions in Keras' layout.
 */
class LayerTorchOracleTest {

    static Stream<Arguments> cases() {
        return TorchOracle.cases("layers").stream().map(c -> Arguments.of(c.get("name").getAsString(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardAndGradientsMatchPyTorch(String name, JsonObject c) {
        Engines.prepareThread();
        Array x = array(c, "x");
        Layer layer = layer(c);
        try (Sequential model = Sequential.builder().add(layer).optInputShape(x.exampleShape()).optSeed(1)
                        .optDataType(DataType.FLOAT64).build();
                NDManager scope = model.manager().newSubManager();
                EngineScalars scalars = new EngineScalars(scope, DataType.FLOAT64)) {
            setWeights(model, 0, c);
            NDArray input = scope.create(x.values(), new Shape(x.shape()));
            Array r = array(c, "r");
            NDArray weights = scope.create(r.values(), new Shape(r.shape()));

            NDArray out = model.forward(input);
            assertEquals(new Shape(array(c, "output").shape()), out.getShape(), name + ": output shape");
            assertClose(array(c, "output").values(), out.toDoubleArray(), FLOAT64_RELATIVE, name + ": output");

            // the written-out backward pass, where the layer has one
            assertEquals(expectsWrittenBackward(c), layer.writtenBackward().isPresent(), name + ": written-out rule");
            if (layer.writtenBackward().isPresent()) {
                NDArray forward = model.forwardLayer(0, input, true);
                // a copy: a written-out rule may overwrite its output gradient (Activation.backward)
                WrittenBackward.Gradients g = layer.writtenBackward().get().backward(new WrittenBackward.Step(
                        input, forward, weights.duplicate(), model.layerParameters(0), true, scalars));
                assertNotNull(g.input(), name);
                check(c, name + " (written-out)", g.input().toDoubleArray(), doubles(g.parameters()), false);
            }

            // DJL's autograd through the layer's blocks
            input.setRequiresGradient(true);
            try (GradientCollector collector = model.manager().getEngine().newGradientCollector()) {
                collector.backward(model.forward(input, true).mul(weights).sum());
            }
            List<NDArray> parameterGradients = new ArrayList<>();
            for (NDArray p : model.layerParameters(0)) {
                parameterGradients.add(p.getGradient());
            }
            check(c, name + " (autograd)", input.getGradient().toDoubleArray(), doubles(parameterGradients),
                    autogradSplitsTies(c));
            for (NDArray p : model.layerParameters(0)) {
                Engines.zeroGradient(p);
            }
        }
    }

    /**
     * Conv2D, Flatten, Dense: a Keras model flattens its channels-last feature maps row, column,
     * channel, and nntrain its channels-first ones channel, row, column (Flatten's javadoc). A
     * Dense kernel taken from Keras goes in through {@link KerasWeights} as it is and gives
     * Keras' outputs, because KerasWeights puts its rows in nntrain's order; put into the
     * parameters as it is, it gives the channels-first reading of the same kernel instead.
     */
    @Test
    void aKerasDenseKernelAfterFlattenGoesInAsItIs() {
        Engines.prepareThread();
        JsonObject c = TorchOracle.fixture().getAsJsonObject("flatten");
        Array x = array(c, "x");
        Array convKernel = array(c, "conv_kernel");
        int[] feature = ints(c, "feature_shape"); // (channels, height, width) after the convolution
        int channels = feature[0];
        int height = feature[1];
        int width = feature[2];
        Array kerasKernel = array(c, "keras_dense_kernel");
        float[] bias = array(c, "keras_dense_bias").floats();
        try (Sequential model = Sequential.builder()
                        .add(Conv2D.builder().setFilters((int) convKernel.shape()[0])
                                .setKernelSize((int) convKernel.shape()[2], (int) convKernel.shape()[3])
                                .optActivation(Activation.RELU).build())
                        .add(Flatten.of()).add(Dense.of(bias.length))
                        .optInputShape(x.exampleShape()).optSeed(1).optDataType(DataType.FLOAT64).build();
                NDManager scope = model.manager().newSubManager()) {
            assertEquals(List.of((long) channels, (long) height, (long) width),
                    java.util.Arrays.stream(model.shapes().output(0)).boxed().toList(), "nntrain's feature maps are channels first");
            double[] values = model.parameters().snapshot();
            double[] conv = concat(convKernel.values(), array(c, "conv_bias").values());
            System.arraycopy(conv, 0, values, 0, conv.length);
            model.parameters().restore(values);
            NDArray input = scope.create(x.values(), new Shape(x.shape()));

            // Keras' kernel through KerasWeights, as it is
            model.weights().set(2, new LayerWeights(null, kerasKernel.floatRows(), bias));
            assertClose(array(c, "keras_output").values(), model.forward(input).toDoubleArray(), FLOAT64_RELATIVE,
                    "Keras' outputs from its Dense kernel set in Keras' layout");
            assertArrayEquals(kerasKernel.floatRows(), model.weights().get(2).kernel(), "read back as Keras holds it");

            // nntrain holds it rows reordered: its row (ch, r, col) is Keras' row (r, col, ch)
            int units = bias.length;
            double[] dense = java.util.Arrays.copyOfRange(model.parameters().snapshot(), conv.length,
                    conv.length + kerasKernel.values().length); // DJL's (units, inputs)
            for (int ch = 0; ch < channels; ch++) {
                for (int row = 0; row < height; row++) {
                    for (int col = 0; col < width; col++) {
                        int nntrainRow = (ch * height + row) * width + col;
                        int kerasRow = (row * width + col) * channels + ch;
                        for (int u = 0; u < units; u++) {
                            assertEquals(kerasKernel.values()[kerasRow * units + u],
                                    dense[u * channels * height * width + nntrainRow],
                                    0.0, "row " + nntrainRow);
                        }
                    }
                }
            }

            // the same kernel put into the parameters unreordered reads the map channels first
            double[] unreordered = model.parameters().snapshot();
            System.arraycopy(TorchOracle.transpose(kerasKernel.values(), (int) kerasKernel.shape()[0], units), 0,
                    unreordered, conv.length, kerasKernel.values().length);
            model.parameters().restore(unreordered);
            assertClose(array(c, "channels_first_output_same_kernel").values(), model.forward(input).toDoubleArray(),
                    FLOAT64_RELATIVE, "Keras' Dense kernel, unreordered, after nntrain's Flatten");
        }
    }

    /** Compares the input gradient (per window when autograd splits ties) and the parameters'. */
    private static void check(JsonObject c, String what, double[] gradX, List<double[]> parameters, boolean splitsTies) {
        Array expectedX = array(c, "grad_x");
        if (splitsTies) {
            // MaxPool2D's javadoc: autograd through the strided views splits a tied maximum's
            // gradient among the copies; the written-out rule and Keras give it all to the first
            assertClose(windowSums(c, expectedX.values()), windowSums(c, gradX), FLOAT64_RELATIVE, what + ": d/dx per window");
            assertFalse(java.util.Arrays.equals(expectedX.values(), gradX), what + ": the tie is split, not the first's");
        } else {
            assertClose(expectedX.values(), gradX, FLOAT64_RELATIVE, what + ": d/dx");
        }
        if (!c.has("kernel")) {
            assertTrue(parameters.isEmpty(), what);
            return;
        }
        assertEquals(2, parameters.size(), what);
        Array kernel = array(c, "grad_kernel");
        double[] expectedKernel = c.get("kind").getAsString().equals("dense")
                ? TorchOracle.transpose(kernel.values(), (int) kernel.shape()[0], (int) kernel.shape()[1]) // DJL: (units, inputs)
                : kernel.values();
        assertClose(expectedKernel, parameters.get(0), FLOAT64_RELATIVE, what + ": d/dkernel");
        assertClose(array(c, "grad_bias").values(), parameters.get(1), FLOAT64_RELATIVE, what + ": d/dbias");
    }

    private static Layer layer(JsonObject c) {
        JsonObject config = c.getAsJsonObject("config");
        Activation act = Activation.parse(c.get("activation").getAsString());
        switch (c.get("kind").getAsString()) {
            case "dense":
                return Dense.of(config.get("units").getAsInt(), act);
            case "conv1d":
                return Conv1D.builder().setFilters(config.get("filters").getAsInt())
                        .setKernelSize(ints(config, "kernel_size")[0]).optStrides(ints(config, "strides")[0])
                        .optPadding(Padding.parse(config.get("padding").getAsString())).optActivation(act).build();
            case "conv2d":
                int[] k = ints(config, "kernel_size");
                int[] s = ints(config, "strides");
                return Conv2D.builder().setFilters(config.get("filters").getAsInt()).setKernelSize(k[0], k[1])
                        .optStrides(s[0], s[1]).optPadding(Padding.parse(config.get("padding").getAsString()))
                        .optActivation(act).build();
            case "maxpool2d":
                int[] p = ints(config, "pool_size");
                int[] st = ints(config, "strides");
                return MaxPool2D.builder().setPoolSize(p[0], p[1]).optStrides(st[0], st[1]).build();
            default:
                throw new IllegalArgumentException(c.get("kind").getAsString());
        }
    }

    /** A dense layer's weights in Keras' layout; a convolution's in DJL's, which is torch's. */
    private static void setWeights(Sequential model, int layer, JsonObject c) {
        if (!c.has("kernel")) {
            return;
        }
        if (c.get("kind").getAsString().equals("dense")) {
            model.weights().set(layer, new LayerWeights(null, array(c, "kernel").floatRows(), array(c, "bias").floats()));
        } else {
            model.parameters().restore(concat(array(c, "kernel").values(), array(c, "bias").values()));
        }
    }

    /** Dense (not softmax), every convolution, and pools whose windows tile the image. */
    private static boolean expectsWrittenBackward(JsonObject c) {
        switch (c.get("kind").getAsString()) {
            case "dense":
                return !c.get("activation").getAsString().equals("softmax");
            case "maxpool2d":
                JsonObject config = c.getAsJsonObject("config");
                return java.util.Arrays.equals(ints(config, "pool_size"), ints(config, "strides"));
            default:
                return true;
        }
    }

    /** Tiling pools over windows that hold their maximum more than once. */
    private static boolean autogradSplitsTies(JsonObject c) {
        return c.get("name").getAsString().contains("ties") && expectsWrittenBackward(c)
                && c.get("kind").getAsString().equals("maxpool2d");
    }

    /** Sums an input gradient over each window of a tiling pool (rows and columns left out: their own bucket). */
    private static double[] windowSums(JsonObject c, double[] grad) {
        Array x = array(c, "x");
        int[] pool = ints(c.getAsJsonObject("config"), "pool_size");
        long[] s = x.shape();
        int h = (int) s[2];
        int w = (int) s[3];
        int outH = h / pool[0];
        int outW = w / pool[1];
        int planes = (int) (s[0] * s[1]);
        double[] sums = new double[planes * (outH * outW + 1)];
        for (int plane = 0; plane < planes; plane++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    int wi = i / pool[0];
                    int wj = j / pool[1];
                    int bucket = wi < outH && wj < outW ? wi * outW + wj : outH * outW;
                    sums[plane * (outH * outW + 1) + bucket] += grad[(plane * h + i) * w + j];
                }
            }
        }
        return sums;
    }

    private static int[] ints(JsonObject o, String key) {
        double[] d = TorchOracle.doubles(o.getAsJsonArray(key));
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    private static List<double[]> doubles(List<NDArray> arrays) {
        List<double[]> out = new ArrayList<>();
        for (NDArray a : arrays) {
            out.add(a.toDoubleArray());
        }
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

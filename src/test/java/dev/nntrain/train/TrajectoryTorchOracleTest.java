package dev.nntrain.train;

import static dev.nntrain.oracle.TorchOracle.FLOAT64_RELATIVE;
import static dev.nntrain.oracle.TorchOracle.array;
import static dev.nntrain.oracle.TorchOracle.assertClose;
import static dev.nntrain.oracle.TorchOracle.doubles;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.DataType;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;
import dev.nntrain.model.layer.Padding;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.oracle.TorchOracle.Array;
import dev.nntrain.oracle.TorchOracle;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.optimizer.RMSprop;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The course model in small (64-25-15-10, ReLU, logits, softmax cross-entropy from logits, Adam
 * 1e-3) trained for 10 steps of 8 fixed examples, in order, from fixed weights, against the same
 * run in PyTorch with Keras' Adam (make_fixtures.py): the loss of each step (Keras' training loss
 * of the batch, before its update) and the final weights, in float64, on the written-out path
 * and on DJL's autograd. Once one {@code fit} per batch (the optimiser's moments carry over from
 * one fit to the next, as in Keras), once one {@code fit} of one epoch over the 80 examples
 * without shuffling, whose loss is the mean of the steps'. A small CNN (Conv2D 'same', MaxPool2D,
 * Conv2D, Flatten, Dense) with RMSprop does the same, so that the convolution and pooling rules
 * are checked chained as training chains them.
 */
class TrajectoryTorchOracleTest {

    private static final JsonObject CASE = TorchOracle.fixture().getAsJsonObject("trajectory");

    @ParameterizedTest(name = "written-out backprop allowed: {0}")
    @ValueSource(booleans = {true, false})
    void oneFitPerBatchFollowsPyTorchStepByStep(boolean written) {
        int batch = CASE.get("batch_size").getAsInt();
        double[][] x = array(CASE, "x").rows();
        int[] labels = labels();
        double[] expectedLosses = doubles(CASE.getAsJsonArray("loss_per_step"));
        try (CompiledModel net = compiled(written)) {
            double[] losses = new double[expectedLosses.length];
            for (int step = 0; step < losses.length; step++) {
                double[][] xb = Arrays.copyOfRange(x, step * batch, (step + 1) * batch);
                int[] yb = Arrays.copyOfRange(labels, step * batch, (step + 1) * batch);
                losses[step] = net.fit(xb, yb, options(batch)).loss()[0];
            }
            assertEquals(written, net.usesWrittenBackprop());
            assertClose(expectedLosses, losses, FLOAT64_RELATIVE, "loss per step");
            assertClose(expectedFinalParameters(), net.model().parameters().snapshot(), FLOAT64_RELATIVE, "final weights");
        }
    }

    /**
     * The same run in float32, the type models train in, against the float64 oracle: float32
     * keeps about 7 digits, and 10 steps of Adam from float32 gradients (each rounded to ~6e-8
     * relative, and divided by their own root mean square) keep the losses within 1e-6 relative
     * and the weights within 1e-6 (measured: 1.0e-7 and 7.9e-8 at most, on either path).
     */
    @ParameterizedTest(name = "written-out backprop allowed: {0}")
    @ValueSource(booleans = {true, false})
    void float32FollowsPyTorchWithinFloat32Rounding(boolean written) {
        int batch = CASE.get("batch_size").getAsInt();
        double[][] x = array(CASE, "x").rows();
        int[] labels = labels();
        double[] expectedLosses = doubles(CASE.getAsJsonArray("loss_per_step"));
        try (CompiledModel net = compiled(written, DataType.FLOAT32)) {
            double[] losses = new double[expectedLosses.length];
            for (int step = 0; step < losses.length; step++) {
                losses[step] = net.fit(Arrays.copyOfRange(x, step * batch, (step + 1) * batch),
                        Arrays.copyOfRange(labels, step * batch, (step + 1) * batch), options(batch)).loss()[0];
            }
            assertEquals(written, net.usesWrittenBackprop());
            assertClose(expectedLosses, losses, 1e-6, "float32 loss per step");
            assertClose(expectedFinalParameters(), net.model().parameters().snapshot(), 1e-6, "float32 final weights");
        }
    }

    @ParameterizedTest(name = "written-out backprop allowed: {0}")
    @ValueSource(booleans = {true, false})
    void oneEpochWithoutShufflingEndsWherePyTorchEnds(boolean written) {
        double[] expectedLosses = doubles(CASE.getAsJsonArray("loss_per_step"));
        try (CompiledModel net = compiled(written)) {
            History history = net.fit(array(CASE, "x").rows(), labels(), options(CASE.get("batch_size").getAsInt()));
            assertEquals(written, net.usesWrittenBackprop());
            assertClose(Arrays.stream(expectedLosses).average().orElseThrow(), history.loss()[0], FLOAT64_RELATIVE,
                    "the epoch's loss, the mean of its steps'");
            assertClose(expectedFinalParameters(), net.model().parameters().snapshot(), FLOAT64_RELATIVE, "final weights");
        }
    }

    @ParameterizedTest(name = "written-out backprop allowed: {0}")
    @ValueSource(booleans = {true, false})
    void smallCnnFollowsPyTorchStepByStep(boolean written) {
        JsonObject c = TorchOracle.fixture().getAsJsonObject("cnn_trajectory");
        JsonObject initial = c.getAsJsonObject("initial");
        JsonObject last = c.getAsJsonObject("final");
        Sequential model = Sequential.builder()
                .add(Conv2D.builder().setFilters(3).setKernelSize(3, 3).optPadding(Padding.SAME).optActivation(Activation.RELU).build())
                .add(MaxPool2D.of(2))
                .add(Conv2D.of(2, 2, Activation.TANH))
                .add(Flatten.of())
                .add(Dense.of(3))
                .optInputShape(array(c, "x").exampleShape()).optSeed(1).optDataType(DataType.FLOAT64).build();
        // every layer in DJL's layout (torch's) and nntrain's channels-first row order, through the
        // parameter storage: the fixture's Dense kernel is not Keras' (KerasWeights would reorder its rows)
        Array initialDense = array(initial, "dense_kernel");
        model.parameters().restore(concat(array(initial, "conv1_kernel").values(), array(initial, "conv1_bias").values(),
                array(initial, "conv2_kernel").values(), array(initial, "conv2_bias").values(),
                TorchOracle.transpose(initialDense.values(), (int) initialDense.shape()[0], (int) initialDense.shape()[1]),
                array(initial, "dense_bias").values()));
        try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true),
                new RMSprop(c.get("learning_rate").getAsDouble()))) {
            net.setWrittenBackpropAllowed(written);
            int batch = c.get("batch_size").getAsInt();
            double[][] x = examples(array(c, "x"));
            int[] labels = Arrays.stream(doubles(c.getAsJsonArray("labels"))).mapToInt(d -> (int) d).toArray();
            double[] expectedLosses = doubles(c.getAsJsonArray("loss_per_step"));
            double[] losses = new double[expectedLosses.length];
            for (int step = 0; step < losses.length; step++) {
                losses[step] = net.fit(Arrays.copyOfRange(x, step * batch, (step + 1) * batch),
                        Arrays.copyOfRange(labels, step * batch, (step + 1) * batch), options(batch)).loss()[0];
            }
            assertEquals(written, net.usesWrittenBackprop());
            assertClose(expectedLosses, losses, FLOAT64_RELATIVE, "CNN loss per step");
            Array dense = array(last, "dense_kernel");
            double[] expected = concat(array(last, "conv1_kernel").values(), array(last, "conv1_bias").values(),
                    array(last, "conv2_kernel").values(), array(last, "conv2_bias").values(),
                    TorchOracle.transpose(dense.values(), (int) dense.shape()[0], (int) dense.shape()[1]),
                    array(last, "dense_bias").values());
            assertClose(expected, net.model().parameters().snapshot(), FLOAT64_RELATIVE, "CNN final weights");
        }
    }

    /** One flat row per example of an array (examples, ...). */
    private static double[][] examples(Array a) {
        int n = (int) a.shape()[0];
        int size = a.values().length / n;
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(a.values(), i * size, (i + 1) * size);
        }
        return rows;
    }

    private static double[] concat(double[]... parts) {
        return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
    }

    private static FitOptions options(int batchSize) {
        return FitOptions.builder().optEpochs(1).optBatchSize(batchSize).optShuffle(false).optSeed(3).optVerbose(0).build();
    }

    /** The model in float64 with the oracle's initial weights, set in Keras' layout. */
    private static CompiledModel compiled(boolean written) {
        return compiled(written, DataType.FLOAT64);
    }

    private static CompiledModel compiled(boolean written, DataType type) {
        double[] sizes = doubles(CASE.getAsJsonArray("sizes"));
        Sequential model = Sequential.builder()
                .add(Dense.of((int) sizes[1], Activation.RELU))
                .add(Dense.of((int) sizes[2], Activation.RELU))
                .add(Dense.of((int) sizes[3]))
                .optInputShape((long) sizes[0]).optSeed(1).optDataType(type).build();
        JsonArray kernels = CASE.getAsJsonArray("initial_kernels");
        JsonArray biases = CASE.getAsJsonArray("initial_biases");
        for (int layer = 0; layer < kernels.size(); layer++) {
            model.weights().set(layer, new LayerWeights(null,
                    array(wrap(kernels, layer), "a").floatRows(), array(wrap(biases, layer), "a").floats()));
        }
        CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true),
                new Adam(CASE.get("learning_rate").getAsDouble()));
        net.setWrittenBackpropAllowed(written);
        return net;
    }

    /** The final weights in the model's flat order: each layer's kernel as DJL holds it, (units, inputs), then its bias. */
    private static double[] expectedFinalParameters() {
        JsonArray kernels = CASE.getAsJsonArray("final_kernels");
        JsonArray biases = CASE.getAsJsonArray("final_biases");
        List<Double> flat = new ArrayList<>();
        for (int layer = 0; layer < kernels.size(); layer++) {
            Array k = array(wrap(kernels, layer), "a");
            int inputs = (int) k.shape()[0];
            int units = (int) k.shape()[1];
            for (int u = 0; u < units; u++) {
                for (int i = 0; i < inputs; i++) {
                    flat.add(k.values()[i * units + u]);
                }
            }
            for (double b : array(wrap(biases, layer), "a").values()) {
                flat.add(b);
            }
        }
        return flat.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int[] labels() {
        return Arrays.stream(doubles(CASE.getAsJsonArray("labels"))).mapToInt(d -> (int) d).toArray();
    }

    private static JsonObject wrap(JsonArray arrays, int i) {
        JsonObject o = new JsonObject();
        o.add("a", arrays.get(i));
        return o;
    }
}

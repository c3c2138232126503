package dev.nntrain.backprop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A multilayer perceptron (a stack of dense layers) evaluated on the {@link Tensor} engine, with
 * parameters passed in from outside: the reference a gradient checker compares DJL against.
 *
 * <p>Layout, the same as DJL's {@code Linear}: layer l has a weight of shape
 * {@code (units, inputs)} and a bias of shape {@code (units)} (see {@link LayerParameters}) and
 * computes {@code a = g(x · Wᵀ + b)} on a batch {@code x} of shape {@code (batch, inputs)}.
 * Inputs, outputs and targets are row-major {@code double[]}s with one example per row.
 *
 * <pre>{@code
 * Mlp mlp = Mlp.of(2, new DenseLayer(3, ActivationFunction.RELU), new DenseLayer(1, ActivationFunction.LINEAR));
 * List<LayerParameters> params = List.of(
 *         new LayerParameters(w1, b1),   // w1: 3 x 2, b1: 3
 *         new LayerParameters(w2, b2));  // w2: 1 x 3, b2: 1
 * Mlp.LossAndGradients result =
 *         mlp.lossAndGradients(params, x, LossKind.BINARY_CROSS_ENTROPY_FROM_LOGITS, y);
 * double[] dW1 = result.gradients().get(0).weight();   // 3 x 2, same layout as w1
 * }</pre>
 */
public final class Mlp {

    private final int inputs;
    private final List<DenseLayer> layers;

    /**
     * A network taking {@code inputs} features per example through {@code layers}, in order.
     *
     * @param inputs features per example, at least 1
     * @param layers the layers, first to last; at least one
     * @throws IllegalArgumentException if there are no layers or {@code inputs < 1}
     */
    public Mlp(int inputs, List<DenseLayer> layers) {
        if (inputs <= 0) {
            throw new IllegalArgumentException("need at least one input, got " + inputs);
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("need at least one layer");
        }
        this.inputs = inputs;
        this.layers = List.copyOf(layers);
    }

    /**
     * Same as {@link #Mlp(int, List)}.
     *
     * @param inputs features per example, at least 1
     * @param layers the layers, first to last; at least one
     * @return the network
     */
    public static Mlp of(int inputs, DenseLayer... layers) {
        return new Mlp(inputs, List.of(layers));
    }

    /**
     * Features per example.
     *
     * @return the input size
     */
    public int inputs() {
        return inputs;
    }

    /**
     * The layers, first to last.
     *
     * @return the layers; unmodifiable
     */
    public List<DenseLayer> layers() {
        return layers;
    }

    /**
     * Units of the last layer: values per example in the output.
     *
     * @return the output size
     */
    public int outputs() {
        return layers.get(layers.size() - 1).units();
    }

    /**
     * The input size of layer {@code index}: the network's inputs or the previous layer's units.
     *
     * @param index the layer, from 0
     * @return that layer's number of inputs
     */
    public int layerInputs(int index) {
        return index == 0 ? inputs : layers.get(index - 1).units();
    }

    /**
     * Total number of weights and biases.
     *
     * @return P, the length of {@link #flatten}'s vector
     */
    public int parameterCount() {
        int count = 0;
        for (int l = 0; l < layers.size(); l++) {
            count += layers.get(l).units() * (layerInputs(l) + 1);
        }
        return count;
    }

    // ---------------------------------------------------------------- forward and backward

    /**
     * The graph built by one forward pass: the output node and the leaf nodes holding each
     * layer's weight ({@code units × inputs}) and bias ({@code 1 × units}), whose gradients are
     * filled in once {@code backward()} is called on a loss computed from the output.
     *
     * @param output the last layer's activations, {@code batch × outputs}
     * @param weights one leaf per layer, DJL layout
     * @param biases one leaf per layer
     */
    public record Pass(Tensor output, List<Tensor> weights, List<Tensor> biases) {}

    /**
     * The cost and its gradient with respect to every parameter.
     *
     * @param loss the cost J for the batch
     * @param output the network's outputs, {@code batch × outputs}, row-major
     * @param gradients dJ/dW and dJ/db per layer, in the same layout as the parameters passed in
     */
    public record LossAndGradients(double loss, double[] output, List<LayerParameters> gradients) {}

    /**
     * Runs the network forward on a batch, building the graph.
     *
     * @param parameters one entry per layer, DJL layout (copied into the graph's leaves)
     * @param batch {@code batchSize × inputs()} values, row-major
     * @return the output node and the parameters' leaves, for a loss and {@code backward()} to follow
     */
    public Pass forward(List<LayerParameters> parameters, double[] batch) {
        checkParameters(parameters);
        int batchSize = batchSize(batch);
        Tensor activations = Tensor.of(batchSize, inputs, batch);
        List<Tensor> weights = new ArrayList<>();
        List<Tensor> biases = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            Tensor weight = Tensor.of(layer.units(), layerInputs(l), parameters.get(l).weight());
            Tensor bias = Tensor.of(1, layer.units(), parameters.get(l).bias());
            // DJL's Linear: z = x · Wᵀ + b, with W stored (units, inputs).
            Tensor z = activations.matmul(weight.transpose()).addRowVector(bias);
            activations = layer.activation().apply(z);
            weights.add(weight);
            biases.add(bias);
        }
        return new Pass(activations, Collections.unmodifiableList(weights), Collections.unmodifiableList(biases));
    }

    /**
     * The network's outputs for a batch, {@code batchSize × outputs()}, row-major.
     *
     * @param parameters one entry per layer, DJL layout
     * @param batch {@code batchSize × inputs()} values, row-major
     * @return the last layer's activations
     */
    public double[] predict(List<LayerParameters> parameters, double[] batch) {
        return forward(parameters, batch).output().data();
    }

    /**
     * The cost only (a forward pass): what {@link FiniteDifferences} nudges.
     *
     * @param parameters one entry per layer, DJL layout
     * @param batch {@code batchSize × inputs()} values, row-major
     * @param loss which loss, applied to the last layer's activations
     * @param targets see {@link LossKind#compute}
     * @return the cost J
     */
    public double loss(List<LayerParameters> parameters, double[] batch, LossKind loss, double[] targets) {
        return loss.compute(forward(parameters, batch).output(), targets).item();
    }

    /**
     * One forward and one backward pass: the cost and dJ/d(every parameter).
     *
     * @param parameters one entry per layer, DJL layout
     * @param batch {@code batchSize × inputs()} values, row-major
     * @param loss which loss, applied to the last layer's activations
     * @param targets see {@link LossKind#compute}: class indices or one value per output
     * @return the cost, the outputs and one gradient per parameter, in the parameters' layout
     */
    public LossAndGradients lossAndGradients(
            List<LayerParameters> parameters, double[] batch, LossKind loss, double[] targets) {
        Pass pass = forward(parameters, batch);
        Tensor cost = loss.compute(pass.output(), targets);
        cost.backward();
        List<LayerParameters> gradients = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            gradients.add(new LayerParameters(pass.weights().get(l).grad(), pass.biases().get(l).grad()));
        }
        return new LossAndGradients(cost.item(), pass.output().data(), Collections.unmodifiableList(gradients));
    }

    // ---------------------------------------------------------------- parameters as one vector

    /**
     * All parameters in one vector: layer 0's weight (row-major), layer 0's bias, layer 1's
     * weight, ... — the order of DJL's {@code SequentialBlock} parameter list.
     *
     * @param parameters one entry per layer, DJL layout
     * @return a new vector of {@link #parameterCount()} values
     */
    public double[] flatten(List<LayerParameters> parameters) {
        checkParameters(parameters);
        double[] flat = new double[parameterCount()];
        int at = 0;
        for (LayerParameters p : parameters) {
            System.arraycopy(p.weight(), 0, flat, at, p.weight().length);
            at += p.weight().length;
            System.arraycopy(p.bias(), 0, flat, at, p.bias().length);
            at += p.bias().length;
        }
        return flat;
    }

    /**
     * The inverse of {@link #flatten}: splits a vector into per-layer weights and biases.
     *
     * @param flat {@link #parameterCount()} values, in {@link #flatten}'s order
     * @return one entry per layer; the arrays are new
     */
    public List<LayerParameters> unflatten(double[] flat) {
        if (flat.length != parameterCount()) {
            throw new IllegalArgumentException(
                    "need " + parameterCount() + " parameters, got " + flat.length);
        }
        List<LayerParameters> parameters = new ArrayList<>();
        int at = 0;
        for (int l = 0; l < layers.size(); l++) {
            int units = layers.get(l).units();
            double[] weight = new double[units * layerInputs(l)];
            System.arraycopy(flat, at, weight, 0, weight.length);
            at += weight.length;
            double[] bias = new double[units];
            System.arraycopy(flat, at, bias, 0, units);
            at += units;
            parameters.add(new LayerParameters(weight, bias));
        }
        return Collections.unmodifiableList(parameters);
    }

    /**
     * Random parameters: weights uniform in {@code ±sqrt(6 / (inputs + units))} (Glorot uniform,
     * Keras's default for {@code Dense}) and biases uniform in ±0.1 rather than 0, so that tests
     * exercise the bias path.
     *
     * @param random the source of the draws, for reproducible parameters
     * @return one entry per layer
     */
    public List<LayerParameters> randomParameters(Random random) {
        List<LayerParameters> parameters = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            int units = layers.get(l).units();
            int in = layerInputs(l);
            double limit = Math.sqrt(6.0 / (in + units));
            double[] weight = new double[units * in];
            for (int i = 0; i < weight.length; i++) {
                weight[i] = (2 * random.nextDouble() - 1) * limit;
            }
            double[] bias = new double[units];
            for (int i = 0; i < units; i++) {
                bias[i] = (2 * random.nextDouble() - 1) * 0.1;
            }
            parameters.add(new LayerParameters(weight, bias));
        }
        return Collections.unmodifiableList(parameters);
    }

    // ---------------------------------------------------------------- checks

    private int batchSize(double[] batch) {
        if (batch.length == 0 || batch.length % inputs != 0) {
            throw new IllegalArgumentException(
                    "a batch needs a whole number of rows of " + inputs + " inputs, got " + batch.length + " values");
        }
        return batch.length / inputs;
    }

    private void checkParameters(List<LayerParameters> parameters) {
        if (parameters.size() != layers.size()) {
            throw new IllegalArgumentException(
                    "need parameters for " + layers.size() + " layers, got " + parameters.size());
        }
        for (int l = 0; l < layers.size(); l++) {
            int units = layers.get(l).units();
            LayerParameters p = parameters.get(l);
            if (p.weight().length != units * layerInputs(l)) {
                throw new IllegalArgumentException("layer " + l + ": weight must be (units " + units
                        + ", inputs " + layerInputs(l) + ") = " + units * layerInputs(l)
                        + " values, got " + p.weight().length);
            }
            if (p.bias().length != units) {
                throw new IllegalArgumentException(
                        "layer " + l + ": bias must have " + units + " values, got " + p.bias().length);
            }
        }
    }

    /** For example {@code Mlp(2 -> 3 relu -> 1 linear)}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Mlp(").append(inputs);
        for (DenseLayer layer : layers) {
            s.append(" -> ").append(layer.units()).append(' ').append(layer.activation().name());
        }
        return s.append(')').toString();
    }
}

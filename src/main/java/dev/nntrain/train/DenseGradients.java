package dev.nntrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

import dev.nntrain.data.Examples;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Dense;
import dev.nntrain.model.Flatten;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Sequential;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Backpropagation written out with engine operations for a stack of dense layers: the forward
 * pass, the loss, and every layer's gradient, without the autograd tape.
 *
 * <p>Why: for the small networks of the course, a training step is a few dozen tiny operations,
 * and recording them for autograd (a graph node per operation, saved inputs, a reverse traversal
 * of the graph, gradients accumulated into each parameter) costs more than the arithmetic. The
 * rules here are the course's (COURSE.md sections 14-15), layer by layer: for {@code a = g(z)},
 * {@code z = x W^T + b}, and an upstream gradient {@code dJ/da}:
 *
 * <pre>
 *   dJ/dz = dJ/da * g'(z)      dJ/dW = (dJ/dz)^T x      dJ/db = sum over the batch of dJ/dz
 *   dJ/dx = dJ/dz W
 * </pre>
 *
 * and at the output, for the from-logits losses, {@code dJ/dz = (softmax(z) - onehot(y)) / m} or
 * {@code (sigmoid(z) - y) / (m k)}, and for the mean squared error {@code 2 (a - y) / (m k) *
 * g'(z)}. Tests hold the result to DJL's autograd ({@code GradientCollector}) within float
 * rounding. Models or losses outside this set train through autograd instead.
 */
final class DenseGradients implements AutoCloseable {

    private enum Kind { SOFTMAX_CE, SIGMOID_BCE, MSE }

    private final Kind kind;
    private final List<Activation> activations = new ArrayList<>();
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> biases = new ArrayList<>();
    private final int outputs;
    private final NDManager manager;
    private final NDArray zero;
    private final NDArray one;
    private final NDArray half;
    private final NDArray alpha;
    private final Map<Integer, NDArray> scales = new HashMap<>();

    /**
     * Whether a model and loss can be trained by these rules.
     *
     * @param model the model
     * @param loss the loss
     * @return true for dense layers (after any leading flatten) with linear, ReLU, leaky ReLU,
     *     sigmoid or tanh activations, and a from-logits cross-entropy or the mean squared error
     */
    static boolean supports(Sequential model, Loss loss) {
        boolean denseSeen = false;
        for (Layer layer : model.getLayers()) {
            if (layer instanceof Flatten) {
                if (denseSeen) {
                    return false;
                }
            } else if (layer instanceof Dense dense) {
                denseSeen = true;
                if (dense.activation() == Activation.SOFTMAX) {
                    return false;
                }
            } else {
                return false;
            }
        }
        if (!denseSeen) {
            return false;
        }
        Activation out = model.getOutputActivation();
        if (loss instanceof SparseCategoricalCrossentropy || loss instanceof BinaryCrossentropy) {
            return loss.fromLogits() && out == Activation.LINEAR;
        }
        return loss instanceof MeanSquaredError;
    }

    /**
     * Prepares the rules for a model whose parameters are the given views.
     *
     * @param model the model (its layer list)
     * @param loss the loss
     * @param parameters the arrays to compute with: weight then bias per dense layer
     */
    DenseGradients(Sequential model, Loss loss, List<NDArray> parameters) {
        if (!supports(model, loss)) {
            throw new IllegalArgumentException("the fast path does not cover " + model + " with " + loss);
        }
        kind = loss instanceof SparseCategoricalCrossentropy ? Kind.SOFTMAX_CE
                : loss instanceof BinaryCrossentropy ? Kind.SIGMOID_BCE : Kind.MSE;
        int k = 0;
        for (Layer layer : model.getLayers()) {
            if (layer instanceof Dense) {
                activations.add(layer.activation());
                weights.add(parameters.get(k++));
                biases.add(parameters.get(k++));
            }
        }
        long[] out = model.getOutputShape();
        outputs = (int) out[out.length - 1];
        manager = parameters.get(0).getManager().newSubManager();
        DataType type = parameters.get(0).getDataType();
        zero = constant(0, type);
        one = constant(1, type);
        half = constant(0.5, type);
        alpha = constant(Activation.LEAKY_RELU_ALPHA, type);
    }

    private NDArray constant(double value, DataType type) {
        return Scalars.of(manager, value, type);
    }

    /**
     * Encodes targets as one row of {@code k} values per example: a one-hot row for class labels,
     * the 0/1 or real targets otherwise.
     *
     * @param target the manager that will own the array
     * @param data the examples
     * @param type the model's floating-point type
     * @return an {@code (n, k)} array
     */
    NDArray encodeTargets(NDManager target, Examples data, DataType type) {
        if (kind == Kind.SOFTMAX_CE) {
            float[] oneHot = new float[data.size() * outputs];
            float[] labels = data.targets();
            for (int i = 0; i < data.size(); i++) {
                oneHot[i * outputs + (int) labels[i]] = 1f;
            }
            return upload(target, oneHot, data.size(), outputs, type);
        }
        return upload(target, data.targets(), data.size(), data.targetWidth(), type);
    }

    private static NDArray upload(NDManager target, float[] values, int rows, int cols, DataType type) {
        NDArray a = target.create(values, new Shape(rows, cols));
        if (type == DataType.FLOAT32) {
            return a;
        }
        NDArray cast = a.toType(type, true);
        a.close();
        return cast;
    }

    /** @return how many loss terms one example contributes: 1, or k outputs for BCE and MSE */
    int termsPerExample() {
        return kind == Kind.SOFTMAX_CE ? 1 : outputs;
    }

    /**
     * Computes one batch's gradient. Every array it creates belongs to the manager of {@code x}.
     *
     * @param x the batch's inputs, {@code (m, features)}
     * @param t the batch's encoded targets, {@code (m, k)}
     * @param lossSum the running sum of loss terms, updated in place
     * @param correct the running count of correct predictions, updated in place, or null
     * @return the gradient of the mean loss, flat, in parameter order
     */
    NDArray gradient(NDArray x, NDArray t, NDArray lossSum, NDArray correct) {
        int m = (int) x.getShape().get(0);
        int layers = weights.size();
        NDArray[] a = new NDArray[layers + 1];
        a[0] = x.getShape().dimension() == 2 ? x : x.reshape(m, -1);
        for (int l = 0; l < layers; l++) {
            NDArray z = Linear.linear(a[l], weights.get(l), biases.get(l)).singletonOrThrow();
            a[l + 1] = activations.get(l).apply(z);
        }
        NDArray dz = outputGradient(a[layers], t, m, lossSum, correct);
        NDArray[] grads = new NDArray[2 * layers];
        for (int l = layers - 1; l >= 0; l--) {
            grads[2 * l] = dz.transpose().matMul(a[l]).reshape(-1);
            grads[2 * l + 1] = dz.sum(new int[] {0});
            if (l > 0) {
                NDArray da = dz.matMul(weights.get(l));
                dz = activationBackward(activations.get(l - 1), da, a[l]);
            }
        }
        return NDArrays.concat(new NDList(grads));
    }

    private NDArray outputGradient(NDArray out, NDArray t, int m, NDArray lossSum, NDArray correct) {
        switch (kind) {
            case SOFTMAX_CE: {
                NDArray logp = out.logSoftmax(1);
                NDArray dz = logp.exp().subi(t).muli(scale(m, 1.0 / m)); // (softmax(z) - y) / m
                lossSum.subi(logp.muli(t).sum()); // -sum log a_y, reusing logp's memory
                if (correct != null) {
                    correct.addi(out.argMax(1).eq(t.argMax(1)).sum());
                }
                return dz;
            }
            case SIGMOID_BCE: {
                // y softplus(-z) + (1 - y) softplus(z): the logistic loss of sigmoid(z)
                NDArray positive = ai.djl.nn.Activation.softPlus(out.neg()).muli(t);
                NDArray negative = ai.djl.nn.Activation.softPlus(out).muli(one.sub(t));
                lossSum.addi(positive.addi(negative).sum());
                if (correct != null) {
                    correct.addi(out.gt(zero).eq(t.gt(half)).sum());
                }
                return out.getNDArrayInternal().sigmoid().subi(t).muli(scale(m, 1.0 / ((double) m * outputs)));
            }
            case MSE: {
                // the output activation is applied in the forward pass; its derivative follows
                NDArray diff = out.sub(t);
                lossSum.addi(diff.mul(diff).sum());
                NDArray da = diff.muli(scale(m, 2.0 / ((double) m * outputs)));
                return activationBackward(activations.get(activations.size() - 1), da, out);
            }
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * Multiplies an upstream gradient by {@code g'(z)}, written with the activation's output
     * {@code a = g(z)}: ReLU 1 where a > 0, leaky ReLU 1 or alpha, sigmoid a (1 - a), tanh 1 - a^2.
     */
    private NDArray activationBackward(Activation g, NDArray da, NDArray a) {
        switch (g) {
            case LINEAR:
                return da;
            case RELU:
                return da.muli(a.gt(zero));
            case LEAKY_RELU:
                return NDArrays.where(a.gt(zero), da, da.mul(alpha));
            case SIGMOID:
                return da.muli(a.sub(a.mul(a)));
            case TANH:
                return da.muli(one.sub(a.mul(a)));
            default:
                throw new AssertionError(g);
        }
    }

    /** A cached scalar per batch size: the full batches share one, the short last batch another. */
    private NDArray scale(int m, double value) {
        NDArray s = scales.get(m);
        if (s == null) {
            s = constant(value, zero.getDataType());
            scales.put(m, s);
        }
        return s;
    }

    @Override
    public void close() {
        manager.close();
    }
}

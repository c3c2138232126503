package dev.nntrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

import dev.nntrain.engine.EngineScalars;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.WrittenBackward;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.metric.TrainingMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Backpropagation without the autograd tape: the forward pass through each layer's own DJL
 * blocks, keeping every layer's input and output; the loss's written-out gradient at the output;
 * then each layer's {@link WrittenBackward}, output to input, chaining {@code dJ/d(input)} of one
 * layer into {@code dJ/d(output)} of the layer before.
 *
 * <p>Why: for the course's small networks a training step is a few dozen tiny operations, and
 * recording them for autograd (a graph node per operation, saved inputs, a reverse traversal,
 * gradients accumulated into each parameter) costs more than the arithmetic. Tests hold the
 * result to DJL's autograd within float rounding. A model with a layer that has no written-out
 * backward, or a loss without a written-out gradient, trains through autograd instead.
 */
final class WrittenBackprop {

    private final Sequential model;
    private final Loss loss;
    private final EngineScalars scalars;
    private final List<WrittenBackward> backward = new ArrayList<>();
    private final int parameterArrays;
    private final int outputWidth;
    /** The first layer with parameters: no layer before it needs its input gradient. */
    private final int firstWeighted;

    /**
     * Whether a model and loss can be trained this way: the loss has a written-out gradient and
     * every layer a written-out backward pass.
     *
     * @param model the model
     * @param loss the loss
     * @return true if so
     */
    static boolean supports(Sequential model, Loss loss) {
        if (!loss.hasWrittenGradient() || model.parameterCount() == 0) {
            return false;
        }
        for (Layer layer : model.layers()) {
            if (layer.writtenBackward().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    WrittenBackprop(Sequential model, Loss loss, EngineScalars scalars) {
        if (!supports(model, loss)) {
            throw new IllegalStateException("no written-out backpropagation for " + model + " with " + loss);
        }
        this.model = model;
        this.loss = loss;
        this.scalars = scalars;
        int first = -1;
        for (int i = 0; i < model.layers().size(); i++) {
            backward.add(model.layers().get(i).writtenBackward().orElseThrow());
            if (first < 0 && !model.shapes().parameters(i).isEmpty()) {
                first = i;
            }
        }
        this.firstWeighted = first;
        this.parameterArrays = model.parameters().arrays().size();
        long[] out = model.outputShape();
        this.outputWidth = Math.toIntExact(out[out.length - 1]);
    }

    /**
     * Computes one batch's gradient. Every array it creates belongs to the manager of {@code x}.
     *
     * @param x the batch's inputs
     * @param t the batch's targets, as {@link Loss#targets} encodes them
     * @param weights the batch's example weights {@code (m, 1)}, or null when every example weighs 1
     * @param batchSize the number of examples in the batch
     * @param lossSum the running sum of loss terms, updated in place
     * @param metrics the running training metric, updated in place, or null
     * @return the gradient of the batch's mean loss, flat, in the parameters' order
     */
    NDArray gradient(NDArray x, NDArray t, NDArray weights, int batchSize, NDArray lossSum, TrainingMetrics metrics) {
        int layers = backward.size();
        NDArray[] a = new NDArray[layers + 1];
        a[0] = x;
        for (int l = 0; l < layers; l++) {
            a[l + 1] = model.forwardLayer(l, a[l], true);
        }
        if (metrics != null) {
            metrics.add(a[layers], t);
        }
        NDArray upstream = loss.writtenGradient(a[layers], t, new Loss.Batch(batchSize, outputWidth), lossSum, scalars,
                weights);
        NDArray[] grads = new NDArray[parameterArrays];
        int slot = parameterArrays;
        for (int l = layers - 1; l >= firstWeighted; l--) {
            WrittenBackward.Step step = new WrittenBackward.Step(
                    a[l], a[l + 1], upstream, model.layerParameters(l), l > firstWeighted, scalars);
            WrittenBackward.Gradients g = backward.get(l).backward(step);
            List<NDArray> own = g.parameters();
            slot -= own.size();
            for (int p = 0; p < own.size(); p++) {
                // a bias is flat already: every reshape, even a shape query, is an engine call
                boolean flat = model.shapes().parameters(l).get(p).dimension() == 1;
                grads[slot + p] = flat ? own.get(p) : own.get(p).reshape(-1);
            }
            upstream = g.input();
        }
        return NDArrays.concat(new NDList(grads));
    }
}

package dev.nntrain.backprop.check;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import dev.nntrain.engine.Engines;
import dev.nntrain.model.Sequential;
import dev.nntrain.train.loss.Loss;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The loss and the gradient of every parameter as DJL computes them: a forward pass of the
 * model's block and the nntrain loss inside a {@link GradientCollector}, then
 * {@code backward} on the loss, in the model's own data type.
 */
final class DjlGradients {

    /**
     * @param loss the loss DJL computed, widened to double
     * @param gradients one array per parameter, {@link Sequential#getParameterArrays()} order
     */
    record Result(double loss, List<double[]> gradients) {}

    private DjlGradients() {}

    /**
     * Runs one forward and backward pass. The model should be fresh (see {@link ModelCopies}):
     * PyTorch adds new gradients to old ones and DJL's collector does not clear them.
     *
     * @param model a built model; its inputs are converted to its data type
     * @param loss the nntrain loss, which also lays out the targets
     * @param batch inputs and targets
     */
    static Result compute(Sequential model, Loss loss, Batch batch) {
        DataType type = model.dataType();
        // Every array made for this pass lives in a sub-manager, closed at the end; the
        // parameters and their gradients stay with the model.
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray x = scope.create(batch.x(), batchShape(batch.size(), model.inputShape())).toType(type, false);
            NDArray target = loss.targets(scope, batch.targets(), batch.size(), batch.targetWidth(), model.outputShape()[0], type);
            double value;
            // one collector at a time in the process (see Engines.newGradientCollector)
            try (GradientCollector collector = Engines.newGradientCollector(scope.getEngine())) {
                NDArray output = model.block()
                        .forward(new ParameterStore(scope, false), new NDList(x), true)
                        .singletonOrThrow();
                NDArray cost = loss.compute(output, target);
                collector.backward(cost);
                value = ModelCopies.toDoubles(cost)[0];
            }
            List<double[]> gradients = new ArrayList<>();
            for (Parameter parameter : model.parameters().parameters()) {
                // getGradient() returns a new handle on the gradient (or a new array of zeros)
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    gradients.add(ModelCopies.toDoubles(gradient));
                }
            }
            return new Result(value, Collections.unmodifiableList(gradients));
        }
    }

    private static Shape batchShape(int size, long[] example) {
        long[] shape = new long[example.length + 1];
        shape[0] = size;
        System.arraycopy(example, 0, shape, 1, example.length);
        return new Shape(shape);
    }
}

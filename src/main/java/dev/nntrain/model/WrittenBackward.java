package dev.nntrain.model;

import ai.djl.ndarray.NDArray;

import java.util.List;
import java.util.Objects;
import dev.nntrain.engine.EngineScalars;

/**
 * A layer's backward pass written out with engine operations: from the gradient of the loss with
 * respect to the layer's output, the gradients with respect to its parameters and its input.
 * Training with these instead of the autograd tape skips recording a graph node per operation,
 * which on small networks costs more than the arithmetic. Each rule is checked against autograd
 * and finite differences in the tests.
 */
@FunctionalInterface
public interface WrittenBackward {

    /**
     * Computes one layer's gradients for a batch. Every array it creates belongs to the manager of
     * {@code step.outputGradient()}.
     *
     * @param step the layer's input and output in the forward pass, its parameters and {@code
     *     dJ/d(output)}
     * @return {@code dJ/d(input)} (null when not asked for) and {@code dJ/d(parameter)} for each
     *     parameter, in the layer's order and shapes
     */
    Gradients backward(Step step);

    /**
     * What a layer's backward pass reads.
     *
     * @param input the layer's input batch
     * @param output the layer's output batch (after its activation)
     * @param outputGradient the gradient of the loss with respect to {@code output}; the rule may
     *     overwrite it (an activation's derivative is multiplied in place), so pass a copy to keep it
     * @param parameters the layer's parameter arrays
     * @param needsInputGradient false for the first layer, whose input gradient nobody reads
     * @param scalars cached engine constants of the model's type
     */
    record Step(
            NDArray input,
            NDArray output,
            NDArray outputGradient,
            List<NDArray> parameters,
            boolean needsInputGradient,
            EngineScalars scalars) {

        /**
         * Checks that every array is there.
         *
         * @param input the layer's input batch
         * @param output the layer's output batch
         * @param outputGradient the gradient of the loss with respect to {@code output}
         * @param parameters the layer's parameter arrays
         * @param needsInputGradient false for the first layer
         * @param scalars cached engine constants
         */
        public Step {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(outputGradient, "outputGradient");
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(scalars, "scalars");
        }
    }

    /**
     * A layer's gradients.
     *
     * @param input {@code dJ/d(input)}, or null
     * @param parameters {@code dJ/d(parameter)} for each parameter
     */
    record Gradients(NDArray input, List<NDArray> parameters) {

        /**
         * Checks that the parameters' gradients are there.
         *
         * @param input {@code dJ/d(input)}, or null
         * @param parameters {@code dJ/d(parameter)} for each parameter
         */
        public Gradients {
            Objects.requireNonNull(parameters, "parameters");
        }
    }
}

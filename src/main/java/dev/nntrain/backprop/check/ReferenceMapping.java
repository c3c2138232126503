package dev.nntrain.backprop.check;

import dev.nntrain.InvalidInputException;
import dev.nntrain.backprop.ActivationFunction;
import dev.nntrain.backprop.DenseLayer;
import dev.nntrain.backprop.LossKind;
import dev.nntrain.backprop.Mlp;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.CategoricalCrossentropy;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;

import java.util.ArrayList;
import java.util.List;

/**
 * How an nntrain model and loss translate to the hand-rolled engine of
 * {@code dev.nntrain.backprop}: every activation, and the loss together with the output layer's
 * activation. The output layer must suit the loss by the same rule model compilation applies
 * ({@link Loss#checkOutputActivation}); this class then names the loss's hand-rolled twin.
 *
 * <p>The loss mapping. The hand-rolled {@link Mlp} applies the output activation itself and then
 * the {@link LossKind}, exactly as the nntrain {@link Loss} is applied to the model's outputs.
 *
 * <table>
 *   <caption>output activation + nntrain loss → hand-rolled loss</caption>
 *   <tr><th>nntrain loss</th><th>output activation</th><th>{@link LossKind}</th></tr>
 *   <tr><td>{@code SparseCategoricalCrossentropy(fromLogits=true)}</td>
 *       <td>linear</td><td>SOFTMAX_CROSS_ENTROPY_FROM_LOGITS</td></tr>
 *   <tr><td>{@code SparseCategoricalCrossentropy(fromLogits=false)}</td>
 *       <td>softmax</td><td>SPARSE_CATEGORICAL_CROSS_ENTROPY</td></tr>
 *   <tr><td>{@code CategoricalCrossentropy(fromLogits=true)}</td>
 *       <td>linear</td><td>CATEGORICAL_CROSS_ENTROPY_FROM_LOGITS</td></tr>
 *   <tr><td>{@code CategoricalCrossentropy(fromLogits=false)}</td>
 *       <td>softmax</td><td>CATEGORICAL_CROSS_ENTROPY</td></tr>
 *   <tr><td>{@code BinaryCrossentropy(fromLogits=true)} (one or several outputs)</td>
 *       <td>linear</td><td>BINARY_CROSS_ENTROPY_FROM_LOGITS</td></tr>
 *   <tr><td>{@code BinaryCrossentropy(fromLogits=false)}</td>
 *       <td>sigmoid</td><td>BINARY_CROSS_ENTROPY</td></tr>
 *   <tr><td>{@code MeanSquaredError}</td><td>any</td><td>MEAN_SQUARED_ERROR</td></tr>
 * </table>
 *
 * <p>Every other pairing is rejected with an {@link InvalidInputException}, as {@code compile}
 * rejects it: a from-logits loss after a sigmoid or softmax output would squash the outputs twice
 * (the mistake Keras warns about), after a ReLU or tanh it would clip the logits; a loss from
 * probabilities after anything but its softmax or sigmoid reads values that are not
 * probabilities, which its clipping would silently hide. The engine could evaluate all of these,
 * but checking the gradient of a model that cannot be trained only hides the real problem.
 */
public final class ReferenceMapping {

    private ReferenceMapping() {}

    /**
     * The hand-rolled twin of an nntrain activation.
     *
     * <p>Leaky ReLU uses Keras' slope {@link Activation#LEAKY_RELU_ALPHA}, 0.2, which nntrain's
     * float64 models use exactly (they once used the float {@code 0.2f} widened to {@code
     * 0.20000000298...}, and this mapping copied it; PyTorch's oracle caught both).
     *
     * @param activation an nntrain activation
     * @return the hand-rolled activation computing the same function
     */
    public static ActivationFunction activation(Activation activation) {
        return switch (activation) {
            case LINEAR -> ActivationFunction.LINEAR;
            case SIGMOID -> ActivationFunction.SIGMOID;
            case RELU -> ActivationFunction.RELU;
            case TANH -> ActivationFunction.TANH;
            case LEAKY_RELU -> ActivationFunction.leakyRelu(Activation.LEAKY_RELU_ALPHA);
            case SOFTMAX -> ActivationFunction.SOFTMAX;
        };
    }

    /**
     * The hand-rolled loss equivalent to {@code loss} applied to the outputs of an output layer
     * with activation {@code output}; see the class comment for the table.
     *
     * @param loss the nntrain loss
     * @param output the activation of the model's output layer
     * @return the hand-rolled loss to apply to the hand-rolled network's outputs
     * @throws InvalidInputException for a combination the class comment lists as rejected
     */
    public static LossKind lossKind(Loss loss, Activation output) {
        loss.checkOutputActivation(output);
        boolean logits = loss.fromLogits();
        if (loss instanceof SparseCategoricalCrossentropy) {
            return logits ? LossKind.SOFTMAX_CROSS_ENTROPY_FROM_LOGITS : LossKind.SPARSE_CATEGORICAL_CROSS_ENTROPY;
        } else if (loss instanceof CategoricalCrossentropy) {
            return logits ? LossKind.CATEGORICAL_CROSS_ENTROPY_FROM_LOGITS : LossKind.CATEGORICAL_CROSS_ENTROPY;
        } else if (loss instanceof BinaryCrossentropy) {
            return logits ? LossKind.BINARY_CROSS_ENTROPY_FROM_LOGITS : LossKind.BINARY_CROSS_ENTROPY;
        } else if (loss instanceof MeanSquaredError) {
            return LossKind.MEAN_SQUARED_ERROR;
        }
        throw new InvalidInputException("loss " + loss + " has no hand-rolled twin: the gradient check covers "
                + String.join(", ", Loss.knownNames()));
    }

    /**
     * The hand-rolled network computing the same function as {@code model}: one
     * {@link DenseLayer} per {@link Dense} layer, with the activation mapped by
     * {@link #activation}. {@link Flatten} layers are left out: the engine takes each example as
     * one flat row already.
     *
     * @param model a built model of dense and flatten layers
     * @return the hand-rolled network; give it the model's parameters with {@code ModelCopies}
     * @throws InvalidInputException if the model is not built, has no dense layer, or has a
     *     layer other than {@link Dense} and {@link Flatten} (a convolution or a
     *     pooling layer, which the hand-rolled engine does not compute)
     */
    public static Mlp mlp(Sequential model) {
        if (!model.isBuilt()) {
            throw new InvalidInputException("the model must be built (give it an input shape)");
        }
        List<DenseLayer> layers = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            // a Flatten has no parameters and no activation: the engine's rows are flat already
            if (layer instanceof Dense dense) {
                layers.add(new DenseLayer(dense.units(), activation(dense.activation())));
            } else if (!(layer instanceof Flatten)) {
                throw new InvalidInputException("layer " + model.layerNames().get(i) + " ("
                        + layer.typeName() + ") has no hand-rolled equivalent: the gradient check covers"
                        + " Dense and Flatten layers only");
            }
        }
        if (layers.isEmpty()) {
            throw new InvalidInputException("the model has no Dense layer, so no gradient to check");
        }
        return new Mlp(Math.toIntExact(exampleSize(model.inputShape())), layers);
    }

    /** The number of values in one example of the given shape. */
    static long exampleSize(long[] shape) {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        return size;
    }
}

package dev.nntrain.backprop.check;

import dev.nntrain.backprop.ActivationFunction;
import dev.nntrain.backprop.DenseLayer;
import dev.nntrain.backprop.LossKind;
import dev.nntrain.backprop.Mlp;
import dev.nntrain.model.Dense;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Sequential;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;

import java.util.ArrayList;
import java.util.List;

/**
 * How an nntrain model and loss translate to the hand-rolled engine of
 * {@code dev.nntrain.backprop}: every activation, and the loss together with the output layer's
 * activation. Every combination either maps or is rejected here, in one place.
 *
 * <p>The loss mapping. The hand-rolled {@link Mlp} applies the output activation itself and then
 * the {@link LossKind}, exactly as the nntrain {@link Loss} is applied to the model's outputs.
 *
 * <table>
 *   <caption>output activation + nntrain loss → hand-rolled loss</caption>
 *   <tr><th>nntrain loss</th><th>output activation</th><th>{@link LossKind}</th></tr>
 *   <tr><td>{@code SparseCategoricalCrossentropy(fromLogits=true)}</td>
 *       <td>linear, relu, leaky_relu, tanh</td><td>SOFTMAX_CROSS_ENTROPY_FROM_LOGITS</td></tr>
 *   <tr><td>{@code SparseCategoricalCrossentropy(fromLogits=false)}</td>
 *       <td>softmax</td><td>SPARSE_CATEGORICAL_CROSS_ENTROPY</td></tr>
 *   <tr><td>{@code BinaryCrossentropy(fromLogits=true)} (one or several outputs)</td>
 *       <td>linear, relu, leaky_relu, tanh</td><td>BINARY_CROSS_ENTROPY_FROM_LOGITS</td></tr>
 *   <tr><td>{@code BinaryCrossentropy(fromLogits=false)}</td>
 *       <td>sigmoid</td><td>BINARY_CROSS_ENTROPY</td></tr>
 *   <tr><td>{@code MeanSquaredError}</td><td>any</td><td>MEAN_SQUARED_ERROR</td></tr>
 * </table>
 *
 * <p>Rejected, with an {@link IllegalArgumentException}: a from-logits loss after a sigmoid or
 * softmax output (the outputs would be squashed twice, the mistake Keras warns about); binary
 * cross-entropy from probabilities after anything but a sigmoid, and sparse cross-entropy from
 * probabilities after anything but a softmax (other outputs are not probabilities, and the
 * clipping in those losses would silently hide it). The engine could evaluate all of these, but
 * checking the gradient of a model that is wrong by construction only hides the real problem.
 */
public final class ReferenceMapping {

    private ReferenceMapping() {}

    /**
     * The hand-rolled twin of an nntrain activation.
     *
     * <p>Leaky ReLU uses the slope {@code (double) 0.2f}, not {@code 0.2}: nntrain passes the
     * float {@link dev.nntrain.model.Activation#LEAKY_RELU_ALPHA} to DJL, which widens it to the
     * double {@code 0.20000000298...} before PyTorch sees it. With {@code 0.2} the two engines
     * would differ by 1.5e-8 relative on every negative pre-activation, above the float64 bound.
     *
     * @param activation an nntrain activation
     * @return the hand-rolled activation computing the same function
     */
    public static ActivationFunction activation(dev.nntrain.model.Activation activation) {
        return switch (activation) {
            case LINEAR -> ActivationFunction.LINEAR;
            case SIGMOID -> ActivationFunction.SIGMOID;
            case RELU -> ActivationFunction.RELU;
            case TANH -> ActivationFunction.TANH;
            case LEAKY_RELU -> ActivationFunction.leakyRelu(dev.nntrain.model.Activation.LEAKY_RELU_ALPHA);
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
     * @throws IllegalArgumentException for a combination the class comment lists as rejected, or
     *     a loss class this mapping does not know
     */
    public static LossKind lossKind(Loss loss, dev.nntrain.model.Activation output) {
        dev.nntrain.model.Activation expected = loss.expectedOutputActivation();
        boolean squashed = output == dev.nntrain.model.Activation.SIGMOID
                || output == dev.nntrain.model.Activation.SOFTMAX;
        // logits may come from any activation that does not squash them into probabilities
        boolean fits = expected == null || (loss.fromLogits() ? !squashed : output == expected);
        if (!fits) {
            throw new dev.nntrain.InvalidInputException(loss + " needs "
                    + (loss.fromLogits() ? "a linear (logits)" : "a " + expected.kerasName())
                    + " output layer, but the output layer's activation is " + output.kerasName());
        }
        return loss.reference();
    }

    /**
     * The hand-rolled network computing the same function as {@code model}: one
     * {@link DenseLayer} per {@link Dense} layer, with the activation mapped by
     * {@link #activation}. {@link dev.nntrain.model.Flatten} layers are left out: the engine takes each example as
     * one flat row already.
     *
     * @param model a built model of dense and flatten layers
     * @return the hand-rolled network; give it the model's parameters with {@code ModelCopies}
     * @throws IllegalArgumentException if the model is not built, has no dense layer, or has a
     *     layer other than {@link Dense} and {@link dev.nntrain.model.Flatten} (a convolution or a
     *     pooling layer, which the hand-rolled engine does not compute)
     */
    public static Mlp mlp(Sequential model) {
        if (!model.isBuilt()) {
            throw new dev.nntrain.InvalidInputException("the model must be built (give it an input shape)");
        }
        List<DenseLayer> layers = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            // a Flatten has no parameters and no activation: the engine's rows are flat already
            if (layer instanceof Dense dense) {
                layers.add(new DenseLayer(dense.units(), activation(dense.activation())));
            } else if (!(layer instanceof dev.nntrain.model.Flatten)) {
                throw new dev.nntrain.InvalidInputException("layer " + model.layerNames().get(i) + " ("
                        + layer.typeName() + ") has no hand-rolled equivalent: the gradient check covers"
                        + " Dense and Flatten layers only");
            }
        }
        if (layers.isEmpty()) {
            throw new dev.nntrain.InvalidInputException("the model has no Dense layer, so no gradient to check");
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

    private static void requireNot(boolean wrong, Loss loss, dev.nntrain.model.Activation output, String needs) {
        if (wrong) {
            throw new dev.nntrain.InvalidInputException(loss + " needs " + needs + ", but the output layer's activation is "
                    + output.kerasName());
        }
    }
}

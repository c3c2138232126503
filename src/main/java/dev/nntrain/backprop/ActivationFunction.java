package dev.nntrain.backprop;

import java.util.function.UnaryOperator;

/**
 * A dense layer's activation function g, applied to its pre-activations {@code z = x·Wᵀ + b}.
 * The same choices as Keras and DJL: linear, ReLU, leaky ReLU, sigmoid, tanh and softmax.
 */
public final class ActivationFunction {

    /** {@code g(z) = z}: "no activation", for regression outputs and logits. */
    public static final ActivationFunction LINEAR = new ActivationFunction("linear", z -> z);
    /** {@code g(z) = max(0, z)}. */
    public static final ActivationFunction RELU = new ActivationFunction("relu", Tensor::relu);
    /** {@code g(z) = 1 / (1 + e^-z)}. */
    public static final ActivationFunction SIGMOID = new ActivationFunction("sigmoid", Tensor::sigmoid);
    /** {@code g(z) = tanh(z)}. */
    public static final ActivationFunction TANH = new ActivationFunction("tanh", Tensor::tanh);
    /** Softmax over each row (each example's units); every output depends on the whole row. */
    public static final ActivationFunction SOFTMAX = new ActivationFunction("softmax", Tensor::softmaxRows);

    private final String name;
    private final UnaryOperator<Tensor> function;

    private ActivationFunction(String name, UnaryOperator<Tensor> function) {
        this.name = name;
        this.function = function;
    }

    /**
     * {@code g(z) = z} for positive z, {@code alpha · z} otherwise (DJL's {@code leakyRelu}).
     *
     * @param alpha the slope for negative z
     * @return the activation
     */
    public static ActivationFunction leakyRelu(double alpha) {
        return new ActivationFunction("leaky_relu(" + alpha + ")", z -> z.leakyRelu(alpha));
    }

    /**
     * Applies g to every pre-activation; {@link #LINEAR} returns {@code z} itself.
     *
     * @param z the pre-activations of a layer
     * @return a new node of {@code z}'s shape (or {@code z} for {@link #LINEAR})
     */
    public Tensor apply(Tensor z) {
        return function.apply(z);
    }

    /**
     * The activation's name, such as {@code "relu"}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /** The name. */
    @Override
    public String toString() {
        return name;
    }
}

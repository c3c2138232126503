package dev.nntrain.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;

import java.util.Locale;
import java.util.Objects;
import dev.nntrain.InvalidInputException;
import dev.nntrain.engine.EngineScalars;

/**
 * The activation functions a {@link dev.nntrain.model.layer.Dense} layer can apply to its pre-activations {@code z}.
 *
 * <p>The course's rule of thumb (see the activations lesson): ReLU in hidden layers; at the output,
 * sigmoid for a 0/1 target, linear for a target of either sign, ReLU for a non-negative target.
 * {@link #SOFTMAX} is allowed only on the output layer. When a loss is computed "from logits",
 * the output layer is {@link #LINEAR} and the loss applies the sigmoid or softmax itself.
 */
public enum Activation {
    /** {@code g(z) = z}: "no activation". */
    LINEAR("linear"),
    /** {@code g(z) = 1 / (1 + e^-z)}. */
    SIGMOID("sigmoid"),
    /** {@code g(z) = max(0, z)}. */
    RELU("relu"),
    /** {@code g(z) = tanh(z)}. */
    TANH("tanh"),
    /**
     * {@code g(z) = z} for {@code z >= 0}, else {@code alpha z} with {@code alpha} = {@value
     * #LEAKY_RELU_ALPHA}, the slope Keras' {@code activation='leaky_relu'} uses.
     */
    LEAKY_RELU("leaky_relu"),
    /** {@code a_j = e^{z_j} / sum_k e^{z_k}} over the last axis; output layers only. */
    SOFTMAX("softmax");

    /**
     * Negative-side slope of {@link #LEAKY_RELU}, as in Keras ({@code
     * keras.activations.leaky_relu(x, negative_slope=0.2)}): 0.2 in the model's type, {@code 0.2f}
     * in float32 and 0.2 itself in float64.
     */
    public static final double LEAKY_RELU_ALPHA = 0.2;

    private final String kerasName;

    Activation(String kerasName) {
        this.kerasName = kerasName;
    }

    /** @return the Keras name of this activation, e.g. {@code "relu"} */
    public String kerasName() {
        return kerasName;
    }

    /**
     * Applies the activation on the engine.
     *
     * @param z the pre-activations, examples along the first axis
     * @return the activations (a new array; {@code z} itself for {@link #LINEAR})
     */
    public NDArray apply(NDArray z) {
        switch (this) {
            case LINEAR:
                return z;
            case SIGMOID:
                return ai.djl.nn.Activation.sigmoid(z);
            case RELU:
                return ai.djl.nn.Activation.relu(z);
            case TANH:
                return ai.djl.nn.Activation.tanh(z);
            case LEAKY_RELU:
                return leakyRelu(z);
            case SOFTMAX:
                return z.softmax(-1);
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Whether {@link #backward} can compute {@code g'(z)} from the output {@code a = g(z)} alone:
     * every activation but softmax, whose derivative couples the outputs.
     *
     * @return true if the written-out backward pass covers this activation
     */
    public boolean hasWrittenBackward() {
        return this != SOFTMAX;
    }

    /**
     * Multiplies an upstream gradient by {@code g'(z)}, written with the activation's output
     * {@code a = g(z)}: linear 1, ReLU 1 where {@code a > 0}, leaky ReLU 1 or alpha, sigmoid
     * {@code a (1 - a)}, tanh {@code 1 - a^2}.
     *
     * @param da {@code dJ/da}; overwritten where that saves an allocation
     * @param a the activation's output
     * @param scalars cached engine constants
     * @return {@code dJ/dz}
     * @throws IllegalStateException for softmax (see {@link #hasWrittenBackward()})
     */
    public NDArray backward(NDArray da, NDArray a, EngineScalars scalars) {
        NDArray zero = scalars.of(0);
        switch (this) {
            case LINEAR:
                return da;
            case RELU:
                // a = max(z, 0) is 0 or positive, so its sign is the derivative; one float
                // operation, where a comparison's boolean mask must be converted first (3 x the
                // time on a CNN's feature maps: 712 us against 220, bench/src/CnnOps.java)
                return da.muli(a.sign());
            case LEAKY_RELU:
                return ai.djl.ndarray.NDArrays.where(a.gt(zero), da, da.mul(scalars.of(LEAKY_RELU_ALPHA)));
            case SIGMOID:
                return da.muli(a.sub(a.mul(a)));
            case TANH:
                return da.muli(a.mul(a).negi().addi(scalars.of(1)));
            default:
                throw new IllegalStateException(kerasName + " has no written-out derivative");
        }
    }

    /**
     * Returns the DJL block that applies this activation, or {@code null} for {@link #LINEAR}
     * (a linear layer needs no block).
     *
     * @return the block, or null
     */
    public Block toBlock() {
        switch (this) {
            case LINEAR:
                return null;
            case SIGMOID:
                return ai.djl.nn.Activation.sigmoidBlock();
            case RELU:
                return ai.djl.nn.Activation.reluBlock();
            case TANH:
                return ai.djl.nn.Activation.tanhBlock();
            case LEAKY_RELU:
                return new LambdaBlock(list -> new NDList(leakyRelu(list.singletonOrThrow())), "leakyRelu");
            case SOFTMAX:
                return new LambdaBlock(list -> new ai.djl.ndarray.NDList(list.singletonOrThrow().softmax(-1)), "softmax");
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * The leaky ReLU with the slope {@link #LEAKY_RELU_ALPHA} in {@code z}'s own type. DJL's
     * {@code leakyRelu} takes its slope as a float and widens it, so in a float64 model it would
     * be {@code 0.20000000298...}, 1.5e-8 away from Keras' 0.2 (PyTorch's float64 oracle,
     * LayerTorchOracleTest, found it); float64 therefore takes {@code where(z > 0, z, 0.2 z)},
     * whose derivative at {@code z = 0} is the slope, as TensorFlow's and PyTorch's kernels give.
     * float32 keeps DJL's one-kernel form, whose slope {@code 0.2f} is Keras' float32 slope.
     */
    private static NDArray leakyRelu(NDArray z) {
        if (z.getDataType() == DataType.FLOAT64) {
            return NDArrays.where(z.gt(0), z, z.mul(LEAKY_RELU_ALPHA));
        }
        return ai.djl.nn.Activation.leakyRelu(z, (float) LEAKY_RELU_ALPHA);
    }

    /**
     * Parses a Keras-style activation name ({@code relu}, {@code leaky_relu}, {@code
     * leaky-relu}, {@code none} for linear), case-insensitively.
     *
     * @param name the name
     * @return the activation
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Activation parse(String name) {
        Objects.requireNonNull(name, "name");
        String key = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (key.equals("none") || key.equals("identity")) {
            return LINEAR;
        }
        for (Activation a : values()) {
            if (a.kerasName.equals(key)) {
                return a;
            }
        }
        throw new InvalidInputException(
                "unknown activation '" + name + "'; expected one of " + names(true));
    }

    /**
     * Parses the activation of a hidden layer: as {@link #parse}, but {@link #SOFTMAX}, which only
     * an output layer may have, is refused here, and the names offered are the ones a hidden layer
     * takes.
     *
     * @param name the name
     * @return the activation, never {@link #SOFTMAX}
     * @throws InvalidInputException naming the value and the accepted names
     */
    public static Activation parseHidden(String name) {
        Activation a;
        try {
            a = parse(name);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(
                    "unknown activation '" + name + "'; expected one of " + names(false), e);
        }
        if (a == SOFTMAX) {
            throw new InvalidInputException("softmax is only allowed on the output layer; a hidden layer"
                    + " takes one of " + names(false));
        }
        return a;
    }

    private static String names(boolean withSoftmax) {
        java.util.StringJoiner names = new java.util.StringJoiner(", ");
        for (Activation a : values()) {
            if (withSoftmax || a != SOFTMAX) {
                names.add(a.kerasName);
            }
        }
        return names.toString();
    }
}

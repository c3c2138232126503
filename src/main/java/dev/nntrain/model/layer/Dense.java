package dev.nntrain.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Shapes;
import dev.nntrain.model.WeightedLayer;
import dev.nntrain.model.WrittenBackward;
import dev.nntrain.model.layer.LayerConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fully connected layer: every unit sees every output of the previous layer, {@code a = g(x
 * W^T + b)}.
 *
 * <p>Built as DJL's {@link Linear} block (weight of shape {@code (units, inputs)}, bias of shape
 * {@code (units)}) followed by the activation's block. The kernel starts Glorot-uniform and the
 * bias at zero, as in Keras, unless another initialiser is given.
 *
 * <p>Its backward pass is written out (the rules of backpropagation for one layer): for an
 * upstream gradient {@code dJ/da},
 *
 * <pre>
 *   dJ/dz = dJ/da * g'(z)      dJ/dW = (dJ/dz)^T x      dJ/db = sum over the batch of dJ/dz
 *   dJ/dx = dJ/dz W
 * </pre>
 */
public final class Dense extends WeightedLayer {

    private final int units;

    private Dense(Builder builder) {
        super(builder);
        this.units = builder.units;
    }

    /**
     * Creates a dense layer with a linear activation.
     *
     * @param units the number of units
     * @return the layer
     */
    public static Dense of(int units) {
        return builder().setUnits(units).build();
    }

    /**
     * Creates a dense layer, Keras' {@code Dense(units, activation)}.
     *
     * @param units the number of units
     * @param activation the activation
     * @return the layer
     */
    public static Dense of(int units, Activation activation) {
        return builder().setUnits(units).optActivation(activation).build();
    }

    /**
     * Creates a dense layer with an activation named as in Keras, {@code Dense(25, "relu")}.
     *
     * @param units the number of units
     * @param activation the activation's name: linear, sigmoid, relu, tanh, leaky_relu, softmax
     * @return the layer
     */
    public static Dense of(int units, String activation) {
        return builder().setUnits(units).optActivation(activation).build();
    }

    /** @return a builder for a dense layer */
    public static Builder builder() {
        return new Builder();
    }

    static Dense fromConfig(LayerConfig config) {
        return builder()
                .setUnits(config.size("units"))
                .optActivation(config.activation())
                .optKernelRegularizer(config.kernelRegularizer())
                .optName(config.name())
                .build();
    }

    /** @return the number of units */
    public int units() {
        return units;
    }

    @Override
    public String typeName() {
        return "Dense";
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 1) {
            throw new InvalidInputException(
                    "Dense layer expects flat inputs of shape (features), got "
                            + Shapes.format(inputShape) + "; add a Flatten layer first");
        }
        return new long[] {units};
    }

    @Override
    public List<Shape> parameterShapes(long[] inputShape) {
        outputShape(inputShape);
        return List.of(new Shape(units, inputShape[0]), new Shape(units));
    }

    @Override
    protected Block weightedBlock() {
        return Linear.builder().setUnits(units).build();
    }

    @Override
    public Optional<WrittenBackward> writtenBackward() {
        return activation().hasWrittenBackward() ? Optional.of(this::backward) : Optional.empty();
    }

    private WrittenBackward.Gradients backward(WrittenBackward.Step step) {
        NDArray weight = step.parameters().get(0);
        NDArray dz = activation().backward(step.outputGradient(), step.output(), step.scalars());
        NDArray dWeight = dz.transpose().matMul(step.input());
        NDArray dBias = dz.sum(new int[] {0});
        NDArray dInput = step.needsInputGradient() ? dz.matMul(weight) : null;
        return new WrittenBackward.Gradients(dInput, List.of(dWeight, dBias));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> sizes = new LinkedHashMap<>();
        sizes.put("units", units);
        return config("dense", sizes);
    }

    @Override
    public String toString() {
        return "Dense(" + units + ", " + activation().kerasName() + regularizerText() + ")";
    }

    /** Builds a {@link Dense} layer. */
    public static final class Builder extends WeightedLayer.Builder<Builder> {
        private int units;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the number of units (required).
         *
         * @param units a positive count
         * @return this builder
         */
        public Builder setUnits(int units) {
            this.units = units;
            return this;
        }

        /** @return the layer */
        public Dense build() {
            if (units <= 0) {
                throw new InvalidInputException("Dense units must be positive, got " + units);
            }
            checkCommon("Dense", true);
            return new Dense(this);
        }
    }
}

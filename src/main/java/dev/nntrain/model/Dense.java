package dev.nntrain.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fully connected layer: every unit sees every output of the previous layer, {@code a = g(x
 * W^T + b)}.
 *
 * <p>Built as DJL's {@link Linear} block (weight of shape {@code (units, inputs)}, bias of shape
 * {@code (units)}) followed by the activation's block. The kernel starts Glorot-uniform and the
 * bias at zero, as in Keras, unless another initialiser is given.
 */
public final class Dense implements Layer {

    private final int units;
    private final Activation activation;
    private final Initializer kernelInitializer;
    private final String name;

    private Dense(Builder builder) {
        this.units = builder.units;
        this.activation = builder.activation;
        this.kernelInitializer = builder.kernelInitializer;
        this.name = builder.name;
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

    /** @return a builder for a dense layer */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of units */
    public int units() {
        return units;
    }

    @Override
    public Activation activation() {
        return activation;
    }

    @Override
    public String typeName() {
        return "Dense";
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the custom kernel initialiser, or null for the seeded Glorot uniform default */
    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException(
                    "Dense layer expects flat inputs of shape (features), got "
                            + Shapes.format(inputShape) + "; add a Flatten layer first");
        }
        return new long[] {units};
    }

    @Override
    public long parameterCount(long[] inputShape) {
        return outputShape(inputShape)[0] * inputShape[0] + units;
    }

    @Override
    public int parameterArrayCount() {
        return 2;
    }

    @Override
    public NDArray forward(NDArray x, List<NDArray> parameters) {
        NDArray z = Linear.linear(x, parameters.get(0), parameters.get(1)).singletonOrThrow();
        return activation.apply(z);
    }

    @Override
    public List<Block> toBlocks(long seed) {
        Linear linear = Linear.builder().setUnits(units).build();
        return WeightedBlocks.of(linear, kernelInitializer, seed, activation);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "dense");
        map.put("units", units);
        map.put("activation", activation.kerasName());
        return map;
    }

    @Override
    public String toString() {
        return "Dense(" + units + ", " + activation.kerasName() + ")";
    }

    /** Builds a {@link Dense} layer. */
    public static final class Builder {
        private int units;
        private Activation activation = Activation.LINEAR;
        private Initializer kernelInitializer;
        private String name;

        private Builder() {}

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

        /**
         * Sets the activation (default linear).
         *
         * @param activation the activation
         * @return this builder
         */
        public Builder optActivation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /**
         * Sets a DJL initialiser for the kernel instead of the seeded Glorot uniform default.
         *
         * @param initializer the initialiser
         * @return this builder
         */
        public Builder optKernelInitializer(Initializer initializer) {
            this.kernelInitializer = initializer;
            return this;
        }

        /**
         * Names the layer (default: {@code dense_<position>}).
         *
         * @param name the name
         * @return this builder
         */
        public Builder optName(String name) {
            this.name = name;
            return this;
        }

        /** @return the layer */
        public Dense build() {
            if (units <= 0) {
                throw new IllegalArgumentException("Dense units must be positive, got " + units);
            }
            if (activation == null) {
                throw new IllegalArgumentException("Dense activation must not be null");
            }
            return new Dense(this);
        }
    }
}

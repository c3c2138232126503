package dev.nntrain.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

import dev.nntrain.InvalidInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What dense and convolutional layers share: a kernel and a bias in one DJL block, followed by an
 * activation's block; a Glorot-uniform kernel drawn from the layer's seed unless another
 * initialiser is given, and a zero bias, as in Keras; an optional L2 penalty on the kernel
 * ({@link Regularizer}); an optional name. Subclasses say which block
 * holds the weights and how their shapes follow from the input.
 */
public abstract class WeightedLayer implements Layer {

    private final Activation activation;
    private final Initializer kernelInitializer;
    private final Regularizer kernelRegularizer;
    private final String name;

    /**
     * Takes the options every weighted layer shares from its builder.
     *
     * @param builder the subclass's builder, checked
     */
    protected WeightedLayer(Builder<?> builder) {
        this.activation = builder.activation;
        this.kernelInitializer = builder.kernelInitializer;
        this.kernelRegularizer = builder.kernelRegularizer;
        this.name = builder.name;
    }

    /** @return the DJL block holding the kernel and the bias, not yet initialised */
    protected abstract Block weightedBlock();

    /** @return a block applied to the input before the weighted block (a convolution's padding), or null */
    protected Block inputBlock() {
        return null;
    }

    @Override
    public Activation activation() {
        return activation;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the custom kernel initialiser, or null for the seeded Glorot uniform default */
    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    /**
     * Returns the penalty on the kernel that training adds to the loss (never on the bias).
     *
     * @return the regularizer, or null for none (a coefficient of 0 is none)
     */
    public Regularizer kernelRegularizer() {
        return kernelRegularizer;
    }

    /**
     * The end of a layer's {@code toString} that names its regularizer, so that two layers that
     * train differently never print alike (a resumed fit compares them so).
     *
     * @return {@code ", kernel_regularizer=L2(0.01)"}, or the empty string for none
     */
    protected String regularizerText() {
        return kernelRegularizer == null ? "" : ", kernel_regularizer=" + kernelRegularizer;
    }

    @Override
    public List<Block> toBlocks(long seed) {
        return toBlocks(seed, null);
    }

    /**
     * The layer's blocks, for a model that knows what the layer reads.
     *
     * @param seed the seed of the default kernel initialiser
     * @param flattenedMap the channels-first feature map a dense layer reads flattened ({@link
     *     FlattenedRows#map}), or null; a {@link KerasRowOrder} kernel initialiser is then asked for
     *     its kernel with the rows in nntrain's order
     * @return the blocks
     */
    List<Block> toBlocks(long seed, long[] flattenedMap) {
        Block weighted = weightedBlock();
        Initializer kernel = kernelInitializer != null ? kernelInitializer : new GlorotUniform(seed);
        if (flattenedMap != null && kernelInitializer instanceof KerasRowOrder keras) {
            kernel = keras.afterFlatten(flattenedMap.clone());
        }
        weighted.setInitializer(kernel, Parameter.Type.WEIGHT);
        weighted.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        List<Block> blocks = new ArrayList<>();
        Block input = inputBlock();
        if (input != null) {
            blocks.add(input);
        }
        blocks.add(weighted);
        Block act = activation.toBlock();
        if (act != null) {
            blocks.add(act);
        }
        return blocks;
    }

    /**
     * Writes a layer's configuration map: its type, the subclass's sizes, the activation and, when
     * the layer has one, its kernel regularizer, so that saved files read in Keras' order and a
     * layer without a regularizer is saved as before regularizers existed.
     *
     * @param type the registry name
     * @param sizes the layer's own settings, in order
     * @return the configuration
     */
    protected Map<String, Object> config(String type, Map<String, Object> sizes) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", type);
        map.putAll(sizes);
        map.put("activation", activation.kerasName());
        if (kernelRegularizer != null) {
            map.put("kernel_regularizer", kernelRegularizer.config());
        }
        return map;
    }

    /**
     * The options every weighted layer takes.
     *
     * @param <B> the concrete builder, so that chained calls keep its type
     */
    public abstract static class Builder<B extends Builder<B>> {
        private Activation activation = Activation.LINEAR;
        private Initializer kernelInitializer;
        private Regularizer kernelRegularizer;
        private String name;

        /** Starts with Keras' defaults: a linear activation, Glorot-uniform kernel, no regularizer. */
        protected Builder() {}

        /** @return this builder, as the subclass's type, for chained calls */
        protected abstract B self();

        /**
         * Sets the activation (default linear).
         *
         * @param activation the activation
         * @return this builder
         */
        public B optActivation(Activation activation) {
            Objects.requireNonNull(activation, "activation");
            this.activation = activation;
            return self();
        }

        /**
         * Sets the activation by its Keras name, e.g. {@code "relu"}.
         *
         * @param activation the name
         * @return this builder
         */
        public B optActivation(String activation) {
            Objects.requireNonNull(activation, "activation");
            return optActivation(Activation.parse(activation));
        }

        /**
         * Sets a DJL initialiser for the kernel instead of the seeded Glorot uniform default. A
         * {@link KerasRowOrder} initialiser of a dense layer that reads a flattened feature map
         * gives its rows in Keras' channels-last order, and the model reorders them.
         *
         * @param initializer the initialiser
         * @return this builder
         */
        public B optKernelInitializer(Initializer initializer) {
            this.kernelInitializer = initializer;
            return self();
        }

        /**
         * Adds an L2 penalty on the kernel to the training loss, Keras' {@code
         * kernel_regularizer=regularizers.L2(l2)}; {@code null} or a coefficient of 0 means none.
         *
         * @param regularizer the penalty, e.g. {@code Regularizer.l2(0.01)}
         * @return this builder
         */
        public B optKernelRegularizer(Regularizer regularizer) {
            this.kernelRegularizer = regularizer == null || regularizer.l2() == 0 ? null : regularizer;
            return self();
        }

        /**
         * Adds an L2 penalty {@code l2 * sum(W^2)} on the kernel, as {@link
         * #optKernelRegularizer(Regularizer)} with {@link Regularizer#l2(double)}.
         *
         * @param l2 the coefficient, finite and at least 0 (0: none)
         * @return this builder
         * @throws InvalidInputException if the coefficient is negative, NaN or infinite
         */
        public B optKernelRegularizer(double l2) {
            return optKernelRegularizer(Regularizer.l2(l2));
        }

        /**
         * Names the layer (default: its type in snake case and its position among layers of that
         * type, e.g. {@code dense_2}).
         *
         * @param name the name
         * @return this builder
         */
        public B optName(String name) {
            this.name = name;
            return self();
        }

        /**
         * Checks the options shared by every weighted layer.
         *
         * @param layer the layer type, for messages
         * @param softmaxAllowed whether the layer may end in a softmax
         */
        protected void checkCommon(String layer, boolean softmaxAllowed) {
            if (activation == Activation.SOFTMAX && !softmaxAllowed) {
                throw new InvalidInputException(
                        layer + " cannot apply softmax: nntrain's softmax runs over the last axis, not"
                                + " the filters; put it on a Dense output layer");
            }
        }
    }
}

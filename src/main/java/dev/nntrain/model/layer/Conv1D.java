package dev.nntrain.model.layer;

import dev.nntrain.model.Activation;
import dev.nntrain.model.WeightedLayer;
import dev.nntrain.model.WrittenBackward;
import dev.nntrain.model.layer.LayerConfig;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv1d;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A one-dimensional convolution, Keras' {@code Conv1D(filters, kernel_size, strides,
 * activation, padding)} with {@code padding} 'valid' (the default) or 'same' ({@link Padding}): each unit sees a window of {@code kernel_size}
 * consecutive steps of its input, the windows start {@code strides} steps apart, and every
 * window is weighed by the same filters.
 *
 * <p>An example is {@code (channels, length)} (channels first, as DJL and PyTorch lay it out;
 * Keras puts the channels last); the output is {@code (filters, positions)} with {@code
 * positions = (length - kernel_size) / strides + 1} ('valid') or {@code ceil(length / strides)}
 * ('same'). Built as DJL's {@link Conv1d} block (weight
 * {@code (filters, channels, kernel_size)}, bias {@code (filters)}) followed by the activation's
 * block. The kernel starts Glorot-uniform, with fan-in {@code channels * kernel_size} and fan-out
 * {@code filters * kernel_size} as in Keras, and the bias at zero.
 */
public final class Conv1D extends WeightedLayer {

    private final int filters;
    private final int kernelSize;
    private final int strides;
    private final Padding padding;

    private Conv1D(Builder builder) {
        super(builder);
        this.filters = builder.filters;
        this.kernelSize = builder.kernelSize;
        this.strides = builder.strides;
        this.padding = builder.padding;
    }

    /**
     * Creates a convolution with stride 1 and a linear activation.
     *
     * @param filters the number of filters (output channels)
     * @param kernelSize the window's length
     * @return the layer
     */
    public static Conv1D of(int filters, int kernelSize) {
        return builder().setFilters(filters).setKernelSize(kernelSize).build();
    }

    /**
     * Creates a convolution, Keras' {@code Conv1D(filters, kernel_size, strides=strides,
     * activation=activation)}.
     *
     * @param filters the number of filters (output channels)
     * @param kernelSize the window's length
     * @param strides the step between windows
     * @param activation the activation
     * @return the layer
     */
    public static Conv1D of(int filters, int kernelSize, int strides, Activation activation) {
        return builder()
                .setFilters(filters)
                .setKernelSize(kernelSize)
                .optStrides(strides)
                .optActivation(activation)
                .build();
    }

    /** @return a builder for a one-dimensional convolution */
    public static Builder builder() {
        return new Builder();
    }

    static Conv1D fromConfig(LayerConfig config) {
        return builder()
                .setFilters(config.size("filters"))
                .setKernelSize(config.size("kernel_size"))
                .optStrides(config.size("strides"))
                .optPadding(config.padding())
                .optActivation(config.activation())
                .optKernelRegularizer(config.kernelRegularizer())
                .optName(config.name())
                .build();
    }

    /** @return the number of filters (output channels) */
    public int filters() {
        return filters;
    }

    /** @return the window's length */
    public int kernelSize() {
        return kernelSize;
    }

    /** @return the step between windows */
    public int strides() {
        return strides;
    }

    /**
     * Returns the input steps one output position sees, from 0: position {@code p} sees {@code [p
     * strides, p strides + kernel_size)}.
     *
     * @param position the output position, from 0
     * @return the first and one past the last input step
     */
    public long[] window(long position) {
        long first = position * strides;
        return new long[] {first, first + kernelSize};
    }

    @Override
    public String typeName() {
        return "Conv1D";
    }

    @Override
    public OutputOrder outputOrder() {
        return OutputOrder.CHANNELS_FIRST;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        Windows.requireRank(toString(), inputShape, 2, "(channels, length)");
        long positions = padding.positions(toString(), "length", inputShape[1], kernelSize, strides, inputShape);
        return new long[] {filters, positions};
    }

    @Override
    public List<Shape> parameterShapes(long[] inputShape) {
        outputShape(inputShape);
        return List.of(new Shape(filters, inputShape[0], kernelSize), new Shape(filters));
    }

    @Override
    public Optional<WrittenBackward> writtenBackward() {
        return activation().hasWrittenBackward()
                ? Optional.of(step -> ConvolutionBackward.gradients(
                        step, activation(), new int[] {kernelSize}, new int[] {strides}, padding))
                : Optional.empty();
    }

    /** @return how the input's edges are treated */
    public Padding padding() {
        return padding;
    }

    @Override
    protected Block inputBlock() {
        return padding == Padding.SAME
                ? LambdaBlock.singleton(x -> padding.pad(x, new int[] {kernelSize}, new int[] {strides}), "samePadding")
                : null;
    }

    @Override
    protected Block weightedBlock() {
        Conv1d conv = Conv1d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernelSize))
                .optStride(new Shape(strides))
                .build();
        return conv;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> sizes = new LinkedHashMap<>();
        sizes.put("filters", filters);
        sizes.put("kernel_size", kernelSize);
        sizes.put("strides", strides);
        sizes.put("padding", padding.kerasName());
        return config("conv1d", sizes);
    }

    @Override
    public String toString() {
        return "Conv1D(filters=" + filters + ", kernel_size=" + kernelSize + ", strides=" + strides + ", "
                + (padding == Padding.SAME ? "padding='same', " : "") + activation().kerasName() + regularizerText() + ")";
    }

    /** Builds a {@link Conv1D} layer. */
    public static final class Builder extends WeightedLayer.Builder<Builder> {
        private int filters;
        private int kernelSize;
        private int strides = 1;
        private Padding padding = Padding.VALID;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the number of filters (required).
         *
         * @param filters a positive count
         * @return this builder
         */
        public Builder setFilters(int filters) {
            this.filters = filters;
            return this;
        }

        /**
         * Sets the window's length (required).
         *
         * @param kernelSize a positive length
         * @return this builder
         */
        public Builder setKernelSize(int kernelSize) {
            this.kernelSize = kernelSize;
            return this;
        }

        /**
         * Sets the step between windows (default 1).
         *
         * @param strides a positive step
         * @return this builder
         */
        public Builder optStrides(int strides) {
            this.strides = strides;
            return this;
        }

        /**
         * Sets how the input's edges are treated (default {@link Padding#VALID}).
         *
         * @param padding valid or same
         * @return this builder
         */
        public Builder optPadding(Padding padding) {
            this.padding = java.util.Objects.requireNonNull(padding, "padding");
            return this;
        }

        /** @return the layer */
        public Conv1D build() {
            Windows.requirePositive("Conv1D", "filters", filters);
            Windows.requirePositive("Conv1D", "kernel_size", kernelSize);
            Windows.requirePositive("Conv1D", "strides", strides);
            checkCommon("Conv1D", false);
            return new Conv1D(this);
        }
    }
}

package dev.nntrain.model.layer;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Activation;
import dev.nntrain.model.WeightedLayer;
import dev.nntrain.model.WrittenBackward;
import dev.nntrain.model.layer.LayerConfig;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A two-dimensional convolution, Keras' {@code Conv2D(filters, kernel_size, strides, activation,
 * padding)} with {@code padding} 'valid' (the default) or 'same' ({@link Padding}): each unit sees a {@code kh x kw} patch of its input image, the
 * patches start {@code (sh, sw)} pixels apart, and every patch is weighed by the same filters.
 *
 * <p>An example is {@code (channels, height, width)} (channels first, as DJL and PyTorch lay it
 * out, and as {@code MnistSource.asImages} shapes the digits); the output is {@code (filters,
 * (height - kh) / sh + 1, (width - kw) / sw + 1)} ('valid'), {@code (filters, ceil(height / sh),
 * ceil(width / sw))} ('same'). Built as DJL's {@link Conv2d} block (weight
 * {@code (filters, channels, kh, kw)}, bias {@code (filters)}) followed by the activation's block.
 * The kernel starts Glorot-uniform, with fan-in {@code channels * kh * kw} and fan-out {@code
 * filters * kh * kw} as in Keras, and the bias at zero.
 */
public final class Conv2D extends WeightedLayer {

    private final int filters;
    private final int[] kernelSize;
    private final int[] strides;
    private final Padding padding;

    private Conv2D(Builder builder) {
        super(builder);
        this.filters = builder.filters;
        this.kernelSize = builder.kernelSize.clone();
        this.strides = builder.strides.clone();
        this.padding = builder.padding;
    }

    /**
     * Creates a convolution with a square kernel and stride 1, Keras' {@code Conv2D(filters,
     * kernel_size, activation=activation)}.
     *
     * @param filters the number of filters (output channels)
     * @param kernelSize the side of the square window
     * @param activation the activation
     * @return the layer
     */
    public static Conv2D of(int filters, int kernelSize, Activation activation) {
        return builder().setFilters(filters).setKernelSize(kernelSize, kernelSize).optActivation(activation).build();
    }

    /**
     * Creates a convolution with a square kernel and equal strides, Keras' {@code
     * Conv2D(filters, kernel_size, strides=strides, activation=activation)}.
     *
     * @param filters the number of filters (output channels)
     * @param kernelSize the side of the square window
     * @param strides the step between windows, along both axes
     * @param activation the activation
     * @return the layer
     */
    public static Conv2D of(int filters, int kernelSize, int strides, Activation activation) {
        return builder()
                .setFilters(filters)
                .setKernelSize(kernelSize, kernelSize)
                .optStrides(strides, strides)
                .optActivation(activation)
                .build();
    }

    /** @return a builder for a two-dimensional convolution */
    public static Builder builder() {
        return new Builder();
    }

    static Conv2D fromConfig(LayerConfig config) {
        int[] kernel = config.pair("kernel_size");
        int[] strides = config.pair("strides");
        return builder()
                .setFilters(config.size("filters"))
                .setKernelSize(kernel[0], kernel[1])
                .optStrides(strides[0], strides[1])
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

    /** @return the window's height and width */
    public int[] kernelSize() {
        return kernelSize.clone();
    }

    /** @return the steps between windows, down and across */
    public int[] strides() {
        return strides.clone();
    }

    /** @return how the input's edges are treated */
    public Padding padding() {
        return padding;
    }

    @Override
    public String typeName() {
        return "Conv2D";
    }

    @Override
    public OutputOrder outputOrder() {
        return OutputOrder.CHANNELS_FIRST;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        Windows.requireRank(toString(), inputShape, 3, "(channels, height, width)");
        long h = padding.positions(toString(), "height", inputShape[1], kernelSize[0], strides[0], inputShape);
        long w = padding.positions(toString(), "width", inputShape[2], kernelSize[1], strides[1], inputShape);
        return new long[] {filters, h, w};
    }

    @Override
    public List<Shape> parameterShapes(long[] inputShape) {
        outputShape(inputShape);
        return List.of(new Shape(filters, inputShape[0], kernelSize[0], kernelSize[1]), new Shape(filters));
    }

    @Override
    public Optional<WrittenBackward> writtenBackward() {
        return activation().hasWrittenBackward()
                ? Optional.of(step -> ConvolutionBackward.gradients(step, activation(), kernelSize, strides, padding))
                : Optional.empty();
    }

    @Override
    protected Block inputBlock() {
        return padding == Padding.SAME
                ? LambdaBlock.singleton(x -> padding.pad(x, kernelSize, strides), "samePadding")
                : null;
    }

    @Override
    protected Block weightedBlock() {
        Conv2d conv = Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernelSize[0], kernelSize[1]))
                .optStride(new Shape(strides[0], strides[1]))
                .build();
        return conv;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> sizes = new LinkedHashMap<>();
        sizes.put("filters", filters);
        sizes.put("kernel_size", List.of(kernelSize[0], kernelSize[1]));
        sizes.put("strides", List.of(strides[0], strides[1]));
        sizes.put("padding", padding.kerasName());
        return config("conv2d", sizes);
    }

    @Override
    public String toString() {
        return "Conv2D(filters=" + filters + ", kernel_size=(" + kernelSize[0] + ", " + kernelSize[1]
                + "), strides=(" + strides[0] + ", " + strides[1] + ")"
                + (padding == Padding.SAME ? ", padding='same'" : "") + ", " + activation().kerasName() + regularizerText() + ")";
    }

    /** Builds a {@link Conv2D} layer. */
    public static final class Builder extends WeightedLayer.Builder<Builder> {
        private int filters;
        private int[] kernelSize;
        private int[] strides = {1, 1};
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
         * Sets the window's height and width (required).
         *
         * @param height the window's height
         * @param width the window's width
         * @return this builder
         */
        public Builder setKernelSize(int height, int width) {
            this.kernelSize = new int[] {height, width};
            return this;
        }

        /**
         * Sets the steps between windows (default 1 and 1).
         *
         * @param down the step down the rows
         * @param across the step across the columns
         * @return this builder
         */
        public Builder optStrides(int down, int across) {
            this.strides = new int[] {down, across};
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
        public Conv2D build() {
            Windows.requirePositive("Conv2D", "filters", filters);
            if (kernelSize == null) {
                throw new InvalidInputException("Conv2D kernel_size must be set");
            }
            Windows.requirePositive("Conv2D", "kernel_size", kernelSize);
            Windows.requirePositive("Conv2D", "strides", strides);
            checkCommon("Conv2D", false);
            return new Conv2D(this);
        }
    }
}

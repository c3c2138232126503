package dev.nntrain.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.initializer.Initializer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A two-dimensional convolution, Keras' {@code Conv2D(filters, kernel_size, strides, activation)}
 * with {@code padding='valid'}: each unit sees a {@code kh x kw} patch of its input image, the
 * patches start {@code (sh, sw)} pixels apart, and every patch is weighed by the same filters.
 *
 * <p>An example is {@code (channels, height, width)} (channels first, as DJL and PyTorch lay it
 * out, and as {@code MnistSource.asImages} shapes the digits); the output is {@code (filters,
 * (height - kh) / sh + 1, (width - kw) / sw + 1)}. Built as DJL's {@link Conv2d} block (weight
 * {@code (filters, channels, kh, kw)}, bias {@code (filters)}) followed by the activation's block.
 * The kernel starts Glorot-uniform, with fan-in {@code channels * kh * kw} and fan-out {@code
 * filters * kh * kw} as in Keras, and the bias at zero.
 */
public final class Conv2D implements Layer {

    private final int filters;
    private final int[] kernelSize;
    private final int[] strides;
    private final Activation activation;
    private final Initializer kernelInitializer;
    private final String name;

    private Conv2D(Builder builder) {
        this.filters = builder.filters;
        this.kernelSize = builder.kernelSize.clone();
        this.strides = builder.strides.clone();
        this.activation = builder.activation;
        this.kernelInitializer = builder.kernelInitializer;
        this.name = builder.name;
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

    /** @return the custom kernel initialiser, or null for the seeded Glorot uniform default */
    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    @Override
    public Activation activation() {
        return activation;
    }

    @Override
    public String typeName() {
        return "Conv2D";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        Windows.requireRank(toString(), inputShape, 3, "(channels, height, width)");
        long h = Windows.positions(toString(), "height", inputShape[1], kernelSize[0], strides[0], inputShape);
        long w = Windows.positions(toString(), "width", inputShape[2], kernelSize[1], strides[1], inputShape);
        return new long[] {filters, h, w};
    }

    @Override
    public long parameterCount(long[] inputShape) {
        outputShape(inputShape);
        return (long) filters * inputShape[0] * kernelSize[0] * kernelSize[1] + filters;
    }

    @Override
    public int parameterArrayCount() {
        return 2;
    }

    @Override
    public NDArray forward(NDArray x, List<NDArray> parameters) {
        // the call DJL's Conv2d block makes, with its padding 0 and dilation 1
        NDArray z = Conv2d.conv2d(
                        x, parameters.get(0), parameters.get(1),
                        new Shape(strides[0], strides[1]), new Shape(0, 0), new Shape(1, 1))
                .singletonOrThrow();
        return activation.apply(z);
    }

    @Override
    public List<Block> toBlocks(long seed) {
        Conv2d conv = Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernelSize[0], kernelSize[1]))
                .optStride(new Shape(strides[0], strides[1]))
                .build();
        return WeightedBlocks.of(conv, kernelInitializer, seed, activation);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "conv2d");
        map.put("filters", filters);
        map.put("kernel_size", List.of(kernelSize[0], kernelSize[1]));
        map.put("strides", List.of(strides[0], strides[1]));
        map.put("activation", activation.kerasName());
        return map;
    }

    @Override
    public String toString() {
        return "Conv2D(filters=" + filters + ", kernel_size=(" + kernelSize[0] + ", " + kernelSize[1]
                + "), strides=(" + strides[0] + ", " + strides[1] + "), " + activation.kerasName() + ")";
    }

    /** Builds a {@link Conv2D} layer. */
    public static final class Builder {
        private int filters;
        private int[] kernelSize;
        private int[] strides = {1, 1};
        private Activation activation = Activation.LINEAR;
        private Initializer kernelInitializer;
        private String name;

        private Builder() {}

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
         * Names the layer (default: {@code conv2d_<position>}).
         *
         * @param name the name
         * @return this builder
         */
        public Builder optName(String name) {
            this.name = name;
            return this;
        }

        /** @return the layer */
        public Conv2D build() {
            Windows.requirePositive("Conv2D", "filters", filters);
            if (kernelSize == null) {
                throw new IllegalArgumentException("Conv2D kernel_size must be set");
            }
            Windows.requirePositive("Conv2D", "kernel_size", kernelSize);
            Windows.requirePositive("Conv2D", "strides", strides);
            if (activation == null) {
                throw new IllegalArgumentException("Conv2D activation must not be null");
            }
            if (activation == Activation.SOFTMAX) {
                throw new IllegalArgumentException(
                        "Conv2D cannot apply softmax: nntrain's softmax runs over the last axis, the"
                                + " image's width, not the filters; put it on a Dense output layer");
            }
            return new Conv2D(this);
        }
    }
}

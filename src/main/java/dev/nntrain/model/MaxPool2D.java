package dev.nntrain.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Max pooling over an image, Keras' {@code MaxPool2D(pool_size, strides)} (also called {@code
 * MaxPooling2D}) with {@code padding='valid'}: each output is the largest value of a {@code ph x
 * pw} patch of one channel. It has no parameters; it shrinks the image, so later layers see wider
 * regions with fewer units.
 *
 * <p>An example is {@code (channels, height, width)}; the output is {@code (channels, (height -
 * ph) / sh + 1, (width - pw) / sw + 1)}. The strides default to the pool size, as in Keras, so
 * the patches tile the image. Built as DJL's {@link Pool#maxPool2dBlock} block.
 */
public final class MaxPool2D implements Layer {

    private final int[] poolSize;
    private final int[] strides;
    private final String name;

    private MaxPool2D(Builder builder) {
        this.poolSize = builder.poolSize.clone();
        this.strides = builder.strides != null ? builder.strides.clone() : builder.poolSize.clone();
        this.name = builder.name;
    }

    /**
     * Creates square pooling whose patches tile the image, Keras' {@code MaxPool2D(pool_size)}.
     *
     * @param poolSize the side of the square patch, also its stride
     * @return the layer
     */
    public static MaxPool2D of(int poolSize) {
        return builder().setPoolSize(poolSize, poolSize).build();
    }

    /** @return a builder for a max pooling layer */
    public static Builder builder() {
        return new Builder();
    }

    static MaxPool2D fromConfig(LayerConfig config) {
        int[] pool = config.pair("pool_size");
        int[] strides = config.pair("strides");
        return builder()
                .setPoolSize(pool[0], pool[1])
                .optStrides(strides[0], strides[1])
                .optName(config.name())
                .build();
    }

    /** @return the patch's height and width */
    public int[] poolSize() {
        return poolSize.clone();
    }

    /** @return the steps between patches, down and across */
    public int[] strides() {
        return strides.clone();
    }

    @Override
    public Activation activation() {
        return Activation.LINEAR;
    }

    @Override
    public String typeName() {
        return "MaxPooling2D";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        Windows.requireRank(toString(), inputShape, 3, "(channels, height, width)");
        long h = Windows.positions(toString(), "height", inputShape[1], poolSize[0], strides[0], inputShape);
        long w = Windows.positions(toString(), "width", inputShape[2], poolSize[1], strides[1], inputShape);
        return new long[] {inputShape[0], h, w};
    }

    /**
     * Returns the written-out backward pass when the patches tile the image (strides equal to
     * the pool size, Keras' default): each output's gradient goes to the input positions that
     * hold its maximum, found by comparing the input with the output repeated over its patch.
     * Where a patch holds its maximum twice, each copy gets the gradient (autograd picks one);
     * after a ReLU such ties are zeros, whose gradient the ReLU stops either way. Overlapping
     * patches train through autograd.
     */
    @Override
    public Optional<WrittenBackward> writtenBackward() {
        if (poolSize[0] != strides[0] || poolSize[1] != strides[1]) {
            return Optional.empty();
        }
        return Optional.of(this::backward);
    }

    private WrittenBackward.Gradients backward(WrittenBackward.Step step) {
        if (!step.needsInputGradient()) {
            return new WrittenBackward.Gradients(null, List.of());
        }
        NDArray input = step.input();
        Shape inShape = input.getShape();
        Shape outShape = step.output().getShape();
        long coveredHeight = outShape.get(2) * poolSize[0];
        long coveredWidth = outShape.get(3) * poolSize[1];
        boolean tiled = coveredHeight == inShape.get(2) && coveredWidth == inShape.get(3);
        NDIndex covered = new NDIndex(":, :, :" + coveredHeight + ", :" + coveredWidth);
        NDArray x = tiled ? input : input.get(covered);
        NDArray isMax = x.eq(spreadOverPatches(step.output())).toType(input.getDataType(), false);
        NDArray dx = spreadOverPatches(step.outputGradient()).muli(isMax);
        if (tiled) {
            return new WrittenBackward.Gradients(dx, List.of());
        }
        // rows and columns past the last patch were never pooled: no gradient
        NDArray full = input.getManager().zeros(inShape, input.getDataType());
        full.set(covered, dx);
        return new WrittenBackward.Gradients(full, List.of());
    }

    /** Repeats every value over the patch it came from. */
    private NDArray spreadOverPatches(NDArray pooled) {
        return pooled.repeat(2, poolSize[0]).repeat(3, poolSize[1]);
    }

    @Override
    public List<Block> toBlocks(long seed) {
        return List.of(Pool.maxPool2dBlock(kernel(), stride(), new Shape(0, 0), false));
    }

    private Shape kernel() {
        return new Shape(poolSize[0], poolSize[1]);
    }

    private Shape stride() {
        return new Shape(strides[0], strides[1]);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "max_pooling2d");
        map.put("pool_size", List.of(poolSize[0], poolSize[1]));
        map.put("strides", List.of(strides[0], strides[1]));
        return map;
    }

    @Override
    public String toString() {
        return "MaxPool2D(pool_size=(" + poolSize[0] + ", " + poolSize[1] + "), strides=(" + strides[0] + ", "
                + strides[1] + "))";
    }

    /** Builds a {@link MaxPool2D} layer. */
    public static final class Builder {
        private int[] poolSize;
        private int[] strides;
        private String name;

        private Builder() {}

        /**
         * Sets the patch's height and width (required).
         *
         * @param height the patch's height
         * @param width the patch's width
         * @return this builder
         */
        public Builder setPoolSize(int height, int width) {
            this.poolSize = new int[] {height, width};
            return this;
        }

        /**
         * Sets the steps between patches (default: the pool size).
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
         * Names the layer (default: {@code max_pooling2d_<position>}).
         *
         * @param name the name
         * @return this builder
         */
        public Builder optName(String name) {
            this.name = name;
            return this;
        }

        /** @return the layer */
        public MaxPool2D build() {
            if (poolSize == null) {
                throw new dev.nntrain.InvalidInputException("MaxPool2D pool_size must be set");
            }
            Windows.requirePositive("MaxPool2D", "pool_size", poolSize);
            if (strides != null) {
                Windows.requirePositive("MaxPool2D", "strides", strides);
            }
            return new MaxPool2D(this);
        }
    }
}

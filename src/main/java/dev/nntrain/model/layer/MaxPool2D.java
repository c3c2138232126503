package dev.nntrain.model.layer;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Layer;
import dev.nntrain.model.WrittenBackward;
import dev.nntrain.model.layer.LayerConfig;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
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
 * the patches tile the image.
 *
 * <p>Patches that tile the image are pooled as the element-wise maximum of {@code ph x pw}
 * strided views of the input, one per position in the patch ({@code x[:, :, i::sh, j::sw]}):
 * {@code ph * pw - 1} operations on arrays of the output's size, about 6 times faster on the CPU
 * than PyTorch's pooling kernel for this layout (bench/README.md). The same views give the
 * written-out backward pass. Overlapping patches use DJL's {@link Pool#maxPool2dBlock} and train
 * through autograd.
 */
public final class MaxPool2D implements Layer {

    private final int[] poolSize;
    private final int[] strides;
    private final String name;
    /** The views last asked for; read-only once made. */
    private volatile Views lastViews;

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
    public OutputOrder outputOrder() {
        return OutputOrder.CHANNELS_FIRST;
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
     * the pool size, Keras' default): each output's gradient goes to the input position that
     * holds its maximum, found by comparing each strided view with the output. Where a patch
     * holds its maximum more than once, the first copy in reading order (row by row) gets all of
     * it, as in PyTorch's and TensorFlow's pooling kernels. Ties are common: a blank corner of a
     * digit, after a convolution with a positive bias and a ReLU, is one value repeated; giving
     * each copy the whole gradient would multiply it by the number of copies. (DJL's autograd
     * through the views, the path without written-out rules, splits it among the copies instead:
     * the same total, but not Keras' split, so on that path the layers before a tied patch get
     * other, equally valid, subgradients than Keras gives them; LayerTorchOracleTest asserts both
     * behaviours.) Overlapping patches train through autograd, through PyTorch's pooling kernel,
     * which gives the first copy all of it, as Keras does.
     */
    @Override
    public Optional<WrittenBackward> writtenBackward() {
        return tiles() ? Optional.of(this::backward) : Optional.empty();
    }

    private boolean tiles() {
        return poolSize[0] == strides[0] && poolSize[1] == strides[1];
    }

    private WrittenBackward.Gradients backward(WrittenBackward.Step step) {
        if (!step.needsInputGradient()) {
            return new WrittenBackward.Gradients(null, List.of());
        }
        NDArray input = step.input();
        NDArray pooled = step.output();
        NDArray dPooled = step.outputGradient();
        // rows and columns past the last patch were never pooled: they keep a zero gradient
        NDArray dInput = input.getManager().zeros(input.getShape(), input.getDataType());
        NDIndex[] views = patchViews(input.getShape());
        // the gradient not yet handed out: a patch's first maximum takes all of it, later copies none
        NDArray left = dPooled;
        for (int k = 0; k < views.length; k++) {
            NDArray isMax = input.get(views[k]).eq(pooled).toType(input.getDataType(), false);
            NDArray taken = isMax.muli(left);
            dInput.set(views[k], taken);
            if (k < views.length - 1) {
                // the first subtraction copies the caller's gradient; later ones reuse that copy
                left = k == 0 ? left.sub(taken) : left.subi(taken);
            }
        }
        return new WrittenBackward.Gradients(dInput, List.of());
    }

    /** The forward pass of tiling patches: the maximum of the patch positions' strided views. */
    private NDArray maxOfViews(NDArray input) {
        NDIndex[] views = patchViews(input.getShape());
        NDArray max = input.get(views[0]);
        if (views.length == 1) {
            return max.duplicate(); // a 1 x 1 patch: a copy, never a view the caller could overwrite
        }
        for (int k = 1; k < views.length; k++) {
            max = max.maximum(input.get(views[k]));
        }
        return max;
    }

    /**
     * One strided view of a batch {@code (batch, channels, height, width)} per position {@code
     * (i, j)} in the patch: the values at that position in every patch, shaped like the output.
     */
    private NDIndex[] patchViews(Shape batchShape) {
        long height = batchShape.get(2);
        long width = batchShape.get(3);
        Views cached = lastViews;
        if (cached != null && cached.height() == height && cached.width() == width) {
            return cached.views(); // every step asks for the same image size: parse the indices once
        }
        long outHeight = (height - poolSize[0]) / strides[0] + 1;
        long outWidth = (width - poolSize[1]) / strides[1] + 1;
        NDIndex[] views = new NDIndex[poolSize[0] * poolSize[1]];
        for (int i = 0; i < poolSize[0]; i++) {
            for (int j = 0; j < poolSize[1]; j++) {
                views[i * poolSize[1] + j] = new NDIndex(":, :, " + i + ":" + (i + outHeight * strides[0]) + ":"
                        + strides[0] + ", " + j + ":" + (j + outWidth * strides[1]) + ":" + strides[1]);
            }
        }
        lastViews = new Views(height, width, views);
        return views;
    }

    /** The strided views of one image size; replaced as a whole, so threads see a consistent one. */
    private record Views(long height, long width, NDIndex[] views) {}

    @Override
    public List<Block> toBlocks(long seed) {
        if (tiles()) {
            return List.of(LambdaBlock.singleton(this::maxOfViews, "maxPool2d"));
        }
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
                throw new InvalidInputException("MaxPool2D pool_size must be set");
            }
            Windows.requirePositive("MaxPool2D", "pool_size", poolSize);
            if (strides != null) {
                Windows.requirePositive("MaxPool2D", "strides", strides);
            }
            return new MaxPool2D(this);
        }
    }
}

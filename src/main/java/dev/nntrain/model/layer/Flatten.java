package dev.nntrain.model.layer;

import dev.nntrain.model.Activation;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.Shapes;
import dev.nntrain.model.WrittenBackward;
import dev.nntrain.model.layer.LayerConfig;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flattens each example to one axis, e.g. {@code (1, 28, 28)} to {@code (784)}. Built as DJL's
 * batch-flatten block; its backward pass reshapes the gradient back to the input's shape.
 *
 * <p>Examples are channels first, as in DJL and PyTorch, so the flat order is channel, then row,
 * then column. Keras flattens channels-last images (row, column, channel), so the kernel of a
 * {@code Dense} layer after a {@code Flatten} of a feature map has its rows in another order in
 * Keras than in nntrain. {@link dev.nntrain.model.weights.KerasWeights} (the model's {@link Sequential#weights()}) reads and
 * writes such a kernel in Keras' order, reordering its rows: a kernel saved from Keras goes in
 * as it is. {@link Sequential#parameters()} holds it in nntrain's order.
 */
public final class Flatten implements Layer {

    private final String name;

    private Flatten(String name) {
        this.name = name;
    }

    /** @return a flatten layer */
    public static Flatten of() {
        return new Flatten(null);
    }

    /**
     * Creates a named flatten layer.
     *
     * @param name the name
     * @return the layer
     */
    public static Flatten named(String name) {
        return new Flatten(name);
    }

    static Flatten fromConfig(LayerConfig config) {
        return named(config.name());
    }

    @Override
    public String typeName() {
        return "Flatten";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Activation activation() {
        return Activation.LINEAR;
    }

    @Override
    public OutputOrder outputOrder() {
        return OutputOrder.SAME_AS_INPUT;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        return new long[] {Shapes.size(inputShape)};
    }

    @Override
    public List<Block> toBlocks(long seed) {
        return List.of(Blocks.batchFlattenBlock());
    }

    @Override
    public Optional<WrittenBackward> writtenBackward() {
        return Optional.of(step -> new WrittenBackward.Gradients(
                step.needsInputGradient() ? step.outputGradient().reshape(step.input().getShape()) : null,
                List.of()));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "flatten");
        return map;
    }

    @Override
    public String toString() {
        return "Flatten()";
    }
}

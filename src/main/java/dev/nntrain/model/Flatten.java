package dev.nntrain.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Flattens each example to one axis, e.g. {@code (1, 28, 28)} to {@code (784)}. */
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

    @Override
    public String typeName() {
        return "Flatten";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long[] outputShape(long[] inputShape) {
        long size = 1;
        for (long d : inputShape) {
            size *= d;
        }
        return new long[] {size};
    }

    @Override
    public long parameterCount(long[] inputShape) {
        return 0;
    }

    @Override
    public int parameterArrayCount() {
        return 0;
    }

    @Override
    public NDArray forward(NDArray x, List<NDArray> parameters) {
        return x.reshape(x.getShape().get(0), -1);
    }

    @Override
    public List<Block> toBlocks(long seed) {
        return List.of(Blocks.batchFlattenBlock());
    }

    @Override
    public Activation activation() {
        return Activation.LINEAR;
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

package dev.nntrain.model.layer;

import ai.djl.nn.Block;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Layer;
import dev.nntrain.model.layer.LayerConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dropout, Keras' {@code Dropout(rate)}: while training, each value of its input is set to 0 with
 * probability {@code rate} and the others are divided by {@code 1 - rate} ("inverted" dropout),
 * so that the expected value of every output equals its input; at inference it passes its input
 * through unchanged. Randomly silencing units keeps a network from relying on any one of them,
 * which reduces overfitting.
 *
 * <p>Built as DJL's {@link ai.djl.nn.norm.Dropout} block, whose masks come from the engine's
 * random generator: {@code fit} seeds it from its own seed, so a seeded fit draws the same masks
 * every run. It has no written-out backward pass (the engine does not return the mask), so a model
 * with dropout trains through autograd.
 */
public final class Dropout implements Layer {

    private final double rate;
    private final String name;

    private Dropout(double rate, String name) {
        if (!(rate >= 0 && rate < 1)) {
            throw new InvalidInputException("Dropout rate must lie in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.name = name;
    }

    /**
     * Creates a dropout layer.
     *
     * @param rate the fraction of inputs to drop while training, in [0, 1)
     * @return the layer
     */
    public static Dropout of(double rate) {
        return new Dropout(rate, null);
    }

    /**
     * Creates a named dropout layer.
     *
     * @param rate the fraction of inputs to drop while training, in [0, 1)
     * @param name the name
     * @return the layer
     */
    public static Dropout named(double rate, String name) {
        return new Dropout(rate, name);
    }

    static Dropout fromConfig(LayerConfig config) {
        return named(config.fraction("rate"), config.name());
    }

    /** @return the fraction of inputs dropped while training */
    public double rate() {
        return rate;
    }

    @Override
    public String typeName() {
        return "Dropout";
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
        return inputShape.clone();
    }

    @Override
    public List<Block> toBlocks(long seed) {
        return List.of(ai.djl.nn.norm.Dropout.builder().optRate((float) rate).build());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "dropout");
        map.put("rate", rate);
        return map;
    }

    @Override
    public String toString() {
        return "Dropout(" + rate + ")";
    }
}

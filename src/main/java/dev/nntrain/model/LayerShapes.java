package dev.nntrain.model;

import ai.djl.ndarray.types.Shape;

import dev.nntrain.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every layer's input, output and parameter shapes for one input shape: walked once, when the
 * model is built, and read by the summary, the parameter storage and the trainer.
 */
public final class LayerShapes {

    private final List<long[]> inputs;
    private final List<long[]> outputs;
    private final List<List<Shape>> parameters;

    private LayerShapes(List<long[]> inputs, List<long[]> outputs, List<List<Shape>> parameters) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.parameters = parameters;
    }

    /**
     * Walks the layers from an input shape.
     *
     * @param layers the layers
     * @param names their names, for messages
     * @param input the shape of one example
     * @return the shapes
     * @throws InvalidInputException naming the layer that cannot take its input
     */
    public static LayerShapes walk(List<Layer> layers, List<String> names, long[] input) {
        Objects.requireNonNull(layers, "layers");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(input, "input");
        List<long[]> ins = new ArrayList<>();
        List<long[]> outs = new ArrayList<>();
        List<List<Shape>> params = new ArrayList<>();
        long[] current = input.clone();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            ins.add(current);
            try {
                params.add(List.copyOf(layer.parameterShapes(current)));
                current = layer.outputShape(current);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        "layer " + names.get(i) + " (" + layer.typeName() + "): " + e.getMessage(), e);
            }
            outs.add(current);
        }
        return new LayerShapes(ins, outs, params);
    }

    /** @return the shape of one input example */
    public long[] input() {
        return inputs.get(0).clone();
    }

    /**
     * @param layer the layer's position, from 0
     * @return the shape of one example entering the layer
     */
    public long[] input(int layer) {
        return inputs.get(layer).clone();
    }

    /**
     * @param layer the layer's position, from 0
     * @return the shape of one example leaving the layer
     */
    public long[] output(int layer) {
        return outputs.get(layer).clone();
    }

    /**
     * @param layer the layer's position, from 0
     * @return the shapes of the layer's parameter arrays
     */
    public List<Shape> parameters(int layer) {
        return parameters.get(layer);
    }
}

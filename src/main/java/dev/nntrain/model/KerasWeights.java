package dev.nntrain.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

import dev.nntrain.engine.Engines;
import dev.nntrain.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A model's dense layers' weights in Keras' layout: a kernel of {@code (inputs, units)} and a
 * bias of {@code (units)}, where DJL stores the kernel transposed, {@code (units, inputs)}. Reads
 * copy; writes go into the model's one parameter storage. A convolution's weights have no such
 * layout: read them from {@link Sequential#parameters()}. The kernel's rows follow nntrain's input
 * order, which after a {@link Flatten} of channels-first images differs from Keras' (see there).
 */
public final class KerasWeights {

    private final Sequential model;

    KerasWeights(Sequential model) {
        this.model = model;
    }

    /**
     * Returns a dense layer's weights.
     *
     * @param layerIndex the layer's position, from 0
     * @return a copy of the kernel {@code (inputs, units)} and bias
     * @throws InvalidInputException if the layer is not a {@link Dense} layer
     */
    public LayerWeights get(int layerIndex) {
        List<NDArray> wb = dense(layerIndex);
        NDArray w = wb.get(0);
        int units = Math.toIntExact(w.getShape().get(0));
        int inputs = Math.toIntExact(w.getShape().get(1));
        float[] flat = floats(w);
        float[][] kernel = new float[inputs][units];
        for (int u = 0; u < units; u++) {
            for (int i = 0; i < inputs; i++) {
                kernel[i][u] = flat[u * inputs + i];
            }
        }
        float[] bias = floats(wb.get(1));
        return new LayerWeights(model.layerNames().get(layerIndex), kernel, bias);
    }

    /**
     * Returns every dense layer's weights, input to output.
     *
     * @return copies of the weights
     * @throws InvalidInputException if the model has a convolutional layer
     */
    public List<LayerWeights> all() {
        List<LayerWeights> out = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            if (!model.shapes().parameters(i).isEmpty()) {
                out.add(get(i));
            }
        }
        return out;
    }

    /**
     * Sets a dense layer's weights.
     *
     * @param layerIndex the layer's position, from 0
     * @param weights the kernel {@code (inputs, units)} and bias
     * @throws InvalidInputException if a shape does not match the layer, or the layer is not a
     *     {@link Dense} layer
     */
    public void set(int layerIndex, LayerWeights weights) {
        Objects.requireNonNull(weights, "weights");
        List<NDArray> wb = dense(layerIndex);
        Engines.prepareThread();
        NDArray w = wb.get(0);
        int units = Math.toIntExact(w.getShape().get(0));
        int inputs = Math.toIntExact(w.getShape().get(1));
        if (weights.kernel().length != inputs || weights.bias().length != units) {
            throw new InvalidInputException(
                    "layer " + model.layerNames().get(layerIndex) + " needs a kernel of " + inputs + "x" + units
                            + " and " + units + " biases, got " + weights.kernel().length + "x"
                            + (weights.kernel().length == 0 ? 0 : weights.kernel()[0].length)
                            + " and " + weights.bias().length);
        }
        double[] flat = new double[units * inputs];
        for (int i = 0; i < inputs; i++) {
            if (weights.kernel()[i].length != units) {
                throw new InvalidInputException(
                        "kernel row " + i + " has " + weights.kernel()[i].length + " values; expected " + units);
            }
            for (int u = 0; u < units; u++) {
                flat[u * inputs + i] = weights.kernel()[i][u];
            }
        }
        double[] bias = new double[units];
        for (int u = 0; u < units; u++) {
            bias[u] = weights.bias()[u];
        }
        copyInto(w, flat);
        copyInto(wb.get(1), bias);
    }

    /** A float64 model's values, read without leaving a converted copy on the model's manager. */
    private static float[] floats(NDArray a) {
        if (a.getDataType() == DataType.FLOAT32) {
            return a.toFloatArray();
        }
        try (NDArray converted = a.toType(DataType.FLOAT32, true)) {
            return converted.toFloatArray();
        }
    }

    private static void copyInto(NDArray target, double[] values) {
        // NDArray.set(Buffer) makes PyTorch print a deprecation warning; an indexed set does not
        try (NDArray src = target.getManager().create(values, target.getShape());
                NDArray typed = src.toType(target.getDataType(), true)) {
            target.set(new NDIndex("..."), typed);
        }
    }

    private List<NDArray> dense(int layerIndex) {
        if (layerIndex < 0 || layerIndex >= model.layers().size()) {
            throw new IndexOutOfBoundsException(
                    "layer " + layerIndex + " of a model with " + model.layers().size() + " layers");
        }
        Layer layer = model.layers().get(layerIndex);
        if (!(layer instanceof Dense)) {
            String why = model.shapes().parameters(layerIndex).isEmpty()
                    ? "has no weights"
                    : "has weights of shape " + model.shapes().parameters(layerIndex).get(0)
                            + ", which have no Keras (inputs, units) kernel layout; read and write them"
                            + " through parameters()";
            throw new InvalidInputException(
                    "layer " + model.layerNames().get(layerIndex) + " (" + layer.typeName() + ") " + why
                            + "; Keras-layout weights are for Dense layers only");
        }
        return model.layerParameters(layerIndex);
    }
}

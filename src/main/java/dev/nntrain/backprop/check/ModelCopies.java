package dev.nntrain.backprop.check;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;

import dev.nntrain.InvalidInputException;
import dev.nntrain.backprop.LayerParameters;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Sequential;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Moves parameter values between DJL models and plain arrays. Values travel as one
 * {@code double[]} per DJL parameter, in {@link dev.nntrain.model.ParameterStorage#arrays()} order: each
 * dense layer's weight {@code (units, inputs)} row-major, then its bias.
 *
 * <p>The checker runs DJL on fresh copies built here rather than on a caller's model, so that
 * the caller's gradients and arrays are never touched and a copy starts with no gradient left
 * over (PyTorch accumulates gradients, and DJL's collector does not zero them).
 */
final class ModelCopies {

    private ModelCopies() {}

    /** The model's parameter values, widened to double, without creating arrays on its manager. */
    static List<double[]> read(Sequential model) {
        List<double[]> values = new ArrayList<>();
        for (NDArray array : model.parameters().arrays()) {
            values.add(toDoubles(array));
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * A new built model with the same layers, input shape and device as {@code template}, of
     * type {@code dataType}, holding {@code values} (rounded to float for FLOAT32). Close it.
     */
    static Sequential copy(Sequential template, DataType dataType, List<double[]> values) {
        return copy(template.layers(), template.inputShape(), template.device(), dataType, values);
    }

    /** A new built model of {@code layers} holding {@code values}; see {@link #copy(Sequential, DataType, List)}. */
    static Sequential copy(List<Layer> layers, long[] inputShape, Device device, DataType dataType,
            List<double[]> values) {
        Sequential model = Sequential.builder()
                .addAll(layers.toArray(Layer[]::new))
                .optDataType(dataType)
                .optDevice(device)
                .optSeed(0) // the initial weights are overwritten below
                .optInputShape(inputShape)
                .build();
        try {
            write(model, values);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /** Overwrites the model's parameters, in {@link dev.nntrain.model.ParameterStorage#arrays()} order. */
    static void write(Sequential model, List<double[]> values) {
        List<NDArray> arrays = model.parameters().arrays();
        if (values.size() != arrays.size()) {
            throw new InvalidInputException(values.size() + " parameter arrays given; the model has " + arrays.size());
        }
        double[] flat = new double[Math.toIntExact(model.parameters().size())];
        int offset = 0;
        for (int i = 0; i < arrays.size(); i++) {
            if (values.get(i).length != arrays.get(i).size()) {
                throw new InvalidInputException(
                        "parameter " + i + " has " + arrays.get(i).size() + " values, got " + values.get(i).length);
            }
            System.arraycopy(values.get(i), 0, flat, offset, values.get(i).length);
            offset += values.get(i).length;
        }
        model.parameters().restore(flat);
    }

    /**
     * An array's values as doubles. Reads FLOAT32 as floats and widens them in Java, rather than
     * with {@code toType}, which would leave a converted array on the owner's manager.
     */
    static double[] toDoubles(NDArray array) {
        DataType type = array.getDataType();
        if (type == DataType.FLOAT64) {
            return array.toDoubleArray();
        }
        if (type == DataType.FLOAT32) {
            float[] f = array.toFloatArray();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        throw new InvalidInputException("expected a float32 or float64 array, got " + type);
    }

    /** Every value rounded to the nearest float, and widened back to double. */
    static List<double[]> roundedToFloat(List<double[]> values) {
        List<double[]> rounded = new ArrayList<>();
        for (double[] v : values) {
            double[] r = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                r[i] = (float) v[i];
            }
            rounded.add(r);
        }
        return Collections.unmodifiableList(rounded);
    }

    /** Pairs the per-array values (weight, bias, weight, bias, ...) into per-layer parameters. */
    static List<LayerParameters> toLayers(List<double[]> values) {
        if (values.size() % 2 != 0) {
            throw new InvalidInputException("expected a weight and a bias per layer, got " + values.size() + " arrays");
        }
        List<LayerParameters> layers = new ArrayList<>();
        for (int i = 0; i < values.size(); i += 2) {
            layers.add(new LayerParameters(values.get(i), values.get(i + 1)));
        }
        return Collections.unmodifiableList(layers);
    }

    /** The inverse of {@link #toLayers}: weight, bias, weight, bias, ... */
    static List<double[]> fromLayers(List<LayerParameters> layers) {
        List<double[]> values = new ArrayList<>();
        for (LayerParameters p : layers) {
            values.add(p.weight());
            values.add(p.bias());
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * One name per parameter array, such as {@code dense_1/weight}, from the model's layer names,
     * in {@link dev.nntrain.model.ParameterStorage#arrays()} order.
     */
    static List<String> names(Sequential model) {
        List<String> names = new ArrayList<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (!model.shapes().parameters(i).isEmpty()) {
                String layer = model.layerNames().get(i);
                names.add(layer + "/weight");
                names.add(layer + "/bias");
            }
        }
        return Collections.unmodifiableList(names);
    }

    /** One shape per parameter array, such as {@code (4, 3)}. */
    static List<String> shapes(Sequential model) {
        List<String> shapes = new ArrayList<>();
        for (Parameter p : model.parameters().parameters()) {
            shapes.add(p.getArray().getShape().toString());
        }
        return Collections.unmodifiableList(shapes);
    }
}

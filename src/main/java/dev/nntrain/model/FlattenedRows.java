package dev.nntrain.model;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.layer.Dense;

import java.util.List;
import java.util.Objects;

/**
 * The row order of a dense kernel that reads a flattened feature map. nntrain's feature maps are
 * channels first, {@code (channels, height, width)} or {@code (channels, length)}, and a {@link
 * dev.nntrain.model.layer.Flatten} of one orders its values channel, row, column; Keras' are channels last and Keras
 * flattens them row, column, channel. Row {@code (r, c, ch)} of a Keras kernel, {@code (r * width
 * + c) * channels + ch}, is therefore row {@code (ch * height + r) * width + c} of nntrain's (for a
 * map {@code (channels, length)}, Keras' row {@code p * channels + ch} is nntrain's {@code ch *
 * length + p}).
 *
 * <p>One place says which dense layers read such a map ({@link #map}) and how their rows move
 * between the two orders ({@link #fromKeras}, {@link #toKeras}), for {@link dev.nntrain.model.weights.KerasWeights}, which
 * reads and writes a built model's kernels in Keras' order, and for a {@link KerasRowOrder}
 * initializer, which gives a kernel in Keras' order when the model is built.
 */
public final class FlattenedRows {

    private FlattenedRows() {}

    /**
     * Returns the channels-first feature map that a dense layer reads through layers that keep
     * their input's order (a {@link dev.nntrain.model.layer.Flatten}, {@link dev.nntrain.model.layer.Dropout}: {@link Layer#outputOrder()}), or
     * null when the layer is not a {@link Dense} or its rows are in Keras' order already (it reads
     * a dense layer's units, or the model's input, which nntrain does not reorder).
     *
     * @param layers the model's layers
     * @param shapes their shapes
     * @param layerIndex the layer's position, from 0
     * @return the map's shape, {@code (channels, ...)}, or null
     */
    public static long[] map(List<Layer> layers, LayerShapes shapes, int layerIndex) {
        Objects.requireNonNull(layers, "layers");
        Objects.requireNonNull(shapes, "shapes");
        if (!(layers.get(layerIndex) instanceof Dense)) {
            return null;
        }
        int k = layerIndex - 1;
        while (k >= 0 && layers.get(k).outputOrder() == Layer.OutputOrder.SAME_AS_INPUT) {
            k--;
        }
        if (k < 0 || layers.get(k).outputOrder() != Layer.OutputOrder.CHANNELS_FIRST) {
            return null;
        }
        long[] map = shapes.output(k);
        return map.length >= 2 ? map : null;
    }

    /**
     * Reorders a kernel's rows from Keras' channels-last order to nntrain's channels-first order.
     *
     * @param rows the kernel in Keras' layout {@code (inputs, units)}, row-major: row {@code i} is
     *     {@code rows[i * units]} to {@code rows[i * units + units - 1]}
     * @param map nntrain's feature map, {@code (channels, height, width)} or {@code (channels,
     *     length)}, whose values are the kernel's inputs
     * @param units the number of values per row
     * @return a new array, the same rows in nntrain's order
     * @throws InvalidInputException if the map is not a feature map of {@code rows.length / units}
     *     values
     */
    public static float[] fromKeras(float[] rows, long[] map, int units) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(map, "map");
        return reorder(rows, map, units, true);
    }

    /**
     * Reorders a kernel's rows from nntrain's channels-first order to Keras' channels-last order,
     * the inverse of {@link #fromKeras}.
     *
     * @param rows the kernel in Keras' layout {@code (inputs, units)}, row-major, rows in nntrain's order
     * @param map nntrain's feature map, {@code (channels, height, width)} or {@code (channels, length)}
     * @param units the number of values per row
     * @return a new array, the same rows in Keras' order
     * @throws InvalidInputException if the map is not a feature map of {@code rows.length / units}
     *     values
     */
    public static float[] toKeras(float[] rows, long[] map, int units) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(map, "map");
        return reorder(rows, map, units, false);
    }

    private static float[] reorder(float[] rows, long[] map, int units, boolean fromKeras) {
        if (map.length < 2 || units <= 0) {
            throw new InvalidInputException("a feature map is (channels, length) or (channels, height, width), and a"
                    + " row holds at least one unit; got map " + Shapes.format(map) + " and " + units + " units");
        }
        for (long d : map) {
            if (d <= 0) {
                throw new InvalidInputException("feature map " + Shapes.format(map) + " has an empty axis");
            }
        }
        long inputs = Shapes.size(map);
        if ((long) rows.length != inputs * units) {
            throw new InvalidInputException("a kernel of " + (rows.length / units) + " inputs x " + units + " units"
                    + " (" + rows.length + " values) cannot read a flattened feature map of shape "
                    + Shapes.format(map) + ", " + inputs + " inputs");
        }
        int channels = Math.toIntExact(map[0]);
        int positions = Math.toIntExact(inputs / channels);
        float[] out = new float[rows.length];
        for (int ch = 0; ch < channels; ch++) {
            for (int p = 0; p < positions; p++) {
                int nntrain = (ch * positions + p) * units;
                int keras = (p * channels + ch) * units;
                if (fromKeras) {
                    System.arraycopy(rows, keras, out, nntrain, units);
                } else {
                    System.arraycopy(rows, nntrain, out, keras, units);
                }
            }
        }
        return out;
    }
}

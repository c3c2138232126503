package dev.nntrain.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

import dev.nntrain.InvalidInputException;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.FlattenedRows;
import dev.nntrain.model.KerasRowOrder;
import dev.nntrain.model.Layer;
import dev.nntrain.model.ModelFormatException;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.WeightedLayer;
import dev.nntrain.model.layer.Conv1D;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Dropout;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A model's weights in Keras' layout, layer by layer ({@code layer.get_weights()} and {@code
 * set_weights}) or for the whole model ({@code model.get_weights()} and {@code set_weights}), so
 * that the weights of a Keras model of the same layers give the same predictions in nntrain.
 * Reads copy; writes go into the model's one parameter storage. See {@link LayerWeights} for the
 * layouts:
 *
 * <ul>
 *   <li>{@link Dense}: kernel {@code (inputs, units)}, DJL's {@code (units, inputs)} transposed;
 *   <li>{@link Conv1D}: kernel {@code (kernel_size, in_channels, filters)}, DJL's {@code
 *       (filters, in_channels, kernel_size)};
 *   <li>{@link Conv2D}: kernel {@code (kh, kw, in_channels, filters)}, DJL's {@code (filters,
 *       in_channels, kh, kw)};
 *   <li>a bias of {@code (units)} or {@code (filters)}, the same in both.
 * </ul>
 *
 * <p><b>Flattened feature maps.</b> nntrain's feature maps are channels first, and a {@link
 * Flatten} of one orders its values channel, row, column; Keras' are channels last, and Keras
 * flattens them row, column, channel. A dense layer that reads a flattened feature map (the output
 * of a {@link Conv1D}, {@link Conv2D} or {@link MaxPool2D}, through a {@link Flatten} and any
 * {@link Dropout} layers: {@link Layer#outputOrder()}) therefore holds its kernel's rows in
 * another order than Keras' same layer. This class reads and writes such a kernel in Keras' order:
 * row {@code (r, c, ch)} of the Keras kernel, {@code (r * width + c) * channels + ch}, is row
 * {@code (ch * height + r) * width + c} of nntrain's (for a Conv1D's map {@code (channels,
 * length)}, Keras' row {@code p * channels + ch} is nntrain's {@code ch * length + p}). A kernel
 * saved from Keras goes in as it is, and comes back out as Keras holds it: {@code get} after
 * {@code set} returns the values set, exactly. {@link FlattenedRows} holds this test and
 * reordering, which a {@link KerasRowOrder} kernel initializer shares at build time. A flattened model input is left in its order: the
 * input is the caller's data, which nntrain does not reorder. To reach the weights in DJL's layout
 * and nntrain's order, use {@link Sequential#parameters()}.
 *
 * <p>Every layer with weights is a {@link WeightedLayer} ({@link Dense}, {@link Conv1D}, {@link
 * Conv2D}); asking for another layer's weights, or giving weights of another shape than the
 * layer's, throws an {@link InvalidInputException} naming the layer, the shape given and the shape
 * expected. Keras' weights saved by numpy, {@code np.savez(file, *model.get_weights())}, go in
 * through {@link #readNpz}; {@link #writeNpz} writes them for Keras.
 *
 * <p>Earlier versions read and wrote a dense kernel after a flattened feature map in nntrain's
 * channels-first row order (a kernel from Keras had its rows reordered by hand), and had no
 * Keras layout for convolutions.
 */
public final class KerasWeights {

    private final Sequential model;

    /**
     * A view of a model's weights in Keras' layout; {@link Sequential#weights()} is the usual way
     * to get one.
     *
     * @param model the model; its weights are read and written where they live, not copied
     */
    public KerasWeights(Sequential model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * Returns one layer's weights, Keras' {@code model.layers[i].get_weights()}.
     *
     * @param layerIndex the layer's position, from 0
     * @return a copy of the kernel, in Keras' layout, and of the bias
     * @throws InvalidInputException if the layer has no weights
     * @throws IndexOutOfBoundsException if there is no such layer
     */
    public LayerWeights get(int layerIndex) {
        List<NDArray> wb = weighted(layerIndex);
        NDArray w = wb.get(0);
        int[] djlShape = ints(w.getShape().getShape());
        float[] keras = permute(floats(w), djlShape, toKeras(djlShape.length));
        int[] kerasShape = kerasShape(djlShape);
        long[] map = flattenedMap(layerIndex);
        if (map != null) {
            keras = FlattenedRows.toKeras(keras, map, kerasShape[1]);
        }
        return LayerWeights.ofFlat(model.layerNames().get(layerIndex), kerasShape, keras, floats(wb.get(1)));
    }

    /**
     * Returns one layer's weights by the layer's name, Keras' {@code model.get_layer(name).get_weights()}.
     *
     * @param layerName the layer's name, e.g. {@code conv2d_1}
     * @return a copy of the weights, in Keras' layout
     * @throws InvalidInputException if no layer has that name, or it has no weights
     */
    public LayerWeights get(String layerName) {
        return get(indexOf(layerName));
    }

    /**
     * Returns the weights of every layer that has them, input to output: Keras' {@code
     * model.get_weights()}, whose list of arrays is these layers' kernels and biases in this order.
     *
     * @return copies of the weights, in Keras' layout
     */
    public List<LayerWeights> all() {
        List<LayerWeights> out = new ArrayList<>();
        for (int i : weightedLayers()) {
            out.add(get(i));
        }
        return out;
    }

    /**
     * Sets one layer's weights, Keras' {@code model.layers[i].set_weights([kernel, bias])}.
     *
     * @param layerIndex the layer's position, from 0
     * @param weights the kernel in Keras' layout, and the bias
     * @throws InvalidInputException if the layer has no weights, or a shape does not match it;
     *     then nothing is written
     * @throws IndexOutOfBoundsException if there is no such layer
     */
    public void set(int layerIndex, LayerWeights weights) {
        Objects.requireNonNull(weights, "weights");
        write(layerIndex, toDjl(layerIndex, weights));
    }

    /**
     * Sets one layer's weights by the layer's name.
     *
     * @param layerName the layer's name, e.g. {@code dense_1}
     * @param weights the kernel in Keras' layout, and the bias
     * @throws InvalidInputException if no layer has that name, it has no weights, or a shape does
     *     not match it
     */
    public void set(String layerName, LayerWeights weights) {
        Objects.requireNonNull(weights, "weights");
        set(indexOf(layerName), weights);
    }

    /**
     * Sets the weights of every layer that has them, input to output: Keras' {@code
     * model.set_weights(weights)}, one {@link LayerWeights} per kernel and bias pair of Keras'
     * list. Every shape is checked before anything is written, so a list that does not fit
     * leaves the model as it was.
     *
     * @param weights one entry per layer with weights, in the model's order
     * @throws InvalidInputException if the list has another length, or a shape does not match
     *     its layer
     */
    public void setAll(List<LayerWeights> weights) {
        Objects.requireNonNull(weights, "weights");
        List<Integer> layers = weightedLayers();
        if (weights.size() != layers.size()) {
            throw new InvalidInputException("the model has " + layers.size() + " layers with weights " + weightedNames()
                    + " (Keras' get_weights() lists each one's kernel and bias); got weights for " + weights.size());
        }
        List<double[][]> converted = new ArrayList<>();
        for (int k = 0; k < layers.size(); k++) {
            LayerWeights w = Objects.requireNonNull(weights.get(k), "weights");
            converted.add(toDjl(layers.get(k), w));
        }
        for (int k = 0; k < layers.size(); k++) {
            write(layers.get(k), converted.get(k));
        }
    }

    /**
     * Reads a Keras model's weights saved by numpy, {@code np.savez(file, *model.get_weights())}:
     * its arrays in order, each layer's kernel (2 to 4 axes) then its bias (1 axis), for {@link
     * #setAll}. float64 arrays are rounded to float32; C and Fortran order are both read.
     *
     * @param file the {@code .npz} file
     * @return one {@link LayerWeights} per kernel and bias pair, without layer names
     * @throws ModelFormatException naming the file and the array, if it is not such a file or its
     *     arrays do not pair up as kernels and biases
     * @throws IOException if reading fails
     */
    public static List<LayerWeights> readNpz(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        List<Npz.NamedArray> arrays = Npz.read(file);
        if (arrays.size() % 2 != 0) {
            throw new ModelFormatException(file + ": " + arrays.size() + " arrays; Keras' get_weights() lists a"
                    + " kernel and a bias per layer, an even number");
        }
        List<LayerWeights> out = new ArrayList<>();
        for (int i = 0; i < arrays.size(); i += 2) {
            Npz.NamedArray kernel = arrays.get(i);
            Npz.NamedArray bias = arrays.get(i + 1);
            if (kernel.shape().length < 2 || kernel.shape().length > 4 || bias.shape().length != 1) {
                throw new ModelFormatException(file + ": arrays " + kernel.name() + " " + LayerWeights.format(kernel.shape())
                        + " and " + bias.name() + " " + LayerWeights.format(bias.shape()) + " are not a kernel (2 to 4"
                        + " axes) and a bias (1 axis), as Keras' get_weights() lists each layer's");
            }
            out.add(LayerWeights.ofFlat(null, kernel.shape(), kernel.values(), bias.values()));
        }
        return out;
    }

    /**
     * Writes the model's weights in Keras' layout as numpy's {@code np.savez} would, {@code
     * arr_0.npy} to {@code arr_(2n-1).npy}, float32: each layer's kernel then its bias, the list of
     * Keras' {@code model.get_weights()}. A Keras model of the same layers takes them with {@code
     * model.set_weights([w[k] for k in w.files])}, {@code w = np.load(file)}; {@link #readNpz} reads them back.
     *
     * @param file the {@code .npz} file, replaced if it exists (through a link to a regular file)
     * @throws dev.nntrain.InvalidInputException if {@code file} is a pipe, device or other file that
     *     is not regular, or a link to one ({@link dev.nntrain.OutputFiles})
     * @throws IOException if writing fails
     */
    public void writeNpz(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        List<Npz.NamedArray> arrays = new ArrayList<>();
        for (LayerWeights w : all()) {
            arrays.add(new Npz.NamedArray("arr_" + arrays.size(), w.kernelShape(), w.kernelValues()));
            arrays.add(new Npz.NamedArray("arr_" + arrays.size(), new int[] {w.bias().length}, w.bias().clone()));
        }
        Npz.write(file, arrays);
    }

    /** The positions of the layers that have weights. */
    private List<Integer> weightedLayers() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            if (!model.shapes().parameters(i).isEmpty()) {
                out.add(i);
            }
        }
        return out;
    }

    private int indexOf(String layerName) {
        Objects.requireNonNull(layerName, "layerName");
        int i = model.layerNames().indexOf(layerName);
        if (i < 0) {
            throw new InvalidInputException("the model has no layer named '" + layerName + "'; its layers are "
                    + model.layerNames());
        }
        return i;
    }

    /**
     * Checks a layer's weights in Keras' layout against the layer and converts them to DJL's
     * layout (and, for a dense layer reading a flattened feature map, nntrain's row order).
     *
     * @return the weight and the bias, flat, in DJL's layout
     */
    private double[][] toDjl(int layerIndex, LayerWeights weights) {
        List<NDArray> wb = weighted(layerIndex);
        int[] djlShape = ints(wb.get(0).getShape().getShape());
        int[] expected = kerasShape(djlShape);
        int filters = djlShape[0];
        int[] given = weights.kernelShape();
        if (!java.util.Arrays.equals(given, expected) || weights.bias().length != filters) {
            throw new InvalidInputException(describe(layerIndex) + " needs a Keras kernel of shape "
                    + LayerWeights.format(expected) + " " + axes(expected.length) + " and a bias of shape ("
                    + filters + ",); got a kernel of shape " + LayerWeights.format(given) + " and a bias of shape ("
                    + weights.bias().length + ",)" + hint(given, djlShape));
        }
        float[] keras;
        try {
            keras = weights.kernelValues();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(describe(layerIndex) + ": " + e.getMessage(), e);
        }
        long[] map = flattenedMap(layerIndex);
        if (map != null) {
            keras = FlattenedRows.fromKeras(keras, map, expected[1]);
        }
        float[] djl = permute(keras, expected, inverse(toKeras(djlShape.length)));
        double[] weight = new double[djl.length];
        for (int i = 0; i < djl.length; i++) {
            weight[i] = djl[i];
        }
        double[] bias = new double[filters];
        for (int u = 0; u < filters; u++) {
            bias[u] = weights.bias()[u];
        }
        return new double[][] {weight, bias};
    }

    private void write(int layerIndex, double[][] djl) {
        List<NDArray> wb = weighted(layerIndex);
        Engines.prepareThread();
        copyInto(wb.get(0), djl[0]);
        copyInto(wb.get(1), djl[1]);
    }

    private String describe(int layerIndex) {
        return "layer " + model.layerNames().get(layerIndex) + " (" + model.layers().get(layerIndex).typeName() + ")";
    }

    /** The names of a Keras kernel's axes. */
    private static String axes(int rank) {
        switch (rank) {
            case 2:
                return "(inputs, units)";
            case 3:
                return "(kernel_size, in_channels, filters)";
            default:
                return "(kh, kw, in_channels, filters)";
        }
    }

    /** Names the layout of a kernel that has DJL's (and PyTorch's) shape instead of Keras'. */
    private static String hint(int[] given, int[] djlShape) {
        if (!java.util.Arrays.equals(given, djlShape)) {
            return "";
        }
        String djl = djlShape.length == 2 ? "(units, inputs)"
                : djlShape.length == 3 ? "(filters, in_channels, kernel_size)" : "(filters, in_channels, kh, kw)";
        return "; that is DJL's and PyTorch's layout " + djl + ", not Keras'";
    }

    /**
     * Returns the shape of the channels-first feature map that a dense layer reads through
     * order-keeping layers (a Flatten, Dropout), or null when its rows are in Keras' order already.
     */
    private long[] flattenedMap(int layerIndex) {
        return FlattenedRows.map(model.layers(), model.shapes(), layerIndex);
    }

    /**
     * The axes of DJL's weight that make Keras' kernel, in Keras' order: {@code (out, in, k...)}
     * becomes {@code (k..., in, out)}, a dense {@code (units, inputs)} becomes {@code (inputs, units)}.
     */
    private static int[] toKeras(int rank) {
        int[] axes = new int[rank];
        for (int a = 0; a < rank - 2; a++) {
            axes[a] = a + 2;
        }
        axes[rank - 2] = 1;
        axes[rank - 1] = 0;
        return axes;
    }

    private static int[] kerasShape(int[] djlShape) {
        int[] axes = toKeras(djlShape.length);
        int[] out = new int[axes.length];
        for (int a = 0; a < axes.length; a++) {
            out[a] = djlShape[axes[a]];
        }
        return out;
    }

    private static int[] inverse(int[] axes) {
        int[] out = new int[axes.length];
        for (int a = 0; a < axes.length; a++) {
            out[axes[a]] = a;
        }
        return out;
    }

    /**
     * Transposes a row-major array: axis {@code a} of the result is axis {@code axes[a]} of the
     * source, as numpy's {@code np.transpose(src, axes)}.
     */
    static float[] permute(float[] src, int[] srcShape, int[] axes) {
        int rank = srcShape.length;
        int[] srcStrides = new int[rank];
        int stride = 1;
        for (int a = rank - 1; a >= 0; a--) {
            srcStrides[a] = stride;
            stride *= srcShape[a];
        }
        int[] dstShape = new int[rank];
        int[] step = new int[rank]; // the source stride of each result axis
        for (int a = 0; a < rank; a++) {
            dstShape[a] = srcShape[axes[a]];
            step[a] = srcStrides[axes[a]];
        }
        float[] out = new float[src.length];
        if (out.length == 0) {
            return out;
        }
        int[] at = new int[rank];
        int offset = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = src[offset];
            for (int a = rank - 1; a >= 0; a--) { // the next index, last axis fastest
                at[a]++;
                offset += step[a];
                if (at[a] < dstShape[a]) {
                    break;
                }
                offset -= step[a] * at[a];
                at[a] = 0;
            }
        }
        return out;
    }

    private static int[] ints(long[] shape) {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = Math.toIntExact(shape[i]);
        }
        return out;
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

    private List<NDArray> weighted(int layerIndex) {
        if (layerIndex < 0 || layerIndex >= model.layers().size()) {
            throw new IndexOutOfBoundsException(
                    "layer " + layerIndex + " of a model with " + model.layers().size() + " layers");
        }
        Layer layer = model.layers().get(layerIndex);
        if (!(layer instanceof WeightedLayer) || model.shapes().parameters(layerIndex).size() != 2) {
            throw new InvalidInputException(describe(layerIndex) + " has no weights; the layers with weights are "
                    + weightedNames());
        }
        return model.layerParameters(layerIndex);
    }

    private List<String> weightedNames() {
        List<String> names = new ArrayList<>();
        for (int i : weightedLayers()) {
            names.add(model.layerNames().get(i));
        }
        return names;
    }
}

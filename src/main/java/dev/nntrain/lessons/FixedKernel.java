package dev.nntrain.lessons;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import dev.nntrain.InvalidInputException;
import dev.nntrain.model.FlattenedRows;
import dev.nntrain.model.KerasRowOrder;
import dev.nntrain.model.Shapes;
import dev.nntrain.model.layer.Dense;

import java.util.Objects;

/**
 * A kernel initializer that starts a {@link Dense} layer with chosen weights, written in Keras'
 * layout: {@code kernel[i][j]} connects input {@code i} to unit {@code j}.
 *
 * <pre>{@code
 * Dense.builder().setUnits(1).optActivation(Activation.SIGMOID)
 *         .optKernelInitializer(new FixedKernel(new float[][] {{-1}, {1}})).build()
 * }</pre>
 *
 * <p>The lessons give layers their weights this way, at build time, so that a model is defined,
 * weights included, in one expression; {@code model.weights().set(layer, weights)} (see
 * {@link dev.nntrain.model.weights.KerasWeights#set}) does the same on a built model, and both take the
 * same kernel. For a dense layer that reads a flattened feature map (a {@code Conv1D}, {@code
 * Conv2D} or {@code MaxPool2D} output through a {@code Flatten}), the rows are in Keras'
 * channels-last order, as Keras flattens its {@code (height, width, channels)} map: row {@code (r *
 * width + c) * channels + ch} is the input from row {@code r}, column {@code c}, channel {@code
 * ch}, so a kernel saved from Keras goes in as it is.
 *
 * <p>DJL's {@link Initializer} sees only the weight's shape, not what the layer reads, so the
 * model tells it: this initializer is a {@link KerasRowOrder}, and a {@link
 * dev.nntrain.model.Sequential} that builds the layer after a flattened {@code (channels, height,
 * width)} or {@code (channels, length)} map asks it for {@link #afterFlatten}, which moves the rows
 * into nntrain's channels-first order with {@link FlattenedRows#fromKeras}, the reordering {@code
 * KerasWeights} uses. Anywhere else (after dense layers, on the model's input, which nntrain does
 * not reorder, or in a DJL block of one's own) the rows are used in the order given.
 */
public final class FixedKernel implements KerasRowOrder {

    private final float[][] kernel;

    /**
     * Creates the initializer.
     *
     * @param kernel {@code inputs} rows of {@code units} values
     */
    public FixedKernel(float[][] kernel) {
        Objects.requireNonNull(kernel, "kernel");
        if (kernel.length == 0 || kernel[0].length == 0) {
            throw new InvalidInputException("a kernel needs at least one input and one unit");
        }
        for (float[] row : kernel) {
            Objects.requireNonNull(row, "kernel row");
            if (row.length != kernel[0].length) {
                throw new InvalidInputException(
                        "kernel rows have " + row.length + " and " + kernel[0].length + " values; expected one per unit");
            }
        }
        this.kernel = new float[kernel.length][];
        for (int i = 0; i < kernel.length; i++) {
            this.kernel[i] = kernel[i].clone();
        }
    }

    /**
     * The identity kernel: unit {@code j} sees input {@code j} with weight 1, so that with the zero
     * bias a layer's pre-activations are its input (after a flattened feature map, in Keras'
     * channels-last order, as Keras' same layer would give them).
     *
     * @param size the number of inputs and units
     * @return the initializer
     */
    public static FixedKernel identity(int size) {
        float[][] identity = new float[size][size];
        for (int i = 0; i < size; i++) {
            identity[i][i] = 1;
        }
        return new FixedKernel(identity);
    }

    /**
     * The same kernel for a dense layer that reads a flattened feature map: its rows, given in
     * Keras' channels-last order, moved to nntrain's channels-first order. A {@link
     * dev.nntrain.model.Sequential} calls this when it builds such a layer.
     *
     * @param map nntrain's feature map, {@code (channels, height, width)} or {@code (channels, length)}
     * @return the initializer of the layer's DJL weight
     * @throws InvalidInputException if the kernel does not have one row per value of the map
     */
    @Override
    public FixedKernel afterFlatten(long[] map) {
        Objects.requireNonNull(map, "map");
        int inputs = kernel.length;
        int units = kernel[0].length;
        if (map.length < 2 || Shapes.size(map) != inputs) {
            throw new InvalidInputException("a kernel of " + inputs + " inputs x " + units + " units cannot"
                    + " initialise a dense layer that reads a flattened feature map of shape " + Shapes.format(map)
                    + " (channels first; " + Shapes.size(map) + " inputs)");
        }
        float[] rows = new float[inputs * units];
        for (int i = 0; i < inputs; i++) {
            System.arraycopy(kernel[i], 0, rows, i * units, units);
        }
        float[] reordered = FlattenedRows.fromKeras(rows, map, units);
        float[][] out = new float[inputs][units];
        for (int i = 0; i < inputs; i++) {
            System.arraycopy(reordered, i * units, out[i], 0, units);
        }
        return new FixedKernel(out);
    }

    /** DJL's {@code Linear} stores the kernel transposed, as {@code (units, inputs)}. */
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        int inputs = kernel.length;
        int units = kernel[0].length;
        if (shape.dimension() != 2 || shape.get(0) != units || shape.get(1) != inputs) {
            throw new InvalidInputException("a kernel of " + inputs + " inputs x " + units
                    + " units cannot initialise a weight of shape " + shape + " (units, inputs)");
        }
        float[] flat = new float[units * inputs];
        for (int u = 0; u < units; u++) {
            for (int i = 0; i < inputs; i++) {
                flat[u * inputs + i] = kernel[i][u];
            }
        }
        return manager.create(flat, shape).toType(dataType, false);
    }
}

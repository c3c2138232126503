package dev.nntrain.lessons;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Dense;

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
 * {@link dev.nntrain.model.KerasWeights#set}) does the same on a built model. One difference:
 * for a dense layer that reads a flattened feature map, {@code KerasWeights} takes the rows in
 * Keras' channels-last order, and this initializer in nntrain's channels-first order.
 */
public final class FixedKernel implements Initializer {

    private final float[][] kernel;

    /**
     * Creates the initializer.
     *
     * @param kernel {@code inputs} rows of {@code units} values
     */
    public FixedKernel(float[][] kernel) {
        if (kernel.length == 0 || kernel[0].length == 0) {
            throw new InvalidInputException("a kernel needs at least one input and one unit");
        }
        for (float[] row : kernel) {
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
     * bias a layer's pre-activations are its input.
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

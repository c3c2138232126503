package dev.nntrain.model.weights;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.layer.Conv1D;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;

import java.util.Arrays;
import java.util.Objects;

/**
 * The weights of one layer in Keras' layout, what Keras' {@code layer.get_weights()} returns: a
 * kernel and a bias of one value per unit or filter.
 *
 * <ul>
 *   <li>{@link Dense}: kernel {@code (inputs, units)}, {@code kernel[i][u]} connecting input
 *       {@code i} to unit {@code u} ({@link #kernel()}); DJL stores it transposed, {@code (units,
 *       inputs)};
 *   <li>{@link Conv1D}: kernel {@code (kernel_size, in_channels, filters)} ({@link
 *       #conv1dKernel()}); DJL stores {@code (filters, in_channels, kernel_size)};
 *   <li>{@link Conv2D}: kernel {@code (kh, kw, in_channels, filters)} ({@link #conv2dKernel()});
 *       DJL stores {@code (filters, in_channels, kh, kw)};
 *   <li>the bias: {@code (units)} or {@code (filters)}.
 * </ul>
 *
 * <p>The kernel is given as nested arrays of its rank, as numpy's {@code kernel.tolist()} nests
 * it, or flat in numpy's row-major order with its shape ({@link #ofFlat}, {@code kernel.ravel()}).
 * {@link KerasWeights} converts to and from DJL's layouts, and puts the rows of a dense kernel that
 * reads a flattened feature map in Keras' channels-last order. The arrays are held as given, not
 * copied ({@link #ofFlat} copies the flat kernel into nested arrays, and holds the bias), and their shapes are checked against the layer when they are set; the layer's name is
 * for the reader, and may be null.
 */
public final class LayerWeights {

    private final String layer;
    private final Object kernel;
    private final int rank;
    private final float[] bias;

    private LayerWeights(String layer, Object kernel, int rank, float[] bias) {
        this.layer = layer;
        this.kernel = kernel;
        this.rank = rank;
        this.bias = bias;
    }

    /**
     * A dense layer's weights.
     *
     * @param layer the layer's name, or null
     * @param kernel the kernel {@code (inputs, units)}: {@code inputs} rows of {@code units} values
     * @param bias the bias, one value per unit
     */
    public LayerWeights(String layer, float[][] kernel, float[] bias) {
        this(layer, Objects.requireNonNull(kernel, "kernel"), 2, Objects.requireNonNull(bias, "bias"));
    }

    /**
     * A one-dimensional convolution's weights.
     *
     * @param layer the layer's name, or null
     * @param kernel the kernel {@code (kernel_size, in_channels, filters)}
     * @param bias the bias, one value per filter
     */
    public LayerWeights(String layer, float[][][] kernel, float[] bias) {
        this(layer, Objects.requireNonNull(kernel, "kernel"), 3, Objects.requireNonNull(bias, "bias"));
    }

    /**
     * A two-dimensional convolution's weights.
     *
     * @param layer the layer's name, or null
     * @param kernel the kernel {@code (kh, kw, in_channels, filters)}
     * @param bias the bias, one value per filter
     */
    public LayerWeights(String layer, float[][][][] kernel, float[] bias) {
        this(layer, Objects.requireNonNull(kernel, "kernel"), 4, Objects.requireNonNull(bias, "bias"));
    }

    /**
     * Weights whose kernel is flat, in row-major order (numpy's {@code kernel.ravel()}), with its
     * Keras shape: {@code (inputs, units)}, {@code (kernel_size, in_channels, filters)} or {@code
     * (kh, kw, in_channels, filters)}.
     *
     * @param layer the layer's name, or null
     * @param kernelShape the kernel's shape, of 2, 3 or 4 axes
     * @param kernel the kernel's values, as many as the shape holds
     * @param bias the bias, held as given
     * @return the weights, with the kernel's values copied into nested arrays
     * @throws InvalidInputException if the shape has another rank, has a negative axis, or does
     *     not hold the values
     */
    public static LayerWeights ofFlat(String layer, int[] kernelShape, float[] kernel, float[] bias) {
        Objects.requireNonNull(kernelShape, "kernelShape");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(bias, "bias");
        if (kernelShape.length < 2 || kernelShape.length > 4) {
            throw new InvalidInputException("a Keras kernel has 2 (Dense), 3 (Conv1D) or 4 (Conv2D) axes; got shape "
                    + format(kernelShape));
        }
        long size = 1;
        for (int d : kernelShape) {
            if (d < 0) {
                throw new InvalidInputException("kernel shape " + format(kernelShape) + " has a negative axis");
            }
            size *= d;
        }
        if (size != kernel.length) {
            throw new InvalidInputException("a kernel of shape " + format(kernelShape) + " holds " + size
                    + " values; got " + kernel.length);
        }
        return new LayerWeights(layer, nest(kernel, kernelShape, 0, 0), kernelShape.length, bias);
    }

    private static Object nest(float[] values, int[] shape, int axis, int offset) {
        int stride = 1;
        for (int a = axis + 1; a < shape.length; a++) {
            stride *= shape[a];
        }
        if (axis == shape.length - 1) {
            return Arrays.copyOfRange(values, offset, offset + shape[axis]);
        }
        Object[] out = switch (shape.length - axis) {
            case 2 -> new float[shape[axis]][];
            case 3 -> new float[shape[axis]][][];
            default -> new float[shape[axis]][][][];
        };
        for (int i = 0; i < shape[axis]; i++) {
            out[i] = nest(values, shape, axis + 1, offset + i * stride);
        }
        return out;
    }

    /** @return the layer's name, or null */
    public String layer() {
        return layer;
    }

    /** @return the bias, one value per unit or filter (the array held, not a copy) */
    public float[] bias() {
        return bias;
    }

    /** @return the kernel's number of axes: 2 for a dense layer, 3 for Conv1D, 4 for Conv2D */
    public int rank() {
        return rank;
    }

    /**
     * Returns a dense layer's kernel.
     *
     * @return the kernel {@code (inputs, units)} (the array held, not a copy)
     * @throws IllegalStateException if the kernel is a convolution's
     */
    public float[][] kernel() {
        return (float[][]) kernelOfRank(2, "kernel()");
    }

    /**
     * Returns a one-dimensional convolution's kernel.
     *
     * @return the kernel {@code (kernel_size, in_channels, filters)} (the array held, not a copy)
     * @throws IllegalStateException if the kernel has another rank
     */
    public float[][][] conv1dKernel() {
        return (float[][][]) kernelOfRank(3, "conv1dKernel()");
    }

    /**
     * Returns a two-dimensional convolution's kernel.
     *
     * @return the kernel {@code (kh, kw, in_channels, filters)} (the array held, not a copy)
     * @throws IllegalStateException if the kernel has another rank
     */
    public float[][][][] conv2dKernel() {
        return (float[][][][]) kernelOfRank(4, "conv2dKernel()");
    }

    private Object kernelOfRank(int wanted, String method) {
        if (rank != wanted) {
            String[] getters = {null, null, "kernel()", "conv1dKernel()", "conv2dKernel()"};
            throw new IllegalStateException((layer == null ? "these weights" : layer) + " have a kernel of "
                    + rank + " axes, " + format(kernelShape()) + ", not " + wanted + ": read it with "
                    + getters[rank] + " or kernelValues(), not " + method);
        }
        return kernel;
    }

    /**
     * Returns the kernel's shape in Keras' layout, read from the nested arrays' first elements
     * (a ragged kernel is refused when it is set).
     *
     * @return {@code (inputs, units)}, {@code (kernel_size, in_channels, filters)} or {@code (kh,
     *     kw, in_channels, filters)}
     */
    public int[] kernelShape() {
        int[] shape = new int[rank];
        Object level = kernel;
        for (int a = 0; a < rank; a++) {
            int n = java.lang.reflect.Array.getLength(level);
            shape[a] = n;
            if (a < rank - 1) {
                if (n == 0) {
                    break; // the inner axes of an empty kernel are 0
                }
                level = java.lang.reflect.Array.get(level, 0);
                if (level == null) {
                    break;
                }
            }
        }
        return shape;
    }

    /**
     * Returns the kernel's values in row-major order (numpy's {@code kernel.ravel()}).
     *
     * @return a new array
     * @throws InvalidInputException if the nested arrays are ragged
     */
    public float[] kernelValues() {
        int[] shape = kernelShape();
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        float[] out = new float[Math.toIntExact(size)];
        flatten(kernel, shape, 0, out, 0, new int[rank]);
        return out;
    }

    private int flatten(Object level, int[] shape, int axis, float[] out, int offset, int[] at) {
        if (level == null || java.lang.reflect.Array.getLength(level) != shape[axis]) {
            throw new InvalidInputException((layer == null ? "the" : layer + "'s") + " kernel is ragged: "
                    + where(at, axis) + (level == null ? " is null" : " has " + java.lang.reflect.Array.getLength(level)
                            + " values")
                    + "; a kernel of shape " + format(shape) + " needs " + shape[axis]);
        }
        if (axis == shape.length - 1) {
            System.arraycopy((float[]) level, 0, out, offset, shape[axis]);
            return offset + shape[axis];
        }
        Object[] items = (Object[]) level;
        for (int i = 0; i < items.length; i++) {
            at[axis] = i;
            offset = flatten(items[i], shape, axis + 1, out, offset, at);
        }
        return offset;
    }

    private static String where(int[] at, int axis) {
        StringBuilder sb = new StringBuilder(axis == 0 ? "the kernel" : "kernel");
        for (int a = 0; a < axis; a++) {
            sb.append('[').append(at[a]).append(']');
        }
        return sb.toString();
    }

    /** @return the kernel's second-last axis: the inputs of a dense layer, the input channels of a convolution */
    public int inputs() {
        int[] shape = kernelShape();
        return shape[shape.length - 2];
    }

    /** @return the number of units or filters (the length of the bias) */
    public int units() {
        return bias.length;
    }

    static String format(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** Equal when the names, the kernels (shape and values) and the biases are. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LayerWeights other)) {
            return false;
        }
        return Objects.equals(layer, other.layer) && rank == other.rank
                && Arrays.deepEquals(new Object[] {kernel}, new Object[] {other.kernel}) && Arrays.equals(bias, other.bias);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layer, Arrays.deepHashCode(new Object[] {kernel}), Arrays.hashCode(bias));
    }

    @Override
    public String toString() {
        return "LayerWeights[" + (layer == null ? "" : layer + ": ") + "kernel " + format(kernelShape()) + ", bias ("
                + bias.length + ",)]";
    }
}

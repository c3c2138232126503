package dev.nntrain.model;

import java.util.Objects;
import java.util.StringJoiner;

/** Small helpers for per-example shapes held as {@code long[]}. */
public final class Shapes {

    private Shapes() {}

    /**
     * Formats a shape as Keras prints it with the batch axis, e.g. {@code (None, 25)}.
     *
     * @param shape the per-example shape
     * @return the text
     */
    public static String formatBatched(long[] shape) {
        Objects.requireNonNull(shape, "shape");
        StringJoiner j = new StringJoiner(", ", "(", ")");
        j.add("None");
        for (long d : shape) {
            j.add(Long.toString(d));
        }
        return j.toString();
    }

    /**
     * Formats a shape, e.g. {@code (1, 28, 28)}.
     *
     * @param shape the shape
     * @return the text
     */
    public static String format(long[] shape) {
        Objects.requireNonNull(shape, "shape");
        StringJoiner j = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
        for (long d : shape) {
            j.add(Long.toString(d));
        }
        return j.toString();
    }

    /**
     * Returns the number of values in a shape.
     *
     * @param shape the shape
     * @return the product of its dimensions
     */
    public static long size(long[] shape) {
        Objects.requireNonNull(shape, "shape");
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * Counts the values of parameter arrays.
     *
     * @param shapes the arrays' shapes
     * @return the total number of values
     */
    public static long parameterCount(java.util.List<ai.djl.ndarray.types.Shape> shapes) {
        Objects.requireNonNull(shapes, "shapes");
        long total = 0;
        for (ai.djl.ndarray.types.Shape s : shapes) {
            total += s.size();
        }
        return total;
    }

    /**
     * Prepends a batch axis to an example's shape.
     *
     * @param batch the batch size
     * @param example the shape of one example
     * @return {@code (batch, example...)}
     */
    public static long[] batched(long batch, long[] example) {
        Objects.requireNonNull(example, "example");
        long[] shape = new long[example.length + 1];
        shape[0] = batch;
        System.arraycopy(example, 0, shape, 1, example.length);
        return shape;
    }
}

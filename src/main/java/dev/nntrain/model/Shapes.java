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
     * @throws ArithmeticException if the product does not fit in a {@code long}: a count that
     *     wrapped around would pass any bound it is checked against
     */
    public static long size(long[] shape) {
        Objects.requireNonNull(shape, "shape");
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /**
     * Counts the values of parameter arrays. DJL's {@code Shape.size()} multiplies without a
     * check, so the product is taken here.
     *
     * @param shapes the arrays' shapes
     * @return the total number of values
     * @throws ArithmeticException if the total does not fit in a {@code long}
     */
    public static long parameterCount(java.util.List<ai.djl.ndarray.types.Shape> shapes) {
        Objects.requireNonNull(shapes, "shapes");
        long total = 0;
        for (ai.djl.ndarray.types.Shape s : shapes) {
            total = Math.addExact(total, size(s.getShape()));
        }
        return total;
    }

    /**
     * Counts the values of parameter arrays as a {@code double}, for estimates of models too
     * large to count exactly (the sum is exact up to 2<sup>53</sup>, then rounded, never wrapped).
     *
     * @param shapes the arrays' shapes
     * @return the total number of values, approximately once past 2<sup>53</sup>
     */
    public static double approximateParameterCount(java.util.List<ai.djl.ndarray.types.Shape> shapes) {
        java.util.Objects.requireNonNull(shapes, "shapes");
        double total = 0;
        for (ai.djl.ndarray.types.Shape s : shapes) {
            total += approximateSize(s.getShape());
        }
        return total;
    }

    /**
     * Returns the number of values in a shape as a {@code double}, which does not wrap around.
     *
     * @param shape the shape
     * @return the product of its dimensions, rounded past 2<sup>53</sup>
     */
    public static double approximateSize(long[] shape) {
        java.util.Objects.requireNonNull(shape, "shape");
        double n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
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

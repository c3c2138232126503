package dev.nntrain.model;

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
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}

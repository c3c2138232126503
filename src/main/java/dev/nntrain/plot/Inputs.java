package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;

/**
 * Checks on the data handed to a chart. Each failure is an {@link InvalidInputException}
 * whose message names the argument and the value received.
 */
final class Inputs {

    private Inputs() {}

    /**
     * @param length the number of values received
     * @param name what they are
     * @throws InvalidInputException if there are none
     */
    static void requireNonEmpty(int length, String name) {
        if (length == 0) {
            throw new InvalidInputException(name + " has 0 values; expected at least 1");
        }
    }

    /**
     * @param values the values
     * @param name what they are
     * @throws InvalidInputException if one is NaN or infinite
     */
    static void requireFinite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InvalidInputException(
                        name + "[" + i + "] is " + values[i] + "; expected a finite number");
            }
        }
    }

    /**
     * @param values the values, where NaN stands for "not measured"
     * @param name what they are
     * @throws InvalidInputException if one is infinite
     */
    static void requireFiniteOrNaN(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isInfinite(values[i])) {
                throw new InvalidInputException(name + "[" + i + "] is " + values[i]
                        + "; expected a finite number, or NaN for no value");
            }
        }
    }

    /**
     * @param length the number of values received
     * @param name what they are
     * @param expected the number expected
     * @param expectedName what has that many
     * @throws InvalidInputException if the numbers differ
     */
    static void requireLength(int length, String name, int expected, String expectedName) {
        if (length != expected) {
            throw new InvalidInputException(
                    name + " has " + length + " values but " + expectedName + " has " + expected);
        }
    }

    /**
     * @param values the values, possibly {@code null}
     * @return whether there are values and at least one is not NaN
     */
    static boolean hasValue(double[] values) {
        if (values != null) {
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param points 2-D points
     * @param name what they are
     * @throws InvalidInputException if there are none, or one is not a finite {x, y} pair
     */
    static void requirePoints(double[][] points, String name) {
        requireNonEmpty(points.length, name);
        for (int i = 0; i < points.length; i++) {
            if (points[i] == null || points[i].length != 2) {
                throw new InvalidInputException(name + "[" + i + "] has "
                        + (points[i] == null ? "no" : points[i].length) + " coordinates; expected 2");
            }
            requireFinite(points[i], name + "[" + i + "]");
        }
    }

    /**
     * @param labels class labels
     * @param name what they are
     * @param count how many there must be
     * @param countName what has that many
     * @param classes how many classes there are, or {@link Integer#MAX_VALUE} for any number
     * @throws InvalidInputException if the count differs or a label is outside
     *     {@code [0, classes)}
     */
    static void requireLabels(int[] labels, String name, int count, String countName, int classes) {
        requireLength(labels.length, name, count, countName);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new InvalidInputException(name + "[" + i + "] is " + labels[i]
                        + "; expected a class in [0, "
                        + (classes == Integer.MAX_VALUE ? "..." : String.valueOf(classes)) + ")");
            }
        }
    }

    /**
     * @param values values
     * @return the largest
     */
    static int max(int[] values) {
        int max = Integer.MIN_VALUE;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}

package dev.nntrain.model.layer;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Shapes;

/**
 * The arithmetic of sliding windows without padding ("valid"), shared by the convolution and
 * pooling layers: a window of {@code k} steps moved {@code s} at a time fits {@code (n - k) / s +
 * 1} times along an axis of {@code n}, the same count DJL's blocks and PyTorch compute.
 */
final class Windows {

    private Windows() {}

    /**
     * Counts the positions of a window along one axis.
     *
     * @param layer the layer, for the message (e.g. {@code Conv1D(filters=9, kernel_size=20, strides=10)})
     * @param axis the axis' name, for the message (e.g. {@code "length"})
     * @param input the input's size along the axis
     * @param window the window's size
     * @param stride the step between windows
     * @param inputShape the whole input shape, for the message
     * @return the number of positions, at least 1
     * @throws IllegalArgumentException if the window does not fit once
     */
    static long positions(String layer, String axis, long input, int window, int stride, long[] inputShape) {
        if (input < window) {
            throw new InvalidInputException(
                    layer + " needs an input " + axis + " of at least " + window + ", got input shape "
                            + Shapes.format(inputShape));
        }
        return (input - window) / stride + 1;
    }

    /**
     * Checks the rank of an input shape.
     *
     * @param layer the layer, for the message
     * @param inputShape the input shape, without the batch axis
     * @param rank the rank the layer takes
     * @param layout the axes it takes, for the message (e.g. {@code "(channels, length)"})
     * @throws IllegalArgumentException if the rank differs
     */
    static void requireRank(String layer, long[] inputShape, int rank, String layout) {
        if (inputShape.length != rank) {
            throw new InvalidInputException(
                    layer + " expects inputs of shape " + layout + " per example, got "
                            + Shapes.format(inputShape));
        }
    }

    /**
     * Checks that a size is positive.
     *
     * @param layer the layer type, for the message
     * @param what the setting's Keras name
     * @param values the values to check
     * @throws IllegalArgumentException naming the setting if one is not positive
     */
    static void requirePositive(String layer, String what, int... values) {
        for (int v : values) {
            if (v <= 0) {
                throw new InvalidInputException(
                        layer + " " + what + " must be positive, got " + java.util.Arrays.toString(values));
            }
        }
    }
}

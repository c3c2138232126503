package dev.nntrain.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Shapes;

import java.util.Locale;
import java.util.Objects;

/**
 * How a convolution treats the input's edges, Keras' {@code padding} argument.
 *
 * <ul>
 *   <li>{@link #VALID}: windows stay inside the input; {@code (n - k) / s + 1} positions along an
 *       axis of {@code n}.
 *   <li>{@link #SAME}: zeros are added around the input so that there are {@code ceil(n / s)}
 *       positions (as many as the input has values at stride 1). The zeros needed, {@code max((out
 *       - 1) * s + k - n, 0)}, are split as TensorFlow splits them: half before, the odd one after.
 *       A window may be longer than the input (a 3 x 3 kernel on a 2 x 2 map), as in Keras, but
 *       not longer than {@code 2n - 1}: each of the {@code ceil(n / s)} positions, {@code s}
 *       apart, lines {@code n} weights up with the input, so at most {@code n + (ceil(n / s) - 1) s
 *       <= 2n - 1} weights ever meet it; past that length some meet only zeros at every position
 *       and never learn. Keras builds such a layer; nntrain refuses it, naming both sizes, since it
 *       is a typo's doing (a kernel of 1,048,576 on 784 values pads every example with a million
 *       zeros and runs for hours).
 * </ul>
 *
 * A convolution with {@code SAME} padding zero-pads its input explicitly (one copy) and then
 * slides its windows as with {@code VALID}; its written-out backward pass pads the input the same
 * way and crops the input gradient back to the input's size.
 */
public enum Padding {
    /** No padding. */
    VALID,
    /** Zeros around the input so that the output has {@code ceil(n / s)} positions. */
    SAME;

    /** @return the Keras name, {@code valid} or {@code same} */
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a Keras name.
     *
     * @param name {@code valid} or {@code same}, any case
     * @return the padding
     * @throws InvalidInputException naming the value otherwise
     */
    public static Padding parse(String name) {
        Objects.requireNonNull(name, "name");
        for (Padding p : values()) {
            if (p.kerasName().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new InvalidInputException("padding must be 'valid' or 'same', got '" + name + "'");
    }

    /**
     * Counts a window's positions along one axis.
     *
     * @param layer the layer, for the message
     * @param axis the axis' name, for the message
     * @param input the input's size along the axis
     * @param window the window's size
     * @param stride the step between windows
     * @param inputShape the whole input shape, for the message
     * @return the number of positions, at least 1
     * @throws InvalidInputException if a valid window does not fit once, or a same window is
     *     longer than {@code 2 * input - 1}
     */
    long positions(String layer, String axis, long input, int window, int stride, long[] inputShape) {
        if (this == SAME) {
            long longest = 2 * input - 1;
            if (window > longest) {
                throw new InvalidInputException(String.format(
                        "%s has a window of %,d along the %s, but its input has %,d (input shape %s): with"
                                + " padding='same' a window longer than 2 x %,d - 1 = %,d has weights that only ever"
                                + " meet padding zeros; use a kernel of at most %,d", layer, window, axis, input,
                        Shapes.format(inputShape), input, longest, longest));
            }
            return (input + stride - 1) / stride;
        }
        return Windows.positions(layer, axis, input, window, stride, inputShape);
    }

    /**
     * The zeros added before and after the input along one axis.
     *
     * @param input the input's size along the axis
     * @param window the window's size
     * @param stride the step between windows
     * @return {@code {before, after}}
     */
    long[] amounts(long input, int window, int stride) {
        if (this == VALID) {
            return new long[] {0, 0};
        }
        long out = (input + stride - 1) / stride;
        long total = Math.max((out - 1) * stride + window - input, 0);
        return new long[] {total / 2, total - total / 2};
    }

    /**
     * Pads a batch {@code (batch, channels, spatial...)} along its spatial axes.
     *
     * @param x the batch
     * @param kernel the window's size along each spatial axis
     * @param strides the step along each spatial axis
     * @return the padded batch, or {@code x} itself when nothing is added
     */
    NDArray pad(NDArray x, int[] kernel, int[] strides) {
        long[] engineOrder = new long[2 * kernel.length]; // the last axis first, as PyTorch takes it
        boolean any = false;
        for (int i = 0; i < kernel.length; i++) {
            long[] a = amounts(x.getShape().get(i + 2), kernel[i], strides[i]);
            int slot = 2 * (kernel.length - 1 - i);
            engineOrder[slot] = a[0];
            engineOrder[slot + 1] = a[1];
            any |= a[0] > 0 || a[1] > 0;
        }
        return any ? x.pad(new Shape(engineOrder), 0) : x;
    }

    /**
     * Cuts the padding off a gradient with respect to the padded input.
     *
     * @param padded {@code dJ/d(padded input)}
     * @param input the unpadded input, whose shape the result takes
     * @param kernel the window's size along each spatial axis
     * @param strides the step along each spatial axis
     * @return {@code dJ/d(input)}
     */
    NDArray crop(NDArray padded, Shape input, int[] kernel, int[] strides) {
        if (padded.getShape().equals(input)) {
            return padded;
        }
        StringBuilder index = new StringBuilder(":, :");
        for (int i = 0; i < kernel.length; i++) {
            long before = amounts(input.get(i + 2), kernel[i], strides[i])[0];
            index.append(", ").append(before).append(':').append(before + input.get(i + 2));
        }
        return padded.get(new NDIndex(index.toString()));
    }
}

package dev.nntrain.model.layer;

import dev.nntrain.model.Activation;
import dev.nntrain.model.WrittenBackward;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;

import java.util.List;

/**
 * The written-out backward pass of a convolution with any strides, one or two spatial axes and
 * either {@link Padding}: the rules {@link Conv1D} and {@link Conv2D} share. With 'same' padding
 * the rules below apply to the zero-padded input, and the input gradient is cropped back to the
 * input's size. For {@code z = W * x + b} (a
 * cross-correlation, as every framework computes it) and {@code dJ/dz}:
 *
 * <ul>
 *   <li>{@code dJ/db} is {@code dJ/dz} summed over the batch and every position;
 *   <li>{@code dJ/dW} is the correlation of the input with {@code dJ/dz}: each weight meets every
 *       input value its filter was applied to. Computed as one convolution that treats the batch
 *       as the channels, with {@code dJ/dz} as the kernel, spread {@code stride} apart (dilation);
 *   <li>{@code dJ/dx} is the "full" correlation of {@code dJ/dz} with the kernels flipped in space
 *       and their two channel axes swapped: the transposed convolution. DJL's PyTorch engine does
 *       not expose a transposed convolution, so it is one ordinary convolution of {@code dJ/dz}
 *       (with {@code stride - 1} zeros put between its steps) padded by {@code kernel - 1}.
 * </ul>
 */
final class ConvolutionBackward {

    private ConvolutionBackward() {}

    /**
     * Computes a convolutional layer's gradients.
     *
     * @param step the layer's forward values and {@code dJ/d(output)}
     * @param activation the layer's activation
     * @param kernel the window's size along each spatial axis
     * @param strides the step along each spatial axis
     * @param padding the layer's padding
     * @return {@code dJ/dx} (when asked for), {@code dJ/dW} and {@code dJ/db}
     */
    static WrittenBackward.Gradients gradients(
            WrittenBackward.Step step, Activation activation, int[] kernel, int[] strides, Padding padding) {
        int d = kernel.length;
        NDArray dz = activation.backward(step.outputGradient(), step.output(), step.scalars());
        NDArray weight = step.parameters().get(0);
        int[] batchAndSpace = new int[d + 1];
        for (int i = 0; i <= d; i++) {
            batchAndSpace[i] = i == 0 ? 0 : i + 1;
        }
        NDArray dBias = dz.sum(batchAndSpace);
        int[] swap = swapFirstTwo(d);
        NDArray input = padding.pad(step.input(), kernel, strides);
        NDArray correlated = convolve(input.transpose(swap), dz.transpose(swap), ones(d), zeros(d), toShape(strides));
        NDArray dWeight = crop(correlated, kernel).transpose(swap);
        NDArray dInput = step.needsInputGradient()
                ? padding.crop(inputGradient(dz, weight, input, kernel, strides), step.input().getShape(), kernel, strides)
                : null;
        return new WrittenBackward.Gradients(dInput, List.of(dWeight, dBias));
    }

    private static NDArray inputGradient(NDArray dz, NDArray weight, NDArray input, int[] kernel, int[] strides) {
        int d = kernel.length;
        int[] space = new int[d];
        long[] padding = new long[d];
        for (int i = 0; i < d; i++) {
            space[i] = i + 2;
            padding[i] = kernel[i] - 1L;
        }
        NDArray flipped = weight.transpose(swapFirstTwo(d)).flip(space);
        NDArray full = convolve(spread(dz, strides), flipped, ones(d), new Shape(padding), ones(d));
        // positions past the last window's reach get no gradient: pad them with zeros
        Shape inputShape = input.getShape();
        if (full.getShape().equals(inputShape)) {
            return full;
        }
        NDArray padded = full.getManager().zeros(inputShape, full.getDataType());
        padded.set(leading(full.getShape(), d), full);
        return padded;
    }

    /** {@code dz} with {@code stride - 1} zeros between its steps along each spatial axis. */
    private static NDArray spread(NDArray dz, int[] strides) {
        boolean unit = true;
        for (int s : strides) {
            unit &= s == 1;
        }
        if (unit) {
            return dz;
        }
        long[] shape = dz.getShape().getShape().clone();
        StringBuilder index = new StringBuilder(":, :");
        for (int i = 0; i < strides.length; i++) {
            shape[i + 2] = (shape[i + 2] - 1) * strides[i] + 1;
            index.append(", ::").append(strides[i]);
        }
        NDArray out = dz.getManager().zeros(new Shape(shape), dz.getDataType());
        out.set(new NDIndex(index.toString()), dz);
        return out;
    }

    private static NDArray convolve(NDArray x, NDArray w, Shape stride, Shape padding, Shape dilation) {
        return stride.dimension() == 1
                ? Conv1d.conv1d(x, w, null, stride, padding, dilation).singletonOrThrow()
                : Conv2d.conv2d(x, w, null, stride, padding, dilation).singletonOrThrow();
    }

    /** The leading {@code kernel} positions of each spatial axis. */
    private static NDArray crop(NDArray a, int[] kernel) {
        long[] shape = a.getShape().getShape();
        boolean exact = true;
        for (int i = 0; i < kernel.length; i++) {
            exact &= shape[i + 2] == kernel[i];
        }
        if (exact) {
            return a;
        }
        long[] sizes = new long[kernel.length + 2];
        sizes[0] = shape[0];
        sizes[1] = shape[1];
        for (int i = 0; i < kernel.length; i++) {
            sizes[i + 2] = kernel[i];
        }
        return a.get(leading(new Shape(sizes), kernel.length));
    }

    private static NDIndex leading(Shape sizes, int d) {
        StringBuilder index = new StringBuilder(":, :");
        for (int i = 0; i < d; i++) {
            index.append(", :").append(sizes.get(i + 2));
        }
        return new NDIndex(index.toString());
    }

    private static int[] swapFirstTwo(int d) {
        int[] axes = new int[d + 2];
        axes[0] = 1;
        axes[1] = 0;
        for (int i = 2; i < axes.length; i++) {
            axes[i] = i;
        }
        return axes;
    }

    private static Shape toShape(int[] values) {
        long[] l = new long[values.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = values[i];
        }
        return new Shape(l);
    }

    private static Shape ones(int d) {
        long[] l = new long[d];
        java.util.Arrays.fill(l, 1);
        return new Shape(l);
    }

    private static Shape zeros(int d) {
        return new Shape(new long[d]);
    }
}

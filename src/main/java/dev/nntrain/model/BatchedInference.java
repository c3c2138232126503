package dev.nntrain.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.nntrain.engine.Engines;
import dev.nntrain.InvalidInputException;

import java.util.Arrays;
import java.util.Objects;

/** Runs a model on plain Java arrays, in chunks, so that a large input stays within memory. */
public final class BatchedInference {

    /** The most examples per engine call. */
    private static final int MAX_CHUNK = 4096;
    /** The fewest examples per engine call (unless the data has fewer). */
    private static final int MIN_CHUNK = 64;
    /** The size a chunk's widest layer output aims at: a few MiB stay in cache and in reused memory. */
    private static final long TARGET_VALUES = 1L << 20;

    private BatchedInference() {}

    /**
     * Returns how many examples a model runs per engine call at inference: 4096 for dense
     * models, fewer when a layer's output per example is wide (a convolution's feature maps),
     * so that no activation array of a chunk holds much more than a million values. Measured:
     * a two-convolution digits CNN (16 filters of 26 x 26 first) evaluated its 2,000 test images
     * in 0.18-0.23 s as one chunk (its first layer's output alone 130 MB, out of cache and in
     * freshly mapped memory at every call) and in 0.09-0.17 s in chunks of 96.
     *
     * @param model a built model
     * @return the examples per call, from 64 to 4096
     */
    public static int chunkSize(Sequential model) {
        Objects.requireNonNull(model, "model");
        long widest = 1;
        for (int l = 0; l < model.layers().size(); l++) {
            widest = Math.max(widest, Shapes.size(model.shapes().output(l)));
        }
        return chunkSize(widest);
    }

    /**
     * Returns the examples per engine call at inference for a model whose widest layer output
     * has this many values per example, as {@link #chunkSize(Sequential)} does for a built model;
     * a memory estimate made before the model is built uses it.
     *
     * @param widestOutput the most values a layer outputs per example
     * @return the examples per call, from 64 to 4096
     */
    public static int chunkSize(long widestOutput) {
        long chunk = TARGET_VALUES / Math.max(1, widestOutput);
        return (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, chunk));
    }

    /**
     * Checks one row of features against a built model's input.
     *
     * @param model a built model
     * @param row the row's index, for the message
     * @param length the row's number of feature values
     * @throws InvalidInputException naming the row, its width and the model's
     */
    public static void requireWidth(Sequential model, int row, int length) {
        Objects.requireNonNull(model, "model");
        long[] inputShape = model.inputShape();
        long width = Shapes.size(inputShape);
        if (length != width) {
            throw new InvalidInputException("row " + row + " has " + length + " feature values but the model"
                    + " expects " + width + " (input shape " + Shapes.format(inputShape) + ")");
        }
    }

    /**
     * Computes the output layer's activations for rows of features.
     *
     * @param model a built model
     * @param x one row of features per example (flat; reshaped to the model's input shape)
     * @return one row of outputs per example
     * @throws InvalidInputException naming a row of the wrong width
     */
    public static float[][] outputs(Sequential model, float[][] x) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(x, "x");
        model.requireBuilt();
        long[] inputShape = model.inputShape();
        Engines.prepareThread();
        int width = Math.toIntExact(Shapes.size(inputShape));
        int outWidth = Math.toIntExact(Shapes.size(model.outputShape()));
        float[][] result = new float[x.length][];
        int chunk = chunkSize(model);
        for (int start = 0; start < x.length; start += chunk) {
            int end = Math.min(x.length, start + chunk);
            float[] flat = new float[(end - start) * width];
            for (int i = start; i < end; i++) {
                requireWidth(model, i, x[i].length);
                System.arraycopy(x[i], 0, flat, (i - start) * width, width);
            }
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray in = scope.create(flat, new Shape(Shapes.batched(end - start, inputShape)))
                        .toType(model.dataType(), false);
                float[] out = model.forward(in).toType(DataType.FLOAT32, false).toFloatArray();
                for (int i = start; i < end; i++) {
                    result[i] = Arrays.copyOfRange(out, (i - start) * outWidth, (i - start + 1) * outWidth);
                }
            }
        }
        return result;
    }
}

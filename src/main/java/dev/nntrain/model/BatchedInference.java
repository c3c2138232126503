package dev.nntrain.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.nntrain.InvalidInputException;

import java.util.Arrays;

/** Runs a model on plain Java arrays, in chunks, so that a large input stays within memory. */
public final class BatchedInference {

    /** Examples per engine call. */
    private static final int CHUNK = 4096;

    private BatchedInference() {}

    /**
     * Computes the output layer's activations for rows of features.
     *
     * @param model a built model
     * @param x one row of features per example (flat; reshaped to the model's input shape)
     * @return one row of outputs per example
     * @throws InvalidInputException naming a row of the wrong width
     */
    public static float[][] outputs(Sequential model, float[][] x) {
        long[] inputShape = model.inputShape();
        if (inputShape == null) {
            throw new IllegalStateException("the model is not built yet: call build(inputShape) or fit it first");
        }
        Engines.prepareThread();
        int width = Math.toIntExact(Shapes.size(inputShape));
        int outWidth = Math.toIntExact(Shapes.size(model.outputShape()));
        float[][] result = new float[x.length][];
        for (int start = 0; start < x.length; start += CHUNK) {
            int end = Math.min(x.length, start + CHUNK);
            float[] flat = new float[(end - start) * width];
            for (int i = start; i < end; i++) {
                if (x[i].length != width) {
                    throw new InvalidInputException(
                            "row " + i + " has " + x[i].length + " features but the model expects " + width);
                }
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

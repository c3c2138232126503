package dev.nntrain.model;

/**
 * The weights of one dense layer in Keras' layout: {@code kernel[i][j]} connects input {@code i}
 * to unit {@code j} (shape {@code (inputs, units)}), and {@code bias[j]} belongs to unit {@code
 * j}. DJL stores the kernel transposed, as {@code (units, inputs)}; {@link Sequential} converts.
 *
 * @param layer the layer's name
 * @param kernel the kernel, {@code inputs} rows of {@code units} values
 * @param bias the bias, one value per unit
 */
public record LayerWeights(String layer, float[][] kernel, float[] bias) {

    /**
     * Checks that the kernel and the bias are there (their shapes are checked against the layer
     * when they are set; the name is for the reader, and may be null).
     *
     * @param layer the layer's name, or null
     * @param kernel the kernel, {@code inputs} rows of {@code units} values
     * @param bias the bias, one value per unit
     */
    public LayerWeights {
        java.util.Objects.requireNonNull(kernel, "kernel");
        java.util.Objects.requireNonNull(bias, "bias");
    }

    /** @return the number of inputs (rows of the kernel) */
    public int inputs() {
        return kernel.length;
    }

    /** @return the number of units (length of the bias) */
    public int units() {
        return bias.length;
    }
}

package dev.nntrain.backprop;

import java.util.Objects;

/**
 * The parameters (or the gradients of the parameters) of one dense layer, in DJL's layout:
 * {@code weight} is a {@code (units, inputs)} matrix stored row-major, so unit j's weights are
 * {@code weight[j * inputs .. (j + 1) * inputs)}, and {@code bias} has one value per unit. The
 * layer computes {@code z = x · Wᵀ + b}. This is the layout of DJL's {@code Linear} block
 * ({@code weight} of shape {@code (units, inputs)}, {@code bias} of shape {@code (units)}), so a
 * {@code float[]} read from its parameters' {@code NDArray.toFloatArray()} can be passed as it
 * is through {@link #ofFloats}. Keras stores the kernel transposed, {@code (inputs, units)}.
 *
 * <p>The arrays are used as given, not copied; records compare arrays by identity.
 *
 * @param weight {@code units × inputs} values, row-major
 * @param bias {@code units} values
 */
public record LayerParameters(double[] weight, double[] bias) {

    /**
     * Checks that both arrays are present.
     *
     * @param weight the weight matrix, {@code units × inputs}, row-major (DJL's layout)
     * @param bias one bias per unit
     */
    public LayerParameters {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(bias, "bias");
    }

    /**
     * Parameters from the {@code float[]}s DJL holds, widened to double.
     *
     * @param weight the weight matrix, {@code units × inputs}, row-major
     * @param bias one bias per unit
     * @return new parameters with their own double arrays
     */
    public static LayerParameters ofFloats(float[] weight, float[] bias) {
        return new LayerParameters(widen(weight), widen(bias));
    }

    /**
     * Unit {@code unit}'s weight on input {@code input}, for a layer with {@code inputs} inputs.
     *
     * @param unit the unit (row), from 0
     * @param input the input (column), from 0
     * @param inputs the layer's number of inputs (the row length)
     * @return the weight
     */
    public double weightAt(int unit, int input, int inputs) {
        return weight[unit * inputs + input];
    }

    private static double[] widen(float[] values) {
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return wide;
    }
}

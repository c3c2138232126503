package dev.nntrain.backprop.check;

import dev.nntrain.InvalidInputException;

/**
 * How far one gradient tensor is from the reference, measured on the tensor as a whole.
 *
 * <p><b>Relative error</b> of a tensor {@code b} against the reference {@code a}:
 * <pre>  max_i |a_i - b_i| / max(max_i |a_i|, max_i |b_i|, FLOOR)</pre>
 * the largest absolute error as a fraction of the largest gradient in the tensor. Dividing each
 * element by its own size would blow up for elements that are tiny by cancellation (a sum of
 * positive and negative terms), where rounding error alone is a large fraction, most of all in
 * float32; scaling by the tensor's largest entry keeps the measure meaningful there. The
 * {@link #FLOOR} stops a tensor whose gradients are all (nearly) zero, such as the weights of a
 * layer whose ReLU units are all off for the batch, from dividing by ~0: below it, errors are
 * judged on an absolute scale of {@code FLOOR}.
 *
 * @param maxAbsolute {@code max_i |a_i - b_i|}
 * @param scale {@code max(max_i |a_i|, max_i |b_i|)}
 * @param relative {@code maxAbsolute / max(scale, FLOOR)}
 */
public record TensorError(double maxAbsolute, double scale, double relative) {

    /**
     * The smallest scale a tensor's errors are divided by. A small gradient is usually small by
     * cancellation, a sum of terms of the size of the loss's own derivatives (order 0.1 to 1
     * for losses of order 1) that nearly cancel, and its rounding error follows the size of
     * those terms, not of the result: about 1e-8 absolute in float32 and about 1e-11 for central
     * differences in double at ε = 1e-5. Dividing by at least 1e-3 keeps those at or below 1e-5
     * and 1e-8 relative, inside their bounds, while a wrong rule, which is wrong by a fraction of
     * the gradient itself, still breaks the bounds unless the whole tensor is below about 1e-12
     * (1e-9 for finite differences).
     */
    public static final double FLOOR = 1e-3;

    /**
     * Compares {@code other} to {@code reference}, element by element.
     *
     * @param reference the trusted values
     * @param other the values being checked, as many
     * @return the largest absolute error, the scale and the relative error
     * @throws IllegalArgumentException if the lengths differ
     */
    public static TensorError between(double[] reference, double[] other) {
        if (reference.length != other.length) {
            throw new InvalidInputException(
                    "cannot compare " + reference.length + " values with " + other.length);
        }
        double maxAbsolute = 0;
        double scale = 0;
        for (int i = 0; i < reference.length; i++) {
            // Math.max returns NaN if either argument is NaN, so a NaN gradient fails the check
            maxAbsolute = Math.max(maxAbsolute, Math.abs(reference[i] - other[i]));
            scale = Math.max(scale, Math.max(Math.abs(reference[i]), Math.abs(other[i])));
        }
        return new TensorError(maxAbsolute, scale, maxAbsolute / Math.max(scale, FLOOR));
    }

    /**
     * Whether the relative error is within {@code bound}; false for NaN.
     *
     * @param bound the largest relative error allowed
     * @return true if {@code relative <= bound}
     */
    public boolean within(double bound) {
        return relative <= bound;
    }
}

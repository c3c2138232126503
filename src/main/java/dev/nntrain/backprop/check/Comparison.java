package dev.nntrain.backprop.check;

/**
 * One way of computing the gradients that the checker holds against the hand-rolled engine's
 * backward pass, with the largest {@link TensorError#relative() relative error} it may show.
 */
public enum Comparison {

    /**
     * DJL's {@code GradientCollector} on the PyTorch engine, model in FLOAT64. Both sides do the
     * same arithmetic in double in a different order, so they agree to a few units in the last
     * place (about 1e-16 relative, measured); 1e-9 leaves room for long sums while any wrong
     * rule, even a slope off in its eighth digit, shows.
     */
    DJL_FLOAT64("DJL float64", "djl-f64", 1e-9),

    /**
     * Central finite differences of the hand-rolled loss in double. Their error is the
     * truncation (about ε² times the third derivative) plus rounding (about 1e-16 / ε), roughly
     * 1e-10 absolute at ε = 1e-6: well inside 1e-6 relative for gradients of order 1e-4 or more.
     */
    FINITE_DIFFERENCES("finite differences", "fin-diff", 1e-6),

    /**
     * DJL with the model in FLOAT32 (weights and inputs rounded to float; the reference is the
     * hand-rolled engine on those same rounded numbers, in double). Float32 carries about 7
     * digits (unit roundoff 6e-8); a forward and backward pass through a few layers accumulates
     * some tens to hundreds of roundings, and the measured worst case over the test suite is
     * about 1e-6. 1e-4 allows for wider layers and larger batches than the suite's, and is
     * still far below the O(1) relative error of a wrong derivative.
     */
    DJL_FLOAT32("DJL float32", "djl-f32", 1e-4);

    private final String label;
    private final String column;
    private final double bound;

    Comparison(String label, String column, double bound) {
        this.label = label;
        this.column = column;
        this.bound = bound;
    }

    /** A readable name, such as {@code DJL float64}. */
    public String label() {
        return label;
    }

    /** A short column heading, such as {@code djl-f64}. */
    public String column() {
        return column;
    }

    /** The largest relative error this comparison may show. */
    public double bound() {
        return bound;
    }
}

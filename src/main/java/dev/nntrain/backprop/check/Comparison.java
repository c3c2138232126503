package dev.nntrain.backprop.check;

/**
 * One way of computing the gradients that the checker holds against the hand-rolled engine's
 * backward pass, with the largest {@link TensorError#relative() relative error} it may show.
 */
public enum Comparison {

    /**
     * DJL's {@code GradientCollector} on the PyTorch engine, model in FLOAT64. Both sides do the
     * same arithmetic in double in a different order, so they agree to a few units in the last
     * place: typically 1e-16 relative, at worst 2e-14 over the test suite. 1e-9 leaves room for
     * long sums and cancellation while any wrong rule, even a slope off in its eighth digit,
     * shows.
     */
    DJL_FLOAT64("DJL float64", "djl-f64", 1e-9),

    /**
     * Central finite differences of the hand-rolled loss in double. Their error is the
     * truncation (about ε² / 6 times the third derivative) plus rounding (about 1e-16 / ε),
     * about 1e-11 absolute at the default ε = 1e-5; over the test suite the worst relative error
     * is 1.2e-8, and {@link TensorError#FLOOR} caps it near 1e-8 for tiny gradients.
     */
    FINITE_DIFFERENCES("finite differences", "fin-diff", 1e-6),

    /**
     * DJL with the model in FLOAT32 (weights and inputs rounded to float; the reference is the
     * hand-rolled engine on those same rounded numbers, in double). Float32 carries about 7
     * digits (unit roundoff 6e-8); a forward and backward pass through a few layers accumulates
     * some tens to hundreds of roundings. Typical errors are 1e-7; the worst over the test suite
     * is 1.1e-5, on an output bias whose gradient (a mean of σ(z) - y over the batch) is small by
     * cancellation, so that the rounding of terms of size 0.5 shows against a result of 1e-3.
     * 1e-4 leaves a factor of 10 for wider layers and larger batches than the suite's, and is
     * still far below the relative error of a wrong derivative (a sizeable fraction of 1).
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

    /**
     * A readable name, such as {@code DJL float64}.
     *
     * @return the name used in the report's notes and failures
     */
    public String label() {
        return label;
    }

    /**
     * A short column heading, such as {@code djl-f64}.
     *
     * @return the heading
     */
    public String column() {
        return column;
    }

    /**
     * The largest relative error this comparison may show.
     *
     * @return the bound on {@link TensorError#relative()}
     */
    public double bound() {
        return bound;
    }
}

package dev.nntrain.backprop;

import java.util.function.DoubleUnaryOperator;

/**
 * The course's informal derivative: move w up by a small epsilon and see how much J moves. If
 * J goes up by about k × epsilon, then dJ/dw is about k. For {@code J = w²} at w = 3 and
 * epsilon = 0.001, J goes from 9 to 9.006001, so k = 6.001 ≈ 6 = 2w.
 *
 * <p>This is the one-sided difference the course uses for teaching; {@link FiniteDifferences}
 * uses the more accurate central difference for checking gradients.
 *
 * @param w the point
 * @param epsilon the nudge
 * @param value J(w)
 * @param nudgedValue J(w + epsilon)
 */
public record Nudge(double w, double epsilon, double value, double nudgedValue) {

    /**
     * Evaluates {@code j} at {@code w} and at {@code w + epsilon}.
     *
     * @param j the cost as a function of the one parameter
     * @param w the parameter's value
     * @param epsilon how far to nudge it
     * @return both evaluations
     */
    public static Nudge of(DoubleUnaryOperator j, double w, double epsilon) {
        return new Nudge(w, epsilon, j.applyAsDouble(w), j.applyAsDouble(w + epsilon));
    }

    /**
     * {@code J(w + epsilon) - J(w)}.
     *
     * @return how much the cost moved
     */
    public double change() {
        return nudgedValue - value;
    }

    /**
     * k = ΔJ / epsilon, the estimate of dJ/dw.
     *
     * @return the one-sided estimate of the slope, off by about {@code epsilon · J''(w) / 2}
     */
    public double slope() {
        return change() / epsilon;
    }
}

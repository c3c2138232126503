package dev.nntrain.backprop;

import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Derivatives by nudging, with the central difference
 * {@code (f(θ + ε) - f(θ - ε)) / 2ε}, whose error shrinks like ε² rather than ε. This is the
 * slow, obviously correct way that backpropagation is checked against: it needs two evaluations
 * of f per parameter.
 */
public final class FiniteDifferences {

    /**
     * A step that balances the approximation error (about ε²) against rounding error in
     * doubles (about 1e-16 / ε) for functions of order 1.
     */
    public static final double DEFAULT_EPSILON = 1e-6;

    private FiniteDifferences() {}

    /**
     * The gradient of {@code f} at {@code parameters}, one central difference per parameter.
     * {@code f} receives a scratch copy with one entry nudged; {@code parameters} itself is not
     * modified.
     *
     * @param f the cost as a function of all parameters
     * @param parameters where to take the gradient
     * @param epsilon the nudge, each way
     * @return one estimated partial derivative per parameter
     */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] parameters, double epsilon) {
        requirePositive(epsilon);
        double[] nudged = parameters.clone();
        double[] gradient = new double[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            nudged[i] = parameters[i] + epsilon;
            double up = f.applyAsDouble(nudged);
            nudged[i] = parameters[i] - epsilon;
            double down = f.applyAsDouble(nudged);
            nudged[i] = parameters[i];
            gradient[i] = (up - down) / (2 * epsilon);
        }
        return gradient;
    }

    /**
     * {@link #gradient(ToDoubleFunction, double[], double)} with {@link #DEFAULT_EPSILON}.
     *
     * @param f the cost as a function of all parameters
     * @param parameters where to take the gradient
     * @return one estimated partial derivative per parameter
     */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] parameters) {
        return gradient(f, parameters, DEFAULT_EPSILON);
    }

    /**
     * The derivative of a function of one variable at {@code x}, by central difference.
     *
     * @param f the function
     * @param x where to take the derivative
     * @param epsilon the nudge, each way
     * @return {@code (f(x + epsilon) - f(x - epsilon)) / (2 epsilon)}
     */
    public static double derivative(DoubleUnaryOperator f, double x, double epsilon) {
        requirePositive(epsilon);
        return (f.applyAsDouble(x + epsilon) - f.applyAsDouble(x - epsilon)) / (2 * epsilon);
    }

    /**
     * How far apart two gradients are, relative to their size:
     * {@code |a - b| / (|a| + |b|)} with Euclidean norms, 0 when both are zero. Below about 1e-7
     * the two agree up to finite-difference error; above 1e-3 something is wrong.
     *
     * @param a one gradient
     * @param b the other, of the same length
     * @return the relative error, in [0, 1]
     */
    public static double relativeError(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        }
        double difference = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            difference += (a[i] - b[i]) * (a[i] - b[i]);
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        double scale = Math.sqrt(normA) + Math.sqrt(normB);
        return scale == 0 ? 0 : Math.sqrt(difference) / scale;
    }

    private static void requirePositive(double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
    }
}

package dev.nntrain.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Test helper: backpropagation through a function of several matrices against central
 * differences of the same function.
 */
final class TensorGradientCheck {

    /** Absolute tolerance, scaled up for derivatives larger than 1. */
    static final double TOLERANCE = 1e-6;

    private TensorGradientCheck() {}

    /** A shape and how to fill it. */
    record Input(int rows, int cols, double[] values) {

        Tensor leaf() {
            return Tensor.of(rows, cols, values);
        }
    }

    /** A rows × cols input with values uniform in ±limit. */
    static Input random(Random random, int rows, int cols, double limit) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextDouble() - 1) * limit;
        }
        return new Input(rows, cols, values);
    }

    /** Like {@link #random} but every value at least {@code gap} away from 0 (ReLU's kink). */
    static Input awayFromZero(Random random, int rows, int cols, double gap, double limit) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            double magnitude = gap + (limit - gap) * random.nextDouble();
            values[i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        return new Input(rows, cols, values);
    }

    /** Values uniform in [from, to]. */
    static Input between(Random random, int rows, int cols, double from, double to) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = from + (to - from) * random.nextDouble();
        }
        return new Input(rows, cols, values);
    }

    /**
     * Reduces a matrix to a 1 × 1 node with fixed random weights, so that every element's
     * gradient is different and non-trivial.
     */
    static Tensor weightedSum(Tensor t, long seed) {
        Random random = new Random(seed);
        double[] weights = new double[t.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 2 * random.nextDouble() - 1;
        }
        return t.mul(Tensor.of(t.rows(), t.cols(), weights)).sum();
    }

    /** Asserts that backprop through {@code f} matches central differences for every input. */
    static void check(String name, Function<List<Tensor>, Tensor> f, Input... inputs) {
        List<Tensor> leaves = leaves(inputs, flatten(inputs));
        Tensor out = f.apply(leaves);
        out.backward();
        double[] numeric = FiniteDifferences.gradient(p -> f.apply(leaves(inputs, p)).item(), flatten(inputs));
        int at = 0;
        for (int k = 0; k < inputs.length; k++) {
            double[] analytic = leaves.get(k).grad();
            for (int i = 0; i < analytic.length; i++, at++) {
                assertEquals(numeric[at], analytic[i], TOLERANCE * Math.max(1, Math.abs(numeric[at])),
                        name + ": input " + k + " element " + i);
            }
        }
    }

    private static double[] flatten(Input[] inputs) {
        int total = 0;
        for (Input input : inputs) {
            total += input.values().length;
        }
        double[] flat = new double[total];
        int at = 0;
        for (Input input : inputs) {
            System.arraycopy(input.values(), 0, flat, at, input.values().length);
            at += input.values().length;
        }
        return flat;
    }

    private static List<Tensor> leaves(Input[] inputs, double[] flat) {
        List<Tensor> leaves = new ArrayList<>();
        int at = 0;
        for (Input input : inputs) {
            double[] values = new double[input.values().length];
            System.arraycopy(flat, at, values, 0, values.length);
            at += values.length;
            leaves.add(Tensor.of(input.rows(), input.cols(), values));
        }
        return leaves;
    }
}

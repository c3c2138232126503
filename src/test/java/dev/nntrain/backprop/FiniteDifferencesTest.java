package dev.nntrain.backprop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FiniteDifferencesTest {

    @Test
    void gradientOfAFunctionOfSeveralParameters() {
        // f(a, b, c) = a² b + sin c: gradient (2ab, a², cos c).
        double[] point = {1.5, -2, 0.3};
        double[] gradient = FiniteDifferences.gradient(
                p -> p[0] * p[0] * p[1] + Math.sin(p[2]), point);
        assertArrayEquals(new double[] {2 * 1.5 * -2, 1.5 * 1.5, Math.cos(0.3)}, gradient, 1e-8);
    }

    @Test
    void theParametersAreLeftUnchanged() {
        double[] point = {1, 2};
        FiniteDifferences.gradient(p -> p[0] * p[1], point, 0.1);
        assertArrayEquals(new double[] {1, 2}, point);
    }

    @Test
    void centralDifferenceIsExactForAQuadraticWhateverTheEpsilon() {
        // (f(w + ε) − f(w − ε)) / 2ε = 2w exactly for f = w², unlike the one-sided nudge.
        assertEquals(6, FiniteDifferences.derivative(w -> w * w, 3, 0.001), 1e-9);
        assertEquals(6, FiniteDifferences.derivative(w -> w * w, 3, 0.5), 1e-12);
    }

    @Test
    void epsilonIsConfigurable() {
        // For w³ the central difference's error is exactly ε²: 3w² + ε².
        assertEquals(12 + 0.01, FiniteDifferences.derivative(w -> w * w * w, 2, 0.1), 1e-12);
        assertEquals(12 + 0.01, FiniteDifferences.gradient(p -> p[0] * p[0] * p[0], new double[] {2}, 0.1)[0], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.derivative(w -> w, 1, 0));
    }

    @Test
    void relativeErrorComparesGradientsBySize() {
        assertEquals(0, FiniteDifferences.relativeError(new double[] {0, 0}, new double[] {0, 0}));
        assertEquals(0, FiniteDifferences.relativeError(new double[] {3, 4}, new double[] {3, 4}));
        assertEquals(1.0 / 11, FiniteDifferences.relativeError(new double[] {5, 0}, new double[] {6, 0}), 1e-15);
        assertThrows(IllegalArgumentException.class,
                () -> FiniteDifferences.relativeError(new double[1], new double[2]));
    }

    @Test
    void nudgeIsTheCoursesOneSidedEstimate() {
        Nudge n = Nudge.of(w -> w * w, 3, 0.001);
        assertEquals(3, n.w());
        assertEquals(0.001, n.epsilon());
        assertEquals(9, n.value());
        assertEquals(9.006001, n.nudgedValue(), 1e-12);
        assertEquals(0.006001, n.change(), 1e-12);
        assertEquals(6.001, n.slope(), 1e-9);
    }
}

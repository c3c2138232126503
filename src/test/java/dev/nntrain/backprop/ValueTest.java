package dev.nntrain.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ValueTest {

    private static final double TOLERANCE = 1e-6;
    private static final int POINTS = 5;

    // ---------------------------------------------------------------- forward values

    @Test
    void operationsComputeTheirValues() {
        Value a = new Value(3);
        Value b = new Value(-2);
        assertEquals(1, a.add(b).data());
        assertEquals(5, a.sub(b).data());
        assertEquals(-6, a.mul(b).data());
        assertEquals(-1.5, a.div(b).data());
        assertEquals(9, a.pow(2).data());
        assertEquals(-3, a.neg().data());
        assertEquals(Math.exp(3), a.exp().data(), 1e-12);
        assertEquals(Math.log(3), a.log().data(), 1e-12);
        assertEquals(3, a.relu().data());
        assertEquals(0, b.relu().data());
        assertEquals(1 / (1 + Math.exp(2)), b.sigmoid().data(), 1e-12);
        assertEquals(Math.tanh(-2), b.tanh().data(), 1e-12);
        assertEquals(4.5, a.add(1.5).data());
        assertEquals(1.5, a.sub(1.5).data());
        assertEquals(4.5, a.mul(1.5).data());
        assertEquals(2, a.div(1.5).data());
    }

    @Test
    void halfSquareIsOneNodeWithDerivativeD() {
        Value d = new Value(3, "d");
        Value j = d.halfSquare();
        j.backward();
        assertEquals(4.5, j.data(), 0, "1/2 3^2");
        assertEquals(3, d.grad(), 0, "d(1/2 d^2)/dd = d");
        assertEquals(List.of(d), j.parents(), "one node on d, no constant 0.5 or d^2 node");
    }

    @Test
    void nodesRememberOperationParentsAndLabel() {
        Value w = new Value(2, "w");
        Value x = new Value(-2, "x");
        Value c = w.mul(x).label("c");
        assertEquals("*", c.operation());
        assertEquals(List.of(w, x), c.parents());
        assertEquals("c", c.label());
        assertTrue(w.isLeaf());
        assertEquals("Value(c = -4.0, grad = 0.0)", c.toString());
    }

    @Test
    void sumAddsAllValues() {
        assertEquals(6, Value.sum(List.of(new Value(1), new Value(2), new Value(3))).data());
    }

    // ---------------------------------------------------------------- gradients against nudging

    @Test
    void unaryOperationGradientsMatchFiniteDifferences() {
        checkUnary("neg", Value::neg, -3, 3);
        checkUnary("exp", Value::exp, -3, 3);
        checkUnary("log", Value::log, 0.1, 5);
        checkUnary("sigmoid", Value::sigmoid, -5, 5);
        checkUnary("tanh", Value::tanh, -3, 3);
        checkUnary("pow 2", v -> v.pow(2), -3, 3);
        checkUnary("pow 3", v -> v.pow(3), -3, 3);
        checkUnary("pow -1", v -> v.pow(-1), 0.2, 3);
        checkUnary("pow 0.5", v -> v.pow(0.5), 0.2, 3);
        checkUnary("add constant", v -> v.add(2.5), -3, 3);
        checkUnary("sub constant", v -> v.sub(2.5), -3, 3);
        checkUnary("mul constant", v -> v.mul(2.5), -3, 3);
        checkUnary("div constant", v -> v.div(2.5), -3, 3);
    }

    @Test
    void reluGradientMatchesFiniteDifferencesAwayFromTheKink() {
        // The kink at 0 has no derivative; sample each side, well clear of it.
        checkUnary("relu, positive side", Value::relu, 0.1, 3);
        checkUnary("relu, negative side", Value::relu, -3, -0.1);
        Value zero = new Value(0);
        zero.relu().backward();
        assertEquals(0, zero.grad(), "relu's derivative at 0 is taken as 0");
    }

    @Test
    void binaryOperationGradientsMatchFiniteDifferences() {
        checkBinary("add", Value::add, -3, 3);
        checkBinary("sub", Value::sub, -3, 3);
        checkBinary("mul", Value::mul, -3, 3);
        checkBinary("div", Value::div, 0.2, 3);
    }

    @Test
    void logSumExpAndLogSoftmaxGradientsMatchFiniteDifferences() {
        Random random = new Random(7);
        for (int trial = 0; trial < POINTS; trial++) {
            double[] point = {uniform(random, -3, 3), uniform(random, -3, 3), uniform(random, -3, 3)};
            checkGradient("logSumExp", point, Value::logSumExp);
            for (int k = 0; k < point.length; k++) {
                int component = k;
                checkGradient("logSoftmax[" + k + "]", point, values -> Value.logSoftmax(values).get(component));
            }
        }
    }

    @Test
    void aLongerExpressionMatchesFiniteDifferences() {
        // A neuron with a softmax-ish cost: exercises several rules chained together.
        double[] point = {0.3, -1.2, 0.8, 2.0};
        checkGradient("tanh neuron", point, v -> v.get(0).mul(v.get(1)).add(v.get(2).mul(v.get(3)))
                .tanh().sub(v.get(1).sigmoid()).pow(2).add(v.get(2).exp().div(v.get(3))));
    }

    // ---------------------------------------------------------------- known derivatives

    @Test
    void knownDerivatives() {
        Value w = new Value(3);
        w.pow(2).backward();
        assertEquals(6, w.grad(), 1e-12);
        Value s = new Value(0);
        s.sigmoid().backward();
        assertEquals(0.25, s.grad(), 1e-12);
        Value t = new Value(0);
        t.tanh().backward();
        assertEquals(1, t.grad(), 1e-12);
    }

    @Test
    void backwardOnALeafGivesOne() {
        Value w = new Value(5);
        w.backward();
        assertEquals(1, w.grad());
    }

    // ---------------------------------------------------------------- accumulation

    @Test
    void aNodeUsedTwiceGetsTheSumOfBothContributions() {
        Value a = new Value(3);
        a.add(a).backward();
        assertEquals(2, a.grad(), "d(a + a)/da");
        a.mul(a).backward();
        assertEquals(6, a.grad(), "d(a * a)/da = 2a");
        a.sub(a).backward();
        assertEquals(0, a.grad(), "d(a - a)/da");
    }

    @Test
    void diamondGraphAccumulatesThroughBothPaths() {
        // b = 2a and c = a², both feed d = b * c = 2a³, so dd/da = 6a² = 24 at a = 2.
        Value a = new Value(2);
        Value b = a.mul(2);
        Value c = a.pow(2);
        Value d = b.mul(c);
        d.backward();
        assertEquals(16, d.data());
        assertEquals(24, a.grad(), 1e-12);
        assertEquals(4, b.grad(), 1e-12);
        assertEquals(4, c.grad(), 1e-12);
    }

    @Test
    void logSumExpWithARepeatedInputAccumulates() {
        Value a = new Value(1.5);
        Value lse = Value.logSumExp(List.of(a, a));
        lse.backward();
        assertEquals(1.5 + Math.log(2), lse.data(), 1e-12);
        assertEquals(1, a.grad(), 1e-12, "two halves of the softmax");
    }

    @Test
    void backwardTwiceGivesTheSameGradients() {
        Value a = new Value(3);
        Value b = new Value(-1);
        Value out = a.mul(b).add(a);
        out.backward();
        out.backward();
        assertEquals(0, a.grad(), 1e-12);
        assertEquals(3, b.grad(), 1e-12);
    }

    // ---------------------------------------------------------------- depth and stability

    @Test
    void aChainOfAHundredThousandNodesDoesNotOverflowTheStack() {
        Value x = new Value(1);
        Value node = x;
        for (int i = 0; i < 100_000; i++) {
            node = node.add(1);
        }
        node.backward();
        assertEquals(100_001, node.data());
        assertEquals(1, x.grad());
        assertEquals(200_001, node.topologicalOrder().size(), "x, the chain and its 100,000 constants");
    }

    @Test
    void aDeepChainOfMultiplicationsPropagatesThroughEveryLink() {
        Value x = new Value(1);
        Value node = x;
        for (int i = 0; i < 100_000; i++) {
            node = node.mul(1.0);
            node = node.tanh().add(node.neg()).add(node); // = tanh(node): another 3 nodes per link
        }
        node.backward();
        assertTrue(Double.isFinite(x.grad()));
        assertTrue(x.grad() > 0);
    }

    @Test
    void logSumExpIsStableForLargeInputs() {
        Value big = new Value(1000);
        Value small = new Value(-1000);
        Value lse = Value.logSumExp(List.of(big, small));
        lse.backward();
        assertEquals(1000, lse.data(), 1e-12);
        assertEquals(1, big.grad(), 1e-12);
        assertEquals(0, small.grad(), 1e-12);

        Value lseOfSmall = Value.logSumExp(List.of(new Value(-1000), new Value(-1000)));
        assertEquals(-1000 + Math.log(2), lseOfSmall.data(), 1e-9);
    }

    @Test
    void logSoftmaxIsStableForLargeInputs() {
        Value big = new Value(1000);
        Value small = new Value(-1000);
        List<Value> logProbabilities = Value.logSoftmax(List.of(big, small));
        assertEquals(0, logProbabilities.get(0).data(), 1e-12);
        assertEquals(-2000, logProbabilities.get(1).data(), 1e-9);
        logProbabilities.get(1).backward();
        assertEquals(-1, big.grad(), 1e-12);
        assertEquals(1, small.grad(), 1e-12);
        assertTrue(Double.isFinite(big.grad()) && Double.isFinite(small.grad()));
    }

    @Test
    void sigmoidIsStableForLargeInputs() {
        Value big = new Value(1000);
        Value small = new Value(-1000);
        assertEquals(1, big.sigmoid().data());
        assertEquals(0, small.sigmoid().data());
        small.sigmoid().backward();
        assertEquals(0, small.grad());
    }

    @Test
    void topologicalOrderPutsParentsFirstAndTheRootLast() {
        Value a = new Value(1, "a");
        Value b = new Value(2, "b");
        Value c = a.mul(b).label("c");
        Value d = c.add(a).label("d");
        List<Value> order = d.topologicalOrder();
        assertEquals(4, order.size());
        assertSame(d, order.get(3));
        assertTrue(order.indexOf(a) < order.indexOf(c));
        assertTrue(order.indexOf(b) < order.indexOf(c));
        assertTrue(order.indexOf(c) < order.indexOf(d));
    }

    // ---------------------------------------------------------------- helpers

    private static void checkUnary(String name, UnaryOperator<Value> op, double from, double to) {
        Random random = new Random(name.hashCode());
        for (int trial = 0; trial < POINTS; trial++) {
            checkGradient(name, new double[] {uniform(random, from, to)}, v -> op.apply(v.get(0)));
        }
    }

    private static void checkBinary(String name, BinaryOperator<Value> op, double from, double to) {
        Random random = new Random(name.hashCode());
        for (int trial = 0; trial < POINTS; trial++) {
            double[] point = {uniform(random, from, to), uniform(random, from, to)};
            checkGradient(name, point, v -> op.apply(v.get(0), v.get(1)));
        }
    }

    /** Backprop through {@code f} at {@code point} against central differences of it. */
    private static void checkGradient(
            String name, double[] point, java.util.function.Function<List<Value>, Value> f) {
        List<Value> inputs = leaves(point);
        f.apply(inputs).backward();
        double[] numeric = FiniteDifferences.gradient(p -> f.apply(leaves(p)).data(), point);
        for (int i = 0; i < point.length; i++) {
            assertEquals(numeric[i], inputs.get(i).grad(), TOLERANCE * Math.max(1, Math.abs(numeric[i])),
                    name + ": d/dx" + i + " at " + java.util.Arrays.toString(point));
        }
    }

    private static List<Value> leaves(double[] point) {
        List<Value> values = new ArrayList<>();
        for (double p : point) {
            values.add(new Value(p));
        }
        return values;
    }

    private static double uniform(Random random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }
}

package dev.nntrain.backprop;

import static dev.nntrain.backprop.TensorGradientCheck.awayFromZero;
import static dev.nntrain.backprop.TensorGradientCheck.check;
import static dev.nntrain.backprop.TensorGradientCheck.random;
import static dev.nntrain.backprop.TensorGradientCheck.weightedSum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TensorTest {

    /** Shapes that catch index mistakes: one example, one unit, and a wider layer. */
    private static final int[][] SHAPES = {{1, 3}, {3, 1}, {1, 1}, {4, 5}};

    private final Random random = new Random(42);

    // ---------------------------------------------------------------- forward values

    @Test
    void matmulMultipliesRowsByColumns() {
        Tensor a = Tensor.of(2, 3, 1, 2, 3, 4, 5, 6);
        Tensor b = Tensor.of(3, 2, 7, 8, 9, 10, 11, 12);
        Tensor product = a.matmul(b);
        assertEquals(2, product.rows());
        assertEquals(2, product.cols());
        assertArrayEquals(new double[] {58, 64, 139, 154}, product.data());
    }

    @Test
    void transposeSwapsRowsAndColumns() {
        Tensor t = Tensor.of(2, 3, 1, 2, 3, 4, 5, 6).transpose();
        assertEquals("3 x 2", t.shape());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, t.data());
        assertEquals(6, t.get(2, 1));
    }

    @Test
    void addRowVectorAddsTheBiasToEveryRow() {
        Tensor z = Tensor.of(2, 2, 1, 2, 3, 4).addRowVector(Tensor.of(1, 2, 10, 20));
        assertArrayEquals(new double[] {11, 22, 13, 24}, z.data());
    }

    @Test
    void activationsComputeTheirValues() {
        Tensor z = Tensor.of(1, 3, -2, 0, 3);
        assertArrayEquals(new double[] {0, 0, 3}, z.relu().data());
        assertArrayEquals(new double[] {-0.2, 0, 3}, z.leakyRelu(0.1).data(), 1e-15);
        assertArrayEquals(new double[] {1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-3))}, z.sigmoid().data(), 1e-15);
        assertArrayEquals(new double[] {Math.tanh(-2), 0, Math.tanh(3)}, z.tanh().data(), 1e-15);
        double total = Math.exp(-2) + 1 + Math.exp(3);
        assertArrayEquals(new double[] {Math.exp(-2) / total, 1 / total, Math.exp(3) / total},
                z.softmaxRows().data(), 1e-15);
    }

    @Test
    void softmaxRowsNormalisesEachRowOnItsOwn() {
        Tensor a = Tensor.of(2, 2, 0, 0, 1000, -1000).softmaxRows();
        assertArrayEquals(new double[] {0.5, 0.5, 1, 0}, a.data(), 1e-15);
    }

    @Test
    void activationsAreFiniteForLargeInputs() {
        Tensor z = Tensor.of(1, 2, 1000, -1000);
        assertArrayEquals(new double[] {1, 0}, z.sigmoid().data());
        assertArrayEquals(new double[] {1, -1}, z.tanh().data());
        for (double v : z.softmaxRows().data()) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void activationClassAppliesTheNamedFunction() {
        Tensor z = Tensor.of(1, 2, -1, 2);
        assertEquals(z, ActivationFunction.LINEAR.apply(z));
        assertArrayEquals(z.relu().data(), ActivationFunction.RELU.apply(z).data());
        assertArrayEquals(z.leakyRelu(0.3).data(), ActivationFunction.leakyRelu(0.3).apply(z).data());
        assertArrayEquals(z.sigmoid().data(), ActivationFunction.SIGMOID.apply(z).data());
        assertArrayEquals(z.tanh().data(), ActivationFunction.TANH.apply(z).data());
        assertArrayEquals(z.softmaxRows().data(), ActivationFunction.SOFTMAX.apply(z).data());
        assertEquals("relu", ActivationFunction.RELU.name());
    }

    // ---------------------------------------------------------------- gradients against nudging

    @Test
    void matmulGradientMatchesFiniteDifferences() {
        int[][] shapes = {{1, 3, 1}, {1, 3, 4}, {4, 5, 3}, {4, 3, 1}, {1, 1, 1}};
        for (int[] s : shapes) {
            check("matmul " + s[0] + "x" + s[1] + " by " + s[1] + "x" + s[2],
                    t -> weightedSum(t.get(0).matmul(t.get(1)), 1),
                    random(random, s[0], s[1], 2), random(random, s[1], s[2], 2));
        }
    }

    @Test
    void denseLayerInDjlLayoutMatchesFiniteDifferences() {
        // x (batch, inputs) · Wᵀ with W (units, inputs), plus a (1, units) bias.
        int[][] shapes = {{1, 3, 1}, {1, 3, 4}, {5, 4, 3}, {2, 1, 1}};
        for (int[] s : shapes) {
            check("dense batch " + s[0] + ", inputs " + s[1] + ", units " + s[2],
                    t -> weightedSum(t.get(0).matmul(t.get(1).transpose()).addRowVector(t.get(2)), 2),
                    random(random, s[0], s[1], 2), random(random, s[2], s[1], 2), random(random, 1, s[2], 2));
        }
    }

    @Test
    void elementwiseAndShapeOperationGradientsMatchFiniteDifferences() {
        for (int[] s : SHAPES) {
            String shape = " " + s[0] + "x" + s[1];
            check("transpose" + shape, t -> weightedSum(t.get(0).transpose(), 3), random(random, s[0], s[1], 2));
            check("add" + shape, t -> weightedSum(t.get(0).add(t.get(1)), 4),
                    random(random, s[0], s[1], 2), random(random, s[0], s[1], 2));
            check("mul" + shape, t -> weightedSum(t.get(0).mul(t.get(1)), 5),
                    random(random, s[0], s[1], 2), random(random, s[0], s[1], 2));
            check("sum" + shape, t -> t.get(0).sum(), random(random, s[0], s[1], 2));
            check("addRowVector" + shape, t -> weightedSum(t.get(0).addRowVector(t.get(1)), 6),
                    random(random, s[0], s[1], 2), random(random, 1, s[1], 2));
        }
    }

    @Test
    void activationGradientsMatchFiniteDifferences() {
        for (int[] s : SHAPES) {
            String shape = " " + s[0] + "x" + s[1];
            checkActivation("relu" + shape, Tensor::relu, s);
            checkActivation("leaky relu" + shape, z -> z.leakyRelu(0.2), s);
            checkActivation("sigmoid" + shape, Tensor::sigmoid, s);
            checkActivation("tanh" + shape, Tensor::tanh, s);
            checkActivation("softmax" + shape, Tensor::softmaxRows, s);
        }
    }

    private void checkActivation(String name, UnaryOperator<Tensor> activation, int[] shape) {
        // Inputs stay 0.1 away from 0, where relu and leaky relu have a kink.
        check(name, t -> weightedSum(activation.apply(t.get(0)), 7), awayFromZero(random, shape[0], shape[1], 0.1, 3));
    }

    @Test
    void knownActivationDerivatives() {
        Tensor z = Tensor.of(1, 4, -2, 3, 0, 0);
        z.leakyRelu(0.1).sum().backward();
        assertArrayEquals(new double[] {0.1, 1, 0.1, 0.1}, z.grad(), 1e-15, "the kink counts as the negative side");
        Tensor zero = Tensor.of(1, 1, 0);
        zero.sigmoid().backward();
        assertEquals(0.25, zero.gradAt(0, 0), 1e-15);
    }

    // ---------------------------------------------------------------- accumulation and depth

    @Test
    void aTensorUsedTwiceGetsTheSumOfBothContributions() {
        Tensor x = Tensor.of(1, 2, 3, -1);
        x.mul(x).sum().backward();
        assertArrayEquals(new double[] {6, -2}, x.grad(), "d(sum x²)/dx = 2x");
        Tensor a = Tensor.of(2, 2, 1, 2, 3, 4);
        a.matmul(a).sum().backward(); // a used as both factors
        // d/da of sum(a·a): ones·aᵀ + aᵀ·ones
        assertArrayEquals(new double[] {3 + 4, 7 + 4, 3 + 6, 7 + 6}, a.grad(), 1e-12);
    }

    @Test
    void aChainOfAHundredThousandTensorNodesDoesNotOverflowTheStack() {
        Tensor one = Tensor.scalar(1);
        Tensor x = Tensor.scalar(0.5);
        Tensor node = x;
        for (int i = 0; i < 100_000; i++) {
            node = node.add(one);
        }
        node.backward();
        assertEquals(100_000.5, node.item());
        assertEquals(1, x.gradAt(0, 0));
        assertEquals(100_000, one.gradAt(0, 0), "the shared leaf collects one contribution per use");
    }

    @Test
    void backwardTwiceGivesTheSameGradients() {
        Tensor x = Tensor.of(1, 2, 1, 2);
        Tensor loss = x.mul(x).sum();
        loss.backward();
        loss.backward();
        assertArrayEquals(new double[] {2, 4}, x.grad());
    }

    // ---------------------------------------------------------------- misuse

    @Test
    void shapeMistakesAreReported() {
        Tensor a = Tensor.of(2, 3, new double[6]);
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(2, 2, 1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> a.matmul(a));
        assertThrows(IllegalArgumentException.class, () -> a.add(a.transpose()));
        assertThrows(IllegalArgumentException.class, () -> a.addRowVector(Tensor.of(1, 2, 1, 2)));
        assertThrows(IllegalStateException.class, a::backward);
        assertThrows(IllegalStateException.class, a::item);
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(2, 0));
    }

    @Test
    void ofCopiesItsValues() {
        double[] values = {1, 2};
        Tensor t = Tensor.of(1, 2, values);
        values[0] = 99;
        assertEquals(1, t.get(0, 0));
        t.data()[1] = 99;
        assertEquals(2, t.get(0, 1), "data() is a copy");
    }
}

package dev.nntrain.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationCountTest {

    @Test
    void countsTheOperationNodesAndTheParametersOfAGraph() {
        // The course's §14 graph: c = w x, a = c + b, d = a - y, then d² and ½ d².
        Value x = new Value(-2);
        Value y = new Value(2);
        Value w = new Value(2);
        Value b = new Value(8);
        Value j = w.mul(x).add(b).sub(y).pow(2).mul(0.5);
        OperationCount count = OperationCount.of(j, List.of(w, b));
        assertEquals(5, count.nodes());
        assertEquals(2, count.parameters());
    }

    @Test
    void parametersTheCostDoesNotUseAreNotCounted() {
        Value w = new Value(1);
        Value unused = new Value(2);
        assertEquals(1, OperationCount.of(w.mul(3), List.of(w, unused)).parameters());
    }

    @Test
    void denseNetworkNodesFollowTheFormula() {
        // 2 inputs -> 3 relu -> 1 linear: 3 × (2·2 + 1) + 1 × (2·3) + 3 × 1 = 24 nodes;
        // P = 3·2 + 3 + 1·3 + 1 = 13.
        OperationCount small = OperationCount.forDenseNetwork(2, 3, 1);
        assertEquals(24, small.nodes());
        assertEquals(13, small.parameters());

        // One linear unit, the course's §14 shape: t = w x, z = t + b, d, d², ½: 5 nodes.
        OperationCount unit = OperationCount.forDenseNetwork(1, 1);
        assertEquals(5, unit.nodes());
        assertEquals(2, unit.parameters());

        // The digit network: 25 (2·784 + 1) + 15 (2·25 + 1) + 10 (2·15) + 3·10.
        OperationCount digits = OperationCount.forDenseNetwork(784, 25, 15, 10);
        assertEquals(25 * (2 * 784 + 1) + 15 * (2 * 25 + 1) + 10 * (2 * 15) + 30, digits.nodes());
        assertEquals(40_320, digits.nodes());
        assertEquals(20_175, digits.parameters());
    }

    @Test
    void backpropGrowsLikeNPlusPAndNudgingLikeNTimesP() {
        OperationCount count = new OperationCount(24, 13);
        assertEquals(24, count.forwardPass());
        assertEquals(48, count.backpropEvaluations());
        assertEquals(24 * 14, count.nudgingEvaluations());
        assertEquals(37, count.courseBackpropSteps());
        assertEquals(312, count.courseNudgingSteps());
        assertEquals(7.0, count.nudgingOverBackprop(), 1e-12);
    }

    /**
     * The counts are longs because N x P outgrows an int long before N or P does. 46,341 is the
     * smallest N with N² above {@code Integer.MAX_VALUE} (46,340² = 2,147,395,600 fits, 46,341² =
     * 2,147,488,281 does not), so an int product would wrap to a negative number here.
     */
    @Test
    void productsJustPastTheIntRangeDoNotWrap() {
        OperationCount count = new OperationCount(46_341, 46_341);
        assertEquals(2_147_488_281L, count.courseNudgingSteps());
        assertEquals(2_147_534_622L, count.nudgingEvaluations(), "46,341 x 46,342");
        assertEquals(92_682L, count.courseBackpropSteps());
    }

    /**
     * At the largest int counts every estimate still fits a long: with N = P = 2^31 - 1, N + P and
     * 2N are 2^32 - 2, N x P = 2^62 - 2^32 + 1 and N x (P + 1) = 2^62 - 2^31, where even {@code P + 1}
     * alone overflows an int.
     */
    @Test
    void countsAtTheLargestIntsAreExact() {
        OperationCount count = new OperationCount(Integer.MAX_VALUE, Integer.MAX_VALUE);
        assertEquals(4_294_967_294L, count.backpropEvaluations());
        assertEquals(4_294_967_294L, count.courseBackpropSteps());
        assertEquals(4_611_686_014_132_420_609L, count.courseNudgingSteps());
        assertEquals(4_611_686_016_279_904_256L, count.nudgingEvaluations());
        assertEquals(1L << 30, count.nudgingOverBackprop(), 1e-6, "(P + 1) / 2 = 2^30");
    }

    @Test
    void printShowsBothCounts() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new OperationCount(24, 13).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("N = 24 nodes, P = 13 parameters"), text);
        assertTrue(text.contains("N + P = 37"), text);
        assertTrue(text.contains("N x P = 312"), text);
        assertTrue(text.contains("2N = 48"), text);
        assertTrue(text.contains("N x (P + 1) = 336"), text);
    }

    @Test
    void aNetworkNeedsInputsAndALayer() {
        assertThrows(IllegalArgumentException.class, () -> OperationCount.forDenseNetwork(3));
    }
}

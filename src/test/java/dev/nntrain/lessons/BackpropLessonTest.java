package dev.nntrain.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.backprop.OperationCount;
import dev.nntrain.lessons.BackpropLesson.ComputationGraph;
import dev.nntrain.lessons.BackpropLesson.DerivativeExample;
import dev.nntrain.lessons.BackpropLesson.LargerNetwork;
import dev.nntrain.lessons.BackpropLesson.LargerNetworkBackward;
import dev.nntrain.lessons.BackpropLesson.LargerNetworkForward;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Holds the lesson to every number of the course's sections 13–15. */
class BackpropLessonTest {

    /** The course prints nudged values to about 9 decimals; doubles get them to 1e-12 or so. */
    private static final double PRINTED = 1e-9;
    /** Derivatives by backprop are exact up to rounding. */
    private static final double EXACT = 1e-12;

    // ---------------------------------------------------------------- 13. what is a derivative

    private final List<DerivativeExample> examples = BackpropLesson.derivativeExamples();

    private void assertExample(
            DerivativeExample e, String function, double w, double epsilon, double value, double nudged,
            double slope, double exact) {
        String name = "J = " + function + " at w = " + w + ", epsilon = " + epsilon;
        assertEquals(function, e.function(), name);
        assertEquals(w, e.nudge().w(), name);
        assertEquals(epsilon, e.nudge().epsilon(), name);
        assertEquals(value, e.nudge().value(), PRINTED, name + ": J(w)");
        assertEquals(nudged, e.nudge().nudgedValue(), PRINTED, name + ": J(w + epsilon)");
        assertEquals(slope, e.slope(), 1e-6, name + ": k");
        assertEquals(exact, e.exactDerivative(), EXACT, name + ": dJ/dw");
        // The informal rule: k is the derivative up to about epsilon times the curvature.
        assertEquals(exact, e.slope(), 10 * epsilon, name + ": k ≈ dJ/dw");
    }

    @Test
    void squareAtThreeWithEpsilonOneThousandth() {
        assertExample(examples.get(0), "w^2", 3, 0.001, 9, 9.006001, 6.001, 6);
        assertEquals("2w", examples.get(0).exactFormula());
    }

    @Test
    void squareAtThreeWithEpsilonTwoThousandths() {
        assertExample(examples.get(1), "w^2", 3, 0.002, 9, 9.012004, 6.002, 6);
    }

    @Test
    void squareAtTwo() {
        assertExample(examples.get(2), "w^2", 2, 0.001, 4, 4.004001, 4.001, 4);
    }

    @Test
    void squareAtMinusThree() {
        assertExample(examples.get(3), "w^2", -3, 0.001, 9, 8.994001, -5.999, -6);
    }

    @Test
    void cubeAtTwo() {
        assertExample(examples.get(4), "w^3", 2, 0.001, 8, 8.012006001, 12.006001, 12);
        assertEquals("3w^2", examples.get(4).exactFormula());
    }

    @Test
    void identity() {
        assertExample(examples.get(5), "w", 3, 0.001, 3, 3.001, 1, 1);
        assertEquals("1", examples.get(5).exactFormula());
    }

    @Test
    void reciprocalAtTwo() {
        DerivativeExample e = examples.get(6);
        assertExample(e, "1/w", 2, 0.001, 0.5, 1 / 2.001, -0.25 / 1.0005, -0.25);
        assertEquals(0.49975, e.nudge().nudgedValue(), 0.000005, "the course's 0.49975...");
        assertTrue(String.valueOf(e.nudge().nudgedValue()).startsWith("0.49975"));
        assertEquals("-1/w^2", e.exactFormula());
    }

    @Test
    void sevenExamplesInTheCoursesOrder() {
        assertEquals(7, examples.size());
    }

    // ---------------------------------------------------------------- 14. computation graph

    private final ComputationGraph graph = BackpropLesson.computationGraph();

    @Test
    void computationGraphForward() {
        assertEquals(-4, graph.c(), EXACT, "c = w x");
        assertEquals(4, graph.a(), EXACT, "a = c + b");
        assertEquals(2, graph.d(), EXACT, "d = a - y");
        assertEquals(2, graph.j(), EXACT, "J = 1/2 d^2");
    }

    @Test
    void computationGraphBackward() {
        assertEquals(2, graph.dJdd(), EXACT, "dJ/dd");
        assertEquals(2, graph.dJda(), EXACT, "dJ/da");
        assertEquals(2, graph.dJdc(), EXACT, "dJ/dc");
        assertEquals(2, graph.dJdb(), EXACT, "dJ/db");
        assertEquals(-4, graph.dJdw(), EXACT, "dJ/dw = dJ/dc * x");
    }

    @Test
    void computationGraphCountsNodesAndParameters() {
        OperationCount count = graph.count();
        assertEquals(4, count.nodes(), "c, a, d and J, as the course draws them");
        assertEquals(2, count.parameters(), "w and b");
        assertEquals(4 + 2, count.courseBackpropSteps(), "N + P");
        assertEquals(4 * 2, count.courseNudgingSteps(), "N x P");
        // nntrain's exact counts: a pass forward and one back; a forward pass per parameter plus one
        assertEquals(8, count.backpropEvaluations());
        assertEquals(12, count.nudgingEvaluations());
    }

    @Test
    void computationGraphTableListsEachNodeForwardThenBackward() {
        String table = graph.table();
        assertRows(table, "c     w * x        -4", "a     c + b        4", "d     a - y        2",
                "J     1/2 d^2      2");
        String backward = table.substring(table.indexOf("Backward"));
        assertRows(backward, "dJ/dnode", "J     1", "d     2", "a     2", "b     2", "c     2", "w     -4");
        assertTrue(backward.indexOf("  d ") < backward.indexOf("  a ")
                && backward.indexOf("  a ") < backward.indexOf("  c ")
                && backward.indexOf("  c ") < backward.indexOf("  w "), "right to left");
    }

    // ---------------------------------------------------------------- 15. a larger network

    private final LargerNetwork network = BackpropLesson.largerNetwork();

    @Test
    void largerNetworkForward() {
        LargerNetworkForward f = network.forward();
        assertEquals(2, f.t1(), EXACT, "t1 = w1 x");
        assertEquals(2, f.z1(), EXACT, "z1 = t1 + b1");
        assertEquals(2, f.a1(), EXACT, "a1 = g(z1)");
        assertEquals(6, f.t2(), EXACT, "t2 = w2 a1");
        assertEquals(7, f.z2(), EXACT, "z2 = t2 + b2");
        assertEquals(7, f.a2(), EXACT, "a2 = g(z2)");
        assertEquals(2, f.j(), EXACT, "J = 1/2 (a2 - y)^2");
    }

    @Test
    void largerNetworkBackward() {
        LargerNetworkBackward b = network.backward();
        assertEquals(2, b.dJda2(), EXACT, "dJ/da2");
        assertEquals(2, b.dJdz2(), EXACT, "dJ/dz2");
        assertEquals(2, b.dJdb2(), EXACT, "dJ/db2");
        assertEquals(2, b.dJdt2(), EXACT, "dJ/dt2");
        assertEquals(4, b.dJdw2(), EXACT, "dJ/dw2");
        assertEquals(6, b.dJda1(), EXACT, "dJ/da1");
        assertEquals(6, b.dJdz1(), EXACT, "dJ/dz1");
        assertEquals(6, b.dJdb1(), EXACT, "dJ/db1");
        assertEquals(6, b.dJdt1(), EXACT, "dJ/dt1");
        assertEquals(6, b.dJdw1(), EXACT, "dJ/dw1");
    }

    @Test
    void largerNetworkCheckByNudging() {
        LargerNetworkForward nudged = network.nudged();
        assertEquals(2.001, nudged.a1(), PRINTED, "a1 at w1 = 2.001");
        assertEquals(7.003, nudged.a2(), PRINTED, "a2 at w1 = 2.001");
        assertEquals(2.006004500, nudged.j(), PRINTED, "J at w1 = 2.001");
        assertEquals(2 + 6 * 0.001, nudged.j(), 1e-5, "about J + dJ/dw1 x epsilon");
        assertEquals(6.0045, network.nudgedSlope(), 1e-6);
    }

    @Test
    void largerNetworkTableListsEachNode() {
        String table = network.table();
        assertRows(table, "t1    w1 * x       2", "z1    t1 + b1      2", "a1    relu(z1)     2",
                "t2    w2 * a1      6", "z2    t2 + b2      7", "a2    relu(z2)     7");
        String backward = table.substring(table.indexOf("Backward"));
        assertRows(backward, "a2    2", "z2    2", "b2    2", "t2    2", "w2    4",
                "a1    6", "z1    6", "b1    6", "t1    6", "w1    6");
    }

    // ---------------------------------------------------------------- the count and the whole lesson

    @Test
    void smallNetworkCount() {
        OperationCount count = BackpropLesson.smallNetworkCount();
        assertEquals(24, count.nodes());
        assertEquals(13, count.parameters());
        assertTrue(count.courseBackpropSteps() < count.courseNudgingSteps());
    }

    @Test
    void runPrintsAllThreeSectionsAndTheCounts() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BackpropLesson.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertRows(text, "13. What is a derivative", "9.006001", "9.012004", "4.004001", "8.994001",
                "8.012006001", "0.4997501249", "2w = 6", "3w^2 = 12", "-1/w^2 = -0.25",
                "14. Computation graph", "c     w * x        -4",
                "15. A larger network", "w1 = 2.001 gives a1 = 2.001, a2 = 7.003, J = 2.0060045",
                "N = 24 nodes, P = 13 parameters", "N + P = 37", "N x P = 312",
                "c = w x, a = c + b, d = a - y, J = 1/2 d^2", "N = 4 nodes, P = 2 parameters",
                "backpropagation: about N + P = 6 steps", "nudging each parameter: about N x P = 8 steps",
                "exactly, in node evaluations: backprop 2N = 8; nudging N x (P + 1) = 12",
                "N = 40,320 nodes, P = 20,175 parameters");
    }

    private static void assertRows(String text, String... rows) {
        for (String row : rows) {
            assertTrue(text.contains(row), "missing \"" + row + "\" in:\n" + text);
        }
    }
}

package dev.nntrain.lessons;

import dev.nntrain.backprop.GraphTable;
import dev.nntrain.backprop.Nudge;
import dev.nntrain.backprop.OperationCount;
import dev.nntrain.backprop.Value;
import java.io.PrintStream;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The course's backpropagation lesson (sections 13–15), runnable: what a derivative is, the
 * computation graph of one linear unit, a two-layer ReLU network, and why backpropagation beats
 * nudging each parameter. Every number the course prints is returned by a method here, as a
 * record, so that tests can hold the lesson to the course.
 *
 * <p>Run it with {@code java dev.nntrain.lessons.BackpropLesson}.
 */
public final class BackpropLesson {

    /** The course's nudge. */
    public static final double EPSILON = 0.001;

    private BackpropLesson() {}

    // ---------------------------------------------------------------- 13. what is a derivative

    /**
     * One nudge of §13: J at w, J at w + ε, the slope k = ΔJ/ε, and the exact derivative, which
     * here comes from backpropagation through a {@link Value} graph of the same J.
     *
     * @param function J as written in the course, for example {@code "w^2"}
     * @param exactFormula dJ/dw as sympy gives it, for example {@code "2w"}
     * @param nudge w, ε, J(w) and J(w + ε)
     * @param exactDerivative dJ/dw at w, by backpropagation
     */
    public record DerivativeExample(String function, String exactFormula, Nudge nudge, double exactDerivative) {

        /**
         * k = ΔJ / ε.
         *
         * @return the slope estimated by nudging
         */
        public double slope() {
            return nudge.slope();
        }
    }

    /** The course's functions, each as a graph of {@link Value}s. */
    private record CourseFunction(String name, String exactFormula, UnaryOperator<Value> j) {

        double at(double w) {
            return j.apply(new Value(w)).data();
        }

        double derivativeAt(double w) {
            Value parameter = new Value(w, "w");
            j.apply(parameter).backward();
            return parameter.grad();
        }

        DerivativeExample example(double w, double epsilon) {
            return new DerivativeExample(name, exactFormula, Nudge.of(this::at, w, epsilon), derivativeAt(w));
        }
    }

    /**
     * §13 in order: J = w² at w = 3 with ε = 0.001 and 0.002, at w = 2 and at w = −3; J = w³ at
     * w = 2; J = w (at w = 3); J = 1/w at w = 2.
     *
     * @return the examples, each with its nudge and exact derivative
     */
    public static List<DerivativeExample> derivativeExamples() {
        CourseFunction square = new CourseFunction("w^2", "2w", w -> w.pow(2));
        CourseFunction cube = new CourseFunction("w^3", "3w^2", w -> w.pow(3));
        CourseFunction identity = new CourseFunction("w", "1", w -> w);
        CourseFunction reciprocal = new CourseFunction("1/w", "-1/w^2", w -> w.pow(-1));
        return List.of(
                square.example(3, EPSILON),
                square.example(3, 0.002),
                square.example(2, EPSILON),
                square.example(-3, EPSILON),
                cube.example(2, EPSILON),
                identity.example(3, EPSILON),
                reciprocal.example(2, EPSILON));
    }

    // ---------------------------------------------------------------- 14. computation graph

    /**
     * §14: {@code J = ½(wx + b − y)²} at x = −2, y = 2, w = 2, b = 8, node by node.
     *
     * @param count N and P of this graph
     * @param table the graph printed forward then backward
     */
    public record ComputationGraph(
            double c, double a, double d, double j,
            double dJdd, double dJda, double dJdc, double dJdb, double dJdw,
            OperationCount count, String table) {}

    /**
     * Builds §14's graph from labelled {@link Value}s and runs it forward and backward.
     *
     * @return the graph's node values, derivatives and printed table
     */
    public static ComputationGraph computationGraph() {
        Value x = new Value(-2, "x");
        Value y = new Value(2, "y");
        Value w = new Value(2, "w");
        Value b = new Value(8, "b");
        Value c = w.mul(x).label("c");
        Value a = c.add(b).label("a");
        Value d = a.sub(y).label("d");
        Value j = halfSquare(d);
        j.backward();
        return new ComputationGraph(
                c.data(), a.data(), d.data(), j.data(),
                d.grad(), a.grad(), c.grad(), b.grad(), w.grad(),
                OperationCount.of(j, List.of(w, b)), GraphTable.render(j));
    }

    /** The course's cost for one example, {@code J = ½ d²}, one node labelled "J" as the course draws it. */
    private static Value halfSquare(Value d) {
        return d.halfSquare().label("J");
    }

    // ---------------------------------------------------------------- 15. a larger network

    /** §15's forward values. */
    public record LargerNetworkForward(double t1, double z1, double a1, double t2, double z2, double a2, double j) {}

    /** §15's derivatives of J with respect to each node. */
    public record LargerNetworkBackward(
            double dJda2, double dJdz2, double dJdb2, double dJdt2, double dJdw2,
            double dJda1, double dJdz1, double dJdb1, double dJdt1, double dJdw1) {}

    /**
     * §15 complete.
     *
     * @param forward the node values at w1 = 2
     * @param backward the derivatives at w1 = 2
     * @param nudged the node values at w1 = 2 + ε, the check by nudging
     * @param table the graph printed forward then backward
     */
    public record LargerNetwork(
            LargerNetworkForward forward, LargerNetworkBackward backward, LargerNetworkForward nudged, String table) {

        /**
         * (J(w1 + ε) − J(w1)) / ε, which should be close to dJ/dw1 = 6.
         *
         * @return the slope estimated by nudging w1
         */
        public double nudgedSlope() {
            return (nudged.j() - forward.j()) / EPSILON;
        }
    }

    /**
     * §15's network, x = 1, y = 5, w1 = 2, b1 = 0, w2 = 3, b2 = 1, ReLU units.
     *
     * @return the forward values, the derivatives, the nudged values and the table
     */
    public static LargerNetwork largerNetwork() {
        ReluNetwork network = ReluNetwork.at(2);
        network.j().backward();
        LargerNetworkBackward backward = new LargerNetworkBackward(
                network.a2().grad(), network.z2().grad(), network.b2().grad(), network.t2().grad(),
                network.w2().grad(), network.a1().grad(), network.z1().grad(), network.b1().grad(),
                network.t1().grad(), network.w1().grad());
        return new LargerNetwork(network.forwardValues(), backward,
                ReluNetwork.at(2 + EPSILON).forwardValues(), GraphTable.render(network.j()));
    }

    /** The nodes of §15's graph, named as the course names them. */
    private record ReluNetwork(
            Value w1, Value b1, Value w2, Value b2,
            Value t1, Value z1, Value a1, Value t2, Value z2, Value a2, Value j) {

        /** Builds the graph with the course's values and the given w1. */
        static ReluNetwork at(double w1Value) {
            Value x = new Value(1, "x");
            Value y = new Value(5, "y");
            Value w1 = new Value(w1Value, "w1");
            Value b1 = new Value(0, "b1");
            Value w2 = new Value(3, "w2");
            Value b2 = new Value(1, "b2");
            Value t1 = w1.mul(x).label("t1");
            Value z1 = t1.add(b1).label("z1");
            Value a1 = z1.relu().label("a1");
            Value t2 = w2.mul(a1).label("t2");
            Value z2 = t2.add(b2).label("z2");
            Value a2 = z2.relu().label("a2");
            Value j = halfSquare(a2.sub(y).label("d"));
            return new ReluNetwork(w1, b1, w2, b2, t1, z1, a1, t2, z2, a2, j);
        }

        LargerNetworkForward forwardValues() {
            return new LargerNetworkForward(t1.data(), z1.data(), a1.data(), t2.data(), z2.data(), a2.data(), j.data());
        }
    }

    // ---------------------------------------------------------------- N + P versus N x P

    /** The small network whose counts the lesson prints: 2 inputs, 3 ReLU units, 1 output. */
    public static final int[] SMALL_NETWORK = {2, 3, 1};

    /** The course's digit classifier, 784 → 25 → 15 → 10, to show the counts at full size. */
    public static final int[] DIGIT_NETWORK = {784, 25, 15, 10};

    /**
     * Node and parameter counts for {@link #SMALL_NETWORK}.
     *
     * @return the counts
     */
    public static OperationCount smallNetworkCount() {
        return OperationCount.forDenseNetwork(SMALL_NETWORK);
    }

    // ---------------------------------------------------------------- the lesson

    /**
     * Prints the whole lesson.
     *
     * @param out where to print
     */
    public static void run(PrintStream out) {
        out.println("13. What is a derivative: nudge w by epsilon, J moves by about k x epsilon");
        out.printf("  %-5s %4s %7s %8s %16s %14s  %s%n", "J", "w", "epsilon", "J(w)", "J(w + epsilon)", "k", "dJ/dw exact");
        for (DerivativeExample e : derivativeExamples()) {
            Nudge n = e.nudge();
            out.printf("  %-5s %4s %7s %8s %16s %14s  %s%n", e.function(), GraphTable.format(n.w()),
                    GraphTable.format(n.epsilon()), GraphTable.format(n.value()),
                    GraphTable.format(n.nudgedValue()), GraphTable.format(e.slope()),
                    e.exactFormula() + " = " + GraphTable.format(e.exactDerivative()));
        }

        out.println();
        out.println("14. Computation graph: J = 1/2 (w x + b - y)^2 at x = -2, y = 2, w = 2, b = 8, four nodes:");
        out.println("  c = w x, a = c + b, d = a - y, J = 1/2 d^2");
        ComputationGraph graph = computationGraph();
        out.print(graph.table());
        out.println("One backward pass gives dJ/dw and dJ/db together; nudging needs a forward pass per parameter:");
        graph.count().print(out);

        out.println();
        out.println("15. A larger network: x = 1, y = 5, w1 = 2, b1 = 0, w2 = 3, b2 = 1, ReLU units");
        LargerNetwork network = largerNetwork();
        out.print(network.table());
        out.printf("  check by nudging: w1 = %s gives a1 = %s, a2 = %s, J = %s; (J - 2) / epsilon = %s, about dJ/dw1 = %s%n",
                GraphTable.format(2 + EPSILON), GraphTable.format(network.nudged().a1()),
                GraphTable.format(network.nudged().a2()), GraphTable.format(network.nudged().j()),
                GraphTable.format(network.nudgedSlope()), GraphTable.format(network.backward().dJdw1()));

        out.println();
        out.println("Backprop versus nudging, network 2 -> 3 relu -> 1:");
        smallNetworkCount().print(out);
        out.println("and for the digit network 784 -> 25 -> 15 -> 10:");
        OperationCount.forDenseNetwork(DIGIT_NETWORK).print(out);
    }

    /**
     * Runs the lesson on standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }
}

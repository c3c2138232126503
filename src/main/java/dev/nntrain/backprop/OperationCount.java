package dev.nntrain.backprop;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Why backpropagation is worth it, counted on a real graph: N operation nodes (each one scalar
 * operation evaluated in a forward pass) and P parameters.
 *
 * <ul>
 *   <li><b>Backpropagation</b>: one forward pass evaluates the N nodes; one backward pass runs
 *       each node's local derivative rule once, from the cost back to the inputs, and in doing so
 *       hands every one of the P parameters its derivative. That is 2N node evaluations; the
 *       course counts it as "about N + P steps". Either way it grows like N + P: adding a
 *       parameter adds work once.
 *   <li><b>Nudging</b> each parameter in turn needs a fresh forward pass of all N nodes per
 *       parameter, plus one unnudged pass to compare against: N × (P + 1) evaluations, "about
 *       N × P" in the course. (Central differences, as in {@link FiniteDifferences}, need two
 *       passes per parameter: twice that.)
 * </ul>
 *
 * <p>Counts are node evaluations, not floating-point operations: a node such as
 * {@link Value#logSumExp} does more arithmetic than an addition, but every node in a network
 * built by {@link #forDenseNetwork} is a single add, multiply, subtract, power or ReLU.
 *
 * @param nodes N, the operation (non-leaf) nodes in the graph
 * @param parameters P, the parameters the cost depends on
 */
public record OperationCount(int nodes, int parameters) {

    /**
     * Counts the operation nodes of the graph of {@code cost} and those of {@code parameters}
     * that it actually depends on.
     *
     * @param cost the graph's final node
     * @param parameters the leaves to count as parameters (P); those the cost does not depend on
     *     are left out
     * @return the counts
     */
    public static OperationCount of(Value cost, Collection<Value> parameters) {
        List<Value> order = cost.topologicalOrder();
        Set<Value> inGraph = Collections.newSetFromMap(new IdentityHashMap<>());
        inGraph.addAll(order);
        int operations = 0;
        for (Value v : order) {
            if (!v.isLeaf()) {
                operations++;
            }
        }
        int used = 0;
        for (Value p : parameters) {
            if (inGraph.contains(p)) {
                used++;
            }
        }
        return new OperationCount(operations, used);
    }

    /**
     * Builds, from scalar {@link Value}s, a dense network with the given layer sizes (inputs
     * first, outputs last) on one example, and counts its graph. Hidden units use ReLU, the output
     * units are linear, and the cost is the course's {@code J = ½ Σ (a - y)²}. Each unit computes
     * {@code b + w_1 x_1 + ... + w_n x_n} with n multiplications and n additions, so a layer of
     * u units on n inputs has {@code u (2n + 1)} nodes with ReLU, {@code 2un} without; the cost
     * adds {@code 3 × outputs} (a subtraction and a square each, the additions and the ½).
     *
     * @param layerSizes at least two sizes: inputs, then each layer's units
     * @return the counts for that network's graph
     */
    public static OperationCount forDenseNetwork(int... layerSizes) {
        if (layerSizes.length < 2) {
            throw new IllegalArgumentException("need inputs and at least one layer");
        }
        List<Value> parameters = new ArrayList<>();
        List<Value> activations = new ArrayList<>();
        for (int i = 0; i < layerSizes[0]; i++) {
            activations.add(new Value(1.0, "x" + (i + 1)));
        }
        for (int l = 1; l < layerSizes.length; l++) {
            boolean hidden = l < layerSizes.length - 1;
            List<Value> next = new ArrayList<>();
            for (int unit = 0; unit < layerSizes[l]; unit++) {
                Value z = new Value(0.1, "b");
                parameters.add(z);
                for (Value input : activations) {
                    Value w = new Value(0.1, "w");
                    parameters.add(w);
                    z = z.add(w.mul(input));
                }
                next.add(hidden ? z.relu() : z);
            }
            activations = next;
        }
        List<Value> squaredErrors = new ArrayList<>();
        for (Value output : activations) {
            squaredErrors.add(output.sub(new Value(0.0, "y")).pow(2));
        }
        Value cost = Value.sum(squaredErrors).mul(0.5);
        return of(cost, parameters);
    }

    /**
     * N: the node evaluations of one forward pass.
     *
     * @return N
     */
    public long forwardPass() {
        return nodes;
    }

    /**
     * Backpropagation's node evaluations: one forward pass and one backward pass, 2N.
     *
     * @return 2N
     */
    public long backpropEvaluations() {
        return 2L * nodes;
    }

    /**
     * Nudging's node evaluations: a forward pass per parameter plus one to compare, N × (P + 1).
     *
     * @return N × (P + 1)
     */
    public long nudgingEvaluations() {
        return (long) nodes * (parameters + 1L);
    }

    /**
     * The course's estimate for backpropagation, N + P.
     *
     * @return N + P
     */
    public long courseBackpropSteps() {
        return (long) nodes + parameters;
    }

    /**
     * The course's estimate for nudging, N × P.
     *
     * @return N × P
     */
    public long courseNudgingSteps() {
        return (long) nodes * parameters;
    }

    /**
     * How many times more node evaluations nudging needs: (P + 1) / 2.
     *
     * @return (P + 1) / 2
     */
    public double nudgingOverBackprop() {
        return (double) nudgingEvaluations() / backpropEvaluations();
    }

    /**
     * A few lines comparing the two: the course's estimates first, N + P steps for backpropagation
     * against N × P for nudging each parameter, then nntrain's exact node evaluations as a remark.
     *
     * @return the lines, each ending in a line break
     */
    public String describe() {
        return String.format(
                "N = %,d nodes, P = %,d parameters%n"
                        + "  backpropagation: about N + P = %,d steps (one pass forward, one back, every parameter served)%n"
                        + "  nudging each parameter: about N x P = %,d steps (all N nodes again for each parameter)%n"
                        + "  exactly, in node evaluations: backprop 2N = %,d; nudging N x (P + 1) = %,d, %,.1f times as many%n",
                nodes, parameters, courseBackpropSteps(), courseNudgingSteps(),
                backpropEvaluations(), nudgingEvaluations(), nudgingOverBackprop());
    }

    /**
     * Prints {@link #describe()}.
     *
     * @param out where to print
     */
    public void print(PrintStream out) {
        out.print(describe());
    }
}

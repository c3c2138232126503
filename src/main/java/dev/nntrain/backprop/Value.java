package dev.nntrain.backprop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A scalar node of a computation graph: its value, the derivative of the final result with
 * respect to it, the nodes it was computed from and the rule that passes a derivative back to
 * them. This is Andrej Karpathy's micrograd in Java.
 *
 * <pre>{@code
 * Value w = new Value(2, "w");
 * Value x = new Value(-2, "x");
 * Value c = w.mul(x).label("c");      // forward: c = -4
 * c.backward();                        // backward: dc/dw = x = -2, dc/dx = w = 2
 * }</pre>
 *
 * <p>Every operation returns a new node; nothing is modified in place except the gradients,
 * which {@link #backward()} fills in. A node used twice receives the sum of both contributions,
 * as the chain rule requires.
 */
public final class Value {

    private static final Runnable LEAF = () -> {};

    private final double data;
    private double grad;
    private final List<Value> parents;
    private final String operation;
    private String label;
    /** Adds this node's gradient, times its local derivatives, into its parents' gradients. */
    private Runnable backwardRule = LEAF;

    /**
     * A leaf (an input, a parameter or a constant) without a label.
     *
     * @param data the value
     */
    public Value(double data) {
        this(data, null);
    }

    /**
     * A leaf (an input, a parameter or a constant) with a label used when printing.
     *
     * @param data the value
     * @param label the name printed for this node, or {@code null} for none
     */
    public Value(double data, String label) {
        this(data, "", List.of());
        this.label = label;
    }

    private Value(double data, String operation, List<Value> parents) {
        this.data = data;
        this.operation = operation;
        this.parents = parents;
    }

    /** A node computed by {@code operation} from {@code parents}; the caller sets its rule. */
    private static Value result(double data, String operation, Value... parents) {
        return new Value(data, operation, List.of(parents));
    }

    // ---------------------------------------------------------------- accessors

    /**
     * The node's value, computed in the forward pass.
     *
     * @return the value
     */
    public double data() {
        return data;
    }

    /**
     * The derivative of the value {@link #backward()} was last called on with respect to this.
     *
     * @return dresult/dthis, 0 until {@code backward()} runs on a node that depends on this one
     */
    public double grad() {
        return grad;
    }

    /**
     * The nodes this one was computed from, empty for a leaf.
     *
     * @return the operands, in order; unmodifiable
     */
    public List<Value> parents() {
        return parents;
    }

    /**
     * The operation that produced this node ({@code "+"}, {@code "relu"}, ...), empty for a leaf.
     *
     * @return the operation's printed name
     */
    public String operation() {
        return operation;
    }

    /**
     * The label given with {@link #label(String)}, or {@code null}.
     *
     * @return the label, or {@code null} if none was given
     */
    public String label() {
        return label;
    }

    /**
     * Names this node for printing and returns it, so it can end an expression.
     *
     * @param newLabel the name to print, or {@code null} to remove it
     * @return this node
     */
    public Value label(String newLabel) {
        this.label = newLabel;
        return this;
    }

    /**
     * Whether this node was not computed from others (an input, a parameter or a constant).
     *
     * @return true for a leaf
     */
    public boolean isLeaf() {
        return parents.isEmpty();
    }

    // ---------------------------------------------------------------- arithmetic

    /**
     * {@code this + other}.
     *
     * @param other the right operand
     * @return a new node; its gradient flows unchanged to both operands
     */
    public Value add(Value other) {
        Value out = result(data + other.data, "+", this, other);
        out.backwardRule = () -> {
            grad += out.grad;
            other.grad += out.grad;
        };
        return out;
    }

    /**
     * {@code this - other}.
     *
     * @param other the value subtracted
     * @return a new node; its gradient flows to this and, negated, to {@code other}
     */
    public Value sub(Value other) {
        Value out = result(data - other.data, "-", this, other);
        out.backwardRule = () -> {
            grad += out.grad;
            other.grad -= out.grad;
        };
        return out;
    }

    /**
     * {@code this * other}.
     *
     * @param other the right operand
     * @return a new node; each operand receives the gradient times the other operand's value
     */
    public Value mul(Value other) {
        Value out = result(data * other.data, "*", this, other);
        out.backwardRule = () -> {
            grad += other.data * out.grad;
            other.grad += data * out.grad;
        };
        return out;
    }

    /**
     * {@code this / other}.
     *
     * @param other the divisor
     * @return a new node; {@code other} receives {@code -this / other²} times the gradient
     */
    public Value div(Value other) {
        Value out = result(data / other.data, "/", this, other);
        out.backwardRule = () -> {
            grad += out.grad / other.data;
            other.grad -= data / (other.data * other.data) * out.grad;
        };
        return out;
    }

    /**
     * {@code -this}.
     *
     * @return a new node whose gradient flows back negated
     */
    public Value neg() {
        Value out = result(-data, "neg", this);
        out.backwardRule = () -> grad -= out.grad;
        return out;
    }

    /**
     * {@code this + c} for a constant {@code c}.
     *
     * @param c the constant, which becomes a leaf of the graph
     * @return a new node
     */
    public Value add(double c) {
        return add(new Value(c));
    }

    /**
     * {@code this - c} for a constant {@code c}.
     *
     * @param c the constant, which becomes a leaf of the graph
     * @return a new node
     */
    public Value sub(double c) {
        return sub(new Value(c));
    }

    /**
     * {@code this * c} for a constant {@code c}.
     *
     * @param c the constant, which becomes a leaf of the graph
     * @return a new node
     */
    public Value mul(double c) {
        return mul(new Value(c));
    }

    /**
     * {@code this / c} for a constant {@code c}.
     *
     * @param c the constant, which becomes a leaf of the graph
     * @return a new node
     */
    public Value div(double c) {
        return div(new Value(c));
    }

    /**
     * {@code this} raised to a constant power. A negative base with a non-integer exponent gives
     * NaN, as {@link Math#pow} does.
     *
     * @param exponent the constant power; it is not a node and gets no gradient
     * @return a new node, with local derivative {@code exponent · this^(exponent-1)}
     */
    public Value pow(double exponent) {
        Value out = result(Math.pow(data, exponent), "^" + formatExponent(exponent), this);
        out.backwardRule = () -> grad += exponent * Math.pow(data, exponent - 1) * out.grad;
        return out;
    }

    /**
     * The course's cost of one example, {@code ½ this²}, as one node (printed {@code 1/2 d^2}); its
     * derivative with respect to {@code this} is {@code this} itself.
     *
     * @return a new node
     */
    public Value halfSquare() {
        Value out = result(0.5 * data * data, HALF_SQUARE, this);
        out.backwardRule = () -> grad += data * out.grad;
        return out;
    }

    /** The operation name of {@link #halfSquare()}. */
    public static final String HALF_SQUARE = "1/2 ^2";

    private static String formatExponent(double exponent) {
        return exponent == Math.rint(exponent) ? Long.toString((long) exponent) : Double.toString(exponent);
    }

    // ---------------------------------------------------------------- functions

    /**
     * {@code e^this}.
     *
     * @return a new node, with local derivative {@code e^this}
     */
    public Value exp() {
        double e = Math.exp(data);
        Value out = result(e, "exp", this);
        out.backwardRule = () -> grad += e * out.grad;
        return out;
    }

    /**
     * The natural logarithm; defined for positive values.
     *
     * @return a new node, with local derivative {@code 1 / this}
     */
    public Value log() {
        Value out = result(Math.log(data), "log", this);
        out.backwardRule = () -> grad += out.grad / data;
        return out;
    }

    /**
     * {@code max(0, this)}; its derivative at exactly 0 is taken as 0.
     *
     * @return a new node, with local derivative 1 for a positive value and 0 otherwise
     */
    public Value relu() {
        Value out = result(Math.max(0, data), "relu", this);
        out.backwardRule = () -> grad += (data > 0 ? 1 : 0) * out.grad;
        return out;
    }

    /**
     * {@code 1 / (1 + e^-this)}, computed without overflow for large negative inputs.
     *
     * @return a new node, with local derivative {@code s (1 - s)} for the result s
     */
    public Value sigmoid() {
        double s = stableSigmoid(data);
        Value out = result(s, "sigmoid", this);
        out.backwardRule = () -> grad += s * (1 - s) * out.grad;
        return out;
    }

    /**
     * The hyperbolic tangent.
     *
     * @return a new node, with local derivative {@code 1 - t²} for the result t
     */
    public Value tanh() {
        double t = Math.tanh(data);
        Value out = result(t, "tanh", this);
        out.backwardRule = () -> grad += (1 - t * t) * out.grad;
        return out;
    }

    /** Sigmoid that never computes {@code e^x} for a large positive x. */
    static double stableSigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    // ---------------------------------------------------------------- over several values

    /**
     * The sum of {@code values} (at least one), as a chain of additions.
     *
     * @param values the terms, at least one
     * @return the last addition's node (the only value itself when there is one)
     * @throws IllegalArgumentException if {@code values} is empty
     */
    public static Value sum(List<Value> values) {
        requireNonEmpty(values);
        Value total = values.get(0);
        for (int i = 1; i < values.size(); i++) {
            total = total.add(values.get(i));
        }
        return total;
    }

    /**
     * {@code log(sum_i e^{x_i})} as one node, computed as {@code m + log(sum_i e^{x_i - m})}
     * with {@code m = max_i x_i} so that no exponential overflows (inputs like 1000 are fine).
     * Its derivative with respect to {@code x_i} is {@code softmax_i}.
     *
     * @param values the inputs x_i, at least one
     * @return a new node with all of {@code values} as parents
     * @throws IllegalArgumentException if {@code values} is empty
     */
    public static Value logSumExp(List<Value> values) {
        requireNonEmpty(values);
        double max = Double.NEGATIVE_INFINITY;
        for (Value v : values) {
            max = Math.max(max, v.data);
        }
        double sumOfShifted = 0;
        for (Value v : values) {
            sumOfShifted += Math.exp(v.data - max);
        }
        double lse = max + Math.log(sumOfShifted);
        Value out = new Value(lse, "logsumexp", List.copyOf(values));
        out.backwardRule = () -> {
            for (Value v : values) {
                v.grad += Math.exp(v.data - lse) * out.grad;
            }
        };
        return out;
    }

    /**
     * {@code log softmax(x)_i = x_i - logSumExp(x)} for each input, stable for large inputs in
     * either direction because it never forms {@code e^{x_i}} itself.
     *
     * @param values the inputs x_i, at least one
     * @return one new node per input, in order; unmodifiable
     * @throws IllegalArgumentException if {@code values} is empty
     */
    public static List<Value> logSoftmax(List<Value> values) {
        Value lse = logSumExp(values);
        List<Value> out = new ArrayList<>(values.size());
        for (Value v : values) {
            out.add(v.sub(lse));
        }
        return Collections.unmodifiableList(out);
    }

    private static void requireNonEmpty(List<Value> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("need at least one value");
        }
    }

    // ---------------------------------------------------------------- backpropagation

    /**
     * Computes the derivative of this node with respect to every node it depends on.
     *
     * <p>The gradients of all reachable nodes are reset, this node's is set to 1, and then each
     * node, from this one back to the leaves, applies its local rule: by the time a node is
     * reached, every node computed from it has already added its share to the node's gradient.
     * Calling it twice gives the same gradients.
     */
    public void backward() {
        List<Value> order = topologicalOrder();
        for (Value v : order) {
            v.grad = 0;
        }
        grad = 1;
        for (int i = order.size() - 1; i >= 0; i--) {
            order.get(i).backwardRule.run();
        }
    }

    /**
     * Every node this one depends on, and this one last, each after all of its parents: the
     * order of the forward pass. Iterative, so arbitrarily deep graphs are fine.
     *
     * @return the nodes, leaves first and this node last
     */
    public List<Value> topologicalOrder() {
        return TopologicalSort.parentsFirst(this, Value::parents);
    }

    /** For example {@code Value(c = -4.0, grad = 2.0)}; does not walk the graph. */
    @Override
    public String toString() {
        String name = label == null ? "" : label + " = ";
        return "Value(" + name + data + ", grad = " + grad + ")";
    }
}

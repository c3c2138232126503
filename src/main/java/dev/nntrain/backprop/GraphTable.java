package dev.nntrain.backprop;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints a scalar computation graph the way the course draws it: node by node, first forward
 * (each node after the nodes it is computed from, with its value) and then backward (from the
 * cost back to the inputs, with the derivative of the cost with respect to each node). For
 * {@link Value}'s example, {@code c = w * x} at {@code w = 2, x = -2}, {@code render(c)} gives
 *
 * <pre>
 * Forward
 *   node  computed as  value
 *   w     input        2
 *   x     input        -2
 *   c     w * x        -4
 * Backward
 *   node  dc/dnode
 *   c     1
 *   x     2
 *   w     -2
 * </pre>
 *
 * <p>Unlabelled constants (the 0.5 of ½ d²) appear inside the expressions, not as rows;
 * unlabelled intermediate nodes are named {@code n1}, {@code n2}, ... Call
 * {@link Value#backward()} first, or the derivatives are all 0.
 */
public final class GraphTable {

    /** Operations written between their two operands. */
    private static final Set<String> INFIX = Set.of("+", "-", "*", "/");

    private GraphTable() {}

    /**
     * The table for the graph ending at {@code root}.
     *
     * @param root the node whose graph to show, usually the cost after {@code backward()}
     * @return the forward table (each shown node, its expression and value), then the backward one
     *     (each node's derivative)
     */
    public static String render(Value root) {
        List<Value> order = root.topologicalOrder();
        Map<Value, String> names = nameNodes(order);
        int width = 4;
        int expressionWidth = "computed as".length();
        for (Value v : order) {
            if (isShown(v)) {
                width = Math.max(width, names.get(v).length());
                expressionWidth = Math.max(expressionWidth, expression(v, names).length());
            }
        }
        String rowFormat = "  %-" + width + "s  %-" + expressionWidth + "s  %s%n";
        StringBuilder table = new StringBuilder("Forward\n");
        table.append(String.format(rowFormat, "node", "computed as", "value"));
        for (Value v : order) {
            if (isShown(v)) {
                table.append(String.format(rowFormat, names.get(v), expression(v, names), format(v.data())));
            }
        }
        String gradFormat = "  %-" + width + "s  %s%n";
        table.append("Backward\n");
        table.append(String.format(gradFormat, "node", "d" + names.get(root) + "/dnode"));
        for (int i = order.size() - 1; i >= 0; i--) {
            Value v = order.get(i);
            if (isShown(v)) {
                table.append(String.format(gradFormat, names.get(v), format(v.grad())));
            }
        }
        return table.toString();
    }

    /**
     * A number with up to 10 significant digits and no trailing zeros: 2, -4, 2.0060045.
     *
     * @param x the number
     * @return its shortest form
     */
    public static String format(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        BigDecimal rounded = new BigDecimal(x).round(new MathContext(10)).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    /** Constants are folded into expressions; everything else gets a row. */
    private static boolean isShown(Value v) {
        return !(v.isLeaf() && v.label() == null);
    }

    private static Map<Value, String> nameNodes(List<Value> order) {
        Map<Value, String> names = new IdentityHashMap<>();
        int unnamed = 0;
        for (Value v : order) {
            if (v.label() != null) {
                names.put(v, v.label());
            } else if (v.isLeaf()) {
                names.put(v, format(v.data()));
            } else {
                names.put(v, "n" + ++unnamed);
            }
        }
        return names;
    }

    private static String expression(Value v, Map<Value, String> names) {
        List<Value> parents = v.parents();
        String op = v.operation();
        if (parents.isEmpty()) {
            return "input";
        }
        if (op.equals(Value.HALF_SQUARE)) {
            return "1/2 " + names.get(parents.get(0)) + "^2";
        }
        if (op.startsWith("^")) {
            return names.get(parents.get(0)) + " " + op.charAt(0) + " " + op.substring(1);
        }
        if (INFIX.contains(op)) {
            // Print the constant first in "0.5 * d^2", the way the course writes it.
            Value left = parents.get(0);
            Value right = parents.get(1);
            if (op.equals("*") && right.isLeaf() && right.label() == null) {
                return names.get(right) + " * " + names.get(left);
            }
            return names.get(left) + " " + op + " " + names.get(right);
        }
        StringBuilder call = new StringBuilder(op).append('(');
        for (int i = 0; i < parents.size(); i++) {
            call.append(i == 0 ? "" : ", ").append(names.get(parents.get(i)));
        }
        return call.append(')').toString();
    }
}

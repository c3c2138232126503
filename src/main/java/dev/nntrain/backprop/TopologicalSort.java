package dev.nntrain.backprop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Orders the nodes of a computation graph so that every node comes after all of its parents.
 *
 * <p>This is the usual depth-first post-order, but with an explicit stack instead of recursion:
 * a recursive version overflows the Java call stack on a chain of a few thousand nodes, and a
 * graph built in a loop (a long sum, an unrolled sequence) easily has a hundred thousand.
 */
final class TopologicalSort {

    private TopologicalSort() {}

    /** One node being visited and the parents it still has to visit. */
    private record Frame<T>(T node, Iterator<T> remainingParents) {}

    /**
     * Returns every node reachable from {@code root} through {@code parentsOf}, parents before
     * children, so {@code root} is last. Nodes are compared by identity, so a node used twice
     * appears once.
     */
    static <T> List<T> parentsFirst(T root, Function<T, List<T>> parentsOf) {
        List<T> order = new ArrayList<>();
        Set<T> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Frame<T>> stack = new ArrayDeque<>();
        visited.add(root);
        stack.push(new Frame<>(root, parentsOf.apply(root).iterator()));
        while (!stack.isEmpty()) {
            Frame<T> top = stack.peek();
            if (top.remainingParents().hasNext()) {
                T parent = top.remainingParents().next();
                if (visited.add(parent)) {
                    stack.push(new Frame<>(parent, parentsOf.apply(parent).iterator()));
                }
            } else {
                // All parents are already in the list, so this node may follow them.
                stack.pop();
                order.add(top.node());
            }
        }
        return order;
    }
}

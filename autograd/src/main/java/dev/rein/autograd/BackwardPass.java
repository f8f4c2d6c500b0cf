package dev.rein.autograd;

import dev.rein.tensor.ShapeException;
import dev.rein.tensor.Shapes;
import dev.rein.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse-mode sweep over the recorded graph. The variables reachable from the output are put in
 * topological order (every variable after all variables computed from it), then each one's gradient, once
 * complete, is pushed through its op's {@link Edge}s and summed into its inputs' gradients. Intermediate
 * gradients are dropped as soon as they have been propagated.
 */
final class BackwardPass {
    private BackwardPass() {
    }

    /**
     * Propagates {@code upstream} (d objective / d output) from {@code output}. Leaves, and intermediates that
     * asked to retain their gradient, accumulate into {@link Variable#grad()} when {@code accumulate} is set.
     * Returns the gradients of the variables in {@code wanted} (absent when no gradient reached one).
     */
    static Map<Variable, Tensor> run(Variable output, Tensor upstream, boolean accumulate, Set<Variable> wanted) {
        if (!output.requiresGrad()) {
            throw new IllegalStateException("backward: the output does not require a gradient (no input that "
                    + "requires one was used, or it was computed under NoGrad)");
        }
        requireShape("backward: upstream gradient", upstream, output.value().shape());
        Map<Variable, Tensor> pending = new IdentityHashMap<>();
        Map<Variable, Tensor> found = new IdentityHashMap<>();
        pending.put(output, upstream);
        for (Variable v : topologicalOrder(output)) {
            Tensor grad = pending.remove(v);
            if (grad == null) {
                continue;
            }
            if (wanted.contains(v)) {
                found.put(v, grad);
            }
            if (accumulate && (v.isLeaf() || v.retainsGrad())) {
                v.accumulateGrad(grad);
            }
            for (Edge edge : v.edges()) {
                Tensor inputGrad = edge.backward().apply(grad);
                requireShape("backward of " + v.op(), inputGrad, edge.input().value().shape());
                pending.merge(edge.input(), inputGrad, Tensor::add);
            }
        }
        return found;
    }

    /** Output first, then every variable only after all variables that were computed from it. */
    private static List<Variable> topologicalOrder(Variable output) {
        List<Variable> postOrder = new ArrayList<>();
        Set<Variable> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Iterator<Edge>> stack = new ArrayDeque<>();
        Deque<Variable> path = new ArrayDeque<>();
        visited.add(output);
        path.push(output);
        stack.push(output.edges().iterator());
        while (!stack.isEmpty()) {
            Iterator<Edge> next = stack.peek();
            if (next.hasNext()) {
                Variable input = next.next().input();
                if (visited.add(input)) {
                    path.push(input);
                    stack.push(input.edges().iterator());
                }
            } else {
                stack.pop();
                postOrder.add(path.pop());
            }
        }
        Collections.reverse(postOrder);
        return postOrder;
    }

    private static void requireShape(String what, Tensor grad, int[] shape) {
        if (!Arrays.equals(grad.shape(), shape)) {
            throw new ShapeException(what + " has shape " + Shapes.str(grad.shape()) + ", expected "
                    + Shapes.str(shape));
        }
    }
}

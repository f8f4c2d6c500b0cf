package dev.rein.autograd;

import dev.rein.tensor.DType;
import dev.rein.tensor.Elementwise;
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
 *
 * <p>A rule returns either a tensor it made or a view of its upstream gradient ({@link Edge}), so the pass knows
 * which gradients are its own (see {@link #ownedAfter}): further gradients of the same input are added into those in
 * place, and a leaf keeps one as its {@code grad} without a copy. The caller's upstream, gradients handed back by
 * {@link Variable#gradients}, and tensors two inputs share (an addition passes its upstream to both) are never
 * written.
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
        Map<Variable, Pending> pending = new IdentityHashMap<>();
        Map<Variable, Tensor> found = new IdentityHashMap<>();
        pending.put(output, new Pending(upstream, false));
        for (Variable v : topologicalOrder(output)) {
            Pending p = pending.remove(v);
            if (p == null) {
                continue;
            }
            Tensor grad = p.grad();
            boolean kept = wanted.contains(v);
            if (kept) {
                found.put(v, grad);
            }
            if (accumulate && (v.isLeaf() || v.retainsGrad())) {
                // a leaf (no edges follow) may keep grad itself; an intermediate copies it
                v.accumulateGrad(grad, p.owned() && v.isLeaf() && !kept);
            }
            List<Edge> edges = v.edges();
            Tensor[] inputGrads = new Tensor[edges.size()];
            for (int i = 0; i < inputGrads.length; i++) {
                inputGrads[i] = edges.get(i).backward().apply(grad);
                requireShape("backward of " + v.op(), inputGrads[i], edges.get(i).input().value().shape());
            }
            for (int i = 0; i < inputGrads.length; i++) {
                boolean owned = ownedAfter(inputGrads, i, grad, p.owned() && !kept);
                pending.merge(edges.get(i).input(), new Pending(inputGrads[i], owned), Pending::sum);
            }
        }
        return found;
    }

    /**
     * Whether input gradient i is the pass's own: its storage is shared with no other input gradient, and is either
     * not the upstream's (a tensor the rule made) or the upstream's when the pass owned that and keeps nothing of it
     * (a view passed on, such as the transpose back to a Conv1D weight's storage).
     */
    private static boolean ownedAfter(Tensor[] inputGrads, int i, Tensor upstream, boolean upstreamPassedOn) {
        for (int j = 0; j < inputGrads.length; j++) {
            if (j != i && inputGrads[j].storage() == inputGrads[i].storage()) {
                return false;
            }
        }
        return inputGrads[i].storage() != upstream.storage() || upstreamPassedOn;
    }

    /**
     * A gradient waiting for the rest of its sum.
     *
     * @param owned made by this pass and held by nothing else, so it may be added into
     */
    private record Pending(Tensor grad, boolean owned) {
        /** a + b: into whichever of the two this pass owns, else a new tensor. */
        static Pending sum(Pending a, Pending b) {
            if (a.canTake(b)) {
                Elementwise.addInPlace(a.grad, b.grad);
                return a;
            }
            if (b.canTake(a)) {
                Elementwise.addInPlace(b.grad, a.grad);
                return b;
            }
            return new Pending(a.grad.add(b.grad), true);
        }

        private boolean canTake(Pending other) {
            return owned && grad.dtype() == DType.F32 && grad.isContiguous() && grad.storage() != other.grad.storage();
        }
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

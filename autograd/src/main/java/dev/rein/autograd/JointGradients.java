package dev.rein.autograd;

import dev.rein.tensor.Tensor;
import java.util.function.Function;

/**
 * The gradients of several inputs of one op, computed together by one kernel (a layer norm's input, weight and bias;
 * attention's queries, keys and values). The first of the op's edges to run computes all of them for its upstream
 * gradient; each edge then takes its own, which is released once taken, so nothing is kept after the backward pass.
 * Another upstream gradient (a second backward pass over the same graph) computes them again.
 */
final class JointGradients {
    private final Function<Tensor, Tensor[]> compute;
    private Tensor upstream;
    private Tensor[] results;

    /** @param compute the gradients of every input, by position, for one upstream gradient */
    JointGradients(Function<Tensor, Tensor[]> compute) {
        this.compute = compute;
    }

    /** Input {@code index}'s gradient for upstream gradient {@code g}. */
    Tensor take(Tensor g, int index) {
        if (g != upstream || results[index] == null) {
            upstream = g;
            results = compute.apply(g);
        }
        Tensor taken = results[index];
        results[index] = null;
        for (Tensor r : results) {
            if (r != null) {
                return taken;
            }
        }
        upstream = null;           // every gradient taken: hold on to nothing
        return taken;
    }
}

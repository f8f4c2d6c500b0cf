package dev.rein.autograd;

import dev.rein.tensor.Indexing;
import dev.rein.tensor.ReducedDim;
import dev.rein.tensor.Shapes;
import dev.rein.tensor.Tensor;

/**
 * Differentiable reductions over one dim (kept with size 1 or dropped, as {@link ReducedDim} says) and over all
 * elements. Backward spreads the
 * gradient of y [..., 1, ...] back over the reduced dim of x [..., n, ...]: evenly for sum and mean, to the
 * selected element for max and min, weighted by the centred input for var.
 */
public final class ReductionFunctions {
    private ReductionFunctions() {
    }

    public static Variable sum(Variable x, int dim, ReducedDim reduced) {
        int d = Shapes.normalizeDim("sum", dim, x.rank());
        int[] shape = x.shape();
        return Variable.fromOp("sum", x.value().sum(d, reduced),
                Edge.of(x, g -> spread(g, shape, d, reduced)));
    }

    public static Variable mean(Variable x, int dim, ReducedDim reduced) {
        int d = Shapes.normalizeDim("mean", dim, x.rank());
        int[] shape = x.shape();
        return Variable.fromOp("mean", x.value().mean(d, reduced),
                Edge.of(x, g -> spread(g.div(shape[d]), shape, d, reduced)));
    }

    /** The largest value along dim; the gradient goes to the first largest element, as argmax picks it. */
    public static Variable max(Variable x, int dim, ReducedDim reduced) {
        int d = Shapes.normalizeDim("max", dim, x.rank());
        Tensor index = x.value().argmax(d, ReducedDim.KEEP);
        return toSelected("max", x, index, x.value().max(d, reduced), d, reduced);
    }

    /** The smallest value along dim; the gradient goes to the first smallest element. */
    public static Variable min(Variable x, int dim, ReducedDim reduced) {
        int d = Shapes.normalizeDim("min", dim, x.rank());
        Tensor index = x.value().neg().argmax(d, ReducedDim.KEEP);
        return toSelected("min", x, index, x.value().min(d, reduced), d, reduced);
    }

    /** y [..] = x at {@code index} [.., 1, ..] along d; backward scatters d y into zeros at those positions. */
    private static Variable toSelected(String op, Variable x, Tensor index, Tensor y, int d, ReducedDim reduced) {
        int[] shape = x.shape();
        return Variable.fromOp(op, y, Edge.of(x, g ->
                Indexing.scatterAdd(Tensor.zeros(shape), d, index, reduced == ReducedDim.KEEP ? g : g.unsqueeze(d))));
    }

    /** Variance with Bessel's {@code correction}: d x = d y * 2 (x - mean) / (n - correction). */
    public static Variable var(Variable x, int dim, ReducedDim reduced, int correction) {
        int d = Shapes.normalizeDim("var", dim, x.rank());
        int[] shape = x.shape();
        Tensor xv = x.value();
        float scale = 2f / Math.max(0, shape[d] - correction);
        return Variable.fromOp("var", xv.var(d, reduced, correction), Edge.of(x, g ->
                spread(g, shape, d, reduced).mul(xv.sub(xv.mean(d, ReducedDim.KEEP))).mul(scale)));
    }

    public static Variable sumAll(Variable x) {
        int[] shape = x.shape();
        return Variable.fromOp("sum", x.value().sum(), Edge.of(x, g -> g.expand(shape)));
    }

    public static Variable meanAll(Variable x) {
        int[] shape = x.shape();
        long n = x.value().numel();
        return Variable.fromOp("mean", x.value().mean(), Edge.of(x, g -> g.div(n).expand(shape)));
    }

    /** g [reduced shape] broadcast back over dim d of {@code shape} (a stride-0 view, no copy). */
    private static Tensor spread(Tensor g, int[] shape, int d, ReducedDim reduced) {
        return (reduced == ReducedDim.KEEP ? g : g.unsqueeze(d)).expand(shape);
    }
}

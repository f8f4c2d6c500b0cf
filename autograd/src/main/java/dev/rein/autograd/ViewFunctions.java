package dev.rein.autograd;

import dev.rein.tensor.Shapes;
import dev.rein.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * Differentiable views: the value shares storage with the input as in the tensor module; backward maps the
 * gradient back to the input's shape (reshape back, inverse permutation, sum over expanded dims, or placed
 * into zeros for narrow/slice/select). Gradients themselves may be views; nothing writes into them.
 */
public final class ViewFunctions {
    private ViewFunctions() {
    }

    public static Variable reshape(Variable x, int... shape) {
        int[] inShape = x.shape();
        return Variable.fromOp("reshape", x.value().reshape(shape), Edge.of(x, g -> g.reshape(inShape)));
    }

    /** As reshape, but fails (in the tensor module) where a copy would be needed. */
    public static Variable view(Variable x, int... shape) {
        int[] inShape = x.shape();
        return Variable.fromOp("view", x.value().view(shape), Edge.of(x, g -> g.reshape(inShape)));
    }

    /** y dim i = x dim order[i]; backward applies the inverse permutation. */
    public static Variable permute(Variable x, int... order) {
        Tensor y = x.value().permute(order);
        int[] inverse = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            inverse[Shapes.normalizeDim("permute", order[i], order.length)] = i;
        }
        return Variable.fromOp("permute", y, Edge.of(x, g -> g.permute(inverse)));
    }

    /** Swaps two dims; its own inverse. */
    public static Variable transpose(Variable x, int dim0, int dim1) {
        return Variable.fromOp("transpose", x.value().transpose(dim0, dim1), Edge.of(x, g -> g.transpose(dim0, dim1)));
    }

    public static Variable narrow(Variable x, int dim, int start, int length) {
        return part("narrow", x, t -> t.narrow(dim, start, length));
    }

    public static Variable slice(Variable x, int dim, int start, int end, int step) {
        return part("slice", x, t -> t.slice(dim, start, end, step));
    }

    public static Variable select(Variable x, int dim, int index) {
        return part("select", x, t -> t.select(dim, index));
    }

    /**
     * A view that picks some elements of x; backward writes the gradient through the same view of a zero
     * tensor of x's shape, so unpicked elements get 0.
     */
    private static Variable part(String op, Variable x, UnaryOperator<Tensor> view) {
        int[] shape = x.shape();
        return Variable.fromOp(op, view.apply(x.value()), Edge.of(x, g -> {
            Tensor grad = Tensor.zeros(shape);
            view.apply(grad).copyFrom(g);
            return grad;
        }));
    }

    /** Broadcast to {@code shape}; backward sums over the broadcast dims. */
    public static Variable expand(Variable x, int... shape) {
        int[] inShape = x.shape();
        return Variable.fromOp("expand", x.value().expand(shape), Edge.of(x, g -> Broadcasting.sumToShape(g, inShape)));
    }

    public static Variable squeeze(Variable x, int dim) {
        int[] inShape = x.shape();
        return Variable.fromOp("squeeze", x.value().squeeze(dim), Edge.of(x, g -> g.reshape(inShape)));
    }

    public static Variable unsqueeze(Variable x, int dim) {
        int[] inShape = x.shape();
        return Variable.fromOp("unsqueeze", x.value().unsqueeze(dim), Edge.of(x, g -> g.reshape(inShape)));
    }

    /** Same values in row-major memory; the gradient passes unchanged. */
    public static Variable contiguous(Variable x) {
        return Variable.fromOp("contiguous", x.value().contiguous(), Edge.of(x, g -> g));
    }
}

package dev.rein.tensor;

/** Reductions over one dim (sum, mean, max, min, argmax, var) and over all elements. */
public final class Reductions {
    private Reductions() {
    }

    /** Reduces {@code dim}, which stays with size 1 or goes as {@code reduced} says. */
    public static Tensor reduce(ReduceOp op, Tensor x, int dim, ReducedDim reduced) {
        int d = Shapes.normalizeDim(op.name().toLowerCase(), dim, x.rank());
        if ((op == ReduceOp.MAX || op == ReduceOp.MIN) && x.size(d) == 0) {
            throw new ShapeException(op.name().toLowerCase() + ": dim " + d + " of shape " + Shapes.str(x.shape()) + " is empty");
        }
        if ((op == ReduceOp.SUM || op == ReduceOp.MEAN) && d == 0 && x.rank() >= 2 && x.numel() > 0
                && x.isContiguous()) {
            Tensor sums = columnSums(x.reshape(x.size(0), -1));
            return (op == ReduceOp.MEAN ? sums.div(x.size(0)) : sums).reshape(reducedShape(x.shape(), d, reduced));
        }
        Tensor rows = rowsOf(x, d);
        Tensor out = Tensor.zeros(rows.size(0));
        Backends.current().reduceRows(op, rows, out);
        return out.reshape(reducedShape(x.shape(), d, reduced));
    }

    /**
     * Sums over the rows of a contiguous matrix x [R, N] -> [1, N], as the product ones [1, R] @ x: a one-row product
     * streams x once in memory order (the matrix-vector kernel), where moving the dim last would copy x transposed.
     * Bias gradients (d y summed over every position) are this reduction.
     */
    private static Tensor columnSums(Tensor x) {
        return LinearAlgebra.matmul(Tensor.ones(1, x.size(0)), x);
    }

    /** Index of the largest element along {@code dim} (I64; the first one on ties). */
    public static Tensor argmax(Tensor x, int dim, ReducedDim reduced) {
        int d = Shapes.normalizeDim("argmax", dim, x.rank());
        if (x.size(d) == 0) {
            throw new ShapeException("argmax: dim " + d + " of shape " + Shapes.str(x.shape()) + " is empty");
        }
        Tensor rows = rowsOf(x, d);
        Tensor out = Tensor.zeros(DType.I64, rows.size(0));
        Backends.current().argmaxRows(rows, out);
        return out.reshape(reducedShape(x.shape(), d, reduced));
    }

    /** Variance along {@code dim} with Bessel's correction {@code correction} (0 = biased, 1 = unbiased). */
    public static Tensor var(Tensor x, int dim, ReducedDim reduced, int correction) {
        int d = Shapes.normalizeDim("var", dim, x.rank());
        Tensor centered = x.sub(x.mean(d, ReducedDim.KEEP));
        Tensor sumSq = centered.mul(centered).sum(d, reduced);
        return sumSq.div(Math.max(0, x.size(d) - correction));
    }

    public static Tensor sumAll(Tensor x) {
        return reduce(ReduceOp.SUM, x.reshape(-1), 0, ReducedDim.DROP);
    }

    public static Tensor meanAll(Tensor x) {
        return reduce(ReduceOp.MEAN, x.reshape(-1), 0, ReducedDim.DROP);
    }

    /** x with {@code dim} moved last, as a contiguous F32 matrix [rows, size(dim)]. */
    static Tensor rowsOf(Tensor x, int dim) {
        Tensor moved = dim == x.rank() - 1 ? x : moveDimLast(x, dim);
        int n = x.rank() == 0 ? 1 : x.size(dim);
        long rows = 1;
        for (int d = 0; d < x.rank(); d++) {
            rows *= d == dim ? 1 : x.size(d);
        }
        // explicit row count: reshape(-1, 0) cannot infer it when the reduced dim is empty
        return moved.to(DType.F32).contiguous().reshape(Math.toIntExact(rows), n);
    }

    static Tensor moveDimLast(Tensor x, int dim) {
        int[] order = new int[x.rank()];
        for (int i = 0, j = 0; i < order.length; i++) {
            if (i != dim) {
                order[j++] = i;
            }
        }
        order[order.length - 1] = dim;
        return x.permute(order);
    }

    static int[] reducedShape(int[] shape, int dim, ReducedDim reduced) {
        boolean keepDim = reduced == ReducedDim.KEEP;
        int[] out = new int[keepDim ? shape.length : shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i == dim) {
                if (keepDim) {
                    out[j++] = 1;
                }
            } else {
                out[j++] = shape[i];
            }
        }
        return out;
    }
}

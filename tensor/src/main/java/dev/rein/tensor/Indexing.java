package dev.rein.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Picking, placing and joining elements: embedding lookup, gather/scatter, concat/stack/split, masks, top-k. */
public final class Indexing {
    private Indexing() {
    }

    /** Rows of table [V, D] for ids [...] (I32/I64) -> [..., D] F32; the table keeps its stored dtype. */
    public static Tensor embedding(Tensor table, Tensor ids) {
        if (table.rank() != 2) {
            throw new ShapeException("embedding: table must be [vocab, dim], got " + Shapes.str(table.shape()));
        }
        checkIndexDType("embedding", ids);
        long[] flat = ids.toLongArray();
        for (int i = 0; i < flat.length; i++) {
            if (flat[i] < 0 || flat[i] >= table.size(0)) {
                throw new ShapeException("embedding: id " + flat[i] + " at position " + i + " is outside the vocabulary [0, "
                        + table.size(0) + ")");
            }
        }
        Tensor out = Tensor.zeros(flat.length, table.size(1));
        Backends.current().indexSelectRows(table.contiguous(), Tensor.ofLongs(flat, flat.length), out);
        int[] shape = Arrays.copyOf(ids.shape(), ids.rank() + 1);
        shape[ids.rank()] = table.size(1);
        return out.reshape(shape);
    }

    /**
     * Zeros [rows, D] with the rows of src [N, D] added at ids [N] (I32/I64; rows named twice sum): the backward of
     * {@link #embedding}, added straight into a fresh table.
     */
    public static Tensor indexAddRows(int rows, Tensor ids, Tensor src) {
        checkIndexDType("index_add_rows", ids);
        if (src.rank() != 2 || ids.rank() != 1 || ids.size(0) != src.size(0)) {
            throw new ShapeException("index_add_rows: ids " + Shapes.str(ids.shape()) + " and rows "
                    + Shapes.str(src.shape()) + " must be [N] and [N, D]");
        }
        checkRange("index_add_rows", ids, rows);
        int n = src.size(0);
        int width = src.size(1);
        Tensor out = Tensor.zeros(rows, width);
        Backends.current().scatterAdd(out, 0, ids.reshape(n, 1).expand(n, width), src.to(DType.F32));
        return out;
    }

    /** The slices of x along {@code dim} named by the 1-D index, in its order. */
    public static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        int d = Shapes.normalizeDim("index_select", dim, x.rank());
        if (index.rank() != 1) {
            throw new ShapeException("index_select: index must be 1-D, got " + Shapes.str(index.shape()));
        }
        Tensor front = x.transpose(0, d).contiguous();
        int[] frontShape = front.shape();
        Tensor picked = embedding(front.to(x.dtype().isFloatingPoint() ? x.dtype() : DType.F32).reshape(frontShape[0], -1), index);
        frontShape[0] = index.size(0);
        return picked.reshape(frontShape).transpose(0, d).contiguous();
    }

    /** PyTorch gather: {@code out[i][j] = x[i][index[i][j]]} along {@code dim} (any rank). */
    public static Tensor gather(Tensor x, int dim, Tensor index) {
        int d = Shapes.normalizeDim("gather", dim, x.rank());
        checkIndexDType("gather", index);
        checkScatterShapes("gather", x, d, index);
        checkRange("gather", index, x.size(d));
        Tensor out = Tensor.zeros(index.shape());
        Backends.current().gather(x.to(DType.F32), d, index, out);
        return out;
    }

    /** A copy of target with {@code src} added at the positions {@code index} names along {@code dim}. */
    public static Tensor scatterAdd(Tensor target, int dim, Tensor index, Tensor src) {
        int d = Shapes.normalizeDim("scatter_add", dim, target.rank());
        checkIndexDType("scatter_add", index);
        if (!index.sameShape(src)) {
            throw new ShapeException("scatter_add: index " + Shapes.str(index.shape()) + " and src "
                    + Shapes.str(src.shape()) + " must have one shape");
        }
        checkScatterShapes("scatter_add", target, d, index);
        checkRange("scatter_add", index, target.size(d));
        Tensor out = target.to(DType.F32).copy();
        Backends.current().scatterAdd(out, d, index, src.to(DType.F32));
        return out;
    }

    private static void checkIndexDType(String op, Tensor index) {
        if (index.dtype() != DType.I32 && index.dtype() != DType.I64) {
            throw new ShapeException(op + ": index must be I32 or I64, got " + index.dtype());
        }
    }

    private static void checkScatterShapes(String op, Tensor x, int dim, Tensor index) {
        if (index.rank() != x.rank()) {
            throw new ShapeException(op + ": index " + Shapes.str(index.shape()) + " and input " + Shapes.str(x.shape())
                    + " differ in rank");
        }
        for (int i = 0; i < x.rank(); i++) {
            if (i != dim && index.size(i) > x.size(i)) {
                throw new ShapeException(op + ": index " + Shapes.str(index.shape()) + " is larger than input "
                        + Shapes.str(x.shape()) + " in dim " + i);
            }
        }
    }

    private static void checkRange(String op, Tensor index, int size) {
        for (long v : index.toLongArray()) {
            if (v < 0 || v >= size) {
                throw new ShapeException(op + ": index " + v + " is outside [0, " + size + ")");
            }
        }
    }

    /** Joins tensors along {@code dim}; all other sizes must match. Keeps the first tensor's dtype. */
    public static Tensor concat(List<Tensor> parts, int dim) {
        if (parts.isEmpty()) {
            throw new ShapeException("concat: no tensors to join");
        }
        Tensor first = parts.getFirst();
        int d = Shapes.normalizeDim("concat", dim, first.rank());
        int total = 0;
        for (Tensor p : parts) {
            if (p.rank() != first.rank()) {
                throw new ShapeException("concat: shapes " + Shapes.str(first.shape()) + " and " + Shapes.str(p.shape())
                        + " differ in rank");
            }
            for (int i = 0; i < first.rank(); i++) {
                if (i != d && p.size(i) != first.size(i)) {
                    throw new ShapeException("concat: shapes " + Shapes.str(first.shape()) + " and "
                            + Shapes.str(p.shape()) + " differ outside dim " + d);
                }
            }
            total += p.size(d);
        }
        int[] shape = first.shape();
        shape[d] = total;
        Tensor out = Tensor.zeros(first.dtype(), shape);
        int at = 0;
        for (Tensor p : parts) {
            Backends.current().copy(p, out.narrow(d, at, p.size(d)));
            at += p.size(d);
        }
        return out;
    }

    /** Stacks equally shaped tensors along a new dim. */
    public static Tensor stack(List<Tensor> parts, int dim) {
        if (parts.isEmpty()) {
            throw new ShapeException("stack: no tensors to stack");
        }
        int d = Shapes.normalizeDim("stack", dim, parts.getFirst().rank() + 1);
        List<Tensor> expanded = new ArrayList<>();
        for (Tensor p : parts) {
            if (!p.sameShape(parts.getFirst())) {
                throw new ShapeException("stack: shapes " + Shapes.str(parts.getFirst().shape()) + " and "
                        + Shapes.str(p.shape()) + " differ");
            }
            expanded.add(p.unsqueeze(d));
        }
        return concat(expanded, d);
    }

    /** Views of consecutive pieces of {@code size} along {@code dim} (the last may be shorter). */
    public static List<Tensor> split(Tensor x, int size, int dim) {
        int d = Shapes.normalizeDim("split", dim, x.rank());
        if (size <= 0) {
            throw new ShapeException("split: size must be positive, got " + size);
        }
        List<Tensor> out = new ArrayList<>();
        for (int at = 0; at < x.size(d); at += size) {
            out.add(x.narrow(d, at, Math.min(size, x.size(d) - at)));
        }
        return out;
    }

    /** Views of {@code chunks} pieces along {@code dim}, as torch.chunk (ceil-sized pieces). */
    public static List<Tensor> chunk(Tensor x, int chunks, int dim) {
        if (chunks <= 0) {
            throw new ShapeException("chunk: chunks must be positive, got " + chunks);
        }
        int n = x.size(dim);
        return split(x, Math.max(1, (n + chunks - 1) / chunks), dim);
    }

    /** BOOL [rows, cols], true where {@code col - row >= diagonal} (upper triangle). */
    public static Tensor triu(int rows, int cols, int diagonal) {
        boolean[] m = new boolean[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r * cols + c] = c - r >= diagonal;
            }
        }
        return Tensor.ofBools(m, rows, cols);
    }

    /** BOOL [rows, cols], true where {@code col - row <= diagonal} (lower triangle). */
    public static Tensor tril(int rows, int cols, int diagonal) {
        boolean[] m = new boolean[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r * cols + c] = c - r <= diagonal;
            }
        }
        return Tensor.ofBools(m, rows, cols);
    }

    /** The k largest values along the last dim, descending, with their indices (I64). */
    public static TopK topk(Tensor x, int k) {
        int n = x.size(-1);
        if (k < 0 || k > n) {
            throw new ShapeException("topk: k = " + k + " for a last dim of " + n);
        }
        Tensor rows = Reductions.rowsOf(x, x.rank() - 1);
        Tensor values = Tensor.zeros(rows.size(0), k);
        Tensor indices = Tensor.zeros(DType.I64, rows.size(0), k);
        if (k > 0) { // nothing to pick for k = 0 (CpuRowOps.topkRows would index heap[k - 1])
            Backends.current().topkRows(rows, k, values, indices);
        }
        int[] shape = x.shape();
        shape[shape.length - 1] = k;
        return new TopK(values.reshape(shape), indices.reshape(shape));
    }

    /** Result of {@link #topk}: values [..., k] and indices [..., k]. */
    public record TopK(Tensor values, Tensor indices) {
    }
}

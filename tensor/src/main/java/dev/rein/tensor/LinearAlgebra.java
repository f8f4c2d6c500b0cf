package dev.rein.tensor;

import java.util.Arrays;

/** Matrix products with batch broadcasting; transposed operands are passed as views, never copied. */
public final class LinearAlgebra {
    private LinearAlgebra() {
    }

    /**
     * {@code a @ b} as torch.matmul: 1-D operands become a row/column vector, leading dims broadcast.
     * a [..., M, K] (any float dtype, converted to F32), b [..., K, N] (F32, BF16 or F16 used as stored).
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new ShapeException("matmul: operands must have at least 1 dim, got " + Shapes.str(a.shape())
                    + " and " + Shapes.str(b.shape()));
        }
        Tensor a2 = a.rank() == 1 ? a.unsqueeze(0) : a;
        Tensor b2 = b.rank() == 1 ? b.unsqueeze(1) : b;
        int m = a2.size(-2);
        int k = a2.size(-1);
        int n = b2.size(-1);
        if (b2.size(-2) != k) {
            throw new ShapeException("matmul: shapes " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape())
                    + " do not chain (" + k + " != " + b2.size(-2) + ")");
        }
        int rowCount = Math.toIntExact(a2.numel() / Math.max(1, k));
        if (b2.rank() == 2 && a2.rank() > 2 && k > 0
                && Views.reshapeStrides(a2.shape(), a2.strides(), new int[] {rowCount, k}) != null) {
            // [..., M, K] @ [K, N]: fold the batch into the rows for one large product (when that is a view;
            // otherwise the batched path below broadcasts b with stride 0 and copies nothing)
            int[] outShape = a2.shape();
            outShape[outShape.length - 1] = n;
            Tensor rows = matmul(a2.view(rowCount, k), b2).reshape(outShape);
            return b.rank() == 1 ? rows.squeeze(-1) : rows;
        }
        int[] batchA = Arrays.copyOf(a2.shape(), a2.rank() - 2);
        int[] batchB = Arrays.copyOf(b2.shape(), b2.rank() - 2);
        int[] batch = Shapes.broadcast("matmul", batchA, batchB);
        int batchCount = (int) Shapes.numel(batch);

        Tensor a3 = flattenBatch(a2.to(DType.F32), batch, m, k, batchCount);
        Tensor b3 = flattenBatch(b2.dtype().isFloatingPoint() ? b2 : b2.to(DType.F32), batch, k, n, batchCount);
        Tensor out = Tensor.zeros(batchCount, m, n);
        Backends.current().matmul(a3, b3, out);

        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        Tensor result = out.reshape(outShape);
        if (a.rank() == 1) {
            result = result.squeeze(-2);
        }
        if (b.rank() == 1) {
            result = result.squeeze(-1);
        }
        return result;
    }

    /**
     * x [..., in] @ weight^T [out, in] (+ bias [out]): the linear layer, with the weight in its stored dtype. The bias
     * is added into the product's own fresh output.
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        Tensor y = matmul(x, weight.mT());
        if (bias == null) {
            return y;
        }
        if (!Shapes.broadcastsTo(bias.shape(), y.shape())) {
            throw new ShapeException("linear: bias " + Shapes.str(bias.shape()) + " does not broadcast to the output "
                    + Shapes.str(y.shape()));
        }
        Backends.current().binary(BinaryOp.ADD, y, bias.to(DType.F32).expand(y.shape()), y);
        return y;
    }

    /** Broadcasts the batch dims to {@code batch} and folds them into one, as a view when strides allow. */
    private static Tensor flattenBatch(Tensor t, int[] batch, int rows, int cols, int batchCount) {
        int[] full = Arrays.copyOf(batch, batch.length + 2);
        full[batch.length] = rows;
        full[batch.length + 1] = cols;
        Tensor expanded = t.expand(full);
        long[] strides = Views.reshapeStrides(expanded.shape(), expanded.strides(), new int[] {batchCount, rows, cols});
        if (strides != null) {
            return new Tensor(expanded.storage(), expanded.dtype(), new int[] {batchCount, rows, cols}, strides,
                    expanded.offset());
        }
        return expanded.contiguous().reshape(batchCount, rows, cols);
    }
}

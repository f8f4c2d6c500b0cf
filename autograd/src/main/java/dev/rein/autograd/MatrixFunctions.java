package dev.rein.autograd;

import dev.rein.tensor.LinearAlgebra;
import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Differentiable matrix products. For y [..., M, N] = a [..., M, K] @ b [..., K, N] with batch broadcasting:
 * d a = d y @ b^T and d b = a^T @ d y, each summed over the batch dims its operand was broadcast along (for a
 * matrix b shared by every batch, one product over all rows rather than a product per batch then a sum).
 */
public final class MatrixFunctions {
    private MatrixFunctions() {
    }

    /** torch.matmul semantics; 1-D operands become a row / column vector through differentiable views. */
    public static Variable matmul(Variable a, Variable b) {
        if (a.rank() == 1 || b.rank() == 1) {
            Variable y = matmul(a.rank() == 1 ? a.unsqueeze(0) : a, b.rank() == 1 ? b.unsqueeze(1) : b);
            if (b.rank() == 1) {
                y = y.squeeze(-1);                         // drop the column dim N = 1
            }
            return a.rank() == 1 ? y.squeeze(b.rank() == 1 ? -1 : -2) : y;   // drop the row dim M = 1
        }
        Tensor av = a.value();
        Tensor bv = b.value();
        return Variable.fromOp("matmul", LinearAlgebra.matmul(av, bv),
                Edge.of(a, g -> Broadcasting.sumToShape(g.matmul(bv.mT()), av.shape())),
                Edge.of(b, g -> bv.rank() == 2
                        ? rowsProduct(av, g)                         // b shared by every batch: one product
                        : Broadcasting.sumToShape(av.mT().matmul(g), bv.shape())));
    }

    /** a^T g [K, N] summed over all rows of a [..., M, K] and g [..., M, N]: one product of depth (rows). */
    private static Tensor rowsProduct(Tensor a, Tensor g) {
        return a.reshape(-1, a.size(-1)).mT().matmul(g.reshape(-1, g.size(-1)));
    }

    /**
     * The linear layer x [..., in] @ weight^T [out, in] + bias [out] (bias may be null) as one op, the bias added into
     * the product's output. Backward, over all rows of x:
     * <pre>
     * d x      = d y @ weight                 [..., in]
     * d weight = d y^T @ x                    [out, in]
     * d bias   = d y summed over the rows     [out]
     * </pre>
     * d weight is computed in the memory order of the weight's storage: where the weight is a transposed view of an
     * [in, out] tensor (GPT-2's Conv1D), as (x^T @ d y)^T, so that the gradient reaching the stored tensor is
     * contiguous.
     */
    public static Variable linear(Variable x, Variable weight, Variable bias) {
        Tensor xv = x.value();
        Tensor wv = weight.value();
        Tensor y = LinearAlgebra.linear(xv, wv, bias == null ? null : bias.value());
        List<Edge> edges = new ArrayList<>();
        edges.add(Edge.of(x, g -> LinearAlgebra.matmul(g, wv)));
        edges.add(Edge.of(weight, g -> {
            boolean storedTransposed = wv.stride(0) == 1 && wv.stride(1) != 1;
            return storedTransposed ? rowsProduct(xv, g).mT() : rowsProduct(g, xv);
        }));
        if (bias != null) {
            int[] biasShape = bias.shape();
            edges.add(Edge.of(bias, g -> Broadcasting.sumToShape(g, biasShape)));
        }
        return Variable.fromOp("linear", y, edges.toArray(Edge[]::new));
    }
}

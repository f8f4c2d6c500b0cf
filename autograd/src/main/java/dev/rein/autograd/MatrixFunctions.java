package dev.rein.autograd;

import dev.rein.tensor.LinearAlgebra;
import dev.rein.tensor.Tensor;

/**
 * Differentiable matrix products. For y [..., M, N] = a [..., M, K] @ b [..., K, N] with batch broadcasting:
 * d a = d y @ b^T and d b = a^T @ d y, each summed over the batch dims its operand was broadcast along.
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
                Edge.of(b, g -> Broadcasting.sumToShape(av.mT().matmul(g), bv.shape())));
    }

    /** x [..., in] @ weight^T [out, in] + bias [out] (bias may be null), composed of differentiable ops. */
    public static Variable linear(Variable x, Variable weight, Variable bias) {
        Variable y = matmul(x, weight.mT());
        return bias == null ? y : y.add(bias);
    }
}

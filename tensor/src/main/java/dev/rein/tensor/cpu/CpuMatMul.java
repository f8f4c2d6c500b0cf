package dev.rein.tensor.cpu;

import dev.rein.tensor.Tensor;

/**
 * Batched matrix product out[b] = a[b] @ w[b] for strided operands: a [B, M, K] F32, w [B, K, N] F32/BF16/F16 or
 * block-quantised, out [B, M, N] contiguous F32. Block-quantised weights go to {@link QuantizedMatMul}; few rows
 * with a unit weight stride go to the weight-streaming {@link MatVec}; everything else, whatever its strides, to
 * the packed {@link GemmF32} (packing reads any layout).
 */
final class CpuMatMul {
    private CpuMatMul() {
    }

    static void matmul(Tensor a, Tensor w, Tensor out) {
        if (w.dtype().isBlockQuantized()) {
            QuantizedMatMul.multiply(a, w, out);
        } else if (MatVec.applies(a, w)) {
            MatVec.multiply(a, w, out);
        } else {
            GemmF32.multiply(a, w, out);
        }
    }
}

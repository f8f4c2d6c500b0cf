package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.util.Arrays;

/**
 * Batched matrix product out[b] = a[b] @ w[b] with w [B, K, N] block-quantised ({@link DType#isBlockQuantized()}),
 * a [B, M, K] F32, out [B, M, N] contiguous F32. The weight's unit-stride dim is the one its blocks run along:
 * <ul>
 *   <li>a few rows of a (decode) and blocks along K (w.stride(1) == 1, the transposed view of a {@code linear}
 *       weight [N, K]) go to {@link QuantizedMatVec}, which reads the blocks directly;</li>
 *   <li>everything else (a prompt; or blocks along N, w.stride(2) == 1: the gradient d x = d y @ W of a linear
 *       layer) to the packed {@link GemmF32}, whose packing decodes each KC x NR slice of w once
 *       ({@link Widen#row}, {@link QuantizedRows}) and reuses it for every row of a.</li>
 * </ul>
 */
final class QuantizedMatMul {
    private QuantizedMatMul() {
    }

    static void multiply(Tensor a, Tensor w, Tensor out) {
        boolean rowsAlongK = w.stride(1) == 1;
        requireBlockLayout(w, rowsAlongK ? 1 : 2);
        if (rowsAlongK && a.size(1) <= MatVec.MAX_ROWS) {
            QuantizedMatVec.multiply(a, w, out);
        } else {
            GemmF32.multiply(a, w, out);
        }
    }

    /** The blocks must run along {@code unitDim} and every row must start at a block. */
    private static void requireBlockLayout(Tensor w, int unitDim) {
        DType type = w.dtype();
        int block = type.blockElements();
        int otherDim = 3 - unitDim;
        boolean aligned = w.size(unitDim) % block == 0 && w.offset() % block == 0
                && w.stride(otherDim) % block == 0 && w.stride(0) % block == 0
                && w.stride(unitDim) == 1;
        if (!aligned) {
            throw new IllegalArgumentException("matmul: a " + type + " weight must be read along whole blocks of "
                    + block + " elements of its unit-stride dim; got shape " + Arrays.toString(w.shape())
                    + ", strides " + Arrays.toString(w.strides()) + ", offset " + w.offset());
        }
    }
}

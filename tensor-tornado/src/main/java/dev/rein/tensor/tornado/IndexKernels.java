package dev.rein.tensor.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.ShortArray;

/** Reads of elements picked by indices: embedding rows and PyTorch's gather. */
final class IndexKernels {
    /** Int parameters of {@link #selectRows}. */
    static final int IDS = 0;
    static final int WIDTH = 1;
    static final int DTYPE = 2;

    private IndexKernels() {
    }

    /**
     * out[i, :] = table[ids[i], :], one work-item per output element; table [V, D] F32 ({@code wide}) or 16-bit
     * ({@code narrow}, widened here).
     */
    static void selectRows(KernelContext context, IntArray ip, FloatArray wide, ShortArray narrow, FloatArray pow2,
            IntArray ids, FloatArray out) {
        int e = context.globalIdx;
        int width = ip.get(WIDTH);
        if (e < ip.get(IDS) * width) {
            int at = ids.get(e / width) * width + e % width;
            out.set(e, MatMulKernels.weight(wide, narrow, pow2, ip.get(DTYPE), at));
        }
    }

    /**
     * out[e] = x[the element e names, with index[e] along the gathered dim], one work-item per output element.
     * Parameters as {@link ElementwiseKernels}: the output shape, x's strides as operand 0 with the gathered dim's
     * stride 0, and that dim's stride in the op slot.
     */
    static void gather(KernelContext context, IntArray ip, FloatArray x, IntArray index, FloatArray out) {
        int e = context.globalIdx;
        if (e < ip.get(ElementwiseKernels.COUNT)) {
            int at = ElementwiseKernels.offset(ip, e, 0) + index.get(e) * ip.get(ElementwiseKernels.OP);
            out.set(e, x.get(at));
        }
    }
}

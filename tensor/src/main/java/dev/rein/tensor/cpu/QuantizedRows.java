package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import java.lang.foreign.MemorySegment;

/**
 * Reads a run of consecutive elements of a block-quantised tensor as floats, for the packing of the F32 GEMM
 * ({@link Widen#row}): a run of whole blocks is decoded straight into place by the format's {@link BlockKernel}; a
 * run that starts or ends inside a block decodes the blocks it touches and copies its part.
 */
final class QuantizedRows {
    private static final ThreadLocal<float[]> BLOCKS = ThreadLocal.withInitial(() -> new float[0]);

    private QuantizedRows() {
    }

    /** {@code dst[dstOff + i] = element(index + i)} for i below {@code count}; index counted in elements. */
    static void read(MemorySegment src, DType type, long index, int count, float[] dst, int dstOff) {
        int block = type.blockElements();
        BlockKernel kernel = BlockKernel.of(type);
        if (index % block == 0 && count % block == 0) {
            kernel.decode(src, type.bytesFor(index), count / block, dst, dstOff);
            return;
        }
        long first = index / block;
        int blocks = (int) ((index + count + block - 1) / block - first);
        float[] decoded = BLOCKS.get();
        if (decoded.length < blocks * block) {
            decoded = new float[blocks * block];
            BLOCKS.set(decoded);
        }
        kernel.decode(src, first * type.blockBytes(), blocks, decoded, 0);
        System.arraycopy(decoded, (int) (index - first * block), dst, dstOff, count);
    }
}

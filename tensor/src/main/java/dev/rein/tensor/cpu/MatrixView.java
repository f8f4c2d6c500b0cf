package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * One matrix of a batched operand: element (r, c) sits at element index {@code base + r * rowStride +
 * c * colStride} of {@code segment}, stored as {@code dtype}.
 */
record MatrixView(MemorySegment segment, DType dtype, long base, long rowStride, long colStride) {

    /** Matrix {@code b} of a [B, R, C] tensor (stride 0 over B for a broadcast batch is fine). */
    static MatrixView of(Tensor t, int b) {
        return new MatrixView(t.storage().segment(), t.dtype(), t.offset() + b * t.stride(0), t.stride(1),
                t.stride(2));
    }

    long index(long r, long c) {
        return base + r * rowStride + c * colStride;
    }
}

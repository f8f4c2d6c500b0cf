package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import dev.rein.tensor.Elements;
import dev.rein.tensor.QuantizedBlocks;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * Copies from a block-quantised tensor ({@link DType#isBlockQuantized()}): into the same type, whole blocks moved
 * as bytes (a reordering of rows, such as the rotary permutation of a quantised query projection); into a float
 * type, decoded ({@link QuantizedBlocks}), which is how {@code Tensor.to(F32)} decodes a quantised weight, in the
 * source's memory order first when it is a transposed matrix. The source must hold whole
 * blocks along its unit-stride dim.
 */
final class BlockCopy {
    private BlockCopy() {
    }

    static void copy(Tensor src, Tensor dst) {
        DType type = src.dtype();
        DType target = dst.dtype();
        int block = type.blockElements();
        StridedRows rows = new StridedRows(dst, src);
        if (rows.rowCount > 0 && rows.rowStrides[1] != 1 && !target.isBlockQuantized() && src.rank() == 2
                && src.stride(0) == 1) {
            // a transposed matrix (GPT-2's Conv1D weights): decode in the source's memory order, then reorder
            Tensor decoded = Tensor.zeros(src.size(1), src.size(0));
            copy(src.mT(), decoded);
            CpuElementwise.copy(decoded.mT(), dst);
            return;
        }
        if (rows.rowCount > 0 && (rows.rowStrides[1] != 1 || rows.rowLength % block != 0)) {
            throw new IllegalArgumentException("copy: a " + type + " tensor is read along whole blocks of "
                    + block + " elements of its unit-stride dim, but this view's rows are " + rows.rowLength
                    + " elements with stride " + rows.rowStrides[1]);
        }
        if (target.isBlockQuantized() && target != type) {
            throw new IllegalArgumentException("copy: cannot convert " + type + " to " + target);
        }
        MemorySegment s = src.storage().segment();
        MemorySegment d = dst.storage().segment();
        rows.parallelSegments(8, (row, start, length) -> {
            long sAt = rows.rowStart(1, row) + start;
            long dAt = rows.rowStart(0, row) + start * rows.rowStrides[0];
            long dStride = rows.rowStrides[0];
            requireBlockStart(type, sAt);
            if (target == type) {
                if (dStride != 1) throw new IllegalArgumentException("copy: " + type + " target rows not contiguous");
                requireBlockStart(type, dAt);
                MemorySegment.copy(s, type.bytesFor(sAt), d, type.bytesFor(dAt), type.bytesFor(length));
                return;
            }
            float[] decoded = new float[length];
            QuantizedBlocks.decode(type, s, type.bytesFor(sAt), length / block, decoded, 0);
            if (target == DType.F32 && dStride == 1) {
                MemorySegment.copy(decoded, 0, d, Elements.F32, dAt * 4, length);
            } else {
                for (int i = 0; i < length; i++) {
                    Elements.writeFloat(d, target, dAt + i * dStride, decoded[i]);
                }
            }
        });
    }

    private static void requireBlockStart(DType type, long element) {
        if (element % type.blockElements() != 0) {
            throw new IllegalArgumentException("copy: element " + element + " of a " + type
                    + " tensor is not the start of a block");
        }
    }
}

package dev.rein.formats.init;

import dev.rein.tensor.DType;
import dev.rein.tensor.FloatFormats;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Stores F32 values as the little-endian elements of an F32 or BF16 tensor (BF16 rounded to nearest even). */
final class FloatElements {
    private FloatElements() {
    }

    /** Throws unless {@code dtype} is one {@link #set} writes. */
    static void check(DType dtype) {
        if (dtype != DType.F32 && dtype != DType.BF16) {
            throw new IllegalArgumentException("random checkpoints are F32 or BF16, not " + dtype);
        }
    }

    /** Stores {@code value} as element {@code index} of {@code out}. */
    static void set(MemorySegment out, DType dtype, long index, float value) {
        if (dtype == DType.F32) {
            out.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, index, value);
        } else {
            out.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, index, FloatFormats.floatToBf16(value));
        }
    }
}

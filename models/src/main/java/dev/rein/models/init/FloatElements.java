package dev.rein.models.init;

import dev.rein.tensor.DType;
import dev.rein.tensor.FloatFormats;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Stores F32 values as the little-endian elements of an F32 or BF16 tensor (BF16 rounded to nearest even). */
final class FloatElements {
    private FloatElements() {
    }

    /** Throws unless {@code dtype} is one {@link #store} writes. */
    static void check(DType dtype) {
        if (dtype != DType.F32 && dtype != DType.BF16) {
            throw new IllegalArgumentException("random checkpoints are F32 or BF16, not " + dtype);
        }
    }

    /** Writes {@code values[0..count)} to {@code out} from byte {@code offset} on. */
    static void store(float[] values, int count, DType dtype, MemorySegment out, long offset) {
        if (dtype == DType.F32) {
            MemorySegment.copy(values, 0, out, ValueLayout.JAVA_FLOAT_UNALIGNED, offset, count);
        } else {
            for (int i = 0; i < count; i++) {
                out.set(ValueLayout.JAVA_SHORT_UNALIGNED, offset + 2L * i, FloatFormats.floatToBf16(values[i]));
            }
        }
    }
}

package dev.rein.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads and writes single elements of any {@link DType} in a segment, converting to and from float or long.
 * Slow path used by accessors, tests and rare ops; kernels read their dtype directly.
 */
public final class Elements {
    public static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    public static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    public static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    public static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;

    private Elements() {
    }

    /** The element at {@code index} (counted in elements of {@code dtype}) as a float. */
    public static float readFloat(MemorySegment segment, DType dtype, long index) {
        return switch (dtype) {
            case F32 -> segment.getAtIndex(F32, index);
            case BF16 -> FloatFormats.bf16ToFloat(segment.getAtIndex(I16, index));
            case F16 -> FloatFormats.f16ToFloat(segment.getAtIndex(I16, index));
            case I32 -> segment.getAtIndex(I32, index);
            case I64 -> segment.getAtIndex(I64, index);
            case BOOL -> segment.get(ValueLayout.JAVA_BYTE, index) != 0 ? 1f : 0f;
            case Q8_0, Q4_0, Q4_K, Q6_K -> QuantizedBlocks.element(segment, dtype, index);
        };
    }

    /**
     * Stores {@code value} at {@code index}, narrowing (round-to-nearest-even) or truncating toward zero; refused for
     * the block-quantised types.
     */
    public static void writeFloat(MemorySegment segment, DType dtype, long index, float value) {
        switch (dtype) {
            case F32 -> segment.setAtIndex(F32, index, value);
            case BF16 -> segment.setAtIndex(I16, index, FloatFormats.floatToBf16(value));
            case F16 -> segment.setAtIndex(I16, index, FloatFormats.floatToF16(value));
            case I32 -> segment.setAtIndex(I32, index, (int) value);
            case I64 -> segment.setAtIndex(I64, index, (long) value);
            case BOOL -> segment.set(ValueLayout.JAVA_BYTE, index, (byte) (value != 0f ? 1 : 0));
            case Q8_0, Q4_0, Q4_K, Q6_K -> throw new UnsupportedOperationException("cannot write one element of a "
                    + dtype + " tensor: its elements share their block's scale (quantised weights are read-only)");
        }
    }

    /** The element at {@code index} as a long (integer dtypes exactly, floats truncated toward zero). */
    public static long readLong(MemorySegment segment, DType dtype, long index) {
        return switch (dtype) {
            case I32 -> segment.getAtIndex(I32, index);
            case I64 -> segment.getAtIndex(I64, index);
            case BOOL -> segment.get(ValueLayout.JAVA_BYTE, index);
            default -> (long) readFloat(segment, dtype, index);
        };
    }

    /** Stores an integer value; floating dtypes receive it converted to float. */
    public static void writeLong(MemorySegment segment, DType dtype, long index, long value) {
        switch (dtype) {
            case I32 -> segment.setAtIndex(I32, index, (int) value);
            case I64 -> segment.setAtIndex(I64, index, value);
            case BOOL -> segment.set(ValueLayout.JAVA_BYTE, index, (byte) (value != 0 ? 1 : 0));
            default -> writeFloat(segment, dtype, index, value);
        }
    }
}

package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import dev.rein.tensor.Elements;
import dev.rein.tensor.FloatFormats;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Reading F32, BF16 and F16 storage (and runs of block-quantised elements, {@link QuantizedRows}) as F32, for the
 * matrix-product kernels.
 *
 * <p>The vector widening works on pairs: one {@link IntVector} load covers {@code 2 * L} 16-bit values (L = lanes of
 * the float species), and yields two float vectors, the even elements ({@code 0, 2, 4, ...}, the low halves of the
 * ints, little-endian) and the odd elements (the high halves). No lane crosses, so widening is two or a handful of
 * integer operations per vector; the other operand of a dot product is laid out in the same even/odd order
 * ({@link #deinterleave}).
 */
final class Widen {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /** Float lanes per vector. */
    static final int L = F.length();
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int F16_EXP_ALL_ONES = 0x1F << 23;

    private Widen() {
    }

    /** Even BF16 elements of {@code w} (low halves) as floats. */
    static FloatVector bf16Even(IntVector w) {
        return w.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    /** Odd BF16 elements of {@code w} (high halves) as floats. */
    static FloatVector bf16Odd(IntVector w) {
        return w.and(0xFFFF0000).reinterpretAsFloats();
    }

    /** Even F16 elements of {@code w} (low halves) as floats; exact, including subnormals, infinities and NaN. */
    static FloatVector f16Even(IntVector w) {
        return f16Top(w.lanewise(VectorOperators.LSHL, 16));
    }

    /** Odd F16 elements of {@code w} (high halves) as floats. */
    static FloatVector f16Odd(IntVector w) {
        return f16Top(w);
    }

    /**
     * Widens the F16 value held in the top 16 bits of each lane: exponent and mantissa moved to the F32 field
     * positions and scaled by 2^112 (rebiasing 15 to 127, which also normalises subnormals exactly); an all-ones
     * exponent (infinity, NaN) becomes the F32 all-ones exponent; then the sign is put back.
     */
    private static FloatVector f16Top(IntVector h) {
        IntVector mag = h.and(0x7FFF0000).lanewise(VectorOperators.LSHR, 3);
        IntVector scaled = mag.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
        VectorMask<Integer> special = mag.compare(VectorOperators.GE, F16_EXP_ALL_ONES);
        return scaled.blend(mag.or(0x7F800000), special).or(h.and(0x80000000)).reinterpretAsFloats();
    }

    /**
     * Copies {@code count} values into {@code dst} in even/odd order: each block of {@code 2L} values becomes its
     * L even elements followed by its L odd ones; a tail shorter than {@code 2L} stays in order.
     */
    static void deinterleave(float[] src, int srcOff, int count, float[] dst, int dstOff) {
        int blocks = count / (2 * L);
        for (int q = 0; q < blocks; q++) {
            int s = srcOff + q * 2 * L;
            int d = dstOff + q * 2 * L;
            for (int i = 0; i < L; i++) {
                dst[d + i] = src[s + 2 * i];
                dst[d + L + i] = src[s + 2 * i + 1];
            }
        }
        System.arraycopy(src, srcOff + blocks * 2 * L, dst, dstOff + blocks * 2 * L, count - blocks * 2 * L);
    }

    /** Inverse of {@link #deinterleave}. */
    static void interleave(float[] src, int srcOff, int count, float[] dst, int dstOff) {
        int blocks = count / (2 * L);
        for (int q = 0; q < blocks; q++) {
            int s = srcOff + q * 2 * L;
            int d = dstOff + q * 2 * L;
            for (int i = 0; i < L; i++) {
                dst[d + 2 * i] = src[s + i];
                dst[d + 2 * i + 1] = src[s + L + i];
            }
        }
        System.arraycopy(src, srcOff + blocks * 2 * L, dst, dstOff + blocks * 2 * L, count - blocks * 2 * L);
    }

    /**
     * Reads {@code count} elements of {@code dtype} at {@code index + i * stride} (element units) into
     * {@code dst[dstOff + i]} as floats.
     */
    static void row(MemorySegment src, DType dtype, long index, long stride, int count, float[] dst, int dstOff) {
        switch (dtype) {
            case F32 -> {
                if (stride == 1) {
                    MemorySegment.copy(src, Elements.F32, index * 4, dst, dstOff, count);
                } else {
                    for (int i = 0; i < count; i++) {
                        dst[dstOff + i] = src.getAtIndex(Elements.F32, index + i * stride);
                    }
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOff + i] = FloatFormats.bf16ToFloat(src.getAtIndex(Elements.I16, index + i * stride));
                }
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOff + i] = Float.float16ToFloat(src.getAtIndex(Elements.I16, index + i * stride));
                }
            }
            default -> {
                if (dtype.isBlockQuantized() && stride == 1) {
                    QuantizedRows.read(src, dtype, index, count, dst, dstOff);
                    return;
                }
                for (int i = 0; i < count; i++) {
                    dst[dstOff + i] = Elements.readFloat(src, dtype, index + i * stride);
                }
            }
        }
    }
}

package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two things the quantised matrix products do with a run of blocks of one weight row, for one block format:
 * a dot product with F32 activations read straight from the blocks (decode, {@link QuantizedMatVec}), and decoding
 * to F32 into a panel that the packed GEMM then reuses for every row of a prompt ({@link QuantizedMatMul}). Both use
 * the Vector API: the quants of {@link #L} elements are widened from bytes to float lanes in registers. Decoding
 * gives ggml's values bit for bit ({@link dev.rein.tensor.QuantizedBlocks}); a dot product differs from
 * decode-then-multiply only in the order of its float additions.
 */
interface BlockKernel {
    VectorSpecies<Float> F = Widen.F;
    /** Int lanes, as many as float lanes: quants are widened from bytes to ints for shifts and masks. */
    VectorSpecies<Integer> I = Widen.I;
    /** Float lanes per vector: 16 on AVX-512, 8 on AVX2 (the kernels need at least 8). */
    int L = F.length();
    /** Bytes of L quants. */
    VectorSpecies<Byte> B = ByteVector.SPECIES_64.withShape(VectorShape.forBitSize(Math.max(64, L * Byte.SIZE)));
    ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** {@code sum_j W[j] x[xOff + j]} over {@code blocks} blocks of a row starting at byte {@code at}. */
    float dot(MemorySegment w, long at, int blocks, float[] x, int xOff);

    /**
     * sums[i] = {@link #dot}(w, at, blocks, x, xOffs[i]) for the four rows of x at xOffs, each with the bits
     * {@link #dot} gives it (a row decoded in a batch gets what it gets alone). Formats that unpack a block once for
     * the four rows override this; the default takes the rows one at a time.
     */
    default void dot4(MemorySegment w, long at, int blocks, float[] x, int[] xOffs, float[] sums) {
        for (int i = 0; i < 4; i++) {
            sums[i] = dot(w, at, blocks, x, xOffs[i]);
        }
    }

    /** Decodes {@code blocks} blocks starting at byte {@code at} into {@code out[outOff ...]}. */
    void decode(MemorySegment w, long at, int blocks, float[] out, int outOff);

    /** The kernel of a block-quantised type. */
    static BlockKernel of(DType type) {
        return switch (type) {
            case Q8_0 -> Q8_0Kernel.INSTANCE;
            case Q4_0 -> Q4_0Kernel.INSTANCE;
            case Q4_K -> Q4KKernel.INSTANCE;
            case Q6_K -> Q6KKernel.INSTANCE;
            default -> throw new IllegalArgumentException(type + " is not a block-quantised type");
        };
    }

    /**
     * {@link #L} bytes at {@code at} as unsigned int lanes: nibbles and bit fields are unpacked there, with native
     * int shifts (x86 has no byte-lane shift; the Vector API's emulation of one dominated the kernels).
     */
    static IntVector unsignedBytes(MemorySegment w, long at) {
        return ByteVector.fromMemorySegment(B, w, at, LE).convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0)
                .reinterpretAsInts();
    }

    /** The fp16 scale at byte {@code at}, broadcast. */
    static FloatVector broadcastHalf(MemorySegment w, long at) {
        return FloatVector.broadcast(F, dev.rein.tensor.QuantizedBlocks.half(w, at));
    }
}

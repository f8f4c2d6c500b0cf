package dev.rein.tensor.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix-vector products {@code y = W x} with W stored in ggml's 8-bit and 4-bit block formats, read straight from
 * the blocks (no decoded copy), x in F32. Each row of W ([rows, k], k a multiple of 32) is k / 32 blocks:
 * <ul>
 *   <li>Q8_0, 34 bytes: fp16 scale {@code d}, 32 int8 {@code q}; element {@code d * q};</li>
 *   <li>Q4_0, 18 bytes: fp16 {@code d}, 16 bytes whose low nibbles are elements 0-15 and high nibbles 16-31;
 *       element {@code d * (nibble - 8)}.</li>
 * </ul>
 * Per block the quants are widened to float lanes and multiplied into x, and the block's sum vector is added to the
 * row's accumulator scaled by {@code d}; the lanes are summed once per row. Rows are split over the cores. This is
 * the kernel for weights kept quantised in memory; the model does not use it yet (GGUF weights are decoded at
 * load), so it is tested against decode-then-F32 products.
 */
public final class QuantizedMatVec {
    /** Elements per block of both formats. */
    public static final int BLOCK = 32;
    /** Bytes per Q8_0 block. */
    public static final int Q8_0_BYTES = 34;
    /** Bytes per Q4_0 block. */
    public static final int Q4_0_BYTES = 18;
    /** 16 float lanes where the machine has them, else 8 (a lane count that divides the 16 bytes of Q4_0 quants). */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.length() >= 16
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_64.withShape(VectorShape.forBitSize(
            F.length() * Byte.SIZE));
    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private QuantizedMatVec() {
    }

    /** {@code y[r] = sum_j W[r, j] x[j]} for Q8_0 rows of {@code x.length} elements. */
    public static void q8_0(MemorySegment weights, int rows, float[] x, float[] y) {
        multiply(weights, rows, x, y, Q8_0_BYTES, true);
    }

    /** {@code y[r] = sum_j W[r, j] x[j]} for Q4_0 rows of {@code x.length} elements. */
    public static void q4_0(MemorySegment weights, int rows, float[] x, float[] y) {
        multiply(weights, rows, x, y, Q4_0_BYTES, false);
    }

    private static void multiply(MemorySegment weights, int rows, float[] x, float[] y, int blockBytes,
            boolean eightBit) {
        int k = x.length;
        if (k % BLOCK != 0) throw new IllegalArgumentException("rows of " + k + " elements do not fill blocks of 32");
        long rowBytes = (long) k / BLOCK * blockBytes;
        if (weights.byteSize() < rowBytes * rows) {
            throw new IllegalArgumentException(rows + " rows of " + k + " need " + rowBytes * rows + " bytes, found "
                    + weights.byteSize());
        }
        Parallel.forRange(rows, k, (start, end) -> {
            for (int r = start; r < end; r++) {
                long at = r * rowBytes;
                y[r] = eightBit ? rowQ8_0(weights, at, x) : rowQ4_0(weights, at, x);
            }
        });
    }

    private static float rowQ8_0(MemorySegment weights, long at, float[] x) {
        FloatVector sum = FloatVector.zero(F);
        for (int first = 0; first < x.length; first += BLOCK, at += Q8_0_BYTES) {
            FloatVector block = FloatVector.zero(F);
            for (int j = 0; j < BLOCK; j += F.length()) {
                FloatVector q = (FloatVector) ByteVector.fromMemorySegment(B, weights, at + 2 + j,
                        ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, F, 0);
                block = q.fma(FloatVector.fromArray(F, x, first + j), block);
            }
            sum = block.fma(scale(weights, at), sum);
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }

    private static float rowQ4_0(MemorySegment weights, long at, float[] x) {
        FloatVector sum = FloatVector.zero(F);
        int half = BLOCK / 2;
        for (int first = 0; first < x.length; first += BLOCK, at += Q4_0_BYTES) {
            FloatVector block = FloatVector.zero(F);
            for (int j = 0; j < half; j += F.length()) {
                ByteVector packed = ByteVector.fromMemorySegment(B, weights, at + 2 + j, ByteOrder.LITTLE_ENDIAN);
                FloatVector low = (FloatVector) packed.and((byte) 0x0F).sub((byte) 8)
                        .convertShape(VectorOperators.B2F, F, 0);
                FloatVector high = (FloatVector) packed.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0F)
                        .sub((byte) 8).convertShape(VectorOperators.B2F, F, 0);
                block = low.fma(FloatVector.fromArray(F, x, first + j), block);
                block = high.fma(FloatVector.fromArray(F, x, first + half + j), block);
            }
            sum = block.fma(scale(weights, at), sum);
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }

    private static FloatVector scale(MemorySegment weights, long at) {
        return FloatVector.broadcast(F, Float.float16ToFloat(weights.get(F16, at)));
    }
}

package dev.rein.tensor.cpu;

import dev.rein.tensor.QuantizedBlocks;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_K (256 elements in 144 bytes: fp16 {@code d}, fp16 {@code dmin}, 12 bytes of 6-bit scales and mins, 128 bytes
 * of nibbles; each 64 elements are two sub-blocks of 32, the low then the high nibbles of the same 32 bytes; element
 * {@code (d * scale) * nibble - dmin * min}): see {@link BlockKernel}. The dot product keeps the mins apart:
 * {@code sum (d sc q - dmin m) x = sum d sc (q x) - sum dmin m (x)}, both sums per sub-block.
 */
final class Q4KKernel implements BlockKernel {
    static final Q4KKernel INSTANCE = new Q4KKernel();
    private static final int BYTES = 144;

    private Q4KKernel() {
    }

    @Override
    public float dot(MemorySegment w, long at, int blocks, float[] x, int xOff) {
        FloatVector sum = FloatVector.zero(F);
        FloatVector mins = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++, at += BYTES, xOff += 256) {
            float d = QuantizedBlocks.half(w, at);
            float dmin = QuantizedBlocks.half(w, at + 2);
            for (int pair = 0; pair < 4; pair++) {
                long quants = at + 16 + 32 * pair;
                int x1 = xOff + 64 * pair;
                FloatVector p1 = FloatVector.zero(F);
                FloatVector p2 = FloatVector.zero(F);
                FloatVector s1 = FloatVector.zero(F);
                FloatVector s2 = FloatVector.zero(F);
                for (int j = 0; j < 32; j += L) {
                    ByteVector packed = ByteVector.fromMemorySegment(B, w, quants + j, LE);
                    FloatVector xl = FloatVector.fromArray(F, x, x1 + j);
                    FloatVector xh = FloatVector.fromArray(F, x, x1 + 32 + j);
                    p1 = low(packed).fma(xl, p1);
                    p2 = high(packed).fma(xh, p2);
                    s1 = s1.add(xl);
                    s2 = s2.add(xh);
                }
                long scales = at + 4;
                sum = p1.fma(broadcast(d * QuantizedBlocks.q4KScale(w, scales, 2 * pair)), sum);
                sum = p2.fma(broadcast(d * QuantizedBlocks.q4KScale(w, scales, 2 * pair + 1)), sum);
                mins = s1.fma(broadcast(dmin * QuantizedBlocks.q4KMin(w, scales, 2 * pair)), mins);
                mins = s2.fma(broadcast(dmin * QuantizedBlocks.q4KMin(w, scales, 2 * pair + 1)), mins);
            }
        }
        return LaneSums.sum(sum.sub(mins));
    }

    @Override
    public void decode(MemorySegment w, long at, int blocks, float[] out, int outOff) {
        for (int b = 0; b < blocks; b++, at += BYTES, outOff += 256) {
            float d = QuantizedBlocks.half(w, at);
            float dmin = QuantizedBlocks.half(w, at + 2);
            long scales = at + 4;
            for (int pair = 0; pair < 4; pair++) {
                long quants = at + 16 + 32 * pair;
                int y = outOff + 64 * pair;
                float d1 = d * QuantizedBlocks.q4KScale(w, scales, 2 * pair);
                float m1 = dmin * QuantizedBlocks.q4KMin(w, scales, 2 * pair);
                float d2 = d * QuantizedBlocks.q4KScale(w, scales, 2 * pair + 1);
                float m2 = dmin * QuantizedBlocks.q4KMin(w, scales, 2 * pair + 1);
                for (int j = 0; j < 32; j += L) {
                    ByteVector packed = ByteVector.fromMemorySegment(B, w, quants + j, LE);
                    low(packed).mul(d1).sub(m1).intoArray(out, y + j);
                    high(packed).mul(d2).sub(m2).intoArray(out, y + 32 + j);
                }
            }
        }
    }

    private static FloatVector broadcast(float value) {
        return FloatVector.broadcast(F, value);
    }

    private static FloatVector low(ByteVector packed) {
        return (FloatVector) packed.and((byte) 0x0F).convertShape(VectorOperators.B2F, F, 0);
    }

    private static FloatVector high(ByteVector packed) {
        return (FloatVector) packed.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0F)
                .convertShape(VectorOperators.B2F, F, 0);
    }
}

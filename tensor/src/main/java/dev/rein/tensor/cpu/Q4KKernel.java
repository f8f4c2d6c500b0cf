package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import dev.rein.tensor.QuantizedBlocks;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_K (256 elements in 144 bytes: fp16 {@code d}, fp16 {@code dmin}, 12 bytes of 6-bit scales and mins, 128 bytes
 * of nibbles; each 64 elements are two sub-blocks of 32, the low then the high nibbles of the same 32 bytes; element
 * {@code (d * scale) * nibble - dmin * min}): see {@link BlockKernel}; its dot product decodes each block first
 * ({@link BlockKernel#decodedDot}).
 */
final class Q4KKernel implements BlockKernel {
    static final Q4KKernel INSTANCE = new Q4KKernel();
    private static final int BYTES = DType.Q4_K.blockBytes();

    private Q4KKernel() {
    }

    @Override
    public float dot(MemorySegment w, long at, int blocks, float[] x, int xOff) {
        return BlockKernel.decodedDot(this, BYTES, w, at, blocks, x, xOff);
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

    private static FloatVector low(ByteVector packed) {
        return (FloatVector) packed.and((byte) 0x0F).convertShape(VectorOperators.B2F, F, 0);
    }

    private static FloatVector high(ByteVector packed) {
        return (FloatVector) packed.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0F)
                .convertShape(VectorOperators.B2F, F, 0);
    }
}

package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import dev.rein.tensor.QuantizedBlocks;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_K (256 elements in 144 bytes: fp16 {@code d}, fp16 {@code dmin}, 12 bytes of 6-bit scales and mins, 128 bytes
 * of nibbles; each 64 elements are two sub-blocks of 32, the low then the high nibbles of the same 32 bytes; element
 * {@code (d * scale) * nibble - dmin * min}): see {@link BlockKernel}.
 */
final class Q4KKernel implements BlockKernel {
    static final Q4KKernel INSTANCE = new Q4KKernel();
    private static final int BYTES = DType.Q4_K.blockBytes();

    private Q4KKernel() {
    }

    /** The values of {@link #decode}, each multiplied into x as it is made instead of stored. */
    @Override
    public float dot(MemorySegment w, long at, int blocks, float[] x, int xOff) {
        FloatVector lowSum = FloatVector.zero(F);
        FloatVector highSum = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++, at += BYTES, xOff += 256) {
            float d = QuantizedBlocks.half(w, at);
            float dmin = QuantizedBlocks.half(w, at + 2);
            long scales = at + 4;
            for (int pair = 0; pair < 4; pair++) {
                long quants = at + 16 + 32 * pair;
                int y = xOff + 64 * pair;
                float d1 = d * QuantizedBlocks.q4KScale(w, scales, 2 * pair);
                float m1 = dmin * QuantizedBlocks.q4KMin(w, scales, 2 * pair);
                float d2 = d * QuantizedBlocks.q4KScale(w, scales, 2 * pair + 1);
                float m2 = dmin * QuantizedBlocks.q4KMin(w, scales, 2 * pair + 1);
                for (int j = 0; j < 32; j += L) {
                    IntVector packed = BlockKernel.unsignedBytes(w, quants + j);
                    lowSum = packed.and(0x0F).convert(VectorOperators.I2F, 0).reinterpretAsFloats().mul(d1).sub(m1)
                            .fma(FloatVector.fromArray(F, x, y + j), lowSum);
                    highSum = packed.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)
                            .reinterpretAsFloats().mul(d2).sub(m2)
                            .fma(FloatVector.fromArray(F, x, y + 32 + j), highSum);
                }
            }
        }
        return LaneSums.sum(lowSum.add(highSum));
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
                    // widened to int lanes: native shifts (see Q6KKernel)
                    IntVector packed = BlockKernel.unsignedBytes(w, quants + j);
                    packed.and(0x0F).convert(VectorOperators.I2F, 0).reinterpretAsFloats().mul(d1).sub(m1)
                            .intoArray(out, y + j);
                    packed.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0).reinterpretAsFloats()
                            .mul(d2).sub(m2).intoArray(out, y + 32 + j);
                }
            }
        }
    }
}

package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_0 (18 bytes: fp16 {@code d}, 16 bytes whose low nibbles are elements 0-15 and high nibbles 16-31; element
 * {@code (nibble - 8) * d}): see {@link BlockKernel}.
 */
final class Q4_0Kernel implements BlockKernel {
    static final Q4_0Kernel INSTANCE = new Q4_0Kernel();
    private static final int BYTES = DType.Q4_0.blockBytes();

    private Q4_0Kernel() {
    }

    @Override
    public float dot(MemorySegment w, long at, int blocks, float[] x, int xOff) {
        FloatVector sum = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++, at += BYTES, xOff += 32) {
            FloatVector block = FloatVector.zero(F);
            for (int j = 0; j < 16; j += L) {
                // widened to int lanes before the shift and the -8: byte lanes have no native shift (see Q6KKernel)
                IntVector packed = ByteVector.fromMemorySegment(B, w, at + 2 + j, LE)
                        .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0).reinterpretAsInts();
                block = packed.and(0x0F).sub(8).convert(VectorOperators.I2F, 0).reinterpretAsFloats()
                        .fma(FloatVector.fromArray(F, x, xOff + j), block);
                block = packed.lanewise(VectorOperators.LSHR, 4).sub(8).convert(VectorOperators.I2F, 0)
                        .reinterpretAsFloats().fma(FloatVector.fromArray(F, x, xOff + 16 + j), block);
            }
            sum = block.fma(BlockKernel.broadcastHalf(w, at), sum);
        }
        return LaneSums.sum(sum);
    }

    @Override
    public void decode(MemorySegment w, long at, int blocks, float[] out, int outOff) {
        for (int b = 0; b < blocks; b++, at += BYTES, outOff += 32) {
            FloatVector d = BlockKernel.broadcastHalf(w, at);
            for (int j = 0; j < 16; j += L) {
                IntVector packed = ByteVector.fromMemorySegment(B, w, at + 2 + j, LE)
                        .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0).reinterpretAsInts();
                packed.and(0x0F).sub(8).convert(VectorOperators.I2F, 0).reinterpretAsFloats().mul(d)
                        .intoArray(out, outOff + j);
                packed.lanewise(VectorOperators.LSHR, 4).sub(8).convert(VectorOperators.I2F, 0).reinterpretAsFloats()
                        .mul(d).intoArray(out, outOff + 16 + j);
            }
        }
    }
}

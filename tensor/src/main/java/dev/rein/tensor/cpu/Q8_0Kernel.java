package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** Q8_0 (34 bytes: fp16 {@code d}, 32 int8 {@code q}; element {@code q * d}): see {@link BlockKernel}. */
final class Q8_0Kernel implements BlockKernel {
    static final Q8_0Kernel INSTANCE = new Q8_0Kernel();
    private static final int BYTES = DType.Q8_0.blockBytes();

    private Q8_0Kernel() {
    }

    @Override
    public float dot(MemorySegment w, long at, int blocks, float[] x, int xOff) {
        FloatVector sum = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++, at += BYTES, xOff += 32) {
            FloatVector block = FloatVector.zero(F);
            for (int j = 0; j < 32; j += L) {
                block = quants(w, at + 2 + j).fma(FloatVector.fromArray(F, x, xOff + j), block);
            }
            sum = block.fma(BlockKernel.broadcastHalf(w, at), sum);
        }
        return LaneSums.sum(sum);
    }

    @Override
    public void decode(MemorySegment w, long at, int blocks, float[] out, int outOff) {
        for (int b = 0; b < blocks; b++, at += BYTES, outOff += 32) {
            FloatVector d = BlockKernel.broadcastHalf(w, at);
            for (int j = 0; j < 32; j += L) {
                quants(w, at + 2 + j).mul(d).intoArray(out, outOff + j);
            }
        }
    }

    private static FloatVector quants(MemorySegment w, long at) {
        return (FloatVector) ByteVector.fromMemorySegment(B, w, at, LE).convertShape(VectorOperators.B2F, F, 0);
    }
}

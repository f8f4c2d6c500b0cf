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

    /** {@link #dot} for four rows of x, each block's quants widened once for the four. */
    @Override
    public void dot4(MemorySegment w, long at, int blocks, float[] x, int[] xOffs, float[] sums) {
        int x0 = xOffs[0];
        int x1 = xOffs[1];
        int x2 = xOffs[2];
        int x3 = xOffs[3];
        FloatVector sum0 = FloatVector.zero(F);
        FloatVector sum1 = FloatVector.zero(F);
        FloatVector sum2 = FloatVector.zero(F);
        FloatVector sum3 = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++, at += BYTES, x0 += 32, x1 += 32, x2 += 32, x3 += 32) {
            FloatVector block0 = FloatVector.zero(F);
            FloatVector block1 = FloatVector.zero(F);
            FloatVector block2 = FloatVector.zero(F);
            FloatVector block3 = FloatVector.zero(F);
            for (int j = 0; j < 32; j += L) {
                FloatVector q = quants(w, at + 2 + j);
                block0 = q.fma(FloatVector.fromArray(F, x, x0 + j), block0);
                block1 = q.fma(FloatVector.fromArray(F, x, x1 + j), block1);
                block2 = q.fma(FloatVector.fromArray(F, x, x2 + j), block2);
                block3 = q.fma(FloatVector.fromArray(F, x, x3 + j), block3);
            }
            FloatVector d = BlockKernel.broadcastHalf(w, at);
            sum0 = block0.fma(d, sum0);
            sum1 = block1.fma(d, sum1);
            sum2 = block2.fma(d, sum2);
            sum3 = block3.fma(d, sum3);
        }
        sums[0] = LaneSums.sum(sum0);
        sums[1] = LaneSums.sum(sum1);
        sums[2] = LaneSums.sum(sum2);
        sums[3] = LaneSums.sum(sum3);
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

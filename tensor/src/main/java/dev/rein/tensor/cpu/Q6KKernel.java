package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import dev.rein.tensor.QuantizedBlocks;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q6_K (256 elements in 210 bytes: 128 bytes of low nibbles {@code ql}, 64 bytes of 2-bit high parts {@code qh},
 * 16 int8 scales, fp16 {@code d}; element {@code (d * scale) * (q - 32)}, one scale per 16 elements): see
 * {@link BlockKernel}. Each half of 128
 * elements reads 64 bytes of ql and 32 of qh: element {@code l} (of 32) of its four quarters takes the low nibble of
 * ql[l], the low nibble of ql[l + 32], the high nibble of ql[l], the high nibble of ql[l + 32], with bits (0-1, 2-3,
 * 4-5, 6-7) of qh[l] on top.
 */
final class Q6KKernel implements BlockKernel {
    static final Q6KKernel INSTANCE = new Q6KKernel();
    private static final int BYTES = DType.Q6_K.blockBytes();

    private Q6KKernel() {
    }

    /**
     * The decoding of {@link #decode} with each quarter's {@code L} values multiplied into x as they are made
     * instead of stored (one accumulator per quarter, so no quarter waits on another's addition).
     */
    @Override
    public float dot(MemorySegment w, long at, int blocks, float[] x, int xOff) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = FloatVector.zero(F);
        FloatVector s2 = FloatVector.zero(F);
        FloatVector s3 = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++, at += BYTES, xOff += 256) {
            float d = QuantizedBlocks.half(w, at + 208);
            for (int half = 0; half < 2; half++) {
                long ql = at + 64 * half;
                long qh = at + 128 + 32 * half;
                long sc = at + 192 + 8 * half;
                int y = xOff + 128 * half;
                for (int l = 0; l < 32; l += L) {
                    IntVector low = BlockKernel.unsignedBytes(w, ql + l);
                    IntVector high = BlockKernel.unsignedBytes(w, ql + 32 + l);
                    IntVector h = BlockKernel.unsignedBytes(w, qh + l);
                    long s = sc + l / 16;
                    s0 = low.and(0x0F).or(h.lanewise(VectorOperators.LSHL, 4).and(0x30)).sub(32)
                            .convert(VectorOperators.I2F, 0).reinterpretAsFloats().mul(d * signed(w, s))
                            .fma(FloatVector.fromArray(F, x, y + l), s0);
                    s1 = high.and(0x0F).or(h.lanewise(VectorOperators.LSHL, 2).and(0x30)).sub(32)
                            .convert(VectorOperators.I2F, 0).reinterpretAsFloats().mul(d * signed(w, s + 2))
                            .fma(FloatVector.fromArray(F, x, y + 32 + l), s1);
                    s2 = low.lanewise(VectorOperators.LSHR, 4).or(h.and(0x30)).sub(32)
                            .convert(VectorOperators.I2F, 0).reinterpretAsFloats().mul(d * signed(w, s + 4))
                            .fma(FloatVector.fromArray(F, x, y + 64 + l), s2);
                    s3 = high.lanewise(VectorOperators.LSHR, 4).or(h.lanewise(VectorOperators.LSHR, 2).and(0x30))
                            .sub(32).convert(VectorOperators.I2F, 0).reinterpretAsFloats().mul(d * signed(w, s + 6))
                            .fma(FloatVector.fromArray(F, x, y + 96 + l), s3);
                }
            }
        }
        return LaneSums.sum(s0.add(s1).add(s2.add(s3)));
    }

    @Override
    public void decode(MemorySegment w, long at, int blocks, float[] out, int outOff) {
        for (int b = 0; b < blocks; b++, at += BYTES, outOff += 256) {
            float d = QuantizedBlocks.half(w, at + 208);
            for (int half = 0; half < 2; half++) {
                long ql = at + 64 * half;
                long qh = at + 128 + 32 * half;
                long sc = at + 192 + 8 * half;
                int y = outOff + 128 * half;
                for (int l = 0; l < 32; l += L) {
                    // bytes widened to int lanes first: every shift below is a native int shift (byte lanes have
                    // none, and their emulation made this loop several times slower); written out in one method,
                    // since a helper taking or returning vectors that C2 declines to inline boxes them
                    IntVector low = BlockKernel.unsignedBytes(w, ql + l);
                    IntVector high = BlockKernel.unsignedBytes(w, ql + 32 + l);
                    IntVector h = BlockKernel.unsignedBytes(w, qh + l);
                    long s = sc + l / 16;
                    low.and(0x0F).or(h.lanewise(VectorOperators.LSHL, 4).and(0x30)).sub(32)
                            .convert(VectorOperators.I2F, 0).reinterpretAsFloats()
                            .mul(d * signed(w, s)).intoArray(out, y + l);
                    high.and(0x0F).or(h.lanewise(VectorOperators.LSHL, 2).and(0x30)).sub(32)
                            .convert(VectorOperators.I2F, 0).reinterpretAsFloats()
                            .mul(d * signed(w, s + 2)).intoArray(out, y + 32 + l);
                    low.lanewise(VectorOperators.LSHR, 4).or(h.and(0x30)).sub(32)
                            .convert(VectorOperators.I2F, 0).reinterpretAsFloats()
                            .mul(d * signed(w, s + 4)).intoArray(out, y + 64 + l);
                    high.lanewise(VectorOperators.LSHR, 4).or(h.lanewise(VectorOperators.LSHR, 2).and(0x30)).sub(32)
                            .convert(VectorOperators.I2F, 0).reinterpretAsFloats()
                            .mul(d * signed(w, s + 6)).intoArray(out, y + 96 + l);
                }
            }
        }
    }

    private static int signed(MemorySegment w, long at) {
        return w.get(ValueLayout.JAVA_BYTE, at);
    }
}

package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import dev.rein.tensor.QuantizedBlocks;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q6_K (256 elements in 210 bytes: 128 bytes of low nibbles {@code ql}, 64 bytes of 2-bit high parts {@code qh},
 * 16 int8 scales, fp16 {@code d}; element {@code (d * scale) * (q - 32)}, one scale per 16 elements): see
 * {@link BlockKernel}; its dot product decodes each block first ({@link BlockKernel#decodedDot}). Each half of 128
 * elements reads 64 bytes of ql and 32 of qh: element {@code l} (of 32) of its four quarters takes the low nibble of ql[l], the low nibble of ql[l + 32], the high nibble of ql[l], the high
 * nibble of ql[l + 32], with bits (0-1, 2-3, 4-5, 6-7) of qh[l] on top.
 */
final class Q6KKernel implements BlockKernel {
    static final Q6KKernel INSTANCE = new Q6KKernel();
    private static final int BYTES = DType.Q6_K.blockBytes();

    private Q6KKernel() {
    }

    @Override
    public float dot(MemorySegment w, long at, int blocks, float[] x, int xOff) {
        return BlockKernel.decodedDot(this, BYTES, w, at, blocks, x, xOff);
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
                    ByteVector lowBytes = ByteVector.fromMemorySegment(B, w, ql + l, LE);
                    ByteVector highBytes = ByteVector.fromMemorySegment(B, w, ql + 32 + l, LE);
                    ByteVector h = ByteVector.fromMemorySegment(B, w, qh + l, LE);
                    long s = sc + l / 16;
                    // bits (0-1, 2-3, 4-5, 6-7) of qh moved to bits 4-5 with constant shifts (a variable shift of
                    // byte lanes is not compiled to vector code)
                    quarter(lowBytes.and((byte) 0x0F), h.lanewise(VectorOperators.LSHL, 4))
                            .mul(d * signed(w, s)).intoArray(out, y + l);
                    quarter(highBytes.and((byte) 0x0F), h.lanewise(VectorOperators.LSHL, 2))
                            .mul(d * signed(w, s + 2)).intoArray(out, y + 32 + l);
                    quarter(nibbleHigh(lowBytes), h)
                            .mul(d * signed(w, s + 4)).intoArray(out, y + 64 + l);
                    quarter(nibbleHigh(highBytes), h.lanewise(VectorOperators.LSHR, 2))
                            .mul(d * signed(w, s + 6)).intoArray(out, y + 96 + l);
                }
            }
        }
    }

    /** {@code (nibble | (high & 0x30)) - 32} as floats: the six-bit quant with the two high bits at bits 4-5. */
    private static FloatVector quarter(ByteVector nibble, ByteVector high) {
        return (FloatVector) nibble.or(high.and((byte) 0x30)).sub((byte) 32).convertShape(VectorOperators.B2F, F, 0);
    }

    private static ByteVector nibbleHigh(ByteVector bytes) {
        return bytes.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0F);
    }

    private static int signed(MemorySegment w, long at) {
        return w.get(ValueLayout.JAVA_BYTE, at);
    }
}

package dev.rein.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * ggml's block formats ({@link DType#Q8_0}, {@link DType#Q4_0}, {@link DType#Q4_K}, {@link DType#Q6_K}) decoded to
 * float32 bit for bit as ggml's {@code dequantize_row_*} functions do: every product and difference is one float32
 * operation in the reference's order (no fused multiply-add), and fp16 scales widen exactly.
 * <ul>
 *   <li>Q8_0, 32 elements in 34 bytes: fp16 {@code d}, 32 int8 {@code q}; {@code x = q * d}.</li>
 *   <li>Q4_0, 32 in 18: fp16 {@code d}, 16 bytes whose low nibbles are elements 0..15 and high nibbles 16..31;
 *       {@code x = (nibble - 8) * d}.</li>
 *   <li>Q4_K, 256 in 144: fp16 {@code d}, fp16 {@code dmin}, 12 bytes holding eight 6-bit scales and eight 6-bit
 *       mins ({@link #q4KScale}, {@link #q4KMin}), 128 bytes of nibbles; each 64 elements use two sub-blocks of 32
 *       (low nibbles, then high nibbles of the same 32 bytes); {@code x = (d * scale) * nibble - (dmin * min)}.</li>
 *   <li>Q6_K, 256 in 210: 128 bytes of low nibbles {@code ql}, 64 bytes of high 2-bit pairs {@code qh}, 16 int8
 *       scales, fp16 {@code d}; {@code x = (d * scale) * (q - 32)} with {@code q} six bits.</li>
 * </ul>
 * This is the reference the quantised matrix kernels are tested against, and the slow path for reading single
 * elements and decoding whole tensors.
 */
public final class QuantizedBlocks {
    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private QuantizedBlocks() {
    }

    /**
     * Decodes {@code blocks} blocks of {@code type} starting at byte {@code at} of {@code data} into
     * {@code out[outOff ...]} ({@code blocks * type.blockElements()} floats).
     */
    public static void decode(DType type, MemorySegment data, long at, int blocks, float[] out, int outOff) {
        for (int b = 0; b < blocks; b++, at += type.blockBytes(), outOff += type.blockElements()) {
            switch (type) {
                case Q8_0 -> q8_0(data, at, out, outOff);
                case Q4_0 -> q4_0(data, at, out, outOff);
                case Q4_K -> q4K(data, at, out, outOff);
                case Q6_K -> q6K(data, at, out, outOff);
                default -> throw new IllegalArgumentException(type + " is not a block-quantised type");
            }
        }
    }

    /** Element {@code index} (counted in elements) of a {@code type} tensor stored from byte 0 of {@code data}. */
    public static float element(MemorySegment data, DType type, long index) {
        float[] block = new float[type.blockElements()];
        decode(type, data, index / type.blockElements() * type.blockBytes(), 1, block, 0);
        return block[(int) (index % type.blockElements())];
    }

    /** The fp16 value at byte {@code at}, widened exactly. */
    public static float half(MemorySegment data, long at) {
        return FloatFormats.f16ToFloat(data.get(F16, at));
    }

    /**
     * The 6-bit scale of Q4_K sub-block {@code sub} (0..7) from the twelve scale bytes at {@code scales}
     * (ggml's {@code get_scale_min_k4}): sub-blocks 0-3 keep theirs in the low six bits of bytes 0-3; sub-blocks 4-7
     * keep their low four bits in the low nibbles of bytes 8-11 and their top two bits in the top bits of bytes 0-3.
     */
    public static int q4KScale(MemorySegment data, long scales, int sub) {
        if (sub < 4) return unsigned(data, scales + sub) & 63;
        return (unsigned(data, scales + sub + 4) & 0xF) | ((unsigned(data, scales + sub - 4) >>> 6) << 4);
    }

    /** The 6-bit min of Q4_K sub-block {@code sub}: bytes 4-7, or the high nibbles of 8-11 and top bits of 4-7. */
    public static int q4KMin(MemorySegment data, long scales, int sub) {
        if (sub < 4) return unsigned(data, scales + sub + 4) & 63;
        return (unsigned(data, scales + sub + 4) >>> 4) | ((unsigned(data, scales + sub) >>> 6) << 4);
    }

    private static int unsigned(MemorySegment data, long at) {
        return data.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
    }

    private static void q8_0(MemorySegment data, long at, float[] out, int first) {
        float d = half(data, at);
        for (int j = 0; j < 32; j++) {
            out[first + j] = data.get(ValueLayout.JAVA_BYTE, at + 2 + j) * d;
        }
    }

    private static void q4_0(MemorySegment data, long at, float[] out, int first) {
        float d = half(data, at);
        for (int j = 0; j < 16; j++) {
            int packed = unsigned(data, at + 2 + j);
            out[first + j] = ((packed & 0x0F) - 8) * d;
            out[first + j + 16] = ((packed >>> 4) - 8) * d;
        }
    }

    private static void q4K(MemorySegment data, long at, float[] out, int first) {
        float d = half(data, at);
        float dmin = half(data, at + 2);
        long scales = at + 4;
        long quants = at + 16;
        int y = first;
        for (int j = 0, sub = 0; j < 256; j += 64, sub += 2) {
            float d1 = d * q4KScale(data, scales, sub);
            float m1 = dmin * q4KMin(data, scales, sub);
            float d2 = d * q4KScale(data, scales, sub + 1);
            float m2 = dmin * q4KMin(data, scales, sub + 1);
            for (int l = 0; l < 32; l++) out[y++] = d1 * (unsigned(data, quants + l) & 0x0F) - m1;
            for (int l = 0; l < 32; l++) out[y++] = d2 * (unsigned(data, quants + l) >>> 4) - m2;
            quants += 32;
        }
    }

    private static void q6K(MemorySegment data, long at, float[] out, int first) {
        long ql = at;
        long qh = at + 128;
        long sc = at + 192;
        float d = half(data, at + 208);
        int y = first;
        for (int n = 0; n < 256; n += 128) {
            for (int l = 0; l < 32; l++) {
                int is = l / 16;
                int high = unsigned(data, qh + l);
                int q1 = ((unsigned(data, ql + l) & 0xF) | ((high & 3) << 4)) - 32;
                int q2 = ((unsigned(data, ql + l + 32) & 0xF) | (((high >>> 2) & 3) << 4)) - 32;
                int q3 = ((unsigned(data, ql + l) >>> 4) | (((high >>> 4) & 3) << 4)) - 32;
                int q4 = ((unsigned(data, ql + l + 32) >>> 4) | (((high >>> 6) & 3) << 4)) - 32;
                out[y + l] = d * data.get(ValueLayout.JAVA_BYTE, sc + is) * q1;
                out[y + l + 32] = d * data.get(ValueLayout.JAVA_BYTE, sc + is + 2) * q2;
                out[y + l + 64] = d * data.get(ValueLayout.JAVA_BYTE, sc + is + 4) * q3;
                out[y + l + 96] = d * data.get(ValueLayout.JAVA_BYTE, sc + is + 6) * q4;
            }
            y += 128;
            ql += 64;
            qh += 32;
            sc += 8;
        }
    }
}

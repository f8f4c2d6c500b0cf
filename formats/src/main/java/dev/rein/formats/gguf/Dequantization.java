package dev.rein.formats.gguf;

import dev.rein.tensor.FloatFormats;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Decodes ggml's block formats to float32, bit for bit as ggml's {@code dequantize_row_*} functions do: every product
 * and difference is one float32 operation in the reference's order (no fused multiply-add), and fp16 scales widen
 * exactly.
 * <ul>
 *   <li>Q8_0, 32 elements in 34 bytes: fp16 {@code d}, 32 int8 {@code q}; {@code x = q * d}.</li>
 *   <li>Q4_0, 32 in 18: fp16 {@code d}, 16 bytes whose low nibbles are elements 0..15 and high nibbles 16..31;
 *       {@code x = (nibble - 8) * d}.</li>
 *   <li>Q4_K, 256 in 144: fp16 {@code d}, fp16 {@code dmin}, 12 bytes holding eight 6-bit scales and eight 6-bit
 *       mins, 128 bytes of nibbles; each 64 elements use two sub-blocks of 32 (low nibbles, then high nibbles of the
 *       same 32 bytes); {@code x = (d * scale) * nibble - (dmin * min)}.</li>
 *   <li>Q6_K, 256 in 210: 128 bytes of low nibbles {@code ql}, 64 bytes of high 2-bit pairs {@code qh}, 16 int8
 *       scales, fp16 {@code d}; {@code x = (d * scale) * (q - 32)} with {@code q} six bits.</li>
 * </ul>
 * F32, F16 and BF16 are widened element by element.
 */
public final class Dequantization {
    static final int QK = 32;
    static final int QK_K = 256;
    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Dequantization() {
    }

    /**
     * Decodes {@code out.length} elements of {@code type} stored in {@code data} from its first byte;
     * {@code out.length} must be a multiple of the type's block size and {@code data} must hold the blocks.
     *
     * @throws IllegalArgumentException for a type Rein does not decode
     */
    public static void decode(GgufTensorType type, MemorySegment data, float[] out) {
        int blocks = out.length / type.blockElements();
        for (int block = 0; block < blocks; block++) {
            long at = (long) block * type.blockBytes();
            int first = block * type.blockElements();
            switch (type) {
                case F32 -> out[first] = data.get(F32, at);
                case F16 -> out[first] = FloatFormats.f16ToFloat(data.get(F16, at));
                case BF16 -> out[first] = FloatFormats.bf16ToFloat(data.get(F16, at));
                case Q8_0 -> q8_0(data, at, out, first);
                case Q4_0 -> q4_0(data, at, out, first);
                case Q4_K -> q4K(data, at, out, first);
                case Q6_K -> q6K(data, at, out, first);
                default -> throw new IllegalArgumentException(type + " is not decoded; Rein decodes "
                        + GgufTensorType.readable());
            }
        }
    }

    private static float half(MemorySegment data, long at) {
        return FloatFormats.f16ToFloat(data.get(F16, at));
    }

    private static int unsigned(MemorySegment data, long at) {
        return data.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
    }

    private static void q8_0(MemorySegment data, long at, float[] out, int first) {
        float d = half(data, at);
        for (int j = 0; j < QK; j++) {
            out[first + j] = data.get(ValueLayout.JAVA_BYTE, at + 2 + j) * d;
        }
    }

    private static void q4_0(MemorySegment data, long at, float[] out, int first) {
        float d = half(data, at);
        for (int j = 0; j < QK / 2; j++) {
            int packed = unsigned(data, at + 2 + j);
            out[first + j] = ((packed & 0x0F) - 8) * d;
            out[first + j + QK / 2] = ((packed >>> 4) - 8) * d;
        }
    }

    private static void q4K(MemorySegment data, long at, float[] out, int first) {
        float d = half(data, at);
        float dmin = half(data, at + 2);
        long scales = at + 4;
        long quants = at + 16;
        int y = first;
        for (int j = 0, sub = 0; j < QK_K; j += 64, sub += 2) {
            float d1 = d * Q4KScales.scale(data, scales, sub);
            float m1 = dmin * Q4KScales.min(data, scales, sub);
            float d2 = d * Q4KScales.scale(data, scales, sub + 1);
            float m2 = dmin * Q4KScales.min(data, scales, sub + 1);
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
        for (int n = 0; n < QK_K; n += 128) {
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

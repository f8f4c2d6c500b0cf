package dev.rein.formats.gguf;

import dev.rein.tensor.FloatFormats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes float32 rows in ggml's block formats exactly as ggml's reference quantisers do
 * ({@code quantize_row_q8_0_ref}, {@code quantize_row_q4_0_ref}, {@code quantize_row_q4_K_ref}), float32 arithmetic
 * in the same order, so that a file Rein writes holds the bytes llama.cpp's own conversion of the same weights holds:
 * <ul>
 *   <li>Q8_0: {@code d = max|x| / 127}, {@code q = roundf(x / d)} (halves away from zero).</li>
 *   <li>Q4_0: {@code d = m / -8} with {@code m} the element of largest magnitude (the first one on ties),
 *       {@code q = min(15, (int) (x / d + 8.5))}.</li>
 *   <li>Q4_K: per sub-block of 32 a scale and a min fitted by ggml's {@code make_qkx2_quants} (weights
 *       {@code sqrt(mean x^2) + |x|}, 21 trial scales), both quantised to six bits against the block's largest
 *       scale and min, then the elements re-quantised to four bits against the stored values.</li>
 * </ul>
 * Quantities are {@code 1 / d} multiplied in, as the reference does, not divided.
 */
public final class Quantization {
    private Quantization() {
    }

    /** The bytes of {@code row} (a multiple of the type's block size of elements) encoded as {@code type}. */
    public static byte[] encode(GgufTensorType type, float[] row) {
        ByteBuffer out = ByteBuffer.allocate((int) type.byteSize(row.length)).order(ByteOrder.LITTLE_ENDIAN);
        for (int first = 0; first < row.length; first += type.blockElements()) {
            switch (type) {
                case F32 -> out.putFloat(row[first]);
                case F16 -> out.putShort(FloatFormats.floatToF16(row[first]));
                case BF16 -> out.putShort(FloatFormats.floatToBf16(row[first]));
                case Q8_0 -> q8_0(row, first, out);
                case Q4_0 -> q4_0(row, first, out);
                case Q4_K -> Q4KQuantizer.block(row, first, out);
                case Q6_K -> Q6KQuantizer.block(row, first, out);
                default -> throw new IllegalArgumentException("Rein does not write " + type + "; it writes F32, F16, "
                        + "BF16, Q8_0, Q4_0, Q4_K and Q6_K");
            }
        }
        return out.array();
    }

    private static void q8_0(float[] x, int first, ByteBuffer out) {
        float amax = 0;
        for (int j = 0; j < Dequantization.QK; j++) amax = Math.max(amax, Math.abs(x[first + j]));
        float d = amax / 127;
        float id = d != 0 ? 1.0f / d : 0.0f;
        out.putShort(FloatFormats.floatToF16(d));
        for (int j = 0; j < Dequantization.QK; j++) out.put((byte) roundHalfAwayFromZero(x[first + j] * id));
    }

    private static void q4_0(float[] x, int first, ByteBuffer out) {
        float amax = 0;
        float max = 0;
        for (int j = 0; j < Dequantization.QK; j++) {
            float value = x[first + j];
            if (amax < Math.abs(value)) {
                amax = Math.abs(value);
                max = value;
            }
        }
        float d = max / -8;
        float id = d != 0 ? 1.0f / d : 0.0f;
        out.putShort(FloatFormats.floatToF16(d));
        int half = Dequantization.QK / 2;
        for (int j = 0; j < half; j++) {
            int low = Math.min(15, (byte) (int) (x[first + j] * id + 8.5f));
            int high = Math.min(15, (byte) (int) (x[first + half + j] * id + 8.5f));
            out.put((byte) (low | (high << 4)));
        }
    }

    /** C's {@code roundf}: to the nearest integer, halves away from zero. */
    static int roundHalfAwayFromZero(float value) {
        return (int) Math.copySign(Math.floor(Math.abs((double) value) + 0.5), value);
    }

    /** ggml's {@code nearest_int}: to the nearest integer, halves to even. */
    static int nearestInt(float value) {
        return (int) Math.rint(value);
    }
}

package dev.rein.formats.gguf;

import dev.rein.tensor.FloatFormats;
import java.nio.ByteBuffer;

/**
 * ggml's reference Q6_K quantiser ({@code quantize_row_q6_K_ref}): each sub-block of 16 gets a scale from
 * {@code make_qx_quants(16, 32, x, L, 1, NULL)} (quants in -32..31 for 19 trial scales around {@code -32 / max},
 * the one with the best weighted least-squares fit, weights x^2); the 16 scales become int8 multiples of
 * {@code d = max scale / -128} (the scale of largest magnitude, sign kept), and the elements are quantised again
 * against the stored {@code d * scale}. The 6-bit quants {@code q + 32} are packed as {@link Dequantization} reads
 * them: low nibbles in {@code ql}, top two bits in {@code qh}.
 */
final class Q6KQuantizer {
    private static final int SUB = 16;
    private static final int SUBS = Dequantization.QK_K / SUB;
    private static final int NMAX = 32;
    private static final float GROUP_MAX_EPS = 1e-15f;

    private Q6KQuantizer() {
    }

    static void block(float[] x, int first, ByteBuffer out) {
        int[] levels = new int[Dequantization.QK_K];
        float[] scales = new float[SUBS];
        float maxScale = 0;
        float maxAbsScale = 0;
        for (int ib = 0; ib < SUBS; ib++) {
            scales[ib] = fitScale(x, first + SUB * ib, levels, SUB * ib);
            if (Math.abs(scales[ib]) > maxAbsScale) {
                maxAbsScale = Math.abs(scales[ib]);
                maxScale = scales[ib];
            }
        }
        if (maxAbsScale < GROUP_MAX_EPS) {
            out.put(new byte[Dequantization.QK_K / 2 + Dequantization.QK_K / 4 + SUBS]);
            out.putShort(FloatFormats.floatToF16(0f));
            return;
        }
        float iscale = -128f / maxScale;
        short d = FloatFormats.floatToF16(1 / iscale);
        byte[] stored = new byte[SUBS];
        for (int ib = 0; ib < SUBS; ib++) stored[ib] = (byte) Math.min(127, Quantization.nearestInt(iscale * scales[ib]));
        for (int j = 0; j < SUBS; j++) {
            float sd = FloatFormats.f16ToFloat(d) * stored[j];
            if (sd == 0) continue;
            for (int ii = 0; ii < SUB; ii++) {
                int l = Quantization.nearestInt(x[first + SUB * j + ii] / sd);
                levels[SUB * j + ii] = Math.max(-32, Math.min(31, l)) + 32;
            }
        }
        byte[] ql = new byte[Dequantization.QK_K / 2];
        byte[] qh = new byte[Dequantization.QK_K / 4];
        for (int j = 0, lo = 0, hi = 0; j < Dequantization.QK_K; j += 128, lo += 64, hi += 32) {
            for (int l = 0; l < 32; l++) {
                int q1 = levels[j + l];
                int q2 = levels[j + l + 32];
                int q3 = levels[j + l + 64];
                int q4 = levels[j + l + 96];
                ql[lo + l] = (byte) ((q1 & 0xF) | ((q3 & 0xF) << 4));
                ql[lo + l + 32] = (byte) ((q2 & 0xF) | ((q4 & 0xF) << 4));
                qh[hi + l] = (byte) ((q1 >> 4) | ((q2 >> 4) << 2) | ((q3 >> 4) << 4) | ((q4 >> 4) << 6));
            }
        }
        out.put(ql).put(qh).put(stored).putShort(d);
    }

    /**
     * {@code make_qx_quants(16, 32, x, L, 1, NULL)}: the scale of x[start, start + 16) and its quants (stored with
     * the offset 32) in levels[at ...]; 0 for an all-zero sub-block.
     */
    private static float fitScale(float[] x, int start, int[] levels, int at) {
        float max = 0;
        float amax = 0;
        for (int i = 0; i < SUB; i++) {
            float ax = Math.abs(x[start + i]);
            if (ax > amax) {
                amax = ax;
                max = x[start + i];
            }
        }
        if (amax < GROUP_MAX_EPS) {
            for (int i = 0; i < SUB; i++) levels[at + i] = 0;
            return 0f;
        }
        float iscale = -NMAX / max;
        float sumlx = 0;
        float suml2 = 0;
        for (int i = 0; i < SUB; i++) {
            int l = level(iscale, x[start + i]);
            levels[at + i] = l + NMAX;
            float w = x[start + i] * x[start + i];
            sumlx += w * x[start + i] * l;
            suml2 += w * l * l;
        }
        float scale = suml2 != 0 ? sumlx / suml2 : 0f;
        float best = scale * sumlx;
        for (int is = -9; is <= 9; is++) {
            if (is == 0) continue;
            iscale = -(NMAX + 0.1f * is) / max;
            sumlx = 0;
            suml2 = 0;
            for (int i = 0; i < SUB; i++) {
                int l = level(iscale, x[start + i]);
                float w = x[start + i] * x[start + i];
                sumlx += w * x[start + i] * l;
                suml2 += w * l * l;
            }
            if (suml2 > 0 && sumlx * sumlx > best * suml2) {
                for (int i = 0; i < SUB; i++) levels[at + i] = NMAX + level(iscale, x[start + i]);
                scale = sumlx / suml2;
                best = scale * sumlx;
            }
        }
        return scale;
    }

    private static int level(float iscale, float x) {
        return Math.max(-NMAX, Math.min(NMAX - 1, Quantization.nearestInt(iscale * x)));
    }
}

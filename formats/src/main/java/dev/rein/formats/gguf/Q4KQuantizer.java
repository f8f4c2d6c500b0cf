package dev.rein.formats.gguf;

import dev.rein.tensor.FloatFormats;
import java.nio.ByteBuffer;

/**
 * ggml's reference Q4_K quantiser ({@code quantize_row_q4_K_ref} with {@code make_qkx2_quants(32, 15, ..., -1, 0.1,
 * 20)}): for each sub-block of 32 it fits {@code x ~ scale * q - min} with {@code q} in 0..15 by weighted least
 * squares over 21 trial scales, then stores the eight scales and mins as six-bit multiples of the block's
 * {@code d = max scale / 63} and {@code dmin = max min / 63}, and quantises the elements against the stored values.
 */
final class Q4KQuantizer {
    private static final int SUB = 32;
    private static final int SUBS = Dequantization.QK_K / SUB;
    private static final int NMAX = 15;

    private Q4KQuantizer() {
    }

    static void block(float[] x, int first, ByteBuffer out) {
        int[] levels = new int[Dequantization.QK_K];
        float[] scales = new float[SUBS];
        float[] mins = new float[SUBS];
        float maxScale = 0;
        float maxMin = 0;
        float[] weights = new float[SUB];
        for (int j = 0; j < SUBS; j++) {
            int start = first + SUB * j;
            float sumX2 = 0;
            for (int l = 0; l < SUB; l++) sumX2 += x[start + l] * x[start + l];
            float average = (float) Math.sqrt(sumX2 / SUB);
            for (int l = 0; l < SUB; l++) weights[l] = average + Math.abs(x[start + l]);
            float[] minOut = new float[1];
            scales[j] = fitScaleAndMin(x, start, weights, levels, SUB * j, minOut);
            mins[j] = minOut[0];
            if (scales[j] > maxScale) maxScale = scales[j];
            if (mins[j] > maxMin) maxMin = mins[j];
        }
        float inverseScale = maxScale > 0 ? 63.f / maxScale : 0.f;
        float inverseMin = maxMin > 0 ? 63.f / maxMin : 0.f;
        int[] sixBitScales = new int[SUBS];
        int[] sixBitMins = new int[SUBS];
        for (int j = 0; j < SUBS; j++) {
            sixBitScales[j] = Math.min(63, Quantization.nearestInt(inverseScale * scales[j]) & 0xFF);
            sixBitMins[j] = Math.min(63, Quantization.nearestInt(inverseMin * mins[j]) & 0xFF);
        }
        short d = FloatFormats.floatToF16(maxScale / 63.f);
        short dmin = FloatFormats.floatToF16(maxMin / 63.f);
        for (int j = 0; j < SUBS; j++) {
            float scale = FloatFormats.f16ToFloat(d) * sixBitScales[j];
            if (scale == 0) continue;
            float offset = FloatFormats.f16ToFloat(dmin) * sixBitMins[j];
            for (int i = 0; i < SUB; i++) {
                int level = Quantization.nearestInt((x[first + SUB * j + i] + offset) / scale);
                levels[SUB * j + i] = Math.max(0, Math.min(NMAX, level));
            }
        }
        out.putShort(d);
        out.putShort(dmin);
        out.put(Q4KScales.pack(sixBitScales, sixBitMins));
        for (int j = 0; j < Dequantization.QK_K; j += 64) {
            for (int l = 0; l < 32; l++) out.put((byte) (levels[j + l] | (levels[j + l + 32] << 4)));
        }
    }

    /**
     * ggml's {@code make_qkx2_quants(32, 15, x, weights, L, &the_min, Laux, -1, 0.1, 20, false)}: writes the
     * levels of the sub-block at {@code x[start..start+32)} into {@code levels[at..at+32)} and returns the scale;
     * {@code minOut[0]} receives the (non-negative) min.
     */
    private static float fitScaleAndMin(float[] x, int start, float[] weights, int[] levels, int at,
            float[] minOut) {
        float rmin = -1f;
        float rdelta = 0.1f;
        int nstep = 20;
        float min = x[start];
        float max = x[start];
        float sumW = weights[0];
        float sumX = sumW * x[start];
        for (int i = 1; i < SUB; i++) {
            float value = x[start + i];
            if (value < min) min = value;
            if (value > max) max = value;
            float w = weights[i];
            sumW += w;
            sumX += w * value;
        }
        if (min > 0) min = 0;
        if (max == min) {
            for (int i = 0; i < SUB; i++) levels[at + i] = 0;
            minOut[0] = -min;
            return 0.f;
        }
        float iscale = NMAX / (max - min);
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < SUB; i++) {
            int l = Quantization.nearestInt(iscale * (x[start + i] - min));
            levels[at + i] = Math.max(0, Math.min(NMAX, l));
            float diff = scale * levels[at + i] + min - x[start + i];
            bestError += weights[i] * (diff * diff);
        }
        int[] trial = new int[SUB];
        for (int is = 0; is <= nstep; is++) {
            iscale = (rmin + rdelta * is + NMAX) / (max - min);
            float sumL = 0;
            float sumL2 = 0;
            float sumXL = 0;
            for (int i = 0; i < SUB; i++) {
                int l = Math.max(0, Math.min(NMAX, Quantization.nearestInt(iscale * (x[start + i] - min))));
                trial[i] = l;
                float w = weights[i];
                sumL += w * l;
                sumL2 += w * l * l;
                sumXL += w * l * x[start + i];
            }
            float determinant = sumW * sumL2 - sumL * sumL;
            if (determinant > 0) {
                float thisScale = (sumW * sumXL - sumX * sumL) / determinant;
                float thisMin = (sumL2 * sumX - sumL * sumXL) / determinant;
                if (thisMin > 0) {
                    thisMin = 0;
                    thisScale = sumXL / sumL2;
                }
                float error = 0;
                for (int i = 0; i < SUB; i++) {
                    float diff = thisScale * trial[i] + thisMin - x[start + i];
                    error += weights[i] * (diff * diff);
                }
                if (error < bestError) {
                    System.arraycopy(trial, 0, levels, at, SUB);
                    bestError = error;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        minOut[0] = -min;
        return scale;
    }
}

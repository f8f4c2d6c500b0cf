package dev.rein.models.transformer;

import dev.rein.formats.config.Rope;
import dev.rein.formats.config.RopeScaling;
import dev.rein.tensor.Tensor;

/**
 * The inverse frequencies [headDim / 2] of rotary embedding for one kind of layer, with Hugging Face's scaling rules
 * ({@code ROPE_INIT_FUNCTIONS} in transformers' modeling_rope_utils), computed in float as transformers does.
 */
final class RotaryFrequencies {
    private RotaryFrequencies() {
    }

    static Tensor of(Rope rope, int headDim) {
        float[] f = new float[headDim / 2];
        for (int i = 0; i < f.length; i++) {
            // torch: 1.0 / (base ** (arange(0, dim, 2).float() / dim)), the power taken in float
            float exponent = (float) (2 * i) / headDim;
            f[i] = 1f / (float) Math.pow((float) rope.theta(), exponent);
        }
        switch (rope.scaling()) {
            case RopeScaling.None none -> {
            }
            case RopeScaling.Linear linear -> {
                for (int i = 0; i < f.length; i++) {
                    f[i] = f[i] / (float) linear.factor();
                }
            }
            case RopeScaling.Llama3 llama3 -> applyLlama3(f, llama3);
        }
        return Tensor.of(f);
    }

    /**
     * Llama 3.1: keep high frequencies (wavelength below original / highFreqFactor), divide low ones (wavelength
     * above original / lowFreqFactor) by factor, and blend linearly in between.
     */
    private static void applyLlama3(float[] f, RopeScaling.Llama3 s) {
        double lowFreqWavelength = s.originalMaxPositions() / s.lowFreqFactor();
        double highFreqWavelength = s.originalMaxPositions() / s.highFreqFactor();
        for (int i = 0; i < f.length; i++) {
            double wavelength = 2 * Math.PI / f[i];
            if (wavelength > lowFreqWavelength) {
                f[i] = (float) (f[i] / s.factor());
            } else if (wavelength >= highFreqWavelength) {
                double smooth = (s.originalMaxPositions() / wavelength - s.lowFreqFactor())
                        / (s.highFreqFactor() - s.lowFreqFactor());
                f[i] = (float) ((1 - smooth) * f[i] / s.factor() + smooth * f[i]);
            }
        }
    }
}

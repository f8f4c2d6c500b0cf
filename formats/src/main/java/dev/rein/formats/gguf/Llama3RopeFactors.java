package dev.rein.formats.gguf;

import dev.rein.formats.config.RopeScaling;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Llama 3's rotary scaling as GGUF stores it: not as settings but as {@code rope_freqs.weight}, one divisor per
 * rotary frequency (1 for high frequencies, {@code factor} for low ones, a blend in between), as llama.cpp's
 * converter computes it ({@code LlamaModel.generate_extra_tensors}). {@link #of} computes the divisors from the
 * settings; {@link #fit} finds settings that give stored divisors back: the blend depends on the settings only
 * through {@code original / (high - low)} and {@code low / (high - low)}, so two blended divisors determine it
 * (with {@code low_freq_factor} 1), and files without two (small heads) are matched against Llama 3's published
 * factors (low 1, high 4) with the original context of {@code rope.scaling.original_context_length} (which Rein
 * writes), else 8192 (Llama 3.1 and 3.2).
 */
final class Llama3RopeFactors {
    private static final double TOLERANCE = 1e-4;

    private Llama3RopeFactors() {
    }

    /** The divisor of each of the {@code headDim / 2} frequencies. */
    static float[] of(RopeScaling.Llama3 scaling, double theta, int headDim) {
        double lowWavelength = scaling.originalMaxPositions() / scaling.lowFreqFactor();
        double highWavelength = scaling.originalMaxPositions() / scaling.highFreqFactor();
        float[] factors = new float[headDim / 2];
        for (int i = 0; i < factors.length; i++) {
            double wavelength = 2 * Math.PI * Math.pow(theta, (double) (2 * i) / headDim);
            if (wavelength < highWavelength) {
                factors[i] = 1f;
            } else if (wavelength > lowWavelength) {
                factors[i] = (float) scaling.factor();
            } else {
                double smooth = (scaling.originalMaxPositions() / wavelength - scaling.lowFreqFactor())
                        / (scaling.highFreqFactor() - scaling.lowFreqFactor());
                factors[i] = (float) (1 / ((1 - smooth) / scaling.factor() + smooth));
            }
        }
        return factors;
    }

    /**
     * Settings that reproduce {@code stored} (within 1e-4 relative), if any.
     *
     * @param originalContext the original context the file names, or 0
     */
    static Optional<RopeScaling.Llama3> fit(float[] stored, double theta, int headDim, long originalContext) {
        double factor = 1;
        for (float value : stored) factor = Math.max(factor, value);
        List<RopeScaling.Llama3> candidates = new ArrayList<>();
        if (originalContext > 0 && originalContext <= Integer.MAX_VALUE) {
            candidates.add(new RopeScaling.Llama3(factor, 1, 4, (int) originalContext));
        }
        candidates.add(new RopeScaling.Llama3(factor, 1, 4, 8192));
        List<double[]> blended = new ArrayList<>(); // {1 / wavelength, smooth}
        for (int i = 0; i < stored.length; i++) {
            if (stored[i] > 1 + TOLERANCE && stored[i] < factor * (1 - TOLERANCE)) {
                double wavelength = 2 * Math.PI * Math.pow(theta, (double) (2 * i) / headDim);
                double smooth = (1 / stored[i] - 1 / factor) / (1 - 1 / factor);
                blended.add(new double[] {1 / wavelength, smooth});
            }
        }
        if (blended.size() >= 2) {
            double[] first = blended.getFirst();
            double[] last = blended.getLast();
            double a = (first[1] - last[1]) / (first[0] - last[0]);
            double b = a * first[0] - first[1];
            if (a > 0 && b > 0) {
                candidates.add(new RopeScaling.Llama3(factor, 1, 1 + 1 / b, (int) Math.round(a / b)));
            }
        }
        for (RopeScaling.Llama3 candidate : candidates) {
            float[] computed = of(candidate, theta, headDim);
            boolean matches = true;
            for (int i = 0; i < stored.length && matches; i++) {
                matches = Math.abs(computed[i] - stored[i]) <= TOLERANCE * Math.abs(stored[i]);
            }
            if (matches) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}

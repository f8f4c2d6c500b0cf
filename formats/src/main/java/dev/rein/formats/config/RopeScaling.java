package dev.rein.formats.config;

/**
 * How the rotary frequencies are stretched for contexts longer than the model was trained on (Hugging Face's
 * {@code rope_scaling}, or the scaling part of {@code rope_parameters}). Rein implements the types below; others
 * (yarn, dynamic, longrope, ...) are rejected when the config is read.
 */
public sealed interface RopeScaling {

    /** Plain RoPE: HF {@code rope_scaling} null or {@code rope_type} "default". */
    record None() implements RopeScaling {
    }

    /** HF {@code rope_type} "linear": every position is divided by {@code factor} (equivalently, every frequency). */
    record Linear(double factor) implements RopeScaling {
    }

    /**
     * HF {@code rope_type} "llama3" (Llama 3.1): wavelengths shorter than
     * {@code originalMaxPositions / highFreqFactor} are kept, those longer than
     * {@code originalMaxPositions / lowFreqFactor} are divided by {@code factor}, and those between are blended
     * smoothly.
     */
    record Llama3(double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions)
            implements RopeScaling {
    }
}

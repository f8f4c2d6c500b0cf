package dev.rein.steering.cogsteer;

import dev.rein.models.generation.SamplingSettings;

/**
 * CogSteer's sampling for the toxicity evaluation (METHODS.md 4.3, the GPT-2 and Mistral scripts): temperature 1,
 * top_p 0.9 (top_k off), 20 new tokens, {@value #SAMPLES_PER_PROMPT} samples per prompt. The scripts' seed 42 is
 * left to the caller.
 */
public final class CogSteerSampling {
    /** Continuations sampled per prompt (k of Expected Maximum Toxicity). */
    public static final int SAMPLES_PER_PROMPT = 25;

    private CogSteerSampling() {
    }

    /** {@code builder} with CogSteer's sampling set; later calls on the builder override it. */
    public static SamplingSettings.Builder apply(SamplingSettings.Builder builder) {
        return builder.sample().temperature(1).topP(0.9).topK(0).maxNewTokens(20)
                .numReturnSequences(SAMPLES_PER_PROMPT);
    }
}

package dev.rein.steering.ctrl;

import dev.rein.models.generation.SamplingSettings;

/**
 * The seed's sampling when it evaluates (METHODS.md 2.4, its main1 configuration): sampling with top_p 0.7, top_k 0
 * (off), temperature 1, no_repeat_ngram_size 1 (no token ever repeats, prompt included), at most 70 new tokens and a
 * min_length of 40 that counts the prompt, as Hugging Face's does.
 */
public final class CtrlSampling {
    private CtrlSampling() {
    }

    /** {@code builder} with the seed's sampling set; later calls on the builder override it. */
    public static SamplingSettings.Builder apply(SamplingSettings.Builder builder) {
        return builder.sample().topP(0.7).topK(0).temperature(1).noRepeatNgramSize(1).maxNewTokens(70).minLength(40);
    }
}

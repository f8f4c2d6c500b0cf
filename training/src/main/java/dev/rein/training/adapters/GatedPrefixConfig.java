package dev.rein.training.adapters;

/**
 * The settings of a LLaMA-Adapter v1 gated prompt (METHODS 4.2, CogSteer's LLaMA path): a learnable prompt of
 * {@code length} vectors that the queries of one decoder layer attend to, beside the sequence.
 *
 * @param layer     the decoder layer
 * @param length    the prompt's number of vectors (adapter_len; 10 in CogSteer)
 * @param promptStd the standard deviation of the prompt's normal initialisation (1, as {@code nn.Embedding} draws
 *                  LLaMA-Adapter's adapter_query); the gate starts at 0 whatever the prompt, so the adapted model
 *                  starts equal to the base
 */
public record GatedPrefixConfig(int layer, int length, double promptStd) {

    /** nn.Embedding's initialisation, which LLaMA-Adapter's prompt uses. */
    public static final double DEFAULT_PROMPT_STD = 1.0;

    /** @throws IllegalArgumentException naming the setting that is out of range */
    public GatedPrefixConfig {
        if (layer < 0) {
            throw new IllegalArgumentException("prefix layer must be non-negative, got " + layer);
        }
        if (length < 1) {
            throw new IllegalArgumentException("prefix length must be at least 1, got " + length);
        }
        if (!(promptStd > 0) || Double.isInfinite(promptStd)) {
            throw new IllegalArgumentException("prompt standard deviation must be positive and finite, got "
                    + promptStd);
        }
    }

    /** A prompt of {@code length} vectors in {@code layer}, drawn as LLaMA-Adapter draws it. */
    public static GatedPrefixConfig of(int layer, int length) {
        return new GatedPrefixConfig(layer, length, DEFAULT_PROMPT_STD);
    }
}

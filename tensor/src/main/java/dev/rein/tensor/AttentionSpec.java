package dev.rein.tensor;

/**
 * The knobs of scaled dot-product attention that differ between model families.
 *
 * @param scale         multiplier of q.k (usually 1/sqrt(head_dim); Gemma 2 uses query_pre_attn_scalar)
 * @param causal        query i (at absolute position {@code Tk - Tq + i}) sees only keys at positions <= its own
 * @param slidingWindow if > 0, a query also sees only the last {@code slidingWindow} keys (Mistral, Gemma 2/3 local)
 * @param softcap       if > 0, scores become {@code softcap * tanh(scores / softcap)} before masking (Gemma 2)
 */
public record AttentionSpec(float scale, boolean causal, int slidingWindow, float softcap) {
    /** Causal attention with the usual 1/sqrt(head_dim) scale and nothing else. */
    public static AttentionSpec causal(int headDim) {
        return new AttentionSpec((float) (1.0 / Math.sqrt(headDim)), true, 0, 0f);
    }
}

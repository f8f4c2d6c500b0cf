package dev.rein.models.hooks;

import dev.rein.models.hooks.HookPoint.Kind;


/**
 * The names of the places where a forward pass can be read and edited, in TransformerLens's style. Shapes, with B the
 * batch, T the positions of this pass (the whole prompt, or the new token while generating with a KV cache), Tk the
 * positions attended to (cache included), H the hidden size, Hq / Hkv the query / key-value heads and D the head
 * width:
 * <pre>
 * hook_embed                        [B, T, H]    token embeddings (Gemma: already times sqrt(H))
 * hook_pos_embed                    [B, T, H]    GPT-2's learned position embeddings
 * blocks.{i}.hook_resid_pre         [B, T, H]    the residual stream entering block i
 * blocks.{i}.attn.hook_q            [B, Hq, T, D]   queries, after q_norm, before rotary embedding
 * blocks.{i}.attn.hook_k            [B, Hkv, T, D]  keys, after k_norm, before rotary embedding
 * blocks.{i}.attn.hook_v            [B, Hkv, T, D]  values
 * blocks.{i}.attn.hook_rot_q        [B, Hq, T, D]   queries after rotary embedding (rotary models only)
 * blocks.{i}.attn.hook_rot_k        [B, Hkv, T, D]  keys after rotary embedding, as the KV cache stores them
 *                                                   (rotary models only)
 * blocks.{i}.attn.hook_pattern      [B, Hq, T, Tk]  attention probabilities (computed step by step when hooked)
 * blocks.{i}.attn.hook_z            [B, Hq, T, D]   per-head attention output before the output projection
 * blocks.{i}.hook_attn_out          [B, T, H]    attention branch output (Gemma 2/3: after its post-norm)
 * blocks.{i}.hook_resid_mid         [B, T, H]    residual stream between attention and MLP
 * blocks.{i}.hook_mlp_out           [B, T, H]    MLP branch output (Gemma 2/3: after its post-norm)
 * blocks.{i}.hook_resid_post        [B, T, H]    the residual stream leaving block i
 * ln_final.hook_normalized          [B, T, H]    final normed state, the input of the LM head
 * logits                            [B, T', V]   T' = T, or 1 when only the last position's logits are computed
 * </pre>
 * These are the public spelling; {@link HookPoint} is the typed value a name parses to, and each model's points are
 * built once ({@link ModelHookPoints}).
 */
public final class HookPoints {
    public static final String EMBED = "hook_embed";
    public static final String POS_EMBED = "hook_pos_embed";
    public static final String FINAL_NORMALIZED = "ln_final.hook_normalized";
    public static final String LOGITS = "logits";

    private HookPoints() {
    }

    public static String residPre(int layer) {
        return name(Kind.RESID_PRE, layer);
    }

    public static String query(int layer) {
        return name(Kind.QUERY, layer);
    }

    public static String key(int layer) {
        return name(Kind.KEY, layer);
    }

    public static String value(int layer) {
        return name(Kind.VALUE, layer);
    }

    /** Queries after rotary embedding, what attention multiplies with the keys; only models with rotary positions. */
    public static String rotatedQuery(int layer) {
        return name(Kind.ROTATED_QUERY, layer);
    }

    /** Keys after rotary embedding; only models with rotary positions. */
    public static String rotatedKey(int layer) {
        return name(Kind.ROTATED_KEY, layer);
    }

    public static String pattern(int layer) {
        return name(Kind.PATTERN, layer);
    }

    public static String z(int layer) {
        return name(Kind.Z, layer);
    }

    public static String attnOut(int layer) {
        return name(Kind.ATTN_OUT, layer);
    }

    public static String residMid(int layer) {
        return name(Kind.RESID_MID, layer);
    }

    public static String mlpOut(int layer) {
        return name(Kind.MLP_OUT, layer);
    }

    public static String residPost(int layer) {
        return name(Kind.RESID_POST, layer);
    }

    private static String name(Kind kind, int layer) {
        return HookPoint.of(kind, layer).name();
    }
}

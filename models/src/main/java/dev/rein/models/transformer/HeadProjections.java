package dev.rein.models.transformer;

import dev.rein.autograd.Variable;

/**
 * The queries, keys and values one block computes from its attention input, split into heads, after Qwen3/Gemma 3's
 * q/k norms and before rotary embedding (what {@code hook_q}, {@code hook_k} and {@code hook_v} see).
 *
 * @param queries [B, Hq, T, D]
 * @param keys    [B, Hkv, T, D]
 * @param values  [B, Hkv, T, D]
 */
public record HeadProjections(Variable queries, Variable keys, Variable values) {
}

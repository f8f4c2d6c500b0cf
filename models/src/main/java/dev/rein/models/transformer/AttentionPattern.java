package dev.rein.models.transformer;

import dev.rein.autograd.AttentionFunctions;
import dev.rein.autograd.Variable;
import dev.rein.models.hooks.HookPoint;
import dev.rein.models.hooks.Hooks;
import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.Tensor;

/**
 * Attention computed step by step, so that the probabilities exist as a tensor a hook can read or replace
 * ({@code attn.hook_pattern}). It masks and caps exactly as the fused kernel; the model uses it only for layers whose
 * pattern is hooked.
 */
final class AttentionPattern {
    private AttentionPattern() {
    }

    /** q [B, Hq, T, D], k and v [B, Hkv, Tk, D] -> z [B, Hq, T, D], the pattern passing {@code patternPoint}. */
    static Variable attend(Variable q, Variable k, Variable v, AttentionSpec spec, HookPoint patternPoint,
                           ForwardPass pass) {
        Hooks hooks = pass.hooks();
        int start = pass.start();
        int heads = q.size(1);
        Variable keys = repeatKvHeads(k, heads);                                  // [B, Hq, Tk, D]
        Variable values = repeatKvHeads(v, heads);
        Variable scores = q.matmul(keys.mT()).mul(spec.scale());                  // [B, Hq, T, Tk]
        if (spec.softcap() > 0f) {
            scores = scores.softcap(spec.softcap());
        }
        Tensor mask = AttentionFunctions.visibility(q.size(2), k.size(2), spec);    // [T, Tk]
        if (pass.paddingMask() != null) {
            mask = mask.add(pass.paddingMask());                                    // [B, 1, T, Tk]
        }
        Variable pattern = hooks.run(patternPoint, start,
                scores.add(Variable.constant(mask)).softmax(-1));
        return pattern.matmul(values);
    }

    /** [B, Hkv, Tk, D] -> [B, Hq, Tk, D], each KV head repeated for the query heads of its group. */
    private static Variable repeatKvHeads(Variable x, int heads) {
        int kvHeads = x.size(1);
        if (kvHeads == heads) {
            return x;
        }
        int b = x.size(0);
        int tk = x.size(2);
        int d = x.size(3);
        return x.unsqueeze(2).expand(b, kvHeads, heads / kvHeads, tk, d).reshape(b, heads, tk, d);
    }
}

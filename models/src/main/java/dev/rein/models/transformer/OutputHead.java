package dev.rein.models.transformer;

import dev.rein.autograd.Variable;
import dev.rein.formats.config.ModelConfig;

/**
 * The end of a pass, from the last residual stream to logits: the final norm, the LM head and Gemma 2's final
 * softcap.
 *
 * @param weight  [vocab, hidden]; the token table itself when the embeddings are tied
 * @param softcap {@code cap} of {@code cap * tanh(logits / cap)}, 0 for none
 */
public record OutputHead(Normalization norm, NormWeights finalNorm, Variable weight, float softcap) {

    static OutputHead of(ModelConfig config, TransformerWeights weights) {
        return new OutputHead(Normalization.of(config), weights.finalNorm(), weights.lmHead(),
                (float) config.finalLogitSoftcapping().orElse(0));
    }
}

package dev.rein.models.transformer;

import dev.rein.autograd.Variable;
import dev.rein.formats.config.ModelConfig;

/**
 * How token ids become the residual stream: a row of the token table times {@code scale} (sqrt(hidden) for the
 * Gemma families, else 1), plus GPT-2's learned position row.
 *
 * @param tokens    [vocab, hidden]
 * @param positions [maxPositions, hidden] for learned positions, else null (rotary families)
 */
public record Embedding(Variable tokens, Variable positions, float scale) {

    static Embedding of(ModelConfig config, TransformerWeights weights) {
        float scale = config.family().isGemma() ? (float) Math.sqrt(config.hiddenSize()) : 1f;
        return new Embedding(weights.tokenEmbedding(), weights.positionEmbedding(), scale);
    }
}

package dev.rein.models.transformer;

import dev.rein.autograd.Variable;
import java.util.List;

/**
 * Every weight of a decoder-only transformer, grouped by where it acts.
 *
 * @param tokenEmbedding    [vocab, hidden]
 * @param positionEmbedding [maxPositions, hidden] for GPT-2's learned positions, else null
 * @param layers            one entry per decoder block
 * @param finalNorm         the norm before the output projection
 * @param lmHead            [vocab, hidden]; the token embedding itself when the embeddings are tied
 */
public record TransformerWeights(
        Variable tokenEmbedding,
        Variable positionEmbedding,
        List<LayerWeights> layers,
        NormWeights finalNorm,
        Variable lmHead) {

    public TransformerWeights {
        layers = List.copyOf(layers);
    }
}

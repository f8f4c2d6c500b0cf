package dev.rein.models.transformer;

import dev.rein.autograd.Variable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every weight of a decoder-only transformer, grouped by where it acts.
 *
 * @param tokenEmbedding    [vocab, hidden]
 * @param positionEmbedding [maxPositions, hidden] for GPT-2's learned positions, else null
 * @param layers            one entry per decoder block
 * @param finalNorm         the norm before the output projection
 * @param lmHead            [vocab, hidden]; the token embedding itself when the embeddings are tied
 * @param parameters        every stored tensor by its Hugging Face name, as loaded (the fields above are these or
 *                          views of them: GPT-2's transposed and split projections)
 */
public record TransformerWeights(
        Variable tokenEmbedding,
        Variable positionEmbedding,
        List<LayerWeights> layers,
        NormWeights finalNorm,
        Variable lmHead,
        Map<String, Variable> parameters) {

    public TransformerWeights {
        layers = List.copyOf(layers);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The number of stored weight values (each tied tensor counted once). */
    public long parameterCount() {
        return parameters.values().stream().mapToLong(p -> p.value().numel()).sum();
    }
}

package dev.rein.formats.config;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The self-attention of every decoder layer.
 *
 * @param numHeads           query heads
 * @param numKvHeads         key/value heads, dividing {@code numHeads} (fewer: grouped-query attention)
 * @param headDim            width of each head; q has {@code numHeads * headDim} features, which may differ from the
 *                           hidden size (Gemma)
 * @param qkvBias            whether the query, key and value projections have a bias
 * @param outputBias         whether the output projection has a bias (Qwen2 has bias on q/k/v only)
 * @param qkNorm             whether queries and keys are RMS-normalised per head before RoPE (Qwen3, Gemma 3)
 * @param queryPreAttnScalar the scores are {@code q.k / sqrt(queryPreAttnScalar)}: Gemma 2 and 3 set it, the other
 *                           families use {@code headDim}
 * @param logitSoftcapping   when present, scores pass through {@code cap * tanh(score / cap)} (Gemma 2)
 * @param layerTypes         one entry per layer: full or sliding-window attention
 * @param slidingWindow      how many positions a sliding layer sees, the current one included (query q sees key k
 *                           when {@code q - window < k <= q}, as Hugging Face masks it); present exactly when some
 *                           layer slides
 */
public record AttentionSettings(
        int numHeads,
        int numKvHeads,
        int headDim,
        boolean qkvBias,
        boolean outputBias,
        boolean qkNorm,
        double queryPreAttnScalar,
        OptionalDouble logitSoftcapping,
        List<LayerType> layerTypes,
        OptionalInt slidingWindow) {

    public AttentionSettings {
        layerTypes = List.copyOf(layerTypes);
        if (layerTypes.contains(LayerType.SLIDING) != slidingWindow.isPresent()) {
            throw new IllegalArgumentException("slidingWindow must be present exactly when a layer slides");
        }
    }

    /** Number of query heads that share one key/value head. */
    public int groupSize() {
        return numHeads / numKvHeads;
    }
}

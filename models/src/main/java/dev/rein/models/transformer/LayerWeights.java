package dev.rein.models.transformer;

/**
 * The weights of one decoder block. Optional parts are null where the family has none: {@code queryNorm} and
 * {@code keyNorm} (Qwen3, Gemma 3: per-head RMSNorm of queries and keys), {@code postAttentionNorm} and
 * {@code postMlpNorm} (Gemma 2/3: norms of each branch's output), {@code gate} (GPT-2's MLP is not gated).
 *
 * @param query          [numHeads * headDim, hidden]; null when the projections are fused
 * @param key            [numKvHeads * headDim, hidden]; null when fused
 * @param value          [numKvHeads * headDim, hidden]; null when fused
 * @param queryKeyValue  GPT-2's fused projection [3 * hidden, hidden] (query, key, value rows in that order), used
 *                       as stored: one product read as one stream; null for the families that store three
 * @param output [hidden, numHeads * headDim]
 * @param up     [intermediate, hidden]
 * @param down   [hidden, intermediate]
 */
public record LayerWeights(
        NormWeights attentionNorm,
        Linear query,
        Linear key,
        Linear value,
        Linear queryKeyValue,
        NormWeights queryNorm,
        NormWeights keyNorm,
        Linear output,
        NormWeights postAttentionNorm,
        NormWeights mlpNorm,
        Linear gate,
        Linear up,
        Linear down,
        NormWeights postMlpNorm) {
}

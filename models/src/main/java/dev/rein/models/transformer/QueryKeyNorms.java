package dev.rein.models.transformer;

/**
 * Qwen3's and Gemma 3's per-head norms of the queries and of the keys, applied over the head dim before rotary
 * embedding; each weight is [headDim].
 */
public record QueryKeyNorms(NormWeights query, NormWeights key) {
}

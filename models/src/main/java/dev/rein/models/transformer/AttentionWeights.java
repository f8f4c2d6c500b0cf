package dev.rein.models.transformer;

import dev.rein.formats.layout.ParameterRole;

/**
 * The weights of a block's attention branch, in the order the forward uses them.
 *
 * @param norm           the norm of the branch's input
 * @param queryKeyValue  the query, key and value projections (biases included)
 * @param queryKeyNorms  the per-head query and key norms of Qwen3 and Gemma 3; null elsewhere
 * @param output         [hidden, numHeads * headDim]
 * @param postNorm       Gemma 2/3's norm of the branch's output; null elsewhere
 */
public record AttentionWeights(
        NormWeights norm,
        QueryKeyValue queryKeyValue,
        QueryKeyNorms queryKeyNorms,
        Projection output,
        NormWeights postNorm) {

    /** The projection of an attention role ({@code QKV}, {@code QUERY}, {@code KEY}, {@code VALUE}, {@code OUTPUT}). */
    Projection projection(ParameterRole role) {
        return role == ParameterRole.OUTPUT ? output : queryKeyValue.projection(role);
    }

    /** These weights with the projection of an attention role replaced. */
    AttentionWeights withProjection(ParameterRole role, Projection p) {
        return role == ParameterRole.OUTPUT
                ? new AttentionWeights(norm, queryKeyValue, queryKeyNorms, p, postNorm)
                : new AttentionWeights(norm, queryKeyValue.withProjection(role, p), queryKeyNorms, output, postNorm);
    }
}

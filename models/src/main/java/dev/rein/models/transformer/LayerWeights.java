package dev.rein.models.transformer;

import dev.rein.formats.layout.ParameterRole;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The weights of one decoder block. Optional parts are null where the family has none: {@code queryNorm} and
 * {@code keyNorm} (Qwen3, Gemma 3: per-head RMSNorm of queries and keys), {@code postAttentionNorm} and
 * {@code postMlpNorm} (Gemma 2/3: norms of each branch's output), {@code gate} (GPT-2's MLP is not gated).
 * The linear maps are {@link Projection}s: {@link Linear}s as loaded, or adapters around them.
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
        Projection query,
        Projection key,
        Projection value,
        Projection queryKeyValue,
        NormWeights queryNorm,
        NormWeights keyNorm,
        Projection output,
        NormWeights postAttentionNorm,
        NormWeights mlpNorm,
        Projection gate,
        Projection up,
        Projection down,
        NormWeights postMlpNorm) {

    /** The roles whose weight is a projection of a layer (the others are norms, biases, embeddings, the head). */
    public static final Set<ParameterRole> PROJECTION_ROLES = Collections.unmodifiableSet(EnumSet.of(
            ParameterRole.QKV, ParameterRole.QUERY, ParameterRole.KEY, ParameterRole.VALUE, ParameterRole.OUTPUT,
            ParameterRole.GATE, ParameterRole.UP, ParameterRole.DOWN));

    /**
     * The projection of {@code role} (null where this layer has none).
     *
     * @throws IllegalArgumentException when the role is not one of {@link #PROJECTION_ROLES}
     */
    public Projection projection(ParameterRole role) {
        return switch (role) {
            case QKV -> queryKeyValue;
            case QUERY -> query;
            case KEY -> key;
            case VALUE -> value;
            case OUTPUT -> output;
            case GATE -> gate;
            case UP -> up;
            case DOWN -> down;
            default -> throw notAProjection(role);
        };
    }

    /**
     * These weights with the projection of {@code role} replaced.
     *
     * @throws IllegalArgumentException when the role is not one of {@link #PROJECTION_ROLES}
     */
    public LayerWeights withProjection(ParameterRole role, Projection p) {
        return switch (role) {
            case QKV -> new LayerWeights(attentionNorm, query, key, value, p, queryNorm, keyNorm, output,
                    postAttentionNorm, mlpNorm, gate, up, down, postMlpNorm);
            case QUERY -> new LayerWeights(attentionNorm, p, key, value, queryKeyValue, queryNorm, keyNorm, output,
                    postAttentionNorm, mlpNorm, gate, up, down, postMlpNorm);
            case KEY -> new LayerWeights(attentionNorm, query, p, value, queryKeyValue, queryNorm, keyNorm, output,
                    postAttentionNorm, mlpNorm, gate, up, down, postMlpNorm);
            case VALUE -> new LayerWeights(attentionNorm, query, key, p, queryKeyValue, queryNorm, keyNorm, output,
                    postAttentionNorm, mlpNorm, gate, up, down, postMlpNorm);
            case OUTPUT -> new LayerWeights(attentionNorm, query, key, value, queryKeyValue, queryNorm, keyNorm, p,
                    postAttentionNorm, mlpNorm, gate, up, down, postMlpNorm);
            case GATE -> new LayerWeights(attentionNorm, query, key, value, queryKeyValue, queryNorm, keyNorm, output,
                    postAttentionNorm, mlpNorm, p, up, down, postMlpNorm);
            case UP -> new LayerWeights(attentionNorm, query, key, value, queryKeyValue, queryNorm, keyNorm, output,
                    postAttentionNorm, mlpNorm, gate, p, down, postMlpNorm);
            case DOWN -> new LayerWeights(attentionNorm, query, key, value, queryKeyValue, queryNorm, keyNorm, output,
                    postAttentionNorm, mlpNorm, gate, up, p, postMlpNorm);
            default -> throw notAProjection(role);
        };
    }

    private static IllegalArgumentException notAProjection(ParameterRole role) {
        return new IllegalArgumentException(role + " is not a projection of a layer; projections: "
                + PROJECTION_ROLES);
    }
}

package dev.rein.models.transformer;

import dev.rein.formats.layout.ParameterRole;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The weights of one decoder block: its attention branch and its MLP branch, each with its own norms. The linear maps
 * are {@link Projection}s: {@link Linear}s as loaded, or adapters around them, reached by their
 * {@link ParameterRole} through {@link #projection} and {@link #withProjection}.
 */
public record LayerWeights(AttentionWeights attention, MlpWeights mlp) {

    /** The roles whose weight is a projection of a layer (the others are norms, biases, embeddings, the head). */
    public static final Set<ParameterRole> PROJECTION_ROLES = Collections.unmodifiableSet(EnumSet.of(
            ParameterRole.QKV, ParameterRole.QUERY, ParameterRole.KEY, ParameterRole.VALUE, ParameterRole.OUTPUT,
            ParameterRole.GATE, ParameterRole.UP, ParameterRole.DOWN));
    private static final Set<ParameterRole> MLP_ROLES = Collections.unmodifiableSet(EnumSet.of(
            ParameterRole.GATE, ParameterRole.UP, ParameterRole.DOWN));

    /**
     * The projection of {@code role} (null where this layer has none: GPT-2's gate, or a query of a fused layer).
     *
     * @throws IllegalArgumentException when the role is not one of {@link #PROJECTION_ROLES}
     */
    public Projection projection(ParameterRole role) {
        checkProjection(role);
        return MLP_ROLES.contains(role) ? mlp.projection(role) : attention.projection(role);
    }

    /**
     * These weights with the projection of {@code role} replaced.
     *
     * @throws IllegalArgumentException when the role is not one of {@link #PROJECTION_ROLES}, or this layer has no
     *                                  projection of that role (QUERY where query, key and value are fused)
     */
    public LayerWeights withProjection(ParameterRole role, Projection p) {
        checkProjection(role);
        return MLP_ROLES.contains(role)
                ? new LayerWeights(attention, mlp.withProjection(role, p))
                : new LayerWeights(attention.withProjection(role, p), mlp);
    }

    private static void checkProjection(ParameterRole role) {
        if (!PROJECTION_ROLES.contains(role)) {
            throw new IllegalArgumentException(role + " is not a projection of a layer; projections: "
                    + PROJECTION_ROLES);
        }
    }
}

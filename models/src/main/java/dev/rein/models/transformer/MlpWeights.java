package dev.rein.models.transformer;

import dev.rein.formats.layout.ParameterRole;

/**
 * The weights of a block's MLP branch, in the order the forward uses them (see {@link FeedForward}).
 *
 * @param norm     the norm of the branch's input
 * @param gate     [intermediate, hidden]; null for GPT-2, whose MLP is not gated
 * @param up       [intermediate, hidden]
 * @param down     [hidden, intermediate]
 * @param postNorm Gemma 2/3's norm of the branch's output; null elsewhere
 */
public record MlpWeights(NormWeights norm, Projection gate, Projection up, Projection down, NormWeights postNorm) {

    /** The projection of an MLP role ({@code GATE}, {@code UP}, {@code DOWN}). */
    Projection projection(ParameterRole role) {
        return switch (role) {
            case GATE -> gate;
            case UP -> up;
            case DOWN -> down;
            default -> throw notAnMlpProjection(role);
        };
    }

    /** These weights with the projection of an MLP role replaced. */
    MlpWeights withProjection(ParameterRole role, Projection p) {
        return switch (role) {
            case GATE -> new MlpWeights(norm, p, up, down, postNorm);
            case UP -> new MlpWeights(norm, gate, p, down, postNorm);
            case DOWN -> new MlpWeights(norm, gate, up, p, postNorm);
            default -> throw notAnMlpProjection(role);
        };
    }

    private static IllegalArgumentException notAnMlpProjection(ParameterRole role) {
        return new IllegalArgumentException(role + " is not a projection of the MLP (GATE, UP, DOWN)");
    }
}

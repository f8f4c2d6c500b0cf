package dev.rein.models.transformer;

import dev.rein.autograd.AttentionFunctions;
import dev.rein.autograd.Variable;
import dev.rein.tensor.RopeConvention;
import dev.rein.tensor.Tensor;

/**
 * The rotary position embedding of one block: its inverse frequencies [headDim / 2], scaled as the config says
 * (and, in Gemma 3, chosen by the layer's type), and which features pair up.
 */
public record Rotary(Tensor inverseFrequencies, RopeConvention convention) {

    /** x [B, H, T, D] rotated to each token's position, positions [B, T]. */
    public Variable apply(Variable x, Tensor positions) {
        return AttentionFunctions.rope(x, positions, inverseFrequencies, convention);
    }
}

package dev.rein.models.transformer;

import dev.rein.autograd.Variable;

/** The learned scale [n] (and, for LayerNorm, shift [n] or null) of one normalisation. */
public record NormWeights(Variable weight, Variable bias) {
}

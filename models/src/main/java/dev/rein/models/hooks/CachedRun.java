package dev.rein.models.hooks;

import dev.rein.tensor.Tensor;

/**
 * One forward pass over a text with the activations it recorded, as TransformerLens's {@code run_with_cache}.
 *
 * @param ids    the token ids of the text [T]
 * @param logits the logits at every position [T, V]
 * @param cache  the activations of the points asked for, each [1, ...] as its hook point's shape says
 */
public record CachedRun(int[] ids, Tensor logits, ActivationCache cache) {
}

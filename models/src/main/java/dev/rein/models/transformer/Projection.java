package dev.rein.models.transformer;

import dev.rein.autograd.Variable;

/**
 * A linear map of a decoder layer (query, key, value, GPT-2's fused query/key/value, output, gate, up, down), as the
 * forward pass uses it: {@code x [..., in] -> [..., out]}. {@link Linear} is the plain one; adapters such as LoRA
 * wrap a projection with their own (see {@link Transformer#withProjections}), so one forward serves the plain and the
 * adapted model alike.
 */
public interface Projection {

    /** x [..., in] -> [..., out]. */
    Variable apply(Variable x);

    int inFeatures();

    int outFeatures();
}

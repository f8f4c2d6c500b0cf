package dev.rein.models.transformer;

import dev.rein.formats.layout.ParameterSpec;

/**
 * Chooses what replaces one projection of a decoder layer when a model is derived with
 * {@link Transformer#withProjections}: the projection itself to keep it, or a projection built around it (an
 * adapter). {@code site} names the stored weight: its Hugging Face name (for example
 * {@code model.layers.3.self_attn.q_proj.weight}), stored shape, role and layer, and whether it is stored
 * transposed (GPT-2's Conv1D).
 */
@FunctionalInterface
public interface ProjectionWrapper {

    /** The projection to use at {@code site} instead of {@code base}; it must keep base's in and out features. */
    Projection wrap(ParameterSpec site, Projection base);
}

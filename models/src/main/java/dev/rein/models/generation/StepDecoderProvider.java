package dev.rein.models.generation;

import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Backend;

/**
 * Offers {@link StepDecoder}s that run on the device of one kind of backend; found at run time through
 * {@link java.util.ServiceLoader} (see {@link StepDecoders}), so that this module does not depend on the module that
 * provides it. Register an implementation in {@code META-INF/services/dev.rein.models.generation.StepDecoderProvider}.
 */
public interface StepDecoderProvider {

    /** Whether the decoders run where {@code backend} does, so that a model loaded for it can use them. */
    boolean runsOn(Backend backend);

    /**
     * Makes a decoder for one sequence of {@code model} with room for {@code capacity} positions.
     *
     * @throws IllegalArgumentException when the decoder cannot run this model (e.g. a projection is not a plain
     *                                  linear layer), with a message saying why
     */
    StepDecoder open(Transformer model, int capacity);
}

package dev.rein.tensor.tornado;

import dev.rein.models.generation.StepDecoder;
import dev.rein.models.generation.StepDecoderProvider;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Backend;

/**
 * Lets generation under the TornadoVM backend decode through {@link TornadoDecoder}, whose weights, KV cache and
 * activations stay on the device, instead of launching one op at a time through {@link TornadoBackend}.
 */
public final class TornadoDecoderProvider implements StepDecoderProvider {
    @Override
    public boolean runsOn(Backend backend) {
        return backend instanceof TornadoBackend;
    }

    @Override
    public StepDecoder open(Transformer model, int capacity) {
        return new TornadoDecoder(model, capacity);
    }
}

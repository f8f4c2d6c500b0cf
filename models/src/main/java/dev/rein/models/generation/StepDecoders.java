package dev.rein.models.generation;

import dev.rein.tensor.Backend;
import dev.rein.tensor.Backends;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finds the {@link StepDecoderProvider} of the current backend, and tells the user, once per run, when a request
 * that backend could decode on its device falls back to the backend's op-by-op path.
 */
public final class StepDecoders {
    private static final AtomicBoolean FALLBACK_TOLD = new AtomicBoolean();

    private StepDecoders() {
    }

    /** The provider that {@link Backends#current()} runs with, if any (none for the CPU backend). */
    public static Optional<StepDecoderProvider> forCurrentBackend() {
        Backend backend = Backends.current();
        return ServiceLoader.load(StepDecoderProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(provider -> provider.runsOn(backend))
                .findFirst();
    }

    /** Says on stderr, the first time only, that the backend's resident decoder is not used, and why. */
    static void tellFallback(String why) {
        if (FALLBACK_TOLD.compareAndSet(false, true)) {
            System.err.println("[" + Backends.current().name() + ": " + why
                    + "; decoding op by op on the backend instead]");
        }
    }
}

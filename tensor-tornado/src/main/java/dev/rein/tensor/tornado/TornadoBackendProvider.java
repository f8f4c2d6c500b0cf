package dev.rein.tensor.tornado;

import dev.rein.tensor.Backend;
import dev.rein.tensor.BackendProvider;

/** Makes the TornadoVM backend selectable as {@code tornado} ({@code Backends.use("tornado")}, {@code --backend}). */
public final class TornadoBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "tornado";
    }

    @Override
    public Backend create() {
        try {
            return new TornadoBackend();
        } catch (LinkageError e) {
            throw TornadoSettings.runtimeMissing(e);
        }
    }
}

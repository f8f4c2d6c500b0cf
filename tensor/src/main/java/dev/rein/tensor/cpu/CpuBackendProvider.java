package dev.rein.tensor.cpu;

import dev.rein.tensor.Backend;
import dev.rein.tensor.BackendProvider;
import dev.rein.tensor.Backends;

/** Registers the CPU backend under {@value Backends#CPU}, so that tensor's front ends name no backend themselves. */
public final class CpuBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return Backends.CPU;
    }

    @Override
    public Backend create() {
        return CpuBackend.instance();
    }
}

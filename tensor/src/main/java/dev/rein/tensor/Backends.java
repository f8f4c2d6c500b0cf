package dev.rein.tensor;

import dev.rein.tensor.cpu.CpuBackend;

/** Holds the backend the ops run on: the CPU backend unless another one is installed. */
public final class Backends {
    private static volatile Backend current = CpuBackend.instance();

    private Backends() {
    }

    public static Backend current() {
        return current;
    }

    /** Makes {@code backend} the one every op dispatches to from now on. */
    public static void use(Backend backend) {
        current = backend;
    }
}

package dev.rein.cli;

import dev.rein.tensor.Backends;
import picocli.CommandLine.Option;

/**
 * {@code --backend NAME} for the commands that run a model: where the tensor ops run, the CPU by default or
 * {@code tornado} (a GPU through TornadoVM, in builds made with TORNADOVM_HOME set; see docs/gpu.md).
 */
final class BackendOption {
    /** What to tell a user whose build has no TornadoVM backend. */
    static final String TORNADO_ABSENT = "--backend tornado: TornadoVM is absent from this build; install TornadoVM, "
            + "set TORNADOVM_HOME to its SDK and run ./rein again (it rebuilds), see docs/gpu.md";

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = Backends.CPU,
            description = "Where the ops run: cpu (default), or tornado: a GPU through TornadoVM (docs/gpu.md).")
    private String name;

    /** Makes the chosen backend the current one; a backend this build lacks or that cannot start is a user error. */
    void install() {
        if (name.equals(Backends.CPU)) {
            return;
        }
        try {
            Backends.use(name);
        } catch (IllegalArgumentException e) {
            throw new UserError(name.equals("tornado") ? TORNADO_ABSENT : "--backend " + name + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new UserError("--backend " + name + ": " + e.getMessage());
        }
    }
}

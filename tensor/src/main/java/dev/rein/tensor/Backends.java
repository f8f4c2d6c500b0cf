package dev.rein.tensor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Holds the backend the ops run on: the CPU backend unless another one is installed, by object or by name. Every
 * backend, the CPU one ({@code cpu}, in {@code dev.rein.tensor.cpu}) included, is a {@link BackendProvider} found
 * on the class path, so this package names none of them.
 */
public final class Backends {
    /** The name of the built-in backend. */
    public static final String CPU = "cpu";

    private static volatile Backend current = named(CPU);

    private Backends() {
    }

    public static Backend current() {
        return current;
    }

    /** Makes {@code backend} the one every op dispatches to from now on. */
    public static void use(Backend backend) {
        current = backend;
    }

    /**
     * Makes the backend called {@code name} the current one and returns it.
     *
     * @throws IllegalArgumentException when no backend has that name (the message lists those there are)
     * @throws IllegalStateException    when the backend is there but cannot start (see {@link BackendProvider#create})
     */
    public static Backend use(String name) {
        Backend backend = named(name);
        use(backend);
        return backend;
    }

    /** The names {@link #use(String)} accepts in this build, the CPU backend's first. */
    public static List<String> available() {
        List<String> names = new ArrayList<>();
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
            names.add(provider.name());
        }
        names.sort(Comparator.comparing(name -> !name.equals(CPU)));
        return names;
    }

    private static Backend named(String name) {
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
            if (provider.name().equals(name)) {
                return provider.create();
            }
        }
        throw new IllegalArgumentException("no backend named '" + name + "' in this build; available: "
                + String.join(", ", available()));
    }
}

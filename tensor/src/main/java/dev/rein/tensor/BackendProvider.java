package dev.rein.tensor;

/**
 * A backend that lives in another module (the TornadoVM one, built only where TornadoVM is installed), found at run
 * time through {@link java.util.ServiceLoader} so that this module and the default build do not depend on it.
 * Register an implementation in {@code META-INF/services/dev.rein.tensor.BackendProvider}.
 */
public interface BackendProvider {

    /** The name users select it by, e.g. {@code tornado}. */
    String name();

    /**
     * Starts the backend.
     *
     * @throws IllegalStateException when what it needs at run time is missing (a driver, a JVM flag), with a message
     *                               saying what to install or how to launch
     */
    Backend create();
}

package dev.rein.autograd;

/**
 * A scope in which ops record nothing, for inference and for updating parameters:
 * {@code try (NoGrad _ = NoGrad.enter()) { ... }}. Results computed inside are constants (no
 * gradient flows back through them). Scopes nest and are per thread.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private boolean closed;

    private NoGrad() {
    }

    /** Opens a scope on the current thread; close it (try-with-resources) on the same thread. */
    public static NoGrad enter() {
        DEPTH.get()[0]++;
        return new NoGrad();
    }

    /** True when ops on this thread record their backward rules (no {@link NoGrad} scope is open). */
    public static boolean isRecording() {
        return DEPTH.get()[0] == 0;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            DEPTH.get()[0]--;
        }
    }
}

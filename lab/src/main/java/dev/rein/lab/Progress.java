package dev.rein.lab;

/**
 * Receives the progress of long work (a patching sweep) after each step; throwing {@link Cancelled} from it stops
 * the work, which is how a request whose client went away ends.
 */
@FunctionalInterface
public interface Progress {
    /** {@code done} of {@code total} steps are finished. */
    void step(int done, int total);
}

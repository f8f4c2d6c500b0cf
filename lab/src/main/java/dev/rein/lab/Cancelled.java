package dev.rein.lab;

/** Thrown into running work when the client that asked for it has gone away; the work stops where it is. */
public final class Cancelled extends RuntimeException {
    public Cancelled() {
        super("the client went away", null, false, false);
    }
}

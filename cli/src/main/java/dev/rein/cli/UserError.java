package dev.rein.cli;

/** A mistake in what the user asked for (a missing file, a bad value): reported in one line, exit code 1. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}

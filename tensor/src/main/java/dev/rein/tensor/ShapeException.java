package dev.rein.tensor;

/** A tensor op received operands whose shapes or dtypes it cannot combine; the message names the op and shapes. */
public final class ShapeException extends IllegalArgumentException {
    public ShapeException(String message) {
        super(message);
    }
}

package dev.rein.tensor;

/**
 * Element types a {@link Tensor} can hold. Arithmetic is done in F32; BF16 and F16 are storage formats
 * (weights stay in them and are widened on the fly), I32/I64 hold ids and indices, BOOL holds masks.
 */
public enum DType {
    F32(4, true),
    BF16(2, true),
    F16(2, true),
    I32(4, false),
    I64(8, false),
    BOOL(1, false);

    private final int byteSize;
    private final boolean floatingPoint;

    DType(int byteSize, boolean floatingPoint) {
        this.byteSize = byteSize;
        this.floatingPoint = floatingPoint;
    }

    /** Bytes one element occupies in storage. */
    public int byteSize() {
        return byteSize;
    }

    /** True for F32, BF16 and F16. */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }
}

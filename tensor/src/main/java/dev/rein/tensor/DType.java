package dev.rein.tensor;

/**
 * Element types a {@link Tensor} can hold. Arithmetic is done in F32; BF16 and F16 are storage formats
 * (weights stay in them and are widened on the fly), I32/I64 hold ids and indices, BOOL holds masks.
 *
 * <p>Q8_0, Q4_0, Q4_K and Q6_K are ggml's block-quantised weight formats ({@link QuantizedBlocks} defines them): a
 * block of {@link #blockElements()} consecutive elements along a tensor's unit-stride (innermost) dim takes
 * {@link #blockBytes()} bytes, so element index {@code i} lies in the block starting at byte
 * {@code i / blockElements * blockBytes}. A tensor of these types is a read-only weight: matrix products and row
 * lookups read it block by block, {@link Tensor#to} decodes it to F32, and views must keep whole blocks along the
 * unit-stride dim.
 */
public enum DType {
    F32(4, true),
    BF16(2, true),
    F16(2, true),
    I32(4, false),
    I64(8, false),
    BOOL(1, false),
    Q8_0(32, 34),
    Q4_0(32, 18),
    Q4_K(256, 144),
    Q6_K(256, 210);

    private final int byteSize;
    private final boolean floatingPoint;
    private final int blockElements;
    private final int blockBytes;

    DType(int byteSize, boolean floatingPoint) {
        this.byteSize = byteSize;
        this.floatingPoint = floatingPoint;
        this.blockElements = 1;
        this.blockBytes = byteSize;
    }

    DType(int blockElements, int blockBytes) {
        this.byteSize = 0;
        this.floatingPoint = true;
        this.blockElements = blockElements;
        this.blockBytes = blockBytes;
    }

    /**
     * Bytes one element occupies in storage.
     *
     * @throws UnsupportedOperationException for a block-quantised type, whose elements share their block's bytes
     *                                       (use {@link #bytesFor})
     */
    public int byteSize() {
        if (isBlockQuantized()) {
            throw new UnsupportedOperationException(this + " stores " + blockElements + " elements in blocks of "
                    + blockBytes + " bytes; an element has no byte size of its own");
        }
        return byteSize;
    }

    /** True for F32, BF16, F16 and the block-quantised types (all hold real numbers). */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** True for Q8_0, Q4_0, Q4_K and Q6_K. */
    public boolean isBlockQuantized() {
        return blockElements > 1;
    }

    /** Elements per block: 1 for the plain types, 32 or 256 for the block-quantised ones. */
    public int blockElements() {
        return blockElements;
    }

    /** Bytes per block (the element size for the plain types). */
    public int blockBytes() {
        return blockBytes;
    }

    /** Bytes of {@code elements} consecutive elements, a multiple of {@link #blockElements()} for block types. */
    public long bytesFor(long elements) {
        if (elements % blockElements != 0) {
            throw new IllegalArgumentException(elements + " elements do not fill whole " + this + " blocks of "
                    + blockElements);
        }
        return Math.multiplyExact(elements / blockElements, blockBytes);
    }
}

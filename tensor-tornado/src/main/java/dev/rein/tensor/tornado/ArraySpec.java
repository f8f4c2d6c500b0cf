package dev.rein.tensor.tornado;

import dev.rein.tensor.DType;

/**
 * One data array of a kernel plan: what it holds, how many elements, and when it moves (see {@link Role}).
 *
 * @param dtype    the element type (I64 is held as I32)
 * @param capacity elements
 * @param role     when the array is copied
 */
record ArraySpec(DType dtype, int capacity, Role role) {

    /** When an array moves between host and device. */
    enum Role {
        /** Copied to the device before every launch. */
        IN,
        /** Copied back to the host after every launch. */
        OUT,
        /** Copied to the device before the first launch only, then kept there: weights, tables, scratch space. */
        KEEP
    }

    /** An input of {@code elements} (rounded up to a capacity). */
    static ArraySpec in(DType dtype, long elements) {
        return new ArraySpec(Staging.storedAs(dtype), Staging.capacity(elements), Role.IN);
    }

    /** A result of {@code elements} (rounded up to a capacity). */
    static ArraySpec out(DType dtype, long elements) {
        return new ArraySpec(Staging.storedAs(dtype), Staging.capacity(elements), Role.OUT);
    }

    /** An array that stays on the device, of exactly {@code elements}. */
    static ArraySpec keep(DType dtype, long elements) {
        return new ArraySpec(Staging.storedAs(dtype), Math.toIntExact(Math.max(1, elements)), Role.KEEP);
    }
}

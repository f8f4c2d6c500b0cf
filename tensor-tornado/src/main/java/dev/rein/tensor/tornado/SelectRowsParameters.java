package dev.rein.tensor.tornado;

/**
 * The int parameters of {@link IndexKernels#selectRows} by name: {@code ids} rows of a table {@code width} wide, of
 * the kernel's dtype code.
 */
record SelectRowsParameters(int ids, int width, int dtype) {

    /** The parameters at the indices {@link IndexKernels} names. */
    int[] values() {
        int[] values = new int[IndexKernels.DTYPE + 1];
        values[IndexKernels.IDS] = ids;
        values[IndexKernels.WIDTH] = width;
        values[IndexKernels.DTYPE] = dtype;
        return values;
    }
}

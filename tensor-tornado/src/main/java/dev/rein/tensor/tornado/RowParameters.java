package dev.rein.tensor.tornado;

/**
 * The int parameters of the {@link RowKernels} by name: a matrix [rows, n] and the kernel's mode (its op code,
 * log or not, bias or not, or the ignored target).
 */
record RowParameters(int rows, int n, int mode) {

    /** The parameters at the indices {@link RowKernels} names. */
    int[] values() {
        int[] values = new int[RowKernels.MODE + 1];
        values[RowKernels.ROWS] = rows;
        values[RowKernels.N] = n;
        values[RowKernels.MODE] = mode;
        return values;
    }
}

package dev.rein.tensor.tornado;

/**
 * The int parameters of {@link MatMulKernels#columns} by name: {@code rows} rows of a [rows, in] times a weight
 * [in, out] of the kernel's dtype code (0 for F32, else {@link DeviceMath#BF16} or {@link DeviceMath#F16}).
 */
record ColumnParameters(int rows, int in, int out, int dtype) {

    /** The parameters at the indices {@link MatMulKernels} names. */
    int[] values() {
        int[] values = new int[MatMulKernels.COLUMNS_DTYPE + 1];
        values[MatMulKernels.ROWS] = rows;
        values[MatMulKernels.COLUMNS_K] = in;
        values[MatMulKernels.COLUMNS_N] = out;
        values[MatMulKernels.COLUMNS_DTYPE] = dtype;
        return values;
    }
}

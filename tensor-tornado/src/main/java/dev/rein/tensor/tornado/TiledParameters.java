package dev.rein.tensor.tornado;

/**
 * The int parameters of {@link MatMulKernels#tiled} by name: a [batch or 1, m, k] times w [batch or 1, k, n], a batch
 * stride of 0 sharing one operand, w of the kernel's dtype code.
 */
record TiledParameters(int batch, int m, int k, int n, int aBatchStride, int wBatchStride, int dtype) {

    /** The parameters at the indices {@link MatMulKernels} names. */
    int[] values() {
        int[] values = new int[MatMulKernels.DTYPE + 1];
        values[MatMulKernels.BATCH] = batch;
        values[MatMulKernels.M] = m;
        values[MatMulKernels.K] = k;
        values[MatMulKernels.N] = n;
        values[MatMulKernels.A_BATCH_STRIDE] = aBatchStride;
        values[MatMulKernels.W_BATCH_STRIDE] = wBatchStride;
        values[MatMulKernels.DTYPE] = dtype;
        return values;
    }
}

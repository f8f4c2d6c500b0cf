package dev.rein.tensor.tornado;

/**
 * The int parameters of {@link AttentionKernels#store} by name: one position's [heads, headDim] written into a cache
 * [heads, rows, headDim].
 */
record StoreParameters(int heads, int headDim, int rows) {

    /** The parameters at the indices {@link AttentionKernels} names. */
    int[] values() {
        int[] values = new int[AttentionKernels.STORE_ROWS + 1];
        values[AttentionKernels.STORE_HEADS] = heads;
        values[AttentionKernels.STORE_DIM] = headDim;
        values[AttentionKernels.STORE_ROWS] = rows;
        return values;
    }
}

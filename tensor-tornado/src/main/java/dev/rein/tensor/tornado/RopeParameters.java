package dev.rein.tensor.tornado;

import dev.rein.tensor.RopeConvention;

/**
 * The int parameters of {@link AttentionKernels#rope} by name: x is [batch, heads, positions, headDim], and
 * {@code convention} says which features pair up.
 */
record RopeParameters(int batch, int heads, int positions, int headDim, RopeConvention convention) {

    /** The parameters at the indices {@link AttentionKernels} names. */
    int[] values() {
        int[] values = new int[AttentionKernels.ROPE_INTERLEAVED + 1];
        values[AttentionKernels.ROPE_BATCH] = batch;
        values[AttentionKernels.ROPE_HEADS] = heads;
        values[AttentionKernels.ROPE_POSITIONS] = positions;
        values[AttentionKernels.ROPE_DIM] = headDim;
        values[AttentionKernels.ROPE_INTERLEAVED] = convention == RopeConvention.INTERLEAVED ? 1 : 0;
        return values;
    }
}

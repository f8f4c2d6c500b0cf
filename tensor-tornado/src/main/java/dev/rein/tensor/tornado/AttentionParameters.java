package dev.rein.tensor.tornado;

import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.Tensor;

/**
 * The parameters of {@link AttentionKernels#attention} by name; {@link #ints} and {@link #floats} lay them out where
 * the kernel reads them.
 *
 * @param batch       B
 * @param queryHeads  Hq
 * @param queries     Tq, the query positions per head (the last Tq of the Tk key positions)
 * @param headDim     D of queries and keys
 * @param kvHeads     Hkv
 * @param keys        Tk, the key positions the last query sees
 * @param valueDim    Dv
 * @param kvRows      the rows each kv head has in k and v: Tk, or a KV cache's capacity of which Tk are filled
 * @param maskStrides the additive mask's strides (batch, head, query, key) into its staged array; null for no mask
 * @param spec        scale, causality, sliding window and score softcap
 */
record AttentionParameters(int batch, int queryHeads, int queries, int headDim, int kvHeads, int keys, int valueDim,
                           int kvRows, int[] maskStrides, AttentionSpec spec) {

    /** Attention of q [B, Hq, Tq, D] over k [B, Hkv, Tk, D] and v [B, Hkv, Tk, Dv], as the backend stages them. */
    static AttentionParameters of(Tensor q, Tensor k, Tensor v, BroadcastOperand mask, AttentionSpec spec) {
        return new AttentionParameters(q.size(0), q.size(1), q.size(2), q.size(3), k.size(1), k.size(2), v.size(3),
                k.size(2), mask == null ? null : mask.strides(), spec);
    }

    /**
     * One token's queries [Hq, D] over a KV cache [Hkv, capacity, D] whose first keys are filled: none yet, the
     * decoder sets the count at {@link AttentionKernels#KEYS} before each step.
     */
    static AttentionParameters oneToken(int queryHeads, int kvHeads, int headDim, int capacity, AttentionSpec spec) {
        return new AttentionParameters(1, queryHeads, 1, headDim, kvHeads, 0, headDim, capacity, null, spec);
    }

    /** The int parameters at the indices {@link AttentionKernels} names. */
    int[] ints() {
        int[] values = new int[AttentionKernels.KV_ROWS + 1];
        values[AttentionKernels.BATCH] = batch;
        values[AttentionKernels.QUERY_HEADS] = queryHeads;
        values[AttentionKernels.QUERIES] = queries;
        values[AttentionKernels.HEAD_DIM] = headDim;
        values[AttentionKernels.KV_HEADS] = kvHeads;
        values[AttentionKernels.KEYS] = keys;
        values[AttentionKernels.VALUE_DIM] = valueDim;
        values[AttentionKernels.CAUSAL] = spec.causal() ? 1 : 0;
        values[AttentionKernels.WINDOW] = spec.slidingWindow();
        values[AttentionKernels.HAS_MASK] = maskStrides == null ? 0 : 1;
        if (maskStrides != null) {
            System.arraycopy(maskStrides, 0, values, AttentionKernels.MASK_STRIDES, maskStrides.length);
        }
        values[AttentionKernels.KV_ROWS] = kvRows;
        return values;
    }

    /** The float parameters: the scale, then the softcap (0 for none). */
    float[] floats() {
        return new float[] {spec.scale(), spec.softcap()};
    }
}

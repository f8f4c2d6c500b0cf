package dev.rein.tensor.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/** Scaled dot-product attention and rotary position embedding. */
final class AttentionKernels {
    /** Int parameters of {@link #attention}; the mask strides (batch, head, query, key) follow MASK_STRIDES. */
    static final int BATCH = 0;
    static final int QUERY_HEADS = 1;
    static final int QUERIES = 2;
    static final int HEAD_DIM = 3;
    static final int KV_HEADS = 4;
    static final int KEYS = 5;
    static final int VALUE_DIM = 6;
    static final int CAUSAL = 7;
    static final int WINDOW = 8;
    static final int HAS_MASK = 9;
    static final int MASK_STRIDES = 10;
    /** Rows each kv head has in k and v: Tk, or a KV cache's capacity when only its first Tk rows are filled. */
    static final int KV_ROWS = 14;

    /** Int parameters of {@link #store}. */
    static final int STORE_HEADS = 0;
    static final int STORE_DIM = 1;
    static final int STORE_ROWS = 2;

    /** Int parameters of {@link #rope}. */
    static final int ROPE_BATCH = 0;
    static final int ROPE_HEADS = 1;
    static final int ROPE_POSITIONS = 2;
    static final int ROPE_DIM = 3;
    static final int ROPE_INTERLEAVED = 4;

    private AttentionKernels() {
    }

    /**
     * {@code out = softmax(softcap(scale q k^T) + mask) v} over the keys each query sees, one work-group per query
     * row: q [B, Hq, Tq, D], k [B, Hkv, Tk, D], v [B, Hkv, Tk, Dv], out [B, Hq, Tq, Dv], all contiguous; query i sits
     * at position Tk - Tq + i and head h reads kv head h / (Hq / Hkv); k and v may hold more rows per head than Tk
     * (a KV cache: ip KV_ROWS). The scores of a row go to {@code scores} [rows, Tk] in global memory. fp [0] scale,
     * [1] softcap (0 for none). A row that sees no key gives NaN.
     */
    static void attention(KernelContext context, IntArray ip, FloatArray fp, FloatArray q, FloatArray k,
            FloatArray v, FloatArray mask, FloatArray scores, FloatArray out) {
        int row = context.groupIdx;
        int lid = context.localIdx;
        int hq = ip.get(QUERY_HEADS);
        int tq = ip.get(QUERIES);
        int d = ip.get(HEAD_DIM);
        int hkv = ip.get(KV_HEADS);
        int tk = ip.get(KEYS);
        int dv = ip.get(VALUE_DIM);
        int window = ip.get(WINDOW);
        float scale = fp.get(0);
        float softcap = fp.get(1);
        int bi = row / (hq * tq);
        int head = (row / tq) % hq;
        int t = row % tq;
        int kvHead = head / (hq / hkv);
        int position = tk - tq + t;
        int lo = window > 0 ? TornadoMath.max(0, position - window + 1) : 0;
        int hi = ip.get(CAUSAL) == 1 ? position + 1 : tk;
        int kvBase = (bi * hkv + kvHead) * ip.get(KV_ROWS);
        int maskBase = bi * ip.get(MASK_STRIDES) + head * ip.get(MASK_STRIDES + 1) + t * ip.get(MASK_STRIDES + 2);
        int keyStride = ip.get(MASK_STRIDES + 3);
        boolean masked = ip.get(HAS_MASK) == 1;
        float[] scratch = context.allocateFloatLocalArray(GroupReduce.SIZE);

        float partialMax = Float.NEGATIVE_INFINITY;
        for (int j = lo + lid; j < hi; j += GroupReduce.SIZE) {
            float dot = 0f;
            for (int c = 0; c < d; c++) {
                dot += q.get(row * d + c) * k.get((kvBase + j) * d + c);
            }
            float score = dot * scale;
            if (softcap > 0f) {
                score = softcap * TornadoMath.tanh(score / softcap);
            }
            if (masked) {
                score += mask.get(maskBase + j * keyStride);
            }
            scores.set(row * tk + j, score);
            partialMax = DeviceMath.isNaN(score) || DeviceMath.isNaN(partialMax) ? score + partialMax
                    : TornadoMath.max(partialMax, score);
        }
        float max = GroupReduce.max(context, scratch, partialMax);
        float partialSum = 0f;
        for (int j = lo + lid; j < hi; j += GroupReduce.SIZE) {
            float e = TornadoMath.exp(scores.get(row * tk + j) - max);
            scores.set(row * tk + j, e);
            partialSum += e;
        }
        float inverseTotal = 1f / GroupReduce.sum(context, scratch, partialSum);
        context.globalBarrier();
        for (int c = lid; c < dv; c += GroupReduce.SIZE) {
            float acc = 0f;
            for (int j = lo; j < hi; j++) {
                acc += scores.get(row * tk + j) * v.get((kvBase + j) * dv + c);
            }
            out.set(row * dv + c, acc * inverseTotal);
        }
    }

    /**
     * Writes one position's keys or values [H, D] into a cache [H, rows, D] at row {@code position[0]}, one work-item
     * per element.
     */
    static void store(KernelContext context, IntArray ip, IntArray position, FloatArray source, FloatArray cache) {
        int i = context.globalIdx;
        int d = ip.get(STORE_DIM);
        if (i < ip.get(STORE_HEADS) * d) {
            int head = i / d;
            cache.set((head * ip.get(STORE_ROWS) + position.get(0)) * d + i % d, source.get(i));
        }
    }

    /**
     * Rotary embedding, one work-item per element of x [B, H, T, D] (contiguous): {@code out[j] = x[j] cos[j] +
     * x[partner(j)] sin[j]} with the per-position tables [P, D] (sin signed per pair, see {@link RopeTables}) and the
     * table row of each (batch, position) in {@code rows} [B, T]. Partners are j +- D/2, or 2i and 2i + 1 when
     * interleaved.
     */
    static void rope(KernelContext context, IntArray ip, FloatArray x, IntArray rows, FloatArray cos,
            FloatArray sin, FloatArray out) {
        int i = context.globalIdx;
        int heads = ip.get(ROPE_HEADS);
        int positions = ip.get(ROPE_POSITIONS);
        int d = ip.get(ROPE_DIM);
        if (i < ip.get(ROPE_BATCH) * heads * positions * d) {
            int j = i % d;
            int vector = i / d;
            int t = vector % positions;
            int bi = vector / (heads * positions);
            int half = d / 2;
            int partner;
            if (ip.get(ROPE_INTERLEAVED) == 1) {
                partner = j % 2 == 0 ? j + 1 : j - 1;
            } else {
                partner = j < half ? j + half : j - half;
            }
            int table = rows.get(bi * positions + t) * d + j;
            out.set(i, x.get(i) * cos.get(table) + x.get(vector * d + partner) * sin.get(table));
        }
    }
}

package dev.rein.tensor.cpu;

import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.Elements;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused scaled dot-product attention with the Vector API: K/V rows read in place (or packed once when their
 * last dim is strided), a tile of query rows per K/V load and a two-pass softmax over the visible keys only.
 */
final class CpuAttention {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Query rows scored together against each key (the accumulators of one K or V load). */
    private static final int TILE = 4;
    /** Query positions per work item of attention. */
    private static final int QUERY_BLOCK = 16;

    private CpuAttention() {
    }

    // ------------------------------------------------------------------ attention

    /**
     * out = softmax(softcap(scale q k^T) + mask, hidden keys removed) v: q [B, Hq, Tq, D], k [B, Hkv, Tk, D],
     * v [B, Hkv, Tk, Dv] any strides, mask [B, Hq, Tq, Tk] any strides (0 for broadcast dims) or null, out
     * [B, Hq, Tq, Dv] contiguous. A row that sees no key gives NaN, as PyTorch does.
     */
    static void attention(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor out) {
        new Attention(q, k, v, mask, spec, out).run();
    }

    /**
     * One attention call. The work items are (batch, kv head, block of query positions); an item takes the
     * {@code group} query heads that share its kv head at each of its positions, and handles its rows
     * {@link #TILE} at a time so that every K and V row it loads serves {@code TILE} query rows.
     */
    private static final class Attention {
        private final Tensor q;
        private final Tensor k;
        private final Tensor v;
        private final Tensor mask;
        private final Tensor out;
        private final AttentionSpec spec;
        private final int batch;
        private final int hq;
        private final int tq;
        private final int d;
        private final int hkv;
        private final int tk;
        private final int dv;
        private final int group;
        private final int past;   // absolute position of query 0 is past
        private final int blocks; // query blocks per (batch, kv head)
        private final MemorySegment qs;
        private final MemorySegment ms;
        private final MemorySegment os;

        Attention(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor out) {
            this.q = q;
            this.k = k;
            this.v = v;
            this.mask = mask;
            this.out = out;
            this.spec = spec;
            batch = q.size(0);
            hq = q.size(1);
            tq = q.size(2);
            d = q.size(3);
            hkv = k.size(1);
            tk = k.size(2);
            dv = v.size(3);
            group = hq / hkv;
            past = tk - tq;
            blocks = (tq + QUERY_BLOCK - 1) / QUERY_BLOCK;
            qs = q.storage().segment();
            ms = mask == null ? null : mask.storage().segment();
            os = out.storage().segment();
        }

        void run() {
            long work = (long) group * Math.min(tq, QUERY_BLOCK) * tk * (d + dv);
            Parallel.forRange(batch * hkv * blocks, work, (s, e) -> {
                Scratch scratch = new Scratch();
                for (int item = s; item < e; item++) {
                    int bh = item / blocks;
                    block(bh / hkv, bh % hkv, balancedBlock(item % blocks), scratch);
                }
            });
        }

        /** Orders the blocks 0, n-1, 1, n-2, ... so any run of items mixes short and long causal blocks. */
        private int balancedBlock(int i) {
            return i % 2 == 0 ? i / 2 : blocks - 1 - i / 2;
        }

        /** First key query position {@code t} sees. */
        private int visibleStart(int t) {
            return spec.slidingWindow() > 0 ? Math.max(0, past + t - spec.slidingWindow() + 1) : 0;
        }

        /** One past the last key query position {@code t} sees. */
        private int visibleEnd(int t) {
            return spec.causal() ? past + t + 1 : tk;
        }

        /** Query positions [t0, t1) of block {@code blk}, all heads of kv head {@code kvh}: rows t-major, head-minor. */
        private void block(int bi, int kvh, int blk, Scratch scratch) {
            int t0 = blk * QUERY_BLOCK;
            int t1 = Math.min(tq, t0 + QUERY_BLOCK);
            int lo = visibleStart(t0);
            int hi = Math.max(lo, visibleEnd(t1 - 1));
            Rows keys = Rows.of(k, bi, kvh, lo, hi, scratch.keys);
            Rows values = Rows.of(v, bi, kvh, lo, hi, scratch.values);
            scratch.keys = keys.packed();
            scratch.values = values.packed();
            int rows = (t1 - t0) * group;
            for (int r = 0; r < rows; r += TILE) {
                Tile tile = scratch.tile;
                for (int i = 0; i < TILE; i++) {
                    int row = Math.min(r + i, rows - 1); // a short last tile repeats its last row
                    tile.t[i] = t0 + row / group;
                    tile.head[i] = kvh * group + row % group;
                    loadQuery(bi, tile.head[i], tile.t[i], tile.q[i]);
                }
                tile.lo = visibleStart(tile.t[0]);
                tile.hi = Math.max(tile.lo, visibleEnd(tile.t[TILE - 1]));
                scores(tile, keys);
                for (int i = 0; i < TILE; i++) {
                    tile.inverseTotal[i] = softmax(tile, i, bi);
                }
                weightedValues(tile, values, bi);
            }
        }

        /** qRow[0, D) = q[bi, h, t, :]. */
        private void loadQuery(int bi, int h, int t, float[] qRow) {
            long at = q.offset() + bi * q.stride(0) + h * q.stride(1) + t * q.stride(2);
            long sD = q.stride(3);
            for (int c = 0; c < d; c++) {
                qRow[c] = qs.getAtIndex(Elements.F32, at + c * sD);
            }
        }

        /** tile.scores[i][j - lo] = q_i . k_j for the tile's keys j in [lo, hi), each K row loaded once. */
        private void scores(Tile tile, Rows keys) {
            float[] q0 = tile.q[0];
            float[] q1 = tile.q[1];
            float[] q2 = tile.q[2];
            float[] q3 = tile.q[3];
            int bound = F.loopBound(d);
            MemorySegment seg = keys.segment();
            for (int j = tile.lo; j < tile.hi; j++) {
                long at = keys.at(j);
                FloatVector a0 = FloatVector.zero(F);
                FloatVector a1 = FloatVector.zero(F);
                FloatVector a2 = FloatVector.zero(F);
                FloatVector a3 = FloatVector.zero(F);
                int c = 0;
                for (; c < bound; c += L) {
                    FloatVector kv = FloatVector.fromMemorySegment(F, seg, (at + c) * 4, LE);
                    a0 = FloatVector.fromArray(F, q0, c).fma(kv, a0);
                    a1 = FloatVector.fromArray(F, q1, c).fma(kv, a1);
                    a2 = FloatVector.fromArray(F, q2, c).fma(kv, a2);
                    a3 = FloatVector.fromArray(F, q3, c).fma(kv, a3);
                }
                float s0 = a0.reduceLanes(VectorOperators.ADD);
                float s1 = a1.reduceLanes(VectorOperators.ADD);
                float s2 = a2.reduceLanes(VectorOperators.ADD);
                float s3 = a3.reduceLanes(VectorOperators.ADD);
                for (; c < d; c++) {
                    float kc = seg.getAtIndex(Elements.F32, at + c);
                    s0 += q0[c] * kc;
                    s1 += q1[c] * kc;
                    s2 += q2[c] * kc;
                    s3 += q3[c] * kc;
                }
                int jj = j - tile.lo;
                tile.scores[0][jj] = s0;
                tile.scores[1][jj] = s1;
                tile.scores[2][jj] = s2;
                tile.scores[3][jj] = s3;
            }
        }

        /**
         * Turns row i's dot products into softmax numerators in place (scale, softcap, mask; 0 for keys the row
         * does not see) and returns 1 / their sum (NaN when the row sees nothing).
         */
        private float softmax(Tile tile, int i, int bi) {
            float[] s = tile.scores[i];
            int n = tile.hi - tile.lo;
            int from = visibleStart(tile.t[i]) - tile.lo;
            int to = visibleEnd(tile.t[i]) - tile.lo;
            long maskAt = ms == null ? 0 : mask.offset() + bi * mask.stride(0) + tile.head[i] * mask.stride(1)
                    + tile.t[i] * mask.stride(2) + tile.lo * mask.stride(3);
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j < from || j >= to) {
                    s[j] = Float.NEGATIVE_INFINITY;
                    continue;
                }
                float score = s[j] * spec.scale();
                if (spec.softcap() > 0f) {
                    score = (float) (spec.softcap() * Math.tanh(score / spec.softcap()));
                }
                if (ms != null) {
                    score += ms.getAtIndex(Elements.F32, maskAt + j * mask.stride(3));
                }
                s[j] = score;
                max = Math.max(max, score);
            }
            // with nothing visible max is -inf, every exp(-inf - -inf) is NaN, and so is the row
            FloatVector maxV = FloatVector.broadcast(F, max);
            FloatVector sumV = FloatVector.zero(F);
            int j = 0;
            for (; j < F.loopBound(n); j += L) {
                FloatVector p = VectorMath.expNonPositive(FloatVector.fromArray(F, s, j).sub(maxV));
                p.intoArray(s, j);
                sumV = sumV.add(p);
            }
            float total = sumV.reduceLanes(VectorOperators.ADD);
            for (; j < n; j++) {
                s[j] = (float) Math.exp(s[j] - max);
                total += s[j];
            }
            return 1f / total;
        }

        /** out[row i] = sum_j p_i[j] v_j / total_i for the tile's rows, each V row loaded once per column block. */
        private void weightedValues(Tile tile, Rows values, int bi) {
            float[] p0 = tile.scores[0];
            float[] p1 = tile.scores[1];
            float[] p2 = tile.scores[2];
            float[] p3 = tile.scores[3];
            long[] outAt = tile.outAt;
            for (int i = 0; i < TILE; i++) {
                outAt[i] = out.offset() + (((long) bi * hq + tile.head[i]) * tq + tile.t[i]) * dv;
            }
            MemorySegment seg = values.segment();
            int c = 0;
            for (; c < F.loopBound(dv); c += L) {
                FloatVector a0 = FloatVector.zero(F);
                FloatVector a1 = FloatVector.zero(F);
                FloatVector a2 = FloatVector.zero(F);
                FloatVector a3 = FloatVector.zero(F);
                for (int j = tile.lo; j < tile.hi; j++) {
                    FloatVector vv = FloatVector.fromMemorySegment(F, seg, (values.at(j) + c) * 4, LE);
                    int jj = j - tile.lo;
                    a0 = vv.fma(FloatVector.broadcast(F, p0[jj]), a0);
                    a1 = vv.fma(FloatVector.broadcast(F, p1[jj]), a1);
                    a2 = vv.fma(FloatVector.broadcast(F, p2[jj]), a2);
                    a3 = vv.fma(FloatVector.broadcast(F, p3[jj]), a3);
                }
                a0.mul(tile.inverseTotal[0]).intoMemorySegment(os, (outAt[0] + c) * 4, LE);
                a1.mul(tile.inverseTotal[1]).intoMemorySegment(os, (outAt[1] + c) * 4, LE);
                a2.mul(tile.inverseTotal[2]).intoMemorySegment(os, (outAt[2] + c) * 4, LE);
                a3.mul(tile.inverseTotal[3]).intoMemorySegment(os, (outAt[3] + c) * 4, LE);
            }
            for (; c < dv; c++) {
                for (int i = 0; i < TILE; i++) {
                    float acc = 0f;
                    for (int j = tile.lo; j < tile.hi; j++) {
                        acc += tile.scores[i][j - tile.lo] * seg.getAtIndex(Elements.F32, values.at(j) + c);
                    }
                    os.setAtIndex(Elements.F32, outAt[i] + c, acc * tile.inverseTotal[i]);
                }
            }
        }

        /** Per-thread buffers, grown on demand. */
        private final class Scratch {
            final Tile tile = new Tile(d, tk);
            float[] keys = new float[0];
            float[] values = new float[0];
        }
    }

    /** TILE query rows handled together: their positions, heads, query vectors, scores over keys [lo, hi). */
    private static final class Tile {
        final int[] t = new int[TILE];
        final int[] head = new int[TILE];
        final float[][] q;          // [TILE][D]
        final float[][] scores;     // [TILE][hi - lo]: dot products, then softmax numerators
        final float[] inverseTotal = new float[TILE];
        final long[] outAt = new long[TILE]; // element index of each row in out
        int lo;
        int hi;

        Tile(int d, int tk) {
            q = new float[TILE][d];
            scores = new float[TILE][tk];
        }
    }

    /**
     * Rows [lo, hi) of a k or v head, [T, width], as element index {@code at(j)} of row j in a segment: the
     * tensor's own storage when its last dim is unit-stride (a KV cache view is), else a copy packed into a
     * float[] (reusing {@code buffer} when large enough).
     */
    private record Rows(MemorySegment segment, long base, long stride, float[] packed) {
        static Rows of(Tensor x, int bi, int head, int lo, int hi, float[] buffer) {
            int width = x.size(3);
            long at = x.offset() + bi * x.stride(0) + head * x.stride(1);
            MemorySegment seg = x.storage().segment();
            if (x.stride(3) == 1) {
                return new Rows(seg, at, x.stride(2), buffer);
            }
            int n = (hi - lo) * width;
            float[] packed = buffer.length >= n ? buffer : new float[n];
            for (int j = lo; j < hi; j++) {
                for (int c = 0; c < width; c++) {
                    packed[(j - lo) * width + c] = seg.getAtIndex(Elements.F32, at + j * x.stride(2) + c * x.stride(3));
                }
            }
            return new Rows(MemorySegment.ofArray(packed), -(long) lo * width, width, packed);
        }

        long at(int j) {
            return base + j * stride;
        }
    }
}

package dev.rein.tensor.cpu;

import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.Elements;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One attention call's operands and the steps its forward ({@link CpuAttention}) and backward
 * ({@link CpuAttentionGrad}) kernels share: which keys a query sees, query-sized rows loaded into arrays, dot
 * products of a tile of rows with a run of key rows, and the softmax of a tile row.
 *
 * <p>Shapes: q [B, Hq, Tq, D], k [B, Hkv, Tk, D], v [B, Hkv, Tk, Dv] (any strides), mask [B, Hq, Tq, Tk] additive
 * (any strides, 0 for broadcast dims) or null; query i sits at absolute position Tk - Tq + i; query head h reads kv
 * head h / (Hq / Hkv).
 */
class AttentionCall {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Query rows handled together (the accumulators of one K or V load). */
    static final int TILE = 4;

    final Tensor q;
    final Tensor k;
    final Tensor v;
    final Tensor mask;
    final AttentionSpec spec;
    final int batch;
    final int hq;
    final int tq;
    final int d;
    final int hkv;
    final int tk;
    final int dv;
    final int group;
    final int past;   // absolute position of query 0
    private final MemorySegment ms;

    AttentionCall(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec) {
        this.q = q;
        this.k = k;
        this.v = v;
        this.mask = mask;
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
        ms = mask == null ? null : mask.storage().segment();
    }

    /** First key query position {@code t} sees. */
    int visibleStart(int t) {
        return spec.slidingWindow() > 0 ? Math.max(0, past + t - spec.slidingWindow() + 1) : 0;
    }

    /** One past the last key query position {@code t} sees. */
    int visibleEnd(int t) {
        return spec.causal() ? past + t + 1 : tk;
    }

    /**
     * Sets the tile's rows to {@code count} (at most TILE) consecutive rows from {@code first} of the t-major,
     * head-minor order of the query heads of kv head {@code kvh} (a short tile repeats its last row), loads their
     * queries and sets the tile's key range to the union of what they see.
     */
    void loadTile(Tile tile, int bi, int kvh, int first, int count) {
        for (int i = 0; i < TILE; i++) {
            int row = first + Math.min(i, count - 1);
            tile.t[i] = row / group;
            tile.head[i] = kvh * group + row % group;
            loadRow(q, bi, tile.head[i], tile.t[i], tile.q[i]);
        }
        tile.lo = visibleStart(tile.t[0]);
        tile.hi = Math.max(tile.lo, visibleEnd(tile.t[TILE - 1]));
    }

    /** row[0, width) = x[bi, h, t, :] for x [B, H, T, width]. */
    static void loadRow(Tensor x, int bi, int h, int t, float[] row) {
        MemorySegment xs = x.storage().segment();
        long at = x.offset() + bi * x.stride(0) + h * x.stride(1) + t * x.stride(2);
        long stride = x.stride(3);
        int width = x.size(3);
        if (stride == 1) {
            MemorySegment.copy(xs, Elements.F32, at * 4, row, 0, width);
        } else {
            for (int c = 0; c < width; c++) {
                row[c] = xs.getAtIndex(Elements.F32, at + c * stride);
            }
        }
    }

    /** out[i][j - lo] = rows[i] . keys_j for the TILE rows and keys j in [lo, hi), each key row loaded once. */
    static void dots(float[][] rows, Rows keys, int width, int lo, int hi, float[][] out) {
        float[] r0 = rows[0];
        float[] r1 = rows[1];
        float[] r2 = rows[2];
        float[] r3 = rows[3];
        int bound = F.loopBound(width);
        MemorySegment seg = keys.segment();
        for (int j = lo; j < hi; j++) {
            long at = keys.at(j);
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector a2 = FloatVector.zero(F);
            FloatVector a3 = FloatVector.zero(F);
            int c = 0;
            for (; c < bound; c += L) {
                FloatVector kv = FloatVector.fromMemorySegment(F, seg, (at + c) * 4, LE);
                a0 = FloatVector.fromArray(F, r0, c).fma(kv, a0);
                a1 = FloatVector.fromArray(F, r1, c).fma(kv, a1);
                a2 = FloatVector.fromArray(F, r2, c).fma(kv, a2);
                a3 = FloatVector.fromArray(F, r3, c).fma(kv, a3);
            }
            int jj = j - lo;
            out[0][jj] = withTail(LaneSums.sum(a0), r0, seg, at, c, width);
            out[1][jj] = withTail(LaneSums.sum(a1), r1, seg, at, c, width);
            out[2][jj] = withTail(LaneSums.sum(a2), r2, seg, at, c, width);
            out[3][jj] = withTail(LaneSums.sum(a3), r3, seg, at, c, width);
        }
    }

    /**
     * out[j - lo] = row . keys_j for keys j in [lo, hi): {@link #dots} for a single query row (a decode step of
     * multi-head attention), which would otherwise repeat the row in every lane of its tile. Four keys at a time, for
     * four independent chains of multiply-adds; each key's sum is formed in the same order as in {@link #dots}, so
     * a row gets the same bits whichever rows share its tile.
     */
    static void dotsOneRow(float[] row, Rows keys, int width, int lo, int hi, float[] out) {
        int bound = F.loopBound(width);
        MemorySegment seg = keys.segment();
        int j = lo;
        for (; j + 4 <= hi; j += 4) {
            long at0 = keys.at(j);
            long at1 = keys.at(j + 1);
            long at2 = keys.at(j + 2);
            long at3 = keys.at(j + 3);
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector a2 = FloatVector.zero(F);
            FloatVector a3 = FloatVector.zero(F);
            int c = 0;
            for (; c < bound; c += L) {
                FloatVector r = FloatVector.fromArray(F, row, c);
                a0 = r.fma(FloatVector.fromMemorySegment(F, seg, (at0 + c) * 4, LE), a0);
                a1 = r.fma(FloatVector.fromMemorySegment(F, seg, (at1 + c) * 4, LE), a1);
                a2 = r.fma(FloatVector.fromMemorySegment(F, seg, (at2 + c) * 4, LE), a2);
                a3 = r.fma(FloatVector.fromMemorySegment(F, seg, (at3 + c) * 4, LE), a3);
            }
            out[j - lo] = withTail(LaneSums.sum(a0), row, seg, at0, c, width);
            out[j + 1 - lo] = withTail(LaneSums.sum(a1), row, seg, at1, c, width);
            out[j + 2 - lo] = withTail(LaneSums.sum(a2), row, seg, at2, c, width);
            out[j + 3 - lo] = withTail(LaneSums.sum(a3), row, seg, at3, c, width);
        }
        for (; j < hi; j++) {
            long at = keys.at(j);
            FloatVector a = FloatVector.zero(F);
            int c = 0;
            for (; c < bound; c += L) {
                a = FloatVector.fromArray(F, row, c).fma(FloatVector.fromMemorySegment(F, seg, (at + c) * 4, LE), a);
            }
            out[j - lo] = withTail(LaneSums.sum(a), row, seg, at, c, width);
        }
    }

    /** sum + row[c] * x[at + c] over the columns [from, width) past the vector part, added one by one in order. */
    private static float withTail(float sum, float[] row, MemorySegment seg, long at, int from, int width) {
        for (int c = from; c < width; c++) {
            sum += row[c] * seg.getAtIndex(Elements.F32, at + c);
        }
        return sum;
    }

    /**
     * Rows [0, T) of a k or v head [T, width] transposed: element (j, c) at {@code [c * stride + j]} with
     * {@code stride = T + L}, the columns past T zero, so that a vector of L consecutive keys can be read from any
     * start below T. Reuses {@code buffer} when large enough.
     */
    static float[] transposedRows(Tensor x, int bi, int head, float[] buffer) {
        int t = x.size(2);
        int width = x.size(3);
        int stride = t + L;
        float[] out = buffer.length >= width * stride ? buffer : new float[width * stride];
        java.util.Arrays.fill(out, 0, width * stride, 0f);
        MemorySegment seg = x.storage().segment();
        long at = x.offset() + bi * x.stride(0) + head * x.stride(1);
        for (int j = 0; j < t; j++) {
            for (int c = 0; c < width; c++) {
                out[c * stride + j] = seg.getAtIndex(Elements.F32, at + j * x.stride(2) + c * x.stride(3));
            }
        }
        return out;
    }

    /**
     * As {@link #dots}, from the keys transposed ({@link #transposedRows}, row stride {@code stride}): L keys at a
     * time, each row's L dot products accumulate lane-wise (one broadcast row element times one row of the
     * transposed keys per step), so no sum across lanes is needed. Writes up to L - 1 entries past hi - lo.
     */
    static void dotsTransposed(float[][] rows, float[] keysT, int stride, int width, int lo, int hi, float[][] out) {
        float[] r0 = rows[0];
        float[] r1 = rows[1];
        float[] r2 = rows[2];
        float[] r3 = rows[3];
        for (int j = lo; j < hi; j += L) {
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector a2 = FloatVector.zero(F);
            FloatVector a3 = FloatVector.zero(F);
            for (int c = 0; c < width; c++) {
                FloatVector kv = FloatVector.fromArray(F, keysT, c * stride + j);
                a0 = kv.fma(FloatVector.broadcast(F, r0[c]), a0);
                a1 = kv.fma(FloatVector.broadcast(F, r1[c]), a1);
                a2 = kv.fma(FloatVector.broadcast(F, r2[c]), a2);
                a3 = kv.fma(FloatVector.broadcast(F, r3[c]), a3);
            }
            int jj = j - lo;
            a0.intoArray(out[0], jj);
            a1.intoArray(out[1], jj);
            a2.intoArray(out[2], jj);
            a3.intoArray(out[3], jj);
        }
    }

    /**
     * Turns tile row i's dot products into softmax numerators in place (scale, softcap, mask; 0 for keys the row
     * does not see) and returns 1 / their sum (NaN when the row sees nothing).
     */
    float softmax(Tile tile, int i, int bi) {
        float max = scores(tile, i, bi);
        // with nothing visible max is -inf, every exp(-inf - -inf) is NaN, and so is the row
        return 1f / exponentiate(tile.scores[i], tile.hi - tile.lo, max);
    }

    /**
     * Turns tile row i's dot products over keys [lo, hi) into scores in place (scale, softcap, mask; -inf for keys
     * the row does not see) and returns their max (-inf when it sees none of them).
     */
    float scores(Tile tile, int i, int bi) {
        float[] s = tile.scores[i];
        int n = tile.hi - tile.lo;
        int from = Math.min(n, Math.max(0, visibleStart(tile.t[i]) - tile.lo));
        int to = Math.max(from, Math.min(n, visibleEnd(tile.t[i]) - tile.lo));
        java.util.Arrays.fill(s, 0, from, Float.NEGATIVE_INFINITY);
        java.util.Arrays.fill(s, to, n, Float.NEGATIVE_INFINITY);
        return spec.softcap() > 0f || ms != null ? cappedMaskedScores(tile, i, bi, from, to)
                : scaledScores(s, from, to);
    }

    /** s[j] = exp(s[j] - max) over [0, n) in place; returns their sum. */
    static float exponentiate(float[] s, int n, float max) {
        FloatVector maxV = FloatVector.broadcast(F, max);
        FloatVector sumV = FloatVector.zero(F);
        int j = 0;
        for (; j < F.loopBound(n); j += L) {
            FloatVector p = VectorMath.expNonPositive(FloatVector.fromArray(F, s, j).sub(maxV));
            p.intoArray(s, j);
            sumV = sumV.add(p);
        }
        float total = LaneSums.sum(sumV);
        for (; j < n; j++) {
            s[j] = (float) Math.exp(s[j] - max);
            total += s[j];
        }
        return total;
    }

    /** s[j] *= scale over [from, to); returns their max. */
    private float scaledScores(float[] s, int from, int to) {
        float scale = spec.scale();
        FloatVector maxV = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int j = from;
        for (int bound = from + F.loopBound(to - from); j < bound; j += L) {
            FloatVector v = FloatVector.fromArray(F, s, j).mul(scale);
            v.intoArray(s, j);
            maxV = maxV.max(v);
        }
        float max = maxV.reduceLanes(VectorOperators.MAX);
        for (; j < to; j++) {
            s[j] *= scale;
            max = Math.max(max, s[j]);
        }
        return max;
    }

    /** Scale, softcap and mask of tile row i's visible scores [from, to), one by one; returns their max. */
    private float cappedMaskedScores(Tile tile, int i, int bi, int from, int to) {
        float[] s = tile.scores[i];
        long maskAt = ms == null ? 0 : mask.offset() + bi * mask.stride(0) + tile.head[i] * mask.stride(1)
                + tile.t[i] * mask.stride(2) + tile.lo * mask.stride(3);
        float max = Float.NEGATIVE_INFINITY;
        for (int j = from; j < to; j++) {
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
        return max;
    }

    /** TILE query rows handled together: their positions, heads, query vectors, scores over keys [lo, hi). */
    static final class Tile {
        final int[] t = new int[TILE];
        final int[] head = new int[TILE];
        final float[][] q;          // [TILE][D]
        final float[][] scores;     // [TILE][hi - lo]: dot products, then softmax numerators
        int lo;
        int hi;

        /** Room for {@code keys} scores per row (all of a head's keys, or one key block of the forward). */
        Tile(int d, int keys) {
            q = new float[TILE][d];
            scores = new float[TILE][keys + L];   // room for the lanes dotsTransposed writes past the last key
        }
    }

    /**
     * Rows [lo, hi) of a k or v head, [T, width], as element index {@code at(j)} of row j in a segment: the
     * tensor's own storage when its last dim is unit-stride (a KV cache view is), else a copy packed into a
     * float[] (reusing {@code buffer} when large enough).
     */
    record Rows(MemorySegment segment, long base, long stride, float[] packed) {
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

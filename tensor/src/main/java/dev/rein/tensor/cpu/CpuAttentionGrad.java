package dev.rein.tensor.cpu;

import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.Elements;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * The backward of {@link CpuAttention} in one fused pass, recomputing the probabilities P from q and k exactly as the
 * forward does. Per query row i with upstream gradient dO_i, over the keys j it sees:
 * <pre>
 * dP_ij = dO_i . v_j                 dV_j += P_ij dO_i
 * dS_ij = P_ij (dP_ij - sum_j P_ij dP_ij), times 1 - tanh^2(raw_ij / cap) through a softcap
 * dQ_i  = scale sum_j dS_ij k_j      dK_j += scale dS_ij q_i
 * </pre>
 * A work item is one (batch, kv head): it owns the dK and dV rows of that head, accumulated in arrays over every
 * query head of its group, so items never write the same memory. Rows go {@link AttentionCall#TILE} at a time
 * (t-major, head-minor, as in the forward) so that each K, V, dK and dV row loaded serves TILE query rows; keys a
 * row does not see get P = 0 and so contribute nothing, and causal rows skip the keys after the tile's last.
 */
final class CpuAttentionGrad extends AttentionCall {
    private final Tensor dOut;
    private final Tensor dQuery;
    private final Tensor dKey;
    private final Tensor dValue;

    private CpuAttentionGrad(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor dOut, Tensor dq,
            Tensor dk, Tensor dv) {
        super(q, k, v, mask, spec);
        this.dOut = dOut;
        this.dQuery = dq;
        this.dKey = dk;
        this.dValue = dv;
    }

    /**
     * dq [B, Hq, Tq, D], dk [B, Hkv, Tk, D] and dv [B, Hkv, Tk, Dv] (any strides, every element written) for the
     * upstream gradient dOut [B, Hq, Tq, Dv] (any strides) of attention(q, k, v, mask, spec).
     */
    static void attentionGrad(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor dOut, Tensor dq,
            Tensor dk, Tensor dv) {
        CpuAttentionGrad call = new CpuAttentionGrad(q, k, v, mask, spec, dOut, dq, dk, dv);
        long work = 3L * call.hq / call.hkv * call.tq * call.tk * (call.d + call.dv);
        Parallel.forRange(call.batch * call.hkv, work, (s, e) -> {
            Scratch scratch = call.new Scratch();
            for (int item = s; item < e; item++) {
                call.item(item / call.hkv, item % call.hkv, scratch);
            }
        });
    }

    /** Every query row of kv head {@code kvh}'s group, then this head's dK and dV stored. */
    private void item(int bi, int kvh, Scratch scratch) {
        Rows keys = Rows.of(k, bi, kvh, 0, tk, scratch.keys);
        scratch.keys = keys.packed();
        scratch.keysT = transposedRows(k, bi, kvh, scratch.keysT);
        scratch.valuesT = transposedRows(v, bi, kvh, scratch.valuesT);
        java.util.Arrays.fill(scratch.dkRows, 0f);
        java.util.Arrays.fill(scratch.dvRows, 0f);
        int rows = tq * group;
        Tile tile = scratch.tile;
        for (int r = 0; r < rows; r += TILE) {
            int count = Math.min(TILE, rows - r);
            loadTile(tile, bi, kvh, r, count);
            for (int i = 0; i < TILE; i++) {
                if (i < count) {
                    loadRow(dOut, bi, tile.head[i], tile.t[i], scratch.dOut[i]);
                } else {
                    java.util.Arrays.fill(scratch.dOut[i], 0f); // a repeated row: zero upstream, no contribution
                }
            }
            dotsTransposed(tile.q, scratch.keysT, tk + L, d, tile.lo, tile.hi, tile.scores);
            if (spec.softcap() > 0f) {
                for (int i = 0; i < TILE; i++) {
                    System.arraycopy(tile.scores[i], 0, scratch.raw[i], 0, tile.hi - tile.lo);
                }
            }
            for (int i = 0; i < TILE; i++) {
                normalise(tile.scores[i], tile.hi - tile.lo, softmax(tile, i, bi));
            }
            dotsTransposed(scratch.dOut, scratch.valuesT, tk + L, dv, tile.lo, tile.hi, scratch.dProbs);
            for (int i = 0; i < TILE; i++) {
                scoreGrad(tile, i, scratch);
            }
            queryAndKeyGrads(tile, keys, bi, count, scratch);
            valueGrads(tile, scratch);
        }
        storeRows(scratch.dkRows, dKey, bi, kvh, d);
        storeRows(scratch.dvRows, dValue, bi, kvh, dv);
    }

    private static void normalise(float[] p, int n, float inverseTotal) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += L) {
            FloatVector.fromArray(F, p, j).mul(inverseTotal).intoArray(p, j);
        }
        for (; j < n; j++) {
            p[j] *= inverseTotal;
        }
    }

    /** dProbs[i] becomes scale dS_i = scale P_i (dP_i - sum P_i dP_i) [* (1 - tanh^2(raw / cap))]. */
    private void scoreGrad(Tile tile, int i, Scratch scratch) {
        float[] p = tile.scores[i];
        float[] ds = scratch.dProbs[i];
        int n = tile.hi - tile.lo;
        int bound = F.loopBound(n);
        FloatVector acc = FloatVector.zero(F);
        int j = 0;
        for (; j < bound; j += L) {
            acc = FloatVector.fromArray(F, p, j).fma(FloatVector.fromArray(F, ds, j), acc);
        }
        float delta = VectorMath.sum(acc);
        for (; j < n; j++) {
            delta += p[j] * ds[j];
        }
        float scale = spec.scale();
        for (j = 0; j < bound; j += L) {
            FloatVector.fromArray(F, ds, j).sub(delta).mul(FloatVector.fromArray(F, p, j)).mul(scale)
                    .intoArray(ds, j);
        }
        for (; j < n; j++) {
            ds[j] = p[j] * (ds[j] - delta) * scale;
        }
        float cap = spec.softcap();
        if (cap > 0f) {
            for (j = 0; j < n; j++) {
                if (p[j] != 0f) {
                    float t = (float) Math.tanh(scratch.raw[i][j] * scale / cap);
                    ds[j] *= 1f - t * t;
                }
            }
        }
    }

    /** dQ_i = sum_j dS_ij k_j stored for the tile's real rows; dK_j += sum_i dS_ij q_i. */
    private void queryAndKeyGrads(Tile tile, Rows keys, int bi, int count, Scratch scratch) {
        float[] s0 = scratch.dProbs[0];
        float[] s1 = scratch.dProbs[1];
        float[] s2 = scratch.dProbs[2];
        float[] s3 = scratch.dProbs[3];
        float[][] dqRows = scratch.dqRows;
        float[] dkRows = scratch.dkRows;
        MemorySegment seg = keys.segment();
        int c = 0;
        for (; c < F.loopBound(d); c += L) {
            FloatVector q0 = FloatVector.fromArray(F, tile.q[0], c);
            FloatVector q1 = FloatVector.fromArray(F, tile.q[1], c);
            FloatVector q2 = FloatVector.fromArray(F, tile.q[2], c);
            FloatVector q3 = FloatVector.fromArray(F, tile.q[3], c);
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector a2 = FloatVector.zero(F);
            FloatVector a3 = FloatVector.zero(F);
            for (int j = tile.lo; j < tile.hi; j++) {
                int jj = j - tile.lo;
                FloatVector kv = FloatVector.fromMemorySegment(F, seg, (keys.at(j) + c) * 4, LE);
                FloatVector g0 = FloatVector.broadcast(F, s0[jj]);
                FloatVector g1 = FloatVector.broadcast(F, s1[jj]);
                FloatVector g2 = FloatVector.broadcast(F, s2[jj]);
                FloatVector g3 = FloatVector.broadcast(F, s3[jj]);
                a0 = kv.fma(g0, a0);
                a1 = kv.fma(g1, a1);
                a2 = kv.fma(g2, a2);
                a3 = kv.fma(g3, a3);
                int at = j * d + c;
                q3.fma(g3, q2.fma(g2, q1.fma(g1, q0.fma(g0, FloatVector.fromArray(F, dkRows, at)))))
                        .intoArray(dkRows, at);
            }
            a0.intoArray(dqRows[0], c);
            a1.intoArray(dqRows[1], c);
            a2.intoArray(dqRows[2], c);
            a3.intoArray(dqRows[3], c);
        }
        for (; c < d; c++) {
            for (int i = 0; i < TILE; i++) {
                float acc = 0f;
                for (int j = tile.lo; j < tile.hi; j++) {
                    float ds = scratch.dProbs[i][j - tile.lo];
                    acc += ds * seg.getAtIndex(Elements.F32, keys.at(j) + c);
                    dkRows[j * d + c] += ds * tile.q[i][c];
                }
                dqRows[i][c] = acc;
            }
        }
        for (int i = 0; i < count; i++) {
            storeRow(dqRows[i], dQuery, bi, tile.head[i], tile.t[i], d);
        }
    }

    /** dV_j += sum_i P_ij dO_i for the keys of the tile. */
    private void valueGrads(Tile tile, Scratch scratch) {
        float[] p0 = tile.scores[0];
        float[] p1 = tile.scores[1];
        float[] p2 = tile.scores[2];
        float[] p3 = tile.scores[3];
        float[] dvRows = scratch.dvRows;
        int c = 0;
        for (; c < F.loopBound(dv); c += L) {
            FloatVector o0 = FloatVector.fromArray(F, scratch.dOut[0], c);
            FloatVector o1 = FloatVector.fromArray(F, scratch.dOut[1], c);
            FloatVector o2 = FloatVector.fromArray(F, scratch.dOut[2], c);
            FloatVector o3 = FloatVector.fromArray(F, scratch.dOut[3], c);
            for (int j = tile.lo; j < tile.hi; j++) {
                int jj = j - tile.lo;
                int at = j * dv + c;
                FloatVector acc = FloatVector.fromArray(F, dvRows, at);
                acc = o0.fma(FloatVector.broadcast(F, p0[jj]), acc);
                acc = o1.fma(FloatVector.broadcast(F, p1[jj]), acc);
                acc = o2.fma(FloatVector.broadcast(F, p2[jj]), acc);
                o3.fma(FloatVector.broadcast(F, p3[jj]), acc).intoArray(dvRows, at);
            }
        }
        for (; c < dv; c++) {
            for (int j = tile.lo; j < tile.hi; j++) {
                int jj = j - tile.lo;
                dvRows[j * dv + c] += p0[jj] * scratch.dOut[0][c] + p1[jj] * scratch.dOut[1][c]
                        + p2[jj] * scratch.dOut[2][c] + p3[jj] * scratch.dOut[3][c];
            }
        }
    }

    /** x[bi, h, t, :] = row[0, width). */
    private static void storeRow(float[] row, Tensor x, int bi, int h, int t, int width) {
        MemorySegment xs = x.storage().segment();
        long at = x.offset() + bi * x.stride(0) + h * x.stride(1) + t * x.stride(2);
        long stride = x.stride(3);
        if (stride == 1) {
            MemorySegment.copy(row, 0, xs, Elements.F32, at * 4, width);
        } else {
            for (int c = 0; c < width; c++) {
                xs.setAtIndex(Elements.F32, at + c * stride, row[c]);
            }
        }
    }

    /** x[bi, h, :, :] = rows, [T, width] row-major. */
    private void storeRows(float[] rows, Tensor x, int bi, int h, int width) {
        float[] row = new float[width];
        for (int t = 0; t < tk; t++) {
            System.arraycopy(rows, t * width, row, 0, width);
            storeRow(row, x, bi, h, t, width);
        }
    }

    /** Per-thread buffers. */
    private final class Scratch {
        final Tile tile = new Tile(d, tk);
        final float[][] dOut = new float[TILE][dv];
        final float[][] dProbs = new float[TILE][tk + L];   // dP, then scale dS
        final float[][] raw = new float[TILE][tk + L];      // q . k before softcap (only with a softcap)
        final float[][] dqRows = new float[TILE][d];
        final float[] dkRows = new float[tk * d];          // dK rows of the item's kv head
        final float[] dvRows = new float[tk * dv];         // dV rows of the item's kv head
        float[] keys = new float[0];
        float[] keysT = new float[0];
        float[] valuesT = new float[0];
    }
}

package dev.rein.tensor.cpu;

import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.Elements;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * Fused scaled dot-product attention with the Vector API: K/V rows read in place (or packed once when their
 * last dim is strided), a tile of query rows per K/V load and a two-pass softmax over the visible keys only.
 */
final class CpuAttention {
    /** Query positions per work item of attention. */
    private static final int QUERY_BLOCK = 16;

    private CpuAttention() {
    }

    /**
     * out = softmax(softcap(scale q k^T) + mask, hidden keys removed) v: q [B, Hq, Tq, D], k [B, Hkv, Tk, D],
     * v [B, Hkv, Tk, Dv] any strides, mask [B, Hq, Tq, Tk] any strides (0 for broadcast dims) or null, out
     * [B, Hq, Tq, Dv] contiguous. A row that sees no key gives NaN, as PyTorch does.
     */
    static void attention(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor out) {
        new Forward(q, k, v, mask, spec, out).run();
    }

    /**
     * The forward of one call. The work items are (batch, kv head, block of query positions); an item takes the
     * {@code group} query heads that share its kv head at each of its positions, and handles its rows
     * {@link AttentionCall#TILE} at a time so that every K and V row it loads serves {@code TILE} query rows.
     */
    private static final class Forward extends AttentionCall {
        private final Tensor out;
        private final int blocks; // query blocks per (batch, kv head)
        private final MemorySegment os;

        Forward(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor out) {
            super(q, k, v, mask, spec);
            this.out = out;
            blocks = (tq + QUERY_BLOCK - 1) / QUERY_BLOCK;
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
            Tile tile = scratch.tile;
            for (int r = 0; r < rows; r += TILE) {
                loadTile(tile, bi, kvh, t0 * group + r, Math.min(TILE, rows - r));
                dots(tile.q, keys, d, tile.lo, tile.hi, tile.scores);
                for (int i = 0; i < TILE; i++) {
                    tile.inverseTotal[i] = softmax(tile, i, bi);
                }
                weightedValues(tile, values, bi, scratch.outAt);
            }
        }

        /** out[row i] = sum_j p_i[j] v_j / total_i for the tile's rows, each V row loaded once per column block. */
        private void weightedValues(Tile tile, Rows values, int bi, long[] outAt) {
            float[] p0 = tile.scores[0];
            float[] p1 = tile.scores[1];
            float[] p2 = tile.scores[2];
            float[] p3 = tile.scores[3];
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
            final long[] outAt = new long[TILE]; // element index of each tile row in out
            float[] keys = new float[0];
            float[] values = new float[0];
        }
    }
}

package dev.rein.tensor.cpu;

import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.Elements;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * Fused scaled dot-product attention with the Vector API, flash-style: a work item takes a block of query positions
 * (every query head of one kv head) and walks the keys they see in blocks of {@link #KEY_BLOCK}, keeping per query
 * row a running max, a running sum of exponentials and an unnormalised output (online softmax). Each K and V block
 * (read in place, or packed when its last dim is strided) stays in cache while every row of the query block uses it,
 * and no row ever holds more than one key block of scores: memory is linear in T, whatever the prompt length.
 */
final class CpuAttention {
    /** Query positions per work item of attention. */
    private static final int QUERY_BLOCK = 16;
    /** Keys per block of the online softmax: a K and a V block of 256 x 128 floats take 256 KiB, within L2. */
    static final int KEY_BLOCK = 256;
    /**
     * Tiles of a query block from which its key blocks are transposed first, so that q.k takes L keys per vector
     * without a sum across lanes per key; below it (decoding: one position) the transpose would cost as much as the
     * products.
     */
    private static final int TRANSPOSED_MIN_TILES = 4;
    /** Row stride of a transposed key block: room for the L - 1 lanes {@link #dotsTransposed} reads past its end. */
    private static final int TRANSPOSED_STRIDE = KEY_BLOCK + AttentionCall.L;

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
     * {@code group} query heads that share its kv head at each of its positions, as tiles of {@link AttentionCall#TILE}
     * rows so that every K and V row it loads serves {@code TILE} query rows. A tile of one row (a decode step with
     * one query head per kv head) takes a path of its own rather than computing its row four times.
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
            int rows = (t1 - t0) * group;
            int tiles = (rows + TILE - 1) / TILE;
            scratch.ensureTiles(tiles);
            for (int x = 0; x < tiles; x++) {
                RunningRows running = scratch.running[x];
                int count = Math.min(TILE, rows - x * TILE);
                loadTile(running.tile, bi, kvh, t0 * group + x * TILE, count);
                running.start(count == 1 ? 1 : TILE);
            }
            for (int k0 = lo; k0 < hi; k0 += KEY_BLOCK) {
                int k1 = Math.min(hi, k0 + KEY_BLOCK);
                Rows keys = Rows.of(k, bi, kvh, k0, k1, scratch.keys);
                Rows values = Rows.of(v, bi, kvh, k0, k1, scratch.values);
                scratch.keys = keys.packed();
                scratch.values = values.packed();
                float[] keysT = null;
                if (tiles >= TRANSPOSED_MIN_TILES) {
                    keysT = scratch.keysT = transposedBlock(keys, k0, k1, scratch.keysT);
                }
                for (int x = 0; x < tiles; x++) {
                    keyBlock(scratch.running[x], keys, keysT, values, k0, k1, bi);
                }
            }
            for (int x = 0; x < tiles; x++) {
                store(scratch.running[x], bi);
            }
        }

        /**
         * Keys [k0, k1) transposed: element (j, c) at {@code [c * TRANSPOSED_STRIDE + j - k0]}, for
         * {@link #dotsTransposed}, which then needs no sum across lanes per key. Reuses {@code buffer}.
         */
        private float[] transposedBlock(Rows keys, int k0, int k1, float[] buffer) {
            float[] out = buffer.length >= d * TRANSPOSED_STRIDE ? buffer : new float[d * TRANSPOSED_STRIDE];
            MemorySegment seg = keys.segment();
            for (int j = k0; j < k1; j++) {
                long at = keys.at(j);
                for (int c = 0; c < d; c++) {
                    out[c * TRANSPOSED_STRIDE + j - k0] = seg.getAtIndex(Elements.F32, at + c);
                }
            }
            return out;
        }

        /** Folds keys [k0, k1) (as far as the tile sees them) into the tile's running softmax and outputs. */
        private void keyBlock(RunningRows running, Rows keys, float[] keysT, Rows values, int k0, int k1, int bi) {
            Tile tile = running.tile;
            tile.lo = Math.max(k0, running.lo);
            tile.hi = Math.min(k1, running.hi);
            if (tile.lo >= tile.hi) {
                return;
            }
            if (running.rows == 1) {
                dotsOneRow(tile.q[0], keys, d, tile.lo, tile.hi, tile.scores[0]);
            } else if (keysT != null) {
                dotsTransposed(tile.q, keysT, TRANSPOSED_STRIDE, d, tile.lo - k0, tile.hi - k0, tile.scores);
            } else {
                dots(tile.q, keys, d, tile.lo, tile.hi, tile.scores);
            }
            int n = tile.hi - tile.lo;
            for (int i = 0; i < running.rows; i++) {
                float blockMax = scores(tile, i, bi);
                if (blockMax == Float.NEGATIVE_INFINITY) {                // sees none of these keys
                    java.util.Arrays.fill(tile.scores[i], 0, n, 0f);
                    continue;
                }
                float max = Math.max(running.max[i], blockMax);
                float rescale = (float) Math.exp(running.max[i] - max);  // 0 for the first block the row sees
                running.total[i] = running.total[i] * rescale + exponentiate(tile.scores[i], n, max);
                running.max[i] = max;
                if (rescale != 1f) {
                    scale(running.out[i], rescale);
                }
            }
            if (running.rows == 1) {
                accumulateValuesOneRow(tile, values, running.out[0]);
            } else {
                accumulateValues(tile, values, running.out);
            }
        }

        /** acc[i] += sum_j p_i[j] v_j over the tile's key range, each V row loaded once per column block. */
        private void accumulateValues(Tile tile, Rows values, float[][] acc) {
            float[] p0 = tile.scores[0];
            float[] p1 = tile.scores[1];
            float[] p2 = tile.scores[2];
            float[] p3 = tile.scores[3];
            MemorySegment seg = values.segment();
            int c = 0;
            for (; c < F.loopBound(dv); c += L) {
                FloatVector a0 = FloatVector.fromArray(F, acc[0], c);
                FloatVector a1 = FloatVector.fromArray(F, acc[1], c);
                FloatVector a2 = FloatVector.fromArray(F, acc[2], c);
                FloatVector a3 = FloatVector.fromArray(F, acc[3], c);
                for (int j = tile.lo; j < tile.hi; j++) {
                    FloatVector vv = FloatVector.fromMemorySegment(F, seg, (values.at(j) + c) * 4, LE);
                    int jj = j - tile.lo;
                    a0 = vv.fma(FloatVector.broadcast(F, p0[jj]), a0);
                    a1 = vv.fma(FloatVector.broadcast(F, p1[jj]), a1);
                    a2 = vv.fma(FloatVector.broadcast(F, p2[jj]), a2);
                    a3 = vv.fma(FloatVector.broadcast(F, p3[jj]), a3);
                }
                a0.intoArray(acc[0], c);
                a1.intoArray(acc[1], c);
                a2.intoArray(acc[2], c);
                a3.intoArray(acc[3], c);
            }
            for (int i = 0; i < TILE; i++) {
                accumulateColumns(tile, tile.scores[i], values, c, acc[i]);
            }
        }

        /**
         * acc += sum_j p_0[j] v_j over the tile's key range for a tile of one row: {@link #accumulateValues} without
         * the three repeats of the row, four column vectors at a time so that four chains of multiply-adds run side by
         * side. Each column's sum is formed in the same order as there, so the row gets the same bits.
         */
        private void accumulateValuesOneRow(Tile tile, Rows values, float[] acc) {
            float[] p = tile.scores[0];
            MemorySegment seg = values.segment();
            int c = 0;
            for (; c + 4 * L <= dv; c += 4 * L) {
                FloatVector a0 = FloatVector.fromArray(F, acc, c);
                FloatVector a1 = FloatVector.fromArray(F, acc, c + L);
                FloatVector a2 = FloatVector.fromArray(F, acc, c + 2 * L);
                FloatVector a3 = FloatVector.fromArray(F, acc, c + 3 * L);
                for (int j = tile.lo; j < tile.hi; j++) {
                    long at = (values.at(j) + c) * 4;
                    FloatVector pj = FloatVector.broadcast(F, p[j - tile.lo]);
                    a0 = FloatVector.fromMemorySegment(F, seg, at, LE).fma(pj, a0);
                    a1 = FloatVector.fromMemorySegment(F, seg, at + 4L * L, LE).fma(pj, a1);
                    a2 = FloatVector.fromMemorySegment(F, seg, at + 8L * L, LE).fma(pj, a2);
                    a3 = FloatVector.fromMemorySegment(F, seg, at + 12L * L, LE).fma(pj, a3);
                }
                a0.intoArray(acc, c);
                a1.intoArray(acc, c + L);
                a2.intoArray(acc, c + 2 * L);
                a3.intoArray(acc, c + 3 * L);
            }
            for (; c < F.loopBound(dv); c += L) {
                FloatVector a = FloatVector.fromArray(F, acc, c);
                for (int j = tile.lo; j < tile.hi; j++) {
                    FloatVector vv = FloatVector.fromMemorySegment(F, seg, (values.at(j) + c) * 4, LE);
                    a = vv.fma(FloatVector.broadcast(F, p[j - tile.lo]), a);
                }
                a.intoArray(acc, c);
            }
            accumulateColumns(tile, p, values, c, acc);
        }

        /** acc[c] += sum_j p[j] v_j[c] for the columns [from, dv) past the vector part, one by one. */
        private void accumulateColumns(Tile tile, float[] p, Rows values, int from, float[] acc) {
            MemorySegment seg = values.segment();
            for (int c = from; c < dv; c++) {
                float sum = acc[c];
                for (int j = tile.lo; j < tile.hi; j++) {
                    sum += p[j - tile.lo] * seg.getAtIndex(Elements.F32, values.at(j) + c);
                }
                acc[c] = sum;
            }
        }

        /** out[row i] = acc_i / total_i for the tile's rows (NaN for a row that saw no key: 0 / 0). */
        private void store(RunningRows running, int bi) {
            Tile tile = running.tile;
            for (int i = 0; i < running.rows; i++) {
                scale(running.out[i], 1f / running.total[i]);
                long at = out.offset() + (((long) bi * hq + tile.head[i]) * tq + tile.t[i]) * dv;
                MemorySegment.copy(running.out[i], 0, os, Elements.F32, at * 4, dv);
            }
        }

        private static void scale(float[] x, float factor) {
            int c = 0;
            for (; c < F.loopBound(x.length); c += L) {
                FloatVector.fromArray(F, x, c).mul(factor).intoArray(x, c);
            }
            for (; c < x.length; c++) {
                x[c] *= factor;
            }
        }

        /** One tile's rows with their running softmax: max and sum of exponentials so far, unnormalised output. */
        private final class RunningRows {
            final Tile tile = new Tile(d, KEY_BLOCK);
            final float[] max = new float[TILE];
            final float[] total = new float[TILE];
            final float[][] out = new float[TILE][dv];
            int rows; // 1 for a tile of one query row, else TILE (a short tile repeats its last row)
            int lo;   // the keys the tile's rows see, together
            int hi;

            /** Empties the running state after the tile was loaded with {@code rows} rows to compute. */
            void start(int rows) {
                this.rows = rows;
                lo = tile.lo;
                hi = tile.hi;
                java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
                java.util.Arrays.fill(total, 0f);
                for (float[] row : out) {
                    java.util.Arrays.fill(row, 0f);
                }
            }
        }

        /** Per-thread buffers, grown on demand. */
        private final class Scratch {
            RunningRows[] running = new RunningRows[0];
            float[] keys = new float[0];
            float[] values = new float[0];
            float[] keysT = new float[0];

            void ensureTiles(int tiles) {
                if (running.length < tiles) {
                    RunningRows[] grown = java.util.Arrays.copyOf(running, tiles);
                    for (int x = running.length; x < tiles; x++) {
                        grown[x] = new RunningRows();
                    }
                    running = grown;
                }
            }
        }
    }
}

package dev.rein.tensor.cpu;

import static dev.rein.tensor.cpu.GemmKernel.MR;
import static dev.rein.tensor.cpu.GemmKernel.NR;

import dev.rein.tensor.Elements;
import dev.rein.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Packed, cache-blocked F32 matrix product out[b] = a[b] @ w[b] (a [B, M, K] F32, w [B, K, N] F32/BF16/F16, any
 * strides; out [B, M, N] contiguous F32), in the GotoBLAS/BLIS loop order:
 *
 * <pre>
 * for jc in N step NC          B block [KC, NC] packed once, shared by all cores (L3)
 *   for pc in K step KC
 *     pack B[pc:pc+KC, jc:jc+NC]
 *     split row strips (or column panels when M is small) across the cores:
 *       for ic in M step MC     A block [MC, KC] packed per core (L2)
 *         for jr panel of NR    B micro-panel [KC, NR] (L1)
 *           for ir strip of MR  micro-kernel: C[MR, NR] += A[MR, KC] @ B[KC, NR]
 * </pre>
 *
 * Many small batches (attention scores) run one batch per core instead.
 */
final class GemmF32 {
    /** Depth of a packed block: a B micro-panel KC x NR is 16 KiB with 8-float vectors. */
    static final int KC = 256;
    /** Rows of a packed A block (a multiple of MR): 120 KiB. */
    static final int MC = 120;
    /** Columns of a packed B block (a multiple of NR): 4 MiB, shared through L3. */
    static final int NC = 4096;
    /**
     * Most row strips per piece of work the cores take in turn (an atomic counter, not halves fixed in advance): on a
     * shared machine a core that loses its time slice leaves its remaining pieces to the other instead of making it
     * wait. 8 strips = 32 rows, so a 256-row prompt is 8 pieces; fewer rows get smaller pieces, two per core.
     */
    private static final int STRIPS_PER_CHUNK = 8;
    /** Below this many multiply-adds per batch, batches are spread across cores rather than split. */
    private static final long SMALL_BATCH_WORK = 1L << 21;

    private static final ThreadLocal<float[]> A_BLOCK = ThreadLocal.withInitial(() -> new float[MC * KC]);
    /** One row or column of a block being packed: KC floats, which is also at least MC. */
    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[Math.max(KC, MC)]);
    private static final ThreadLocal<float[]> B_BLOCK = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<MemorySegment> EDGE_TILE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate((long) MR * NR * 4, 64));

    private GemmF32() {
    }

    static void multiply(Tensor a, Tensor w, Tensor out) {
        int batch = a.size(0);
        int m = a.size(1);
        int k = a.size(2);
        int n = w.size(2);
        MemorySegment os = out.storage().segment();
        if (k == 0) {
            os.asSlice(out.offset() * 4, (long) batch * m * n * 4).fill((byte) 0);
            return;
        }
        long perBatch = (long) m * n * k;
        if (batch >= Parallel.THREADS && perBatch <= SMALL_BATCH_WORK) {
            Parallel.forRange(batch, 2 * perBatch, (s, e) -> {
                for (int b = s; b < e; b++) {
                    new Job(a, w, out, b, false).run();
                }
            });
        } else {
            for (int b = 0; b < batch; b++) {
                new Job(a, w, out, b, true).run();
            }
        }
    }

    /** One batch's product: the blocking loops, sharing the packed B block between cores. */
    private static final class Job {
        private final MatrixView a;
        private final MatrixView w;
        private final MemorySegment c;
        private final long cBase;
        private final int m;
        private final int k;
        private final int n;
        private final boolean parallel;
        private final float[] bBlock;

        Job(Tensor a, Tensor w, Tensor out, int b, boolean parallel) {
            this.a = MatrixView.of(a, b);
            this.w = MatrixView.of(w, b);
            this.m = a.size(1);
            this.k = a.size(2);
            this.n = w.size(2);
            this.c = out.storage().segment();
            this.cBase = out.offset() + (long) b * m * n;
            this.parallel = parallel;
            int need = Math.min(KC, k) * Math.min(NC, ceil(n, NR) * NR);
            float[] buffer = B_BLOCK.get();
            if (buffer.length < need) {
                buffer = new float[need];
                B_BLOCK.set(buffer);
            }
            this.bBlock = buffer;
        }

        void run() {
            int strips = ceil(m, MR);
            for (int jc = 0; jc < n; jc += NC) {
                int nEnd = Math.min(n, jc + NC);
                int panels = ceil(nEnd - jc, NR);
                for (int pc = 0; pc < k; pc += KC) {
                    int kc = Math.min(KC, k - pc);
                    int j0 = jc;
                    int p0 = pc;
                    split(panels, (long) kc * NR,
                            (s, e) -> GemmPacking.packB(w, p0, kc, j0, nEnd, s, e, bBlock, ROW.get()));
                    if (!parallel || strips >= 4 * Parallel.THREADS) {
                        long work = 2L * kc * (nEnd - jc) * MR;
                        // at least two pieces per core: a 32-row prompt (8 strips) in one piece left a core idle
                        int perChunk = Math.max(1, Math.min(STRIPS_PER_CHUNK, strips / (2 * Parallel.THREADS)));
                        int chunks = ceil(strips, perChunk);
                        AtomicInteger next = new AtomicInteger();
                        split(Math.min(Parallel.THREADS, chunks), work * strips / Parallel.THREADS, (s, e) -> {
                            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                                int s0 = c * perChunk;
                                macro(s0, Math.min(strips, s0 + perChunk), 0, panels, j0, nEnd, p0, kc);
                            }
                        });
                    } else {
                        split(panels, 2L * kc * m * NR, (s, e) -> macro(0, strips, s, e, j0, nEnd, p0, kc));
                    }
                }
            }
        }

        private void split(int count, long workPerItem, Parallel.RangeBody body) {
            if (parallel) {
                Parallel.forRange(count, workPerItem, body);
            } else {
                body.run(0, count);
            }
        }

        /** Strips [s0, s1) x panels [q0, q1) of the current (jc, pc) block. */
        private void macro(int s0, int s1, int q0, int q1, int jc, int nEnd, int pc, int kc) {
            float[] aBlock = A_BLOCK.get();
            float[] row = ROW.get();
            boolean accumulate = pc > 0;
            for (int s = s0; s < s1; s += MC / MR) {
                int sEnd = Math.min(s1, s + MC / MR);
                int i0 = s * MR;
                GemmPacking.packA(a, i0, Math.min(m, sEnd * MR) - i0, pc, kc, aBlock, row);
                for (int q = q0; q < q1; q++) {
                    int col = jc + q * NR;
                    int cols = Math.min(NR, nEnd - col);
                    int bOff = q * kc * NR;
                    for (int t = s; t < sEnd; t++) {
                        int r0 = t * MR;
                        int aOff = (t - s) * kc * MR;
                        long cIndex = cBase + (long) r0 * n + col;
                        if (cols == NR && r0 + MR <= m) {
                            GemmKernel.tile(aBlock, aOff, bBlock, bOff, kc, c, cIndex * 4, 4L * n, accumulate);
                        } else {
                            edge(aOff, bOff, kc, cIndex, Math.min(MR, m - r0), cols, accumulate);
                        }
                    }
                }
            }
        }

        /** A partial tile: computed whole into a scratch tile, then the valid rows x cols moved into C. */
        private void edge(int aOff, int bOff, int kc, long cIndex, int rows, int cols, boolean accumulate) {
            MemorySegment tile = EDGE_TILE.get();
            GemmKernel.tile(A_BLOCK.get(), aOff, bBlock, bOff, kc, tile, 0, 4L * NR, false);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    float v = tile.getAtIndex(Elements.F32, (long) r * NR + j);
                    long at = cIndex + (long) r * n + j;
                    c.setAtIndex(Elements.F32, at, accumulate ? c.getAtIndex(Elements.F32, at) + v : v);
                }
            }
        }
    }

    private static int ceil(int x, int d) {
        return (x + d - 1) / d;
    }
}

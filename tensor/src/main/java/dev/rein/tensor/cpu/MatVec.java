package dev.rein.tensor.cpu;

import static dev.rein.tensor.cpu.Widen.F;
import static dev.rein.tensor.cpu.Widen.I;
import static dev.rein.tensor.cpu.Widen.L;
import static dev.rein.tensor.cpu.Widen.LE;

import dev.rein.tensor.DType;
import dev.rein.tensor.Elements;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Products with few rows (decode: a [B, M, K] with M up to {@link #MAX_ROWS}), which are bound by reading the
 * weights: w [B, K, N] is streamed once, BF16/F16 widened in registers ({@link Widen}), never packed. Two layouts:
 * <ul>
 *   <li>w unit-strided over K (the transposed weight of {@code linear}, [N, K] in memory): each output is a dot
 *       product along a contiguous weight row, four rows at a time;</li>
 *   <li>w unit-strided over N ([K, N] row-major): each weight row is scaled by a[m, k] into a block of
 *       accumulators.</li>
 * </ul>
 * The few rows of a are copied (and for 16-bit weights deinterleaved into even/odd order) first.
 */
final class MatVec {
    /**
     * Largest M handled here; beyond it the packed GEMM reuses weights better. The GEMM packs (and widens) the whole
     * weight on every call, which a few rows cannot pay back: on an 11008 x 4096 layer (QuantizedMatMulBenchmark,
     * AVX-512, load 4-5) 8 rows took 101-132 ms through it against 19-20 ms here (F32 and BF16), 16 rows 124-149 ms
     * against 30-47 ms; so a batch of up to 16 decoded sequences is read here, each weight row once per step.
     */
    static final int MAX_ROWS = 16;
    /** Columns per block in the row-major path: 1 KiB of F32 per weight row. */
    private static final int COLUMN_BLOCK = 32 * L;
    /** Widest output whose per-core accumulators (N floats each) stay in the L2 cache. */
    private static final int MAX_STREAMED_COLUMNS = 64 * 1024;
    /** Bytes of weight rows re-read from cache for each of the M rows of a, in the transposed path. */
    private static final long ROW_BLOCK_BYTES = 256 * 1024;

    private MatVec() {
    }

    /** True when {@link #multiply} handles these operands. */
    static boolean applies(Tensor a, Tensor w) {
        return a.size(1) <= MAX_ROWS && (w.stride(1) == 1 || w.stride(2) == 1);
    }

    static void multiply(Tensor a, Tensor w, Tensor out) {
        int batch = a.size(0);
        int m = a.size(1);
        int k = a.size(2);
        int n = w.size(2);
        boolean half = w.dtype() != DType.F32;
        float[] x = rowsOf(a, half && w.stride(1) == 1);
        if (w.stride(1) == 1) {
            dots(x, w, out, batch, m, k, n);
        } else if (batch == 1 && m == 1 && n <= MAX_STREAMED_COLUMNS) {
            axpysByRowRanges(x, w, out, k, n);
        } else {
            axpys(x, w, out, batch, m, k, n);
        }
    }

    /** The rows of a as x[(b * M + m) * K + k], deinterleaved per row when {@code evenOdd}. */
    private static float[] rowsOf(Tensor a, boolean evenOdd) {
        int batch = a.size(0);
        int m = a.size(1);
        int k = a.size(2);
        float[] x = new float[batch * m * k];
        float[] row = evenOdd ? new float[k] : null;
        for (int b = 0; b < batch; b++) {
            MatrixView view = MatrixView.of(a, b);
            for (int i = 0; i < m; i++) {
                int at = (b * m + i) * k;
                if (evenOdd) {
                    Widen.row(view.segment(), view.dtype(), view.index(i, 0), view.colStride(), k, row, 0);
                    Widen.deinterleave(row, 0, k, x, at);
                } else {
                    Widen.row(view.segment(), view.dtype(), view.index(i, 0), view.colStride(), k, x, at);
                }
            }
        }
        return x;
    }

    /** out[b, i, j] = dot(x[b, i, :], w row j) for w [N, K] rows contiguous (w.stride(1) == 1). */
    private static void dots(float[] x, Tensor w, Tensor out, int batch, int m, int k, int n) {
        MemorySegment ws = w.storage().segment();
        MemorySegment os = out.storage().segment();
        DType dt = w.dtype();
        int groups = (n + 3) / 4;
        int groupsPerBlock = (int) Math.max(1, ROW_BLOCK_BYTES / (4L * k * dt.byteSize()));
        Parallel.forRange(batch * groups, 4L * k * m, (s, e) -> {
            float[] sums = new float[4];
            long[] rows = new long[4];
            for (int t0 = s; t0 < e; t0 += groupsPerBlock) {
                int t1 = Math.min(e, t0 + groupsPerBlock);
                for (int i = 0; i < m; i++) {
                    for (int t = t0; t < t1; t++) {
                        int b = t / groups;
                        int j0 = (t % groups) * 4;
                        int count = Math.min(4, n - j0);
                        MatrixView wv = MatrixView.of(w, b);
                        for (int r = 0; r < 4; r++) {
                            rows[r] = wv.index(0, j0 + Math.min(r, count - 1)); // a short group repeats its last row
                        }
                        int xOff = (b * m + i) * k;
                        switch (dt) {
                            case F32 -> dot4F32(ws, rows, x, xOff, k, sums);
                            case BF16 -> dot4Half(ws, rows, x, xOff, k, sums, false);
                            case F16 -> dot4Half(ws, rows, x, xOff, k, sums, true);
                            default -> throw new IllegalArgumentException("matmul weight dtype " + dt);
                        }
                        long o = out.offset() + ((long) b * m + i) * n + j0;
                        for (int r = 0; r < count; r++) {
                            os.setAtIndex(Elements.F32, o + r, sums[r]);
                        }
                    }
                }
            }
        });
    }

    /** Four dot products of x[xOff, xOff + k) with contiguous F32 rows starting at element indices rows[]. */
    private static void dot4F32(MemorySegment ws, long[] rows, float[] x, int xOff, int k, float[] sums) {
        long r0 = rows[0] * 4;
        long r1 = rows[1] * 4;
        long r2 = rows[2] * 4;
        long r3 = rows[3] * 4;
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = FloatVector.zero(F);
        FloatVector s2 = FloatVector.zero(F);
        FloatVector s3 = FloatVector.zero(F);
        int p = 0;
        for (int upper = F.loopBound(k); p < upper; p += L) {
            FloatVector xv = FloatVector.fromArray(F, x, xOff + p);
            long at = 4L * p;
            s0 = FloatVector.fromMemorySegment(F, ws, r0 + at, LE).fma(xv, s0);
            s1 = FloatVector.fromMemorySegment(F, ws, r1 + at, LE).fma(xv, s1);
            s2 = FloatVector.fromMemorySegment(F, ws, r2 + at, LE).fma(xv, s2);
            s3 = FloatVector.fromMemorySegment(F, ws, r3 + at, LE).fma(xv, s3);
        }
        sums[0] = LaneSums.sum(s0);
        sums[1] = LaneSums.sum(s1);
        sums[2] = LaneSums.sum(s2);
        sums[3] = LaneSums.sum(s3);
        for (; p < k; p++) {
            float xv = x[xOff + p];
            for (int r = 0; r < 4; r++) {
                sums[r] += xv * ws.getAtIndex(Elements.F32, rows[r] + p);
            }
        }
    }

    /**
     * Four dot products with contiguous BF16 ({@code f16} false) or F16 rows; x is in even/odd order, each int
     * load covering 2L weights.
     */
    private static void dot4Half(MemorySegment ws, long[] rows, float[] x, int xOff, int k, float[] sums,
            boolean f16) {
        long r0 = rows[0] * 2;
        long r1 = rows[1] * 2;
        long r2 = rows[2] * 2;
        long r3 = rows[3] * 2;
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = FloatVector.zero(F);
        FloatVector s2 = FloatVector.zero(F);
        FloatVector s3 = FloatVector.zero(F);
        int p = 0;
        for (int upper = k - k % (2 * L); p < upper; p += 2 * L) {
            FloatVector xe = FloatVector.fromArray(F, x, xOff + p);
            FloatVector xo = FloatVector.fromArray(F, x, xOff + p + L);
            long at = 2L * p;
            IntVector w0 = IntVector.fromMemorySegment(I, ws, r0 + at, LE);
            IntVector w1 = IntVector.fromMemorySegment(I, ws, r1 + at, LE);
            IntVector w2 = IntVector.fromMemorySegment(I, ws, r2 + at, LE);
            IntVector w3 = IntVector.fromMemorySegment(I, ws, r3 + at, LE);
            if (f16) {
                s0 = Widen.f16Odd(w0).fma(xo, Widen.f16Even(w0).fma(xe, s0));
                s1 = Widen.f16Odd(w1).fma(xo, Widen.f16Even(w1).fma(xe, s1));
                s2 = Widen.f16Odd(w2).fma(xo, Widen.f16Even(w2).fma(xe, s2));
                s3 = Widen.f16Odd(w3).fma(xo, Widen.f16Even(w3).fma(xe, s3));
            } else {
                s0 = Widen.bf16Odd(w0).fma(xo, Widen.bf16Even(w0).fma(xe, s0));
                s1 = Widen.bf16Odd(w1).fma(xo, Widen.bf16Even(w1).fma(xe, s1));
                s2 = Widen.bf16Odd(w2).fma(xo, Widen.bf16Even(w2).fma(xe, s2));
                s3 = Widen.bf16Odd(w3).fma(xo, Widen.bf16Even(w3).fma(xe, s3));
            }
        }
        sums[0] = LaneSums.sum(s0);
        sums[1] = LaneSums.sum(s1);
        sums[2] = LaneSums.sum(s2);
        sums[3] = LaneSums.sum(s3);
        DType dt = f16 ? DType.F16 : DType.BF16;
        for (; p < k; p++) {
            float xv = x[xOff + p];
            for (int r = 0; r < 4; r++) {
                sums[r] += xv * Elements.readFloat(ws, dt, rows[r] + p);
            }
        }
    }

    /** out[b, i, :] = sum_k x[b, i, k] * w[k, :] for w [K, N] rows contiguous (w.stride(2) == 1). */
    private static void axpys(float[] x, Tensor w, Tensor out, int batch, int m, int k, int n) {
        MemorySegment ws = w.storage().segment();
        MemorySegment os = out.storage().segment();
        DType dt = w.dtype();
        int blocks = (n + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
        Parallel.forRange(batch * blocks, 2L * COLUMN_BLOCK * k * m, (s, e) -> {
            float[] acc = new float[m * COLUMN_BLOCK];
            float[] ordered = new float[COLUMN_BLOCK];
            for (int t = s; t < e; t++) {
                int b = t / blocks;
                int j0 = (t % blocks) * COLUMN_BLOCK;
                int width = Math.min(COLUMN_BLOCK, n - j0);
                MatrixView wv = MatrixView.of(w, b);
                Arrays.fill(acc, 0f);
                for (int p = 0; p < k; p++) {
                    axpyRow(ws, dt, wv.index(p, j0), width, x, (b * m) * k + p, k, m, acc);
                }
                for (int i = 0; i < m; i++) {
                    float[] src = acc;
                    int srcOff = i * COLUMN_BLOCK;
                    if (dt != DType.F32) {
                        Widen.interleave(acc, srcOff, width, ordered, 0);
                        src = ordered;
                        srcOff = 0;
                    }
                    MemorySegment.copy(src, srcOff, os, Elements.F32, (out.offset() + ((long) b * m + i) * n + j0) * 4,
                            width);
                }
            }
        });
    }

    /**
     * One row of x times w [K, N] rows contiguous, each core streaming whole rows of its own range of K into a
     * private accumulator of N floats, then the partial sums added: reads are sequential, so they run at memory
     * bandwidth, which column blocks (every block visiting every row) do not reach.
     */
    private static void axpysByRowRanges(float[] x, Tensor w, Tensor out, int k, int n) {
        MemorySegment ws = w.storage().segment();
        DType dt = w.dtype();
        MatrixView wv = MatrixView.of(w, 0);
        int pieces = Math.min(Parallel.THREADS, k);
        float[][] partial = new float[pieces][n];
        Parallel.forRange(pieces, 2L * n * k / pieces, (s, e) -> {
            for (int t = s; t < e; t++) {
                for (int p = (int) ((long) k * t / pieces), end = (int) ((long) k * (t + 1) / pieces); p < end; p++) {
                    axpyRow(ws, dt, wv.index(p, 0), n, x, p, k, 1, partial[t]);
                }
            }
        });
        float[] sum = partial[0];
        for (int t = 1; t < pieces; t++) {
            for (int j = 0; j < n; j++) {
                sum[j] += partial[t][j];
            }
        }
        float[] ordered = sum;
        if (dt != DType.F32) {
            ordered = new float[n];
            Widen.interleave(sum, 0, n, ordered, 0);
        }
        MemorySegment.copy(ordered, 0, out.storage().segment(), Elements.F32, out.offset() * 4, n);
    }

    /**
     * acc[i * COLUMN_BLOCK + j] += x[xAt + i * xStride] * w[row + j] for j below width and each of the m rows;
     * for 16-bit weights acc holds each 2L block in even/odd order.
     */
    private static void axpyRow(MemorySegment ws, DType dt, long row, int width, float[] x, int xAt, int xStride,
            int m, float[] acc) {
        int j = 0;
        if (dt == DType.F32 && m == 1) {
            FloatVector xv = FloatVector.broadcast(F, x[xAt]);
            for (int upper = F.loopBound(width); j < upper; j += L) {
                FloatVector.fromMemorySegment(F, ws, (row + j) * 4, LE).fma(xv, FloatVector.fromArray(F, acc, j))
                        .intoArray(acc, j);
            }
        } else if (dt == DType.F32) {
            for (int upper = F.loopBound(width); j < upper; j += L) {
                FloatVector wv = FloatVector.fromMemorySegment(F, ws, (row + j) * 4, LE);
                for (int i = 0; i < m; i++) {
                    int at = i * COLUMN_BLOCK + j;
                    wv.fma(FloatVector.broadcast(F, x[xAt + i * xStride]), FloatVector.fromArray(F, acc, at)).intoArray(acc, at);
                }
            }
        } else {
            boolean f16 = dt == DType.F16;
            for (int upper = width - width % (2 * L); j < upper; j += 2 * L) {
                IntVector wv = IntVector.fromMemorySegment(I, ws, (row + j) * 2, LE);
                FloatVector even = f16 ? Widen.f16Even(wv) : Widen.bf16Even(wv);
                FloatVector odd = f16 ? Widen.f16Odd(wv) : Widen.bf16Odd(wv);
                for (int i = 0; i < m; i++) {
                    FloatVector xv = FloatVector.broadcast(F, x[xAt + i * xStride]);
                    int at = i * COLUMN_BLOCK + j;
                    even.fma(xv, FloatVector.fromArray(F, acc, at)).intoArray(acc, at);
                    odd.fma(xv, FloatVector.fromArray(F, acc, at + L)).intoArray(acc, at + L);
                }
            }
        }
        for (; j < width; j++) {
            float wv = Elements.readFloat(ws, dt, row + j);
            for (int i = 0; i < m; i++) {
                acc[i * COLUMN_BLOCK + j] += x[xAt + i * xStride] * wv;
            }
        }
    }
}

package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import dev.rein.tensor.Storage;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Batched matrix product out[b] = a[b] @ w[b] with w [B, K, N] block-quantised ({@link DType#isBlockQuantized()}),
 * a [B, M, K] F32, out [B, M, N] contiguous F32. The weight's unit-stride dim is the one its blocks run along:
 * <ul>
 *   <li>K (w.stride(1) == 1, the transposed view of a {@code linear} weight [N, K]): a few rows of a (decode) go to
 *       {@link QuantizedMatVec}, which reads the blocks directly;</li>
 *   <li>otherwise (more rows: a prompt; or N, w.stride(2) == 1: the gradient d x = d y @ W of a linear layer) a panel
 *       of columns [j0, j1) of w is decoded to F32 once ({@link BlockKernel#decode}, in parallel) and multiplied by
 *       every row of a with the packed {@link GemmF32}, so each unpacked block serves all M rows.</li>
 * </ul>
 */
final class QuantizedMatMul {
    /** Floats of one decoded panel: 4 MiB, about as much as one GEMM B block. */
    private static final int PANEL_FLOATS = 1 << 20;
    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[0]);

    private QuantizedMatMul() {
    }

    static void multiply(Tensor a, Tensor w, Tensor out) {
        DType type = w.dtype();
        boolean rowsAlongK = w.stride(1) == 1;
        requireBlockLayout(w, rowsAlongK ? 1 : 2);
        if (rowsAlongK && a.size(1) <= MatVec.MAX_ROWS) {
            QuantizedMatVec.multiply(a, w, out);
            return;
        }
        int batch = a.size(0);
        int m = a.size(1);
        int k = a.size(2);
        int n = w.size(2);
        int width = panelWidth(type, k, n, rowsAlongK);
        float[] panelFloats = panelBuffer((long) k * width);
        Tensor part = width == n ? null : Tensor.zeros(1, m, width);
        for (int b = 0; b < batch; b++) {
            Tensor ab = a.narrow(0, b, 1);
            Tensor ob = out.narrow(0, b, 1);
            for (int j0 = 0; j0 < n; j0 += width) {
                int nc = Math.min(width, n - j0);
                Tensor panel = decodePanel(w, b, j0, nc, rowsAlongK, panelFloats);
                if (nc == n) {
                    GemmF32.multiply(ab, panel, ob);
                } else {
                    if (nc < width) part = Tensor.zeros(1, m, nc);
                    GemmF32.multiply(ab, panel, part);
                    MemorySegment ps = part.storage().segment();
                    MemorySegment os = ob.storage().segment();
                    for (int i = 0; i < m; i++) {
                        MemorySegment.copy(ps, (long) i * nc * 4, os, (ob.offset() + (long) i * n + j0) * 4,
                                (long) nc * 4);
                    }
                }
            }
        }
    }

    /** Columns per panel: about {@link #PANEL_FLOATS} floats, whole blocks along N when the blocks run along N. */
    private static int panelWidth(DType type, int k, int n, boolean rowsAlongK) {
        int align = rowsAlongK ? GemmKernel.NR : type.blockElements();
        int width = Math.max(align, PANEL_FLOATS / Math.max(1, k) / align * align);
        return Math.min(n, width);
    }

    /** This thread's panel buffer, grown to at least {@code floats}: panels are not allocated per product. */
    private static float[] panelBuffer(long floats) {
        float[] buffer = PANEL.get();
        if (buffer.length < floats) {
            buffer = new float[Math.toIntExact(floats)];
            PANEL.set(buffer);
        }
        return buffer;
    }

    /** Columns [j0, j0 + nc) of w[b] decoded to F32 into {@code panel}, viewed as a [1, K, nc] tensor. */
    private static Tensor decodePanel(Tensor w, int b, int j0, int nc, boolean rowsAlongK, float[] panel) {
        DType type = w.dtype();
        BlockKernel kernel = BlockKernel.of(type);
        MemorySegment ws = w.storage().segment();
        int k = w.size(1);
        long base = w.offset() + b * w.stride(0);
        if (rowsAlongK) {
            // column j of w is weight row j: K elements, decoded into panel[(j - j0) * K ...]
            int blocks = k / type.blockElements();
            Parallel.forRange(nc, k, (s, e) -> {
                for (int j = s; j < e; j++) {
                    kernel.decode(ws, type.bytesFor(base + (long) (j0 + j) * w.stride(2)), blocks, panel, j * k);
                }
            });
            return new Tensor(Storage.wrap(MemorySegment.ofArray(panel)), DType.F32, new int[] {1, k, nc},
                    new long[] {0, 1, k}, 0);
        }
        // row p of w holds columns along N in blocks: its [j0, j0 + nc) decoded into panel[p * nc ...]
        int blocks = nc / type.blockElements();
        Parallel.forRange(k, nc, (s, e) -> {
            for (int p = s; p < e; p++) {
                kernel.decode(ws, type.bytesFor(base + p * w.stride(1) + j0), blocks, panel, p * nc);
            }
        });
        return new Tensor(Storage.wrap(MemorySegment.ofArray(panel)), DType.F32, new int[] {1, k, nc},
                new long[] {0, nc, 1}, 0);
    }

    /** The blocks must run along {@code unitDim} and every row must start at a block. */
    private static void requireBlockLayout(Tensor w, int unitDim) {
        DType type = w.dtype();
        int block = type.blockElements();
        int otherDim = 3 - unitDim;
        boolean aligned = w.size(unitDim) % block == 0 && w.offset() % block == 0
                && w.stride(otherDim) % block == 0 && w.stride(0) % block == 0
                && w.stride(unitDim) == 1;
        if (!aligned) {
            throw new IllegalArgumentException("matmul: a " + type + " weight must be read along whole blocks of "
                    + block + " elements of its unit-stride dim; got shape " + Arrays.toString(w.shape())
                    + ", strides " + Arrays.toString(w.strides()) + ", offset " + w.offset());
        }
    }
}

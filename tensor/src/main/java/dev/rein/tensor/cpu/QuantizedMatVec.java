package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import dev.rein.tensor.Elements;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * Products with few rows (decode) and a block-quantised weight whose rows run along K: out[b, i, j] = a[b, i, :] .
 * W_b[j, :], W stored [N, K] in blocks (the transposed view of a {@code linear} weight, w.stride(1) == 1). Each
 * weight row is read once from its blocks by the format's {@link BlockKernel#dot}, never decoded to memory; rows
 * are split over the cores, and the few rows of a walk a group of weight rows that stays in cache, as in
 * {@link MatVec}, four at a time ({@link BlockKernel#dot4}: Q8_0 and Q4_0 unpack each block once for the four).
 */
final class QuantizedMatVec {
    /** Bytes of weight rows re-read from cache for each row of a. */
    private static final long ROW_GROUP_BYTES = 256 * 1024;

    private QuantizedMatVec() {
    }

    static void multiply(Tensor a, Tensor w, Tensor out) {
        int batch = a.size(0);
        int m = a.size(1);
        int k = a.size(2);
        int n = w.size(2);
        DType type = w.dtype();
        BlockKernel kernel = BlockKernel.of(type);
        int blocks = k / type.blockElements();
        long rowBytes = type.bytesFor(k);
        float[] x = a.contiguous().toFloatArray();
        MemorySegment ws = w.storage().segment();
        MemorySegment os = out.storage().segment();
        int group = (int) Math.max(1, ROW_GROUP_BYTES / rowBytes);
        Parallel.forRange(batch * n, rowBytes * m, (s, e) -> {
            int[] xOffs = new int[4];
            float[] sums = new float[4];
            for (int t0 = s; t0 < e; t0 += group) {
                int t1 = Math.min(e, t0 + group);
                for (int i0 = 0; i0 < m; i0 += 4) {
                    int tileRows = Math.min(4, m - i0);
                    for (int t = t0; t < t1; t++) {
                        int b = t / n;
                        int j = t % n;
                        long start = type.bytesFor(w.offset() + b * w.stride(0) + j * w.stride(2));
                        long o = out.offset() + ((long) b * m + i0) * n + j;
                        if (tileRows == 1) {
                            os.setAtIndex(Elements.F32, o, kernel.dot(ws, start, blocks, x, (b * m + i0) * k));
                            continue;
                        }
                        for (int i = 0; i < 4; i++) {
                            xOffs[i] = (b * m + i0 + Math.min(i, tileRows - 1)) * k; // a short tile repeats its last
                        }
                        kernel.dot4(ws, start, blocks, x, xOffs, sums);
                        for (int i = 0; i < tileRows; i++) {
                            os.setAtIndex(Elements.F32, o + (long) i * n, sums[i]);
                        }
                    }
                }
            }
        });
    }
}

package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import dev.rein.tensor.Elements;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * Batched matrix product out[b] = a[b] @ w[b] for strided operands: a [B, M, K] F32, w [B, K, N] F32/BF16/F16,
 * out [B, M, N] contiguous F32. Straightforward reference kernel; the fast packed paths plug in here.
 */
final class CpuMatMul {
    private CpuMatMul() {
    }

    static void matmul(Tensor a, Tensor w, Tensor out) {
        int batch = a.size(0);
        int m = a.size(1);
        int k = a.size(2);
        int n = w.size(2);
        MemorySegment as = a.storage().segment();
        MemorySegment ws = w.storage().segment();
        MemorySegment os = out.storage().segment();
        DType wt = w.dtype();
        long aB = a.stride(0);
        long aM = a.stride(1);
        long aK = a.stride(2);
        long wB = w.stride(0);
        long wK = w.stride(1);
        long wN = w.stride(2);
        Parallel.forRange(batch * m, (long) k * n, (s, e) -> {
            float[] acc = new float[n];
            for (int t = s; t < e; t++) {
                int b = t / m;
                int i = t % m;
                java.util.Arrays.fill(acc, 0f);
                long aRow = a.offset() + b * aB + i * aM;
                long wBase = w.offset() + b * wB;
                for (int p = 0; p < k; p++) {
                    float av = as.getAtIndex(Elements.F32, aRow + p * aK);
                    if (av == 0f) {
                        continue;
                    }
                    long wRow = wBase + p * wK;
                    for (int j = 0; j < n; j++) {
                        acc[j] += av * Elements.readFloat(ws, wt, wRow + j * wN);
                    }
                }
                MemorySegment.copy(acc, 0, os, Elements.F32, (out.offset() + (long) t * n) * 4, n);
            }
        });
    }
}

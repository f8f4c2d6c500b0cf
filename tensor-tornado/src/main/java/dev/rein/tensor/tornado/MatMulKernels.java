package dev.rein.tensor.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.ShortArray;

/**
 * Matrix products {@code out = a @ w} with w either F32 ({@code wide}) or 16-bit ({@code narrow}, bfloat16 or half
 * per the dtype parameter, widened in the kernel by {@link DeviceMath#widen}); the unused one is a placeholder.
 */
final class MatMulKernels {
    /** Side of the square tiles of {@link #tiled}: its work-groups are TILE x TILE. */
    static final int TILE = 16;

    /** Int parameters of {@link #tiled}. */
    static final int BATCH = 0;
    static final int M = 1;
    static final int K = 2;
    static final int N = 3;
    static final int A_BATCH_STRIDE = 4;
    static final int W_BATCH_STRIDE = 5;
    static final int DTYPE = 6;

    /** Int parameters of {@link #columns}. */
    static final int ROWS = 0;
    static final int COLUMNS_K = 1;
    static final int COLUMNS_N = 2;
    static final int COLUMNS_DTYPE = 3;

    private MatMulKernels() {
    }

    static float weight(FloatArray wide, ShortArray narrow, FloatArray pow2, int dtype, int at) {
        return dtype == 0 ? wide.get(at) : DeviceMath.widen(narrow.get(at), dtype, pow2);
    }

    /**
     * Batched product of a [B or 1, M, K] and w [B or 1, K, N] into out [B, M, N] (a batch stride of 0 shares one
     * operand), tiled: each TILE x TILE work-group stages a tile of a and of w in local memory per step along K.
     * Grid: x over N, y over B times M, both rounded up to TILE.
     */
    static void tiled(KernelContext context, IntArray ip, FloatArray a, FloatArray wide, ShortArray narrow,
            FloatArray pow2, FloatArray out) {
        int batch = ip.get(BATCH);
        int m = ip.get(M);
        int k = ip.get(K);
        int n = ip.get(N);
        int dtype = ip.get(DTYPE);
        int lx = context.localIdx;
        int ly = context.localIdy;
        int column = context.groupIdx * TILE + lx;
        int rowTiles = (m + TILE - 1) / TILE;
        int b = context.groupIdy / rowTiles;
        int row = (context.groupIdy % rowTiles) * TILE + ly;
        int aBase = b * ip.get(A_BATCH_STRIDE);
        int wBase = b * ip.get(W_BATCH_STRIDE);
        float[] aTile = context.allocateFloatLocalArray(TILE * TILE);
        float[] wTile = context.allocateFloatLocalArray(TILE * TILE);
        float acc = 0f;
        for (int t = 0; t < k; t += TILE) {
            int ak = t + lx;
            int wk = t + ly;
            aTile[ly * TILE + lx] = row < m && ak < k && b < batch ? a.get(aBase + row * k + ak) : 0f;
            wTile[ly * TILE + lx] = wk < k && column < n && b < batch
                    ? weight(wide, narrow, pow2, dtype, wBase + wk * n + column) : 0f;
            context.localBarrier();
            for (int i = 0; i < TILE; i++) {
                acc += aTile[ly * TILE + i] * wTile[i * TILE + lx];
            }
            context.localBarrier();
        }
        if (row < m && column < n && b < batch) {
            out.set((b * m + row) * n + column, acc);
        }
    }

    /**
     * The product of a few rows a [R, K] with a weight w [K, N] kept on the device: one work-item per output
     * element, reading w down its column (adjacent work-items read adjacent elements). Grid: x over N, y over R.
     */
    static void columns(KernelContext context, IntArray ip, FloatArray a, FloatArray wide, ShortArray narrow,
            FloatArray pow2, FloatArray out) {
        int column = context.globalIdx;
        int row = context.globalIdy;
        int k = ip.get(COLUMNS_K);
        int n = ip.get(COLUMNS_N);
        int dtype = ip.get(COLUMNS_DTYPE);
        if (column < n && row < ip.get(ROWS)) {
            float acc = 0f;
            int aBase = row * k;
            for (int i = 0; i < k; i++) {
                acc += a.get(aBase + i) * weight(wide, narrow, pow2, dtype, i * n + column);
            }
            out.set(row * n + column, acc);
        }
    }
}

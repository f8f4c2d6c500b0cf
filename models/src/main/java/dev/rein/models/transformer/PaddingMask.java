package dev.rein.models.transformer;

import dev.rein.tensor.Tensor;

/** The additive attention mask that hides padded keys, [B, 1, T, Tk]; causality and windows are the kernel's job. */
final class PaddingMask {
    private PaddingMask() {
    }

    /** Null when the batch has no padding; {@code start} is the number of cached positions before this pass. */
    static Tensor of(TokenBatch batch, int start) {
        boolean[][] padding = batch.padding();
        if (padding == null) {
            return null;
        }
        int b = batch.batchSize();
        int t = batch.length();
        int tk = start + t;
        float[] mask = new float[b * t * tk];
        for (int row = 0; row < b; row++) {
            if (padding[row].length != tk) {
                throw new IllegalArgumentException("padding of row " + row + " covers " + padding[row].length
                        + " positions, expected " + tk + " (cached + new)");
            }
            for (int query = 0; query < t; query++) {
                if (padding[row][start + query]) {
                    continue;       // a padded query sees everything up to itself: finite, and never used
                }
                for (int key = 0; key < tk; key++) {
                    if (padding[row][key]) {
                        mask[(row * t + query) * tk + key] = Float.NEGATIVE_INFINITY;
                    }
                }
            }
        }
        return Tensor.of(mask, b, 1, t, tk);
    }
}

package dev.rein.training.testing;

import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import dev.rein.data.batch.TrainingBatch;

/** Hand-made training batches: rows of {@code {id, label}} pairs, right-padded with id 0 and ignored labels. */
public final class Batches {
    private Batches() {
    }

    /** Each row is {ids..., labels...} of equal halves. */
    public static TrainingBatch of(int[]... rows) {
        int b = rows.length;
        int t = 0;
        for (int[] row : rows) {
            t = Math.max(t, row.length / 2);
        }
        long[] ids = new long[b * t];
        long[] positions = new long[b * t];
        long[] labels = new long[b * t];
        boolean[][] padding = new boolean[b][t];
        boolean padded = false;
        for (int r = 0; r < b; r++) {
            int length = rows[r].length / 2;
            for (int j = 0; j < t; j++) {
                boolean pad = j >= length;
                ids[r * t + j] = pad ? 0 : rows[r][j];
                labels[r * t + j] = pad ? TrainingBatch.IGNORED : rows[r][length + j];
                positions[r * t + j] = j;
                padding[r][j] = pad;
                padded |= pad;
            }
        }
        return new TrainingBatch(new TokenBatch(Tensor.ofLongs(ids, b, t), Tensor.ofLongs(positions, b, t),
                padded ? padding : null), Tensor.ofLongs(labels, b, t));
    }
}

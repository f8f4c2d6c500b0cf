package dev.rein.cli;

import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The logits of one position over the vocabulary with what the commands derive from them: the log-sum-exp (the
 * softmax's normaliser), each token's probability and the most likely tokens.
 */
record LogitRow(float[] logits, double logSumExp) {

    static LogitRow of(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (float logit : logits) {
            sum += Math.exp(logit - max);
        }
        return new LogitRow(logits, max + Math.log(sum));
    }

    /** One row per position of logits [1, T, V]. */
    static List<LogitRow> rows(Tensor logits) {
        int positions = logits.size(1);
        int vocab = logits.size(2);
        float[] all = logits.toFloatArray();
        List<LogitRow> rows = new ArrayList<>(positions);
        for (int t = 0; t < positions; t++) {
            rows.add(of(Arrays.copyOfRange(all, t * vocab, (t + 1) * vocab)));
        }
        return rows;
    }

    double probability(int id) {
        return Math.exp(logits[id] - logSumExp);
    }

    /** The ids of the {@code k} largest logits, largest first (ties: lower id first). */
    int[] top(int k) {
        return Ranking.largest(logits, k);
    }
}

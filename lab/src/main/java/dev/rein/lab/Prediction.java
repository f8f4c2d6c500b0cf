package dev.rein.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * One token of a next-token distribution with its probability; {@link #top} reads the most likely ones from a row of
 * logits (softmax in double, so probabilities of a 50k vocabulary still sum to one).
 *
 * @param id          the token id
 * @param probability its softmax probability
 */
public record Prediction(int id, double probability) {

    /**
     * The {@code k} most likely tokens of the logits {@code logits[offset, offset + vocab)}, most likely first (ties:
     * the lower id first).
     */
    public static List<Prediction> top(float[] logits, int offset, int vocab, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) max = Math.max(max, logits[offset + v]);
        double sum = 0;
        for (int v = 0; v < vocab; v++) sum += Math.exp(logits[offset + v] - max);
        double logSumExp = max + Math.log(sum);
        int kept = Math.min(k, vocab);
        int[] best = new int[kept];                      // ids, largest logit first, kept by insertion
        int size = 0;
        for (int v = 0; v < vocab; v++) {
            float logit = logits[offset + v];
            if (size == kept && logit <= logits[offset + best[kept - 1]]) continue;
            int at = Math.min(size, kept - 1);
            while (at > 0 && logits[offset + best[at - 1]] < logit) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = v;
            size = Math.min(size + 1, kept);
        }
        List<Prediction> out = new ArrayList<>(kept);
        for (int id : best) out.add(new Prediction(id, Math.exp(logits[offset + id] - logSumExp)));
        return out;
    }

    /** One list of {@link #top} per position of logits [1, T, V] given as a flat array. */
    public static List<List<Prediction>> perPosition(float[] logits, int positions, int vocab, int k) {
        List<List<Prediction>> out = new ArrayList<>(positions);
        for (int t = 0; t < positions; t++) out.add(top(logits, t * vocab, vocab, k));
        return out;
    }
}

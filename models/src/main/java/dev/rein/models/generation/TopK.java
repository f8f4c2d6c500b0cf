package dev.rein.models.generation;

import java.util.Arrays;

/**
 * Keeps the {@code k} highest logits and forbids the rest, as Hugging Face's {@code TopKLogitsWarper}: every token
 * whose logit is below the k-th highest value is forbidden, so tokens tied with the k-th value all stay (more than
 * k tokens may remain). {@code k = 0} and k at least the vocabulary size change nothing.
 *
 * @param k how many tokens to keep, 0 for all
 */
public record TopK(int k) implements LogitsProcessor {

    public TopK {
        if (k < 0) throw new IllegalArgumentException("top_k must not be negative (0 turns it off), got " + k);
    }

    @Override
    public void process(TokenHistory history, float[] logits) {
        if (k == 0 || k >= logits.length) return;
        float[] sorted = logits.clone();
        Arrays.sort(sorted);
        float kthHighest = sorted[sorted.length - k];
        for (int id = 0; id < logits.length; id++) {
            if (logits[id] < kthHighest) logits[id] = Float.NEGATIVE_INFINITY;
        }
    }
}

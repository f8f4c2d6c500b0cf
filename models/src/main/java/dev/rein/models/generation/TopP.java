package dev.rein.models.generation;

/**
 * Nucleus sampling: keeps the most likely tokens whose probabilities add up to at least {@code p}, as Hugging
 * Face's {@code TopPLogitsWarper}. Tokens are sorted by ascending logit and the probability is accumulated from
 * the least likely one; every token at which that running sum is still at most {@code 1 - p} is forbidden, and the
 * most likely token always stays. Equal logits are ordered by ascending id, so of two tied tokens the lower id is
 * forbidden first (Hugging Face's sort leaves that order unspecified). Probabilities are computed in double.
 * {@code p = 1} changes nothing.
 *
 * @param p the probability mass to keep, in (0, 1]
 */
public record TopP(double p) implements LogitsProcessor {

    public TopP {
        if (!(p > 0 && p <= 1)) throw new IllegalArgumentException("top_p must be in (0, 1], got " + p);
    }

    @Override
    public void process(TokenHistory history, float[] logits) {
        if (p == 1) return;
        FiniteLogits allowed = FiniteLogits.of(logits);
        float[] allowedLogits = new float[allowed.size()];
        for (int j = 0; j < allowed.size(); j++) allowedLogits[j] = logits[allowed.ids[j]];
        int[] ascending = FiniteLogits.ascendingOrder(allowedLogits);
        double cumulative = 0;
        // The last (most likely) position is never forbidden.
        for (int rank = 0; rank < ascending.length - 1; rank++) {
            cumulative += allowed.probability(ascending[rank]);
            if (cumulative > 1 - p) break;
            logits[allowed.ids[ascending[rank]]] = Float.NEGATIVE_INFINITY;
        }
    }
}

package dev.rein.models.generation;

/**
 * Forbids the tokens less likely than {@code minP} times the most likely token's probability, as Hugging Face's
 * {@code MinPLogitsWarper}; the most likely token always stays. Probabilities are computed in double.
 * {@code minP = 0} changes nothing.
 *
 * @param minP the fraction of the top probability a token needs, in [0, 1]
 */
public record MinP(double minP) implements LogitsProcessor {

    public MinP {
        if (!(minP >= 0 && minP <= 1)) throw new IllegalArgumentException("min_p must be in [0, 1], got " + minP);
    }

    @Override
    public void process(TokenHistory history, float[] logits) {
        if (minP == 0) return;
        FiniteLogits allowed = FiniteLogits.of(logits);
        double top = 0;
        for (int j = 0; j < allowed.size(); j++) top = Math.max(top, allowed.probability(j));
        double threshold = minP * top;
        for (int j = 0; j < allowed.size(); j++) {
            if (allowed.probability(j) < threshold) logits[allowed.ids[j]] = Float.NEGATIVE_INFINITY;
        }
    }
}

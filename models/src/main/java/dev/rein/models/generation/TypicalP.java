package dev.rein.models.generation;

/**
 * Locally typical sampling, as Hugging Face's {@code TypicalLogitsWarper}: tokens are ranked by how far their
 * surprisal {@code -log p} is from the distribution's entropy, closest first, and the smallest such prefix whose
 * probability reaches {@code mass} is kept (every token as close as the last one kept stays, the closest always
 * does). Probabilities are computed in double and the distances ranked as floats, like Hugging Face's; equal
 * distances are ordered by ascending id. {@code mass = 1} changes nothing.
 *
 * @param mass the probability mass to keep, in (0, 1]
 */
public record TypicalP(double mass) implements LogitsProcessor {

    public TypicalP {
        if (!(mass > 0 && mass <= 1)) throw new IllegalArgumentException("typical_p must be in (0, 1], got " + mass);
    }

    @Override
    public void process(TokenHistory history, float[] logits) {
        if (mass == 1) return;
        FiniteLogits allowed = FiniteLogits.of(logits);
        int n = allowed.size();
        if (n == 0) return;
        double entropy = 0;
        for (int j = 0; j < n; j++) entropy -= allowed.probability(j) * allowed.logProbs[j];
        float[] distance = new float[n];
        for (int j = 0; j < n; j++) distance[j] = (float) Math.abs(-allowed.logProbs[j] - entropy);
        int[] closestFirst = FiniteLogits.ascendingOrder(distance);
        // The last kept rank is the first at which the running probability reaches the mass.
        int lastKept = 0;
        double cumulative = allowed.probability(closestFirst[0]);
        while (cumulative < mass && lastKept < n - 1) {
            lastKept++;
            cumulative += allowed.probability(closestFirst[lastKept]);
        }
        float limit = distance[closestFirst[lastKept]];
        for (int j = 0; j < n; j++) {
            if (distance[j] > limit) logits[allowed.ids[j]] = Float.NEGATIVE_INFINITY;
        }
    }
}

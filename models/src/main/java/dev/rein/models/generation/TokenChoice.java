package dev.rein.models.generation;

import java.util.random.RandomGenerator;

/**
 * Picks the next token from processed logits: the most likely one, or a draw from their softmax. The draw is
 * computed in double in a fixed order (ascending id) from one {@link RandomGenerator#nextDouble()}, so the same
 * logits and generator state always give the same token.
 */
public final class TokenChoice {
    private TokenChoice() {
    }

    /**
     * The id of the highest logit, the lowest such id on ties (as {@code torch.argmax}).
     *
     * @throws IllegalStateException when a logit is NaN or every logit is -Infinity
     */
    public static int greedy(float[] logits) {
        int best = indexOfMaximum(logits);
        if (logits[best] == Float.NEGATIVE_INFINITY) throw allForbidden();
        return best;
    }

    /**
     * Draws an id with probability {@code exp(logit) / sum(exp(logits))}: with {@code u = random.nextDouble()},
     * the first id whose cumulative weight exceeds {@code u} times the total weight.
     *
     * @throws IllegalStateException when a logit is NaN or +Infinity, or every logit is -Infinity
     */
    public static int sample(float[] logits, RandomGenerator random) {
        float max = logits[indexOfMaximum(logits)];
        if (max == Float.POSITIVE_INFINITY) {
            throw new IllegalStateException("a logit is +Infinity: the probabilities are undefined");
        }
        if (max == Float.NEGATIVE_INFINITY) throw allForbidden();
        double[] weights = new double[logits.length];
        double total = 0;
        for (int id = 0; id < logits.length; id++) {
            weights[id] = Math.exp((double) logits[id] - max);
            total += weights[id];
        }
        double target = random.nextDouble() * total;
        double cumulative = 0;
        int lastPossible = 0;
        for (int id = 0; id < logits.length; id++) {
            if (weights[id] == 0) continue;
            cumulative += weights[id];
            if (target < cumulative) return id;
            lastPossible = id;
        }
        return lastPossible; // rounding left the target at the very top of the cumulative range
    }

    private static int indexOfMaximum(float[] logits) {
        if (logits.length == 0) throw new IllegalArgumentException("there are no logits to choose from");
        int best = 0;
        for (int id = 0; id < logits.length; id++) {
            if (Float.isNaN(logits[id])) throw new IllegalStateException("the logit of token " + id + " is NaN");
            if (logits[id] > logits[best]) best = id;
        }
        return best;
    }

    private static IllegalStateException allForbidden() {
        return new IllegalStateException("every token's logit is -Infinity: the logits processors forbade them all");
    }
}

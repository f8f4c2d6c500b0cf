package dev.rein.eval.sentiment;

import dev.rein.data.stories.Sentiment;

/**
 * VADER's scores of one text, as {@code polarity_scores} returns them: the proportions of the text that are
 * negative, neutral and positive (rounded to 3 decimals, summing to about 1) and the compound score in [-1, 1]
 * (rounded to 4 decimals). VADER's documented thresholds read compound ≥ 0.05 as positive, ≤ -0.05 as negative and
 * the rest as neutral; the control-token seed (METHODS.md 2.4) instead labels by {@link #label()}.
 */
public record SentimentScores(double negative, double neutral, double positive, double compound) {
    /** VADER's documented threshold: compound ≥ this is positive, ≤ minus this is negative. */
    public static final double COMPOUND_THRESHOLD = 0.05;

    /**
     * The control-token seed's label: POSITIVE when {@code positive > negative}, else NEGATIVE (ties, including a
     * text with no sentiment words at all, are NEGATIVE). It compares the rounded proportions, as the seed compared
     * the values of VADER's dictionary.
     */
    public Sentiment label() {
        return positive > negative ? Sentiment.POSITIVE : Sentiment.NEGATIVE;
    }

    /** {@code positive - negative}: greater than 0 exactly when {@link #label()} is POSITIVE. */
    public double polarityMargin() {
        return positive - negative;
    }
}

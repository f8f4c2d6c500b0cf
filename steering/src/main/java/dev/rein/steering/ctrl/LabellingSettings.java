package dev.rein.steering.ctrl;

/**
 * How {@link CtrlLabelling} filters, splits and samples (METHODS.md 2.1 and 2.2 steps 6 and 7), with the seed's
 * values in brackets.
 *
 * @param minWords           sentences with fewer whitespace-separated words are dropped (seed: 10)
 * @param validationFraction share of the kept sentences split off for validation (seed: 0.01)
 * @param validationSize     size of the balanced validation set: a quarter from each toxicity × sentiment pair (seed:
 *                           1000), a positive multiple of 4
 * @param validationMaxWords validation sentences must have fewer words than this (seed: 17)
 * @param stripFraction      share of training rows whose control tokens are all removed (seed: 0.01), in [0, 1)
 * @param seed               random seed of the split ({@code seed}), the stripped rows ({@code seed + 1}) and the
 *                           validation sample ({@code seed + 2})
 */
public record LabellingSettings(int minWords, double validationFraction, int validationSize, int validationMaxWords,
                                double stripFraction, long seed) {
    /** @throws IllegalArgumentException naming the setting out of range */
    public LabellingSettings {
        if (minWords < 0) {
            throw new IllegalArgumentException("the minimum word count must not be negative: " + minWords);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("the validation fraction must be between 0 and 1, not "
                    + validationFraction);
        }
        if (validationSize < 4 || validationSize % 4 != 0) {
            throw new IllegalArgumentException("the validation size must be a positive multiple of 4 (a quarter from"
                    + " each toxicity and sentiment pair), not " + validationSize);
        }
        if (validationMaxWords < 1) {
            throw new IllegalArgumentException("the validation word limit must be at least 1: " + validationMaxWords);
        }
        if (!(stripFraction >= 0 && stripFraction < 1)) {
            throw new IllegalArgumentException("the strip fraction must be in [0, 1), not " + stripFraction);
        }
    }
}

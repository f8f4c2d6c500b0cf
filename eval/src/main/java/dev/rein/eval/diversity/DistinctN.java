package dev.rein.eval.diversity;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * distinct-n (Li et al. 2016), the share of n-grams that are new, in two forms that papers both call distinct-n:
 * over the whole set of texts, |unique n-grams of all texts| / |n-grams of all texts| ({@link #overSet}), where
 * a phrase every response repeats counts once; and the mean over texts of each text's own
 * |unique n-grams| / |n-grams| ({@link #meanPerText}), which only sees repetition inside a response. Unlike
 * {@link RepetitionMetrics}'s rep_n there is no +1, so a text of distinct tokens scores exactly 1.
 */
public final class DistinctN {
    private DistinctN() {
    }

    /** distinct-n over the whole set of tokenized texts; empty when no text has n tokens. */
    public static OptionalDouble overSet(List<List<String>> texts, int n) {
        Set<List<String>> unique = new HashSet<>();
        long total = 0;
        for (List<String> tokens : texts) {
            List<List<String>> grams = NGrams.of(tokens, n);
            unique.addAll(grams);
            total += grams.size();
        }
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) unique.size() / total);
    }

    /** The mean of each text's distinct-n, over the texts with at least n tokens; empty when there are none. */
    public static OptionalDouble meanPerText(List<List<String>> texts, int n) {
        double sum = 0;
        int counted = 0;
        for (List<String> tokens : texts) {
            OptionalDouble distinct = ofText(tokens, n);
            if (distinct.isEmpty()) continue;
            sum += distinct.getAsDouble();
            counted++;
        }
        return counted == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / counted);
    }

    /** One text's |unique n-grams| / |n-grams|; empty when it has fewer than n tokens. */
    public static OptionalDouble ofText(List<String> tokens, int n) {
        List<List<String>> grams = NGrams.of(tokens, n);
        return grams.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of((double) new HashSet<>(grams).size() / grams.size());
    }
}

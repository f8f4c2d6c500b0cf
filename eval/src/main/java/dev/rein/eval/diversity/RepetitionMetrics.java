package dev.rein.eval.diversity;

import java.util.HashSet;
import java.util.List;

/**
 * RE-Control's repetition and diversity of one response (METHODS.md 5.4; {@code compute_rep_n} and
 * {@code compute_diversity} in {@code metrics.py} of github.com/Lingkai-Kong/RE-Control), over the response's
 * {@link dev.rein.eval.text.WordTokenizer nltk word tokens}, case kept:
 * <ul>
 *     <li>rep_n = 100 · (1 − |unique n-grams| / (|n-grams| + 1)), so a response with fewer than n tokens has
 *     rep_n = 100 and one with a single n-gram has 50 (the +1 is the original's);</li>
 *     <li>diversity = Π_{n=2..4} (1 − rep_n / 100).</li>
 * </ul>
 * Before scoring, {@code metrics.py} cuts the response where the model began the user's next turn
 * ({@link #cutAtNextTurn}).
 */
public final class RepetitionMetrics {
    /** Where {@code metrics.py} cuts a response, in this order: the text before the first of each is kept. */
    public static final List<String> NEXT_TURN_MARKERS = List.of("###USER:", "\n\nUSER:");
    /** The n of the rep_n that diversity multiplies. */
    public static final List<Integer> DIVERSITY_ORDERS = List.of(2, 3, 4);

    private RepetitionMetrics() {
    }

    /**
     * {@code clean(clean(response, "###USER:"), "\n\nUSER:")}: the response up to the first {@code "###USER:"},
     * then up to the first {@code "\n\nUSER:"}; an empty result becomes {@code " "}, as in the original (this only
     * changes its length in characters: it still has no tokens).
     */
    public static String cutAtNextTurn(String response) {
        String cut = response;
        for (String marker : NEXT_TURN_MARKERS) {
            int at = cut.indexOf(marker);
            if (at >= 0) cut = cut.substring(0, at);
        }
        return cut.isEmpty() ? " " : cut;
    }

    /** rep_n of a token list: 100 · (1 − |unique n-grams| / (|n-grams| + 1)). */
    public static double repN(List<String> tokens, int n) {
        List<List<String>> grams = NGrams.of(tokens, n);
        return 100 * (1.0 - (double) new HashSet<>(grams).size() / (grams.size() + 1));
    }

    /** diversity of a token list: Π over n = 2, 3, 4 of (1 − rep_n / 100), multiplied in that order. */
    public static double diversity(List<String> tokens) {
        double diversity = 1.0;
        for (int n : DIVERSITY_ORDERS) diversity *= 1.0 - repN(tokens, n) / 100;
        return diversity;
    }
}

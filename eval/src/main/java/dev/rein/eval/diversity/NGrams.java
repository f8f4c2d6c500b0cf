package dev.rein.eval.diversity;

import java.util.ArrayList;
import java.util.List;

/** The n-grams of a token list: every run of n consecutive tokens, in order, repeats kept. */
final class NGrams {
    private NGrams() {
    }

    /** The {@code tokens.size() - n + 1} n-grams of {@code tokens} (none when there are fewer than n tokens). */
    static List<List<String>> of(List<String> tokens, int n) {
        if (n < 1) throw new IllegalArgumentException("n-grams need n >= 1, not " + n);
        List<List<String>> grams = new ArrayList<>();
        for (int i = 0; i + n <= tokens.size(); i++) grams.add(List.copyOf(tokens.subList(i, i + n)));
        return grams;
    }
}

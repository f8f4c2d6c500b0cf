package dev.rein.eval.sentiment;

import java.util.ArrayList;
import java.util.List;

/**
 * VADER's words of a text ({@code SentiText}): the whitespace-separated tokens, each stripped of leading and trailing
 * ASCII punctuation unless that would leave 2 characters or fewer (so emoticons such as {@code :)} and {@code :D}
 * survive), with their lower-cased forms and whether some but not all of them are in capitals.
 *
 * <p>Faithful quirk: the length rule keeps the punctuation of short words too, so {@code "ok,"} stays
 * {@code "ok,"} (not the lexicon's {@code ok}) while {@code "good,"} becomes {@code "good"}.
 */
record SentiText(List<String> words, List<String> lower, boolean capsDifferential) {
    SentiText {
        words = List.copyOf(words);
        lower = List.copyOf(lower);
    }

    /** The words of {@code text} (already stripped of whitespace at both ends, emoji already described). */
    static SentiText of(String text) {
        List<String> words = new ArrayList<>();
        List<String> lower = new ArrayList<>();
        int capitalised = 0;
        for (String token : PythonText.split(text)) {
            String stripped = PythonText.stripPunctuation(token);
            String word = PythonText.length(stripped) <= 2 ? token : stripped;
            words.add(word);
            lower.add(PythonText.lower(word));
            if (PythonText.isUpper(word)) capitalised++;
        }
        return new SentiText(words, lower, capitalised > 0 && capitalised < words.size());
    }

    int size() {
        return words.size();
    }

    /** Word {@code i} as written. */
    String word(int i) {
        return words.get(i);
    }

    /** Word {@code i} lower-cased. */
    String lower(int i) {
        return lower.get(i);
    }
}

package dev.rein.eval.toxicity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words scikit-learn's {@code CountVectorizer} counts with its default analyzer: the text lowercased
 * ({@code str.lower()}: full Unicode case mapping, final sigma included, as Java's root-locale lowercasing), then every
 * match of {@code (?u)\b\w\w+\b}, which is every maximal run of at least two word characters. Python's Unicode
 * {@code \w} is a letter, a number or {@code _} ({@code [\p{L}\p{N}_]}, as in {@code data.stories.WordCount}; not
 * Java's own {@code \w}, which also takes combining marks), and a run's length is counted in code points.
 */
public final class CountVectorizerWords {
    /** sklearn's default {@code token_pattern}, as a model file states it. */
    public static final String TOKEN_PATTERN = "(?u)\\b\\w\\w+\\b";

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]{2,}");

    private CountVectorizerWords() {
    }

    /** The words of {@code text}, in order, repeats included. */
    public static List<String> of(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) words.add(matcher.group());
        return words;
    }
}

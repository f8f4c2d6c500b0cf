package dev.rein.data.stories;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The word count that Rein's evaluators share so that lengths compare (CIE's targets, the story corpus): the number
 * of maximal runs of word characters, where a word character is what Python's {@code re} calls {@code \w} in a text,
 * a Unicode letter, a Unicode number or {@code _} ({@code [\p{L}\p{N}_]}; Java's own Unicode {@code \w} also takes
 * combining marks and connector punctuation, which Python's does not). So {@code len(re.findall(r"\w+", text))}
 * in Python gives the same number: punctuation and quotes are not words, {@code "Hello, Tom!"} has 2 and
 * {@code "don't"} has 2.
 */
public final class WordCount {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");

    private WordCount() {
    }

    /** The number of {@code \w+} runs in {@code text}. */
    public static int of(String text) {
        Matcher words = WORD.matcher(text);
        int count = 0;
        while (words.find()) count++;
        return count;
    }
}

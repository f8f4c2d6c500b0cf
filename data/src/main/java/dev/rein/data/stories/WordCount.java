package dev.rein.data.stories;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The word count of the story corpus, which Rein's evaluators share so that lengths compare: the number of
 * matches of the regular expression {@code \w+}, maximal runs of word characters, with Unicode word characters
 * ({@link Pattern#UNICODE_CHARACTER_CLASS}, as Python's {@code re} does for text). For the corpus, which is
 * ASCII, that is the number of runs of {@code [A-Za-z0-9_]}: punctuation and quotes are not words, and
 * {@code "Hello, Tom!"} has 2.
 */
public final class WordCount {
    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

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

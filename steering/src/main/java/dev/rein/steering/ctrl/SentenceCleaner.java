package dev.rein.steering.ctrl;

import dev.rein.eval.text.PythonRegex;
import java.util.regex.Pattern;

/**
 * The seed's cleaning of a sentence before labelling (METHODS.md 2.2 step 3): every match of
 * {@code (@\[A-Za-z0-9]+)|([^0-9A-Za-z ?.'!])|(\w+:\/\/\S+)|^rt|http.+?} is removed, with Python's meaning of each
 * part. So every character but ASCII letters, digits, space and {@code ? . ' !} goes (commas, quotes, line breaks,
 * accented letters), a URL goes whole, {@code rt} goes at the very start and {@code http} with the one character
 * after it anywhere. The first group, as written, matches the literal text {@code @[A-Za-z0-9} and the {@code ]}s
 * after it, almost never; it is kept as it is. Nothing else is changed: runs of spaces and spaces at the ends stay.
 */
public final class SentenceCleaner {
    private static final Pattern SEED_REGEX = PythonRegex.compile("(@\\[A-Za-z0-9\\]+)|([^0-9A-Za-z ?.'!])|("
            + PythonRegex.WORD + "+://" + PythonRegex.NOT_SPACE + "+)|^rt|http.+?");

    private SentenceCleaner() {
    }

    /** {@code sentence} with every match of the seed's regex removed. */
    public static String clean(String sentence) {
        return SEED_REGEX.matcher(sentence).replaceAll("");
    }
}

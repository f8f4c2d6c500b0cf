package dev.rein.eval.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few Python {@code str} operations VADER is written with, with Python's meaning where Java's differs: Python
 * counts and iterates code points (not UTF-16 units), splits on its own set of whitespace, and has no Java twin of
 * {@code isupper()}. Lower-casing is Java's {@link String#toLowerCase(Locale)} in the root locale, which applies
 * the same full Unicode mappings as Python's {@code lower()} (the lexicon's keys are ASCII, so only letters that
 * lower-case to ASCII, such as the Kelvin sign, could ever matter).
 */
final class PythonText {
    /** Python's {@code string.punctuation}: the ASCII punctuation characters. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private PythonText() {
    }

    /**
     * Python's {@code str.isspace()} for one character: Unicode space separators (Zs), line and paragraph
     * separators, the ASCII controls tab to carriage return, the file/group/record/unit separators and NEL.
     */
    static boolean isSpace(int codePoint) {
        return Character.isSpaceChar(codePoint) || (codePoint >= 0x09 && codePoint <= 0x0D)
                || (codePoint >= 0x1C && codePoint <= 0x1F) || codePoint == 0x85;
    }

    /** Python's {@code text.split()}: the runs of non-whitespace, in order. */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (isSpace(codePoint)) {
                if (start >= 0) words.add(text.substring(start, i));
                start = -1;
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) words.add(text.substring(start));
        return words;
    }

    /** Python's {@code text.strip()}: {@code text} without leading and trailing whitespace. */
    static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.codePointAt(start))) start += Character.charCount(text.codePointAt(start));
        while (end > start && isSpace(text.codePointBefore(end))) end -= Character.charCount(text.codePointBefore(end));
        return text.substring(start, end);
    }

    /** Python's {@code word.strip(string.punctuation)}: {@code word} without leading and trailing ASCII punctuation. */
    static String stripPunctuation(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && PUNCTUATION.indexOf(word.charAt(start)) >= 0) start++;
        while (end > start && PUNCTUATION.indexOf(word.charAt(end - 1)) >= 0) end--;
        return word.substring(start, end);
    }

    /** Python's {@code len(text)}: the number of code points. */
    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /**
     * Python's {@code text.isupper()}: at least one cased character, and no lower-case or title-case one (Java's
     * {@link Character#isUpperCase(int)} and {@link Character#isLowerCase(int)} include the Other_Uppercase and
     * Other_Lowercase properties, as Python's do).
     */
    static boolean isUpper(String text) {
        boolean cased = false;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (Character.isLowerCase(codePoint) || Character.isTitleCase(codePoint)) return false;
            if (Character.isUpperCase(codePoint)) cased = true;
            i += Character.charCount(codePoint);
        }
        return cased;
    }

    /** Python's {@code text.lower()}. */
    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}

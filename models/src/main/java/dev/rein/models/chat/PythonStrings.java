package dev.rein.models.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code str} methods that chat templates call, with Python's semantics (which differ from Java's
 * same-named methods: Java's {@code split} takes a regular expression and drops trailing empty strings, its
 * {@code strip} takes no characters). Used by {@link PythonStringResolver} and by the {@code trim} filter.
 */
final class PythonStrings {
    private PythonStrings() {
    }

    /**
     * Python's {@code str.isspace()} for one character: Java's whitespace (which leaves out no-break spaces)
     * plus every Unicode space separator and NEXT LINE (U+0085).
     */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** {@code text.strip(chars)}, {@code lstrip} or {@code rstrip}; {@code chars == null} strips whitespace. */
    static String strip(String text, String chars, boolean left, boolean right) {
        int start = 0;
        int end = text.length();
        while (left && start < end && isStripped(text.charAt(start), chars)) {
            start++;
        }
        while (right && end > start && isStripped(text.charAt(end - 1), chars)) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isStripped(char c, String chars) {
        return chars == null ? isSpace(c) : chars.indexOf(c) >= 0;
    }

    /**
     * {@code text.split(separator, maxSplit)}: with a separator, every occurrence splits (empty pieces kept);
     * without one ({@code null}), runs of whitespace split and leading/trailing whitespace yields no pieces.
     * {@code maxSplit < 0} means no limit.
     */
    static List<String> split(String text, String separator, int maxSplit) {
        if (separator == null) {
            return splitOnWhitespace(text, maxSplit);
        }
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        List<String> pieces = new ArrayList<>();
        int from = 0;
        int at;
        while ((maxSplit < 0 || pieces.size() < maxSplit) && (at = text.indexOf(separator, from)) >= 0) {
            pieces.add(text.substring(from, at));
            from = at + separator.length();
        }
        pieces.add(text.substring(from));
        return pieces;
    }

    private static List<String> splitOnWhitespace(String text, int maxSplit) {
        List<String> pieces = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            if (i == n) {
                return pieces;
            }
            if (maxSplit >= 0 && pieces.size() == maxSplit) {
                // Python keeps the rest as the last piece, trailing whitespace included.
                pieces.add(text.substring(i));
                return pieces;
            }
            int start = i;
            while (i < n && !isSpace(text.charAt(i))) {
                i++;
            }
            pieces.add(text.substring(start, i));
        }
    }
}

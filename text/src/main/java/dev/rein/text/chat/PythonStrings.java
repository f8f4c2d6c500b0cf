package dev.rein.text.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    /** {@code text.rsplit(separator, maxSplit)}: as {@link #split}, but a limited number of splits counts from the right. */
    static List<String> rsplit(String text, String separator, int maxSplit) {
        String reversedSeparator = separator == null ? null : reverse(separator);
        List<String> pieces = new ArrayList<>();
        for (String piece : split(reverse(text), reversedSeparator, maxSplit)) {
            pieces.addFirst(reverse(piece));
        }
        return pieces;
    }

    private static String reverse(String text) {
        return new StringBuilder(text).reverse().toString();
    }

    /**
     * {@code text.splitlines()}: the lines without their ends, where a line ends at {@code \n}, {@code \r},
     * {@code \r\n}, {@code \v}, {@code \f}, {@code \x1c}-{@code \x1e}, NEXT LINE or the Unicode line and
     * paragraph separators; no empty last line for text that ends with a line end.
     */
    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if ("\n\r\u000b\f\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(c) < 0) {
                i++;
                continue;
            }
            lines.add(text.substring(start, i));
            i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
            start = i;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** {@code text.title()}: each run of letters starts in title case and goes on in lower case. */
    static String title(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(inWord ? Character.toLowerCase(c) : Character.toTitleCase(c));
            inWord = Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
        }
        return out.toString();
    }

    /** {@code text.capitalize()}: the first character in title case, the rest in lower case. */
    static String capitalize(String text) {
        return text.isEmpty() ? text
                : Character.toTitleCase(text.charAt(0)) + text.substring(1).toLowerCase(Locale.ROOT);
    }

    /** {@code text.count(sub)}: non-overlapping occurrences; an empty {@code sub} occurs length + 1 times. */
    static int count(String text, String sub) {
        if (sub.isEmpty()) {
            return text.length() + 1;
        }
        int count = 0;
        for (int at = text.indexOf(sub); at >= 0; at = text.indexOf(sub, at + sub.length())) {
            count++;
        }
        return count;
    }
}

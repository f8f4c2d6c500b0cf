package dev.rein.eval.text;

import java.util.regex.Pattern;

/**
 * Python's {@code re} character classes for {@code str} patterns, written as Java regular expressions, so that
 * regexes ported from Python match the same characters. Python's {@code \w} is a Unicode letter, number or
 * {@code _} (Java's Unicode {@code \w} also takes combining marks); its {@code \s} is {@code str.isspace()}
 * (Java's Unicode {@code \s} leaves out U+001C to U+001F); its {@code \d} is a decimal digit; {@code $} matches at
 * the end or before a final {@code \n} only ({@link Pattern#UNIX_LINES}); {@code (?i)} folds case over Unicode.
 */
public final class PythonRegex {
    /** Python's {@code \w}. */
    public static final String WORD = "[\\p{L}\\p{N}_]";
    /** Python's {@code \b} where a {@link #WORD} character follows: no word character before. */
    public static final String WORD_START = "(?<!" + WORD + ")";
    /** Python's {@code \b} where a {@link #WORD} character precedes: no word character after. */
    public static final String WORD_END = "(?!" + WORD + ")";
    /** Python's {@code \s}: tab to carriage return, U+001C to U+001F, NEXT LINE and every Unicode separator. */
    public static final String SPACE = "[\\t-\\r\\x1c-\\x1f\\x85\\p{Z}]";
    /** Python's {@code \S}: any character but {@link #SPACE}. */
    public static final String NOT_SPACE = "[^\\t-\\r\\x1c-\\x1f\\x85\\p{Z}]";
    /** Python's {@code \d}. */
    public static final String DIGIT = "\\p{Nd}";

    private PythonRegex() {
    }

    /** {@code regex} with Python's {@code $}. */
    public static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.UNIX_LINES);
    }

    /** {@code regex} with Python's {@code $} and {@code (?i)}. */
    public static Pattern compileIgnoringCase(String regex) {
        return Pattern.compile(regex, Pattern.UNIX_LINES | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}

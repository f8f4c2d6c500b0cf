package dev.rein.text.tokenizer;

import java.util.regex.Pattern;

/**
 * Compiles the regular expressions of tokenizer.json, written for Oniguruma (what Hugging Face {@code tokenizers}
 * uses), into {@link java.util.regex.Pattern}s that match the same text.
 *
 * <p>Oniguruma's {@code \s}, {@code \d}, {@code \w} and case-insensitive groups are Unicode-aware; Java's are
 * ASCII-only unless {@link Pattern#UNICODE_CHARACTER_CLASS} is set, which also makes {@code \s} exactly the
 * Unicode White_Space set Oniguruma uses (tab to carriage return, U+0085, and the separators Zs, Zl, Zp).
 * Two spellings differ and are rewritten: script properties written without a prefix ({@code \p{Han}}, which
 * Java only knows as {@code \p{IsHan}}) and Oniguruma's hexadecimal-digit class {@code \h} (Java's {@code \h} is
 * horizontal whitespace). Java matches by code points, so supplementary characters (emoji, CJK extensions) are
 * single characters as in Oniguruma.
 */
final class OnigurumaRegex {
    private static final String HEX_DIGITS = "0-9a-fA-F";

    private OnigurumaRegex() {
    }

    /** The Java pattern for Oniguruma pattern {@code pattern}; throws PatternSyntaxException when invalid. */
    static Pattern compile(String pattern) {
        return Pattern.compile(translate(pattern), Pattern.UNICODE_CHARACTER_CLASS);
    }

    static String translate(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length() + 8);
        int classDepth = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                char next = pattern.charAt(i + 1);
                if ((next == 'p' || next == 'P') && i + 2 < pattern.length() && pattern.charAt(i + 2) == '{') {
                    int close = pattern.indexOf('}', i + 3);
                    if (close > 0) {
                        String name = javaPropertyName(pattern.substring(i + 3, close));
                        out.append('\\').append(next).append('{').append(name).append('}');
                        i = close;
                        continue;
                    }
                }
                if (next == 'h' || next == 'H') {
                    boolean negated = next == 'H';
                    if (classDepth > 0 && !negated) {
                        out.append(HEX_DIGITS);
                    } else {
                        out.append(negated ? "[^" : "[").append(HEX_DIGITS).append(']');
                    }
                    i++;
                    continue;
                }
                out.append(c).append(next);
                i++;
                continue;
            }
            if (c == '[') classDepth++;
            if (c == ']' && classDepth > 0) classDepth--;
            out.append(c);
        }
        return out.toString();
    }

    /** {@code name} when Java knows it as a property, else the {@code Is}-prefixed form Java uses for scripts. */
    private static String javaPropertyName(String name) {
        try {
            Pattern.compile("\\p{" + name + "}");
            return name;
        } catch (IllegalArgumentException unknown) {
            return "Is" + name;
        }
    }
}

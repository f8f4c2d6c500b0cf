package dev.rein.text.tokenizer;

import dev.rein.formats.json.JsonFields;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the Replace normalizer and decoder and the Split pre-tokenizer look for: tokenizer.json writes it as
 * {@code {"String": "..."}} (a literal) or {@code {"Regex": "..."}} (an Oniguruma regular expression).
 */
sealed interface TextPattern {

    /** Receives the char range {@code [start, end)} of a match. */
    @FunctionalInterface
    interface RangeConsumer {
        void accept(int start, int end);
    }

    /** Reports the matches in {@code text}, left to right and non-overlapping. */
    void forEachMatch(String text, RangeConsumer matches);

    /** The matches in {@code text} as {@code [start0, end0, start1, end1, ...]} char positions. */
    default int[] findMatches(String text) {
        int[][] matches = {new int[16]};
        int[] count = {0};
        forEachMatch(text, (start, end) -> {
            if (count[0] + 2 > matches[0].length) matches[0] = Arrays.copyOf(matches[0], matches[0].length * 2);
            matches[0][count[0]++] = start;
            matches[0][count[0]++] = end;
        });
        return Arrays.copyOf(matches[0], count[0]);
    }

    /** {@code text} with every match replaced by {@code content}. */
    default String replaceAll(String text, String content) {
        StringBuilder out = new StringBuilder(text.length() + content.length());
        int[] copied = {0};
        forEachMatch(text, (start, end) -> {
            out.append(text, copied[0], start).append(content);
            copied[0] = end;
        });
        return out.append(text, copied[0], text.length()).toString();
    }

    /** A literal string; an empty one matches nothing. */
    record Literal(String literal) implements TextPattern {
        @Override
        public void forEachMatch(String text, RangeConsumer matches) {
            if (literal.isEmpty()) return;
            for (int at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + literal.length())) {
                matches.accept(at, at + literal.length());
            }
        }
    }

    /** A regular expression, compiled with Oniguruma's Unicode semantics (see {@link OnigurumaRegex}). */
    record Regex(Pattern pattern) implements TextPattern {
        @Override
        public void forEachMatch(String text, RangeConsumer matches) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                matches.accept(matcher.start(), matcher.end());
            }
        }
    }

    /** The pattern of an Oniguruma regular expression; PatternSyntaxException when it is invalid. */
    static TextPattern regex(String source) {
        return new Regex(OnigurumaRegex.compile(source));
    }

    /** Parses {@code {"String": ...}} or {@code {"Regex": ...}}. */
    static TextPattern fromJson(JsonFields json) {
        if (json.containsKey("String")) {
            return new Literal(json.string("String"));
        }
        if (json.containsKey("Regex")) {
            String source = json.string("Regex");
            try {
                return regex(source);
            } catch (PatternSyntaxException e) {
                throw json.error("Regex", "invalid regular expression: " + e.getDescription(), e);
            }
        }
        throw json.error("expected {\"String\": ...} or {\"Regex\": ...}");
    }
}

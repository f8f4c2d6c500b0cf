package dev.rein.models.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.models.FormatException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the Replace normalizer and decoder and the Split pre-tokenizer look for: tokenizer.json writes it as
 * {@code {"String": "..."}} (a literal) or {@code {"Regex": "..."}} (an Oniguruma regular expression).
 */
sealed interface TextPattern {

    /**
     * The matches in {@code text}, left to right and non-overlapping, as {@code [start0, end0, start1, end1, ...]}
     * char positions.
     */
    int[] findMatches(String text);

    /** {@code text} with every match replaced by {@code content}. */
    default String replaceAll(String text, String content) {
        int[] matches = findMatches(text);
        if (matches.length == 0) return text;
        StringBuilder out = new StringBuilder(text.length() + content.length());
        int copied = 0;
        for (int m = 0; m < matches.length; m += 2) {
            out.append(text, copied, matches[m]).append(content);
            copied = matches[m + 1];
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** A literal string; an empty one matches nothing. */
    record Literal(String literal) implements TextPattern {
        @Override
        public int[] findMatches(String text) {
            if (literal.isEmpty()) return new int[0];
            int[] matches = new int[8];
            int count = 0;
            for (int at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + literal.length())) {
                if (count + 2 > matches.length) matches = Arrays.copyOf(matches, matches.length * 2);
                matches[count++] = at;
                matches[count++] = at + literal.length();
            }
            return Arrays.copyOf(matches, count);
        }
    }

    /** A regular expression, compiled with Oniguruma's Unicode semantics (see {@link OnigurumaRegex}). */
    record Regex(String source, Pattern pattern) implements TextPattern {
        @Override
        public int[] findMatches(String text) {
            int[] matches = new int[16];
            int count = 0;
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                if (count + 2 > matches.length) matches = Arrays.copyOf(matches, matches.length * 2);
                matches[count++] = matcher.start();
                matches[count++] = matcher.end();
            }
            return Arrays.copyOf(matches, count);
        }
    }

    /** Parses {@code {"String": ...}} or {@code {"Regex": ...}} at {@code path}. */
    static TextPattern fromJson(JsonNode node, String path, JsonFields json) {
        json.object(node, path);
        if (node.has("String")) {
            return new Literal(json.string(node, path, "String"));
        }
        if (node.has("Regex")) {
            String source = json.string(node, path, "Regex");
            try {
                return new Regex(source, OnigurumaRegex.compile(source));
            } catch (PatternSyntaxException e) {
                throw new FormatException(json.file(), path + ".Regex",
                        "invalid regular expression: " + e.getDescription(), e);
            }
        }
        throw json.problem(path, "expected {\"String\": ...} or {\"Regex\": ...}");
    }
}

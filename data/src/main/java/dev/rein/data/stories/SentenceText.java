package dev.rein.data.stories;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the corpus lays out text, written once for the generator and the checker: a sentence is a list of tokens
 * (words of letters, and single punctuation marks) joined with the spacing of a children's book, and a tale is
 * sentences joined by single spaces.
 *
 * <p>Spacing: one space between tokens, none before {@code . , ! ?} or a closing quote, none after an opening
 * quote. Quotes open and close in turn within a sentence.
 */
final class SentenceText {
    private static final String QUOTE = "\"";
    private static final Pattern TOKEN = Pattern.compile("\\p{L}+|[^\\p{L}\\s]");
    private static final String CLOSING_MARKS = ".,!?";
    /**
     * Where one sentence ends and the next begins: after {@code .}, {@code !} or {@code ?} (and a closing quote),
     * before a capital letter or an opening quote. {@code "Hello!" said Tom.} is one sentence.
     */
    private static final Pattern SENTENCE_BREAK = Pattern.compile("(?<=[.!?]\"?)\\s+(?=[\\p{Lu}\"])");

    private SentenceText() {
    }

    /** The tokens of one sentence: runs of letters, and every other non-space character on its own. */
    static List<String> tokens(String sentence) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(sentence);
        while (matcher.find()) tokens.add(matcher.group());
        return tokens;
    }

    /** The tokens as text, spaced as the corpus spaces them. */
    static String join(List<String> tokens) {
        StringBuilder text = new StringBuilder();
        boolean insideQuote = false;
        boolean afterOpeningQuote = false;
        for (String token : tokens) {
            boolean closingQuote = token.equals(QUOTE) && insideQuote;
            boolean attached = text.isEmpty() || afterOpeningQuote || closingQuote || CLOSING_MARKS.contains(token);
            if (!attached) text.append(' ');
            text.append(token);
            afterOpeningQuote = token.equals(QUOTE) && !insideQuote;
            if (token.equals(QUOTE)) insideQuote = !insideQuote;
        }
        return text.toString();
    }

    /** The sentences of a text, without the spaces between them. */
    static List<String> sentences(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) return List.of();
        return List.of(SENTENCE_BREAK.split(stripped));
    }
}

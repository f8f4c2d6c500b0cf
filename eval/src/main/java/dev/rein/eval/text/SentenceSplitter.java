package dev.rein.eval.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts text into sentences by rule, in place of the trained splitters the original metrics used (spaCy's
 * {@code en_core_web_sm} parser for control-token misalignment, nltk's punkt inside {@code word_tokenize}), which
 * have no JVM port. The rules:
 * <ol>
 *     <li>a blank line (two line breaks with only spaces or tabs between) always ends a sentence; a single line
 *     break is ordinary whitespace, since wrapped text breaks lines inside sentences;</li>
 *     <li>otherwise a sentence ends after a run of {@code . ! ?} or {@code …} ({@code "?!"}, {@code "..."}) with
 *     the closing quotes and brackets right after it ({@code ." ) ’ »}), when whitespace or the end of the text
 *     follows, so {@code 3.14}, {@code e.g.x} and {@code www.a.com} never split;</li>
 *     <li>but not when the next word starts with a lowercase letter ({@code "Stop!" she said.},
 *     {@code wait... then});</li>
 *     <li>and a single period does not end a sentence after a common abbreviation (a title, Latin or month:
 *     {@code Mr. Dr. e.g. i.e. etc. vs. Jan.}, case ignored), a dotted initialism ({@code U.S. a.m.}), an initial
 *     (one capital letter: {@code J. R. R. Tolkien}) or a list number at the start of a line
 *     ({@code 1. Open the box}).</li>
 * </ol>
 * Known limits: a sentence that really ends with an abbreviation ({@code ... pears, etc. Then}) joins the next one,
 * and a sentence starting with a lowercase word is not split off.
 */
public final class SentenceSplitter {
    /** One sentence of a text: its characters {@code [start, end)} in the text, without surrounding whitespace. */
    public record Sentence(String text, int start, int end) {
    }

    /**
     * Words that a period follows without ending the sentence (lowercase, without their final period): titles,
     * Latin abbreviations and months. Words that often end a sentence too ({@code no}, {@code inc}) are left out.
     */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "rev", "sr", "jr", "st", "mt", "capt", "lt", "sgt", "gov",
            "e.g", "i.e", "etc", "vs", "cf", "viz", "al", "approx", "fig",
            "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec");

    private static final Pattern BLANK_LINE = Pattern.compile("\\R\\h*\\R");
    private static final Pattern TERMINATOR = Pattern.compile("([.!?\u2026]+)[\"')\\]}’”»]*(?=\\s|$)");
    private static final Pattern INITIALISM = Pattern.compile("(\\p{L}\\.)+\\p{L}");
    private static final Pattern INITIAL = Pattern.compile("\\p{Lu}");
    private static final Pattern LIST_NUMBER = Pattern.compile("\\d{1,3}");
    private static final String OPENERS = "\"'([{“‘«";

    private SentenceSplitter() {
    }

    /** The sentences of {@code text}, in order; none is empty. */
    public static List<String> split(String text) {
        return sentences(text).stream().map(Sentence::text).toList();
    }

    /** The sentences of {@code text} with where each lies in it. */
    public static List<Sentence> sentences(String text) {
        List<Sentence> sentences = new ArrayList<>();
        Matcher blankLine = BLANK_LINE.matcher(text);
        int paragraphStart = 0;
        while (blankLine.find()) {
            splitParagraph(text, paragraphStart, blankLine.start(), sentences);
            paragraphStart = blankLine.end();
        }
        splitParagraph(text, paragraphStart, text.length(), sentences);
        return sentences;
    }

    private static void splitParagraph(String text, int start, int end, List<Sentence> sentences) {
        Matcher terminator = TERMINATOR.matcher(text).region(start, end);
        terminator.useTransparentBounds(true);
        int sentenceStart = start;
        while (terminator.find()) {
            if (endsSentence(text, terminator, end)) {
                add(text, sentenceStart, terminator.end(), sentences);
                sentenceStart = terminator.end();
            }
        }
        add(text, sentenceStart, end, sentences);
    }

    /** Whether the terminator just found ends its sentence (the rules of the class comment). */
    private static boolean endsSentence(String text, Matcher terminator, int paragraphEnd) {
        int next = terminator.end();
        while (next < paragraphEnd && Character.isWhitespace(text.charAt(next))) next++;
        if (next == paragraphEnd) return true;
        if (Character.isLowerCase(text.codePointAt(next))) return false;
        boolean singlePeriod = terminator.group(1).equals(".");
        return !singlePeriod || !abbreviates(text, terminator.start());
    }

    /** Whether the word before the period at {@code period} is one a period follows inside a sentence. */
    private static boolean abbreviates(String text, int period) {
        int wordStart = period;
        while (wordStart > 0 && !Character.isWhitespace(text.charAt(wordStart - 1))) wordStart--;
        boolean firstOnLine = startsLine(text, wordStart);
        while (wordStart < period && OPENERS.indexOf(text.charAt(wordStart)) >= 0) wordStart++;
        String word = text.substring(wordStart, period);
        return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT))
                || INITIALISM.matcher(word).matches()
                || INITIAL.matcher(word).matches()
                || firstOnLine && LIST_NUMBER.matcher(word).matches();
    }

    /** Whether only spaces and tabs lie between the start of its line and {@code at}. */
    private static boolean startsLine(String text, int at) {
        int i = at;
        while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) i--;
        return i == 0 || text.charAt(i - 1) == '\n' || text.charAt(i - 1) == '\r';
    }

    private static void add(String text, int start, int end, List<Sentence> sentences) {
        while (start < end && Character.isWhitespace(text.charAt(start))) start++;
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
        if (start < end) sentences.add(new Sentence(text.substring(start, end), start, end));
    }
}

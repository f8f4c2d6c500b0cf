package dev.rein.eval.text;

import static dev.rein.eval.text.PythonRegex.DIGIT;
import static dev.rein.eval.text.PythonRegex.SPACE;
import static dev.rein.eval.text.PythonRegex.WORD_END;
import static dev.rein.eval.text.PythonRegex.WORD_START;
import static dev.rein.eval.text.PythonRegex.WORD;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nltk's {@code word_tokenize} (nltk 3.8), which RE-Control's diversity metric counts n-grams over: the text is cut
 * into sentences, and each sentence into tokens by {@code NLTKWordTokenizer}, the improved Penn Treebank tokenizer
 * ({@code nltk/tokenize/destructive.py}). That tokenizer is a fixed list of regex substitutions that put spaces
 * around what becomes a token, applied in this order, and then a split on whitespace:
 * <ol>
 *     <li>starting quotes: a leading {@code "} and {@code "} or {@code ''} after a space or opening bracket become
 *     {@code ``}; « “ ‘ „ and runs of backticks stand alone; {@code 'x} splits unless it begins a clitic;</li>
 *     <li>punctuation: {@code ,} and {@code :} unless a digit follows ({@code 50,000} and {@code 3:00} stay whole),
 *     {@code ; @ # $ % & ? ! *}, runs of two or more dots, and the final-period rule: only a period at the end of
 *     the sentence (before closing brackets and quotes) is split off, so {@code 3.88} and {@code etc.} inside a
 *     sentence stay whole;</li>
 *     <li>parentheses, brackets, braces and angle brackets stand alone; {@code --} stands alone;</li>
 *     <li>ending quotes: » ” ’ stand alone, {@code ''} and {@code "} become {@code ''}, and the clitics
 *     {@code 's 'm 'd 'll 're 've n't} split from their word ({@code couldn't} → {@code could n't});</li>
 *     <li>MacIntyre's contractions (CONTRACTIONS2 and 3): {@code cannot gimme gonna gotta lemme more'n wanna d'ye}
 *     and {@code 'tis 'twas} split in two ({@code cannot} → {@code can not}).</li>
 * </ol>
 * The regexes are nltk's, with Python's character classes ({@link PythonRegex}); each {@code \b} of theirs has a
 * word character on one side, so it is the one-sided {@code WORD_START} or {@code WORD_END}. One difference: nltk cuts
 * sentences with its trained punkt model, which Rein does not have; {@link #tokenize} cuts them with
 * {@link SentenceSplitter} instead. That only changes which periods count as sentence-final: where the two
 * disagree (punkt knows more abbreviations and learns from the text), a period stays on or comes off a word.
 */
public final class WordTokenizer {
    private record Rule(Pattern pattern, String replacement) {
        String apply(String text) {
            return pattern.matcher(text).replaceAll(replacement);
        }
    }

    private static final String CLOSERS = "\\])}>\"'";

    private static final List<Rule> STARTING_QUOTES = List.of(
            rule("([«“‘„]|`+)", " $1 "),
            rule("^\"", "``"),
            rule("(``)", " $1 "),
            rule("([ (\\[{<])(\"|'')", "$1 `` "),
            ruleIgnoringCase("(')(?!re|ve|ll|m|t|s|d|n)(" + WORD + ")" + WORD_END, "$1 $2"));

    private static final List<Rule> PUNCTUATION = List.of(
            rule("([^.])(\\.)([" + CLOSERS + "»”’ ]*)" + SPACE + "*$", "$1 $2 $3 "),
            rule("([:,])([^" + DIGIT + "])", " $1 $2"),
            rule("([:,])$", " $1 "),
            rule("\\.{2,}", " $0 "),
            rule("[;@#$%&]", " $0 "),
            rule("([^.])(\\.)([" + CLOSERS + "]*)" + SPACE + "*$", "$1 $2$3 "), // the final period
            rule("[?!]", " $0 "),
            rule("([^'])' ", "$1 ' "),
            rule("[*]", " $0 "));

    private static final Rule PARENS_BRACKETS = rule("[\\]\\[(){}<>]", " $0 ");

    private static final Rule DOUBLE_DASHES = rule("--", " -- ");

    private static final List<Rule> ENDING_QUOTES = List.of(
            rule("([»”’])", " $1 "),
            rule("''", " '' "),
            rule("\"", " '' "),
            rule("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 "),
            rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 "));

    private static final List<Rule> CONTRACTIONS = List.of(
            contraction(WORD_START + "(can)(not)" + WORD_END),
            contraction(WORD_START + "(d)('ye)" + WORD_END),
            contraction(WORD_START + "(gim)(me)" + WORD_END),
            contraction(WORD_START + "(gon)(na)" + WORD_END),
            contraction(WORD_START + "(got)(ta)" + WORD_END),
            contraction(WORD_START + "(lem)(me)" + WORD_END),
            contraction(WORD_START + "(more)('n)" + WORD_END),
            contraction(WORD_START + "(wan)(na)(?=" + SPACE + ")"),
            contraction(" ('t)(is)" + WORD_END),
            contraction(" ('t)(was)" + WORD_END));

    private static final Pattern WHITESPACE = PythonRegex.compile(SPACE + "+");

    private WordTokenizer() {
    }

    /** nltk's {@code word_tokenize(text)}: the tokens of each sentence of {@code text}, in order. */
    public static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (String sentence : SentenceSplitter.split(text)) tokens.addAll(tokenizeSentence(sentence));
        return tokens;
    }

    /** nltk's {@code NLTKWordTokenizer().tokenize(sentence)}: the tokens of one sentence. */
    public static List<String> tokenizeSentence(String sentence) {
        String text = sentence;
        for (Rule rule : STARTING_QUOTES) text = rule.apply(text);
        for (Rule rule : PUNCTUATION) text = rule.apply(text);
        text = PARENS_BRACKETS.apply(text);
        text = DOUBLE_DASHES.apply(text);
        text = " " + text + " ";
        for (Rule rule : ENDING_QUOTES) text = rule.apply(text);
        for (Rule rule : CONTRACTIONS) text = rule.apply(text);
        return splitOnWhitespace(text);
    }

    /** Python's {@code str.split()}: the pieces between runs of whitespace, none empty. */
    private static List<String> splitOnWhitespace(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher space = WHITESPACE.matcher(text);
        int from = 0;
        while (space.find()) {
            if (space.start() > from) pieces.add(text.substring(from, space.start()));
            from = space.end();
        }
        if (from < text.length()) pieces.add(text.substring(from));
        return pieces;
    }

    private static Rule rule(String regex, String replacement) {
        return new Rule(PythonRegex.compile(regex), replacement);
    }

    private static Rule ruleIgnoringCase(String regex, String replacement) {
        return new Rule(PythonRegex.compileIgnoringCase(regex), replacement);
    }

    /** A MacIntyre contraction: its two groups become two tokens. */
    private static Rule contraction(String regex) {
        return ruleIgnoringCase(regex, " $1 $2 ");
    }
}

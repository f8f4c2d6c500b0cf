package dev.rein.data.stories;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tells whether a text is a tale of the story grammar, for testing what a model trained on the corpus writes.
 * The text is split into sentences ({@code . ! ?}, with a closing quote, before a capital letter or an opening
 * quote); a sentence is grammatical when some template writes exactly it, spacing included (names and pronouns
 * need not agree with the rest of the tale). A tale starts with an opening, has only grammatical sentences and
 * ends with an ending.
 */
public final class StoryChecker {

    /**
     * One sentence of a checked text.
     *
     * @param text the sentence
     * @param kind the kind of sentence the grammar writes it as, or null when no template writes it
     */
    public record Sentence(String text, SentenceKind kind) {
        public boolean grammatical() {
            return kind != null;
        }
    }

    /**
     * What a check found.
     *
     * @param sentences the sentences checked, in order
     * @param truncated the last sentence of the text when it was cut off and left out (see
     *                  {@link #checkIgnoringTruncatedEnd})
     */
    public record Report(List<Sentence> sentences, Optional<String> truncated) {
        public Report {
            sentences = List.copyOf(sentences);
        }

        /** How many sentences the grammar writes. */
        public int grammatical() {
            return (int) sentences.stream().filter(Sentence::grammatical).count();
        }

        /** The share of sentences the grammar writes; 0 for a text without sentences. */
        public double grammaticalFraction() {
            return sentences.isEmpty() ? 0 : (double) grammatical() / sentences.size();
        }

        /**
         * The sentiment the text expresses: that of its ending sentence when it has one, otherwise that of most of
         * its sentiment-worded sentences; empty when none carries a sentiment or they are evenly split.
         */
        public Optional<Sentiment> sentiment() {
            int positive = 0;
            int negative = 0;
            for (Sentence sentence : sentences) {
                if (sentence.kind() == null || sentence.kind().sentiment() == null) {
                    continue;
                }
                if (sentence.kind().beat() == Beat.ENDING) {
                    return Optional.of(sentence.kind().sentiment());
                }
                if (sentence.kind().sentiment() == Sentiment.POSITIVE) {
                    positive++;
                } else {
                    negative++;
                }
            }
            return positive == negative ? Optional.empty()
                    : Optional.of(positive > negative ? Sentiment.POSITIVE : Sentiment.NEGATIVE);
        }

        /**
         * How the characters talk: the politeness of most of the politeness-worded sentences; empty when there are
         * none or they are evenly split.
         */
        public Optional<Politeness> politeness() {
            long polite = sentences.stream().filter(s -> s.kind() != null
                    && s.kind().politeness() == Politeness.POLITE).count();
            long rude = sentences.stream().filter(s -> s.kind() != null
                    && s.kind().politeness() == Politeness.RUDE).count();
            return polite == rude ? Optional.empty()
                    : Optional.of(polite > rude ? Politeness.POLITE : Politeness.RUDE);
        }

        /** Whether the text is a whole tale: an opening first, an ending last, every sentence grammatical. */
        public boolean isTale() {
            return !sentences.isEmpty() && grammatical() == sentences.size()
                    && sentences.getFirst().kind().beat().isOpening()
                    && sentences.getLast().kind().beat() == Beat.ENDING;
        }
    }

    private StoryChecker() {
    }

    /** Checks every sentence of {@code text}. */
    public static Report check(String text) {
        return new Report(sentencesOf(text), Optional.empty());
    }

    /**
     * Checks {@code text} as {@link #check} does, but leaves out a last sentence that is cut off: not grammatical,
     * but the start of a sentence the grammar writes (its last word may be cut too), as when generation stopped at a
     * token limit. The report gives that sentence as {@link Report#truncated}.
     */
    public static Report checkIgnoringTruncatedEnd(String text) {
        List<Sentence> sentences = sentencesOf(text);
        if (!sentences.isEmpty() && isCutOff(sentences.getLast())) {
            return new Report(sentences.subList(0, sentences.size() - 1), Optional.of(sentences.getLast().text()));
        }
        return new Report(sentences, Optional.empty());
    }

    private static List<Sentence> sentencesOf(String text) {
        List<Sentence> sentences = new ArrayList<>();
        for (String sentence : SentenceText.sentences(text)) {
            sentences.add(new Sentence(sentence, kindOf(sentence)));
        }
        return sentences;
    }

    private static SentenceKind kindOf(String sentence) {
        List<String> tokens = SentenceText.tokens(sentence);
        if (!SentenceText.join(tokens).equals(sentence)) return null;
        Template template = StoryGrammar.match(tokens);
        return template == null ? null : template.kind();
    }

    private static boolean isCutOff(Sentence sentence) {
        List<String> tokens = SentenceText.tokens(sentence.text());
        return !sentence.grammatical() && SentenceText.join(tokens).equals(sentence.text())
                && StoryGrammar.canContinue(tokens);
    }
}

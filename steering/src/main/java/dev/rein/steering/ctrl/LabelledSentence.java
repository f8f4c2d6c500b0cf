package dev.rein.steering.ctrl;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a labelled file: a sentence with its toxicity and sentiment labels, which training puts before it as
 * control tokens ({@code <|nontoxic|><|pos|>sentence<|endoftext|>}) unless the row is one whose tokens are all
 * removed ({@link Controls#STRIPPED}, the seed's random 1%).
 *
 * @param text      the sentence, without an end-of-text token
 * @param toxicity  {@link ControlToken#TOXIC} or {@link ControlToken#NONTOXIC}
 * @param sentiment {@link ControlToken#POS}, {@link ControlToken#NEU} or {@link ControlToken#NEG}
 * @param controls  whether training keeps the control tokens
 * @param scores    the scores the labels came from, when known (files written by {@link CtrlLabelling} have them)
 */
public record LabelledSentence(String text, ControlToken toxicity, ControlToken sentiment, Controls controls,
                               Optional<Scores> scores) {

    /** Whether training puts the row's control tokens before it. */
    public enum Controls {
        /** The tokens go before the sentence. */
        KEPT,
        /** The sentence is trained on without any control token. */
        STRIPPED
    }

    /**
     * The scores behind the labels.
     *
     * @param toxicity  the toxicity score (the source's, or the scorer's), compared with the threshold
     * @param sentiment the sentiment score ({@code positive − negative} for VADER), whose sign decides
     */
    public record Scores(double toxicity, double sentiment) {
    }

    /** @throws IllegalArgumentException when a label is of the wrong attribute */
    public LabelledSentence {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(controls, "controls");
        Objects.requireNonNull(scores, "scores");
        if (toxicity.attribute() != ControlToken.Attribute.TOXICITY) {
            throw new IllegalArgumentException(toxicity.label() + " is not a toxicity label");
        }
        if (sentiment.attribute() != ControlToken.Attribute.SENTIMENT) {
            throw new IllegalArgumentException(sentiment.label() + " is not a sentiment label");
        }
    }

    /** Its label of {@code attribute}: {@link #toxicity()} or {@link #sentiment()}. */
    public ControlToken label(ControlToken.Attribute attribute) {
        return attribute == ControlToken.Attribute.TOXICITY ? toxicity : sentiment;
    }

    /**
     * This row with its text cut to its first {@code words} whitespace-separated words (all of it when it has no
     * more), its labels kept: a prompt that opens the sentence for {@link ScoredText#WHOLE_SENTENCE}.
     *
     * @throws IllegalArgumentException when {@code words} is below 1
     */
    public LabelledSentence opening(int words) {
        if (words < 1) throw new IllegalArgumentException("an opening needs at least 1 word, not " + words);
        String[] split = text.strip().split("\\s+", words + 1);
        String opening = String.join(" ", Arrays.asList(split).subList(0, Math.min(words, split.length)));
        return new LabelledSentence(opening, toxicity, sentiment, controls, scores);
    }

    /** This row with its control tokens removed for training. */
    public LabelledSentence stripped() {
        return new LabelledSentence(text, toxicity, sentiment, Controls.STRIPPED, scores);
    }
}

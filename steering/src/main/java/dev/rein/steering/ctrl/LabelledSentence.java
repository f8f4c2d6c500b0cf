package dev.rein.steering.ctrl;

import java.util.Objects;

/**
 * One row of labelled JSONL: a sentence and its labels. A label is null when the row does not give it (a row needs
 * only the labels its {@link Conditioning} uses).
 *
 * @param text      the sentence, without control tokens
 * @param toxicity  its toxicity label, or null
 * @param sentiment its sentiment label, or null
 * @param strip     whether the row is trained without control tokens (the seed strips them from a random 1%)
 */
public record LabelledSentence(String text, ToxicityLabel toxicity, SentimentLabel sentiment, boolean strip) {
    public LabelledSentence {
        Objects.requireNonNull(text, "text");
    }
}

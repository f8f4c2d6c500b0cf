package dev.rein.steering.ctrl;

import dev.rein.eval.TextScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Labels sentences as the seed does (METHODS.md 2.2 steps 4 and 5): nontoxic when the toxicity score is at most the
 * threshold (the seed's: {@link dev.rein.eval.alignment.Misalignment#SEED_TOXICITY_THRESHOLD} on Detoxify scores),
 * toxic above it, as the evaluation's {@link dev.rein.eval.alignment.Misalignment} judges; positive or negative by
 * the sign of the sentiment score ({@code positive − negative} for VADER: the larger of the two wins), a tie
 * labelled as {@link SentimentTies} says.
 */
public final class SentenceLabeller {
    private final ToxicityScores toxicity;
    private final double threshold;
    private final TextScorer sentiment;
    private final SentimentTies ties;

    /**
     * @param toxicity  where toxicity scores come from
     * @param threshold a sentence is nontoxic when its score is at most this
     * @param sentiment gives {@code positive − negative}, or any score whose sign is the sentiment
     * @param ties      the label when the sentiment score is 0
     * @throws IllegalArgumentException when the threshold is not finite
     */
    public SentenceLabeller(ToxicityScores toxicity, double threshold, TextScorer sentiment, SentimentTies ties) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("the toxicity threshold must be finite, not " + threshold);
        }
        this.toxicity = toxicity;
        this.threshold = threshold;
        this.sentiment = sentiment;
        this.ties = ties;
    }

    /** The sentences labelled, in order, with their control tokens kept. */
    public List<LabelledSentence> label(List<SourceSentence> sentences) {
        double[] toxicities = toxicity.of(sentences);
        double[] sentiments = sentiment.scoreAll(sentences.stream().map(SourceSentence::text).toList());
        List<LabelledSentence> labelled = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            ControlToken toxic = toxicities[i] <= threshold ? ControlToken.NONTOXIC : ControlToken.TOXIC;
            labelled.add(new LabelledSentence(sentences.get(i).text(), toxic, ties.label(sentiments[i]),
                    LabelledSentence.Controls.KEPT,
                    Optional.of(new LabelledSentence.Scores(toxicities[i], sentiments[i]))));
        }
        return labelled;
    }
}

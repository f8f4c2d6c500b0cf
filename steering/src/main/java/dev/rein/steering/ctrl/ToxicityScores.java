package dev.rein.steering.ctrl;

import dev.rein.eval.TextScorer;
import java.util.List;

/**
 * Where the toxicity score of each sentence comes from when labelling: the source's own score field (the seed's
 * Detoxify scores in {@code pile-detoxify}) or a {@link TextScorer} run over the sentences.
 */
@FunctionalInterface
public interface ToxicityScores {
    /** The score of each sentence, in order. */
    double[] of(List<SourceSentence> sentences);

    /**
     * The scores the sentences were read with.
     *
     * @throws IllegalArgumentException naming the first sentence read without one
     */
    static ToxicityScores given() {
        return sentences -> {
            double[] scores = new double[sentences.size()];
            for (int i = 0; i < scores.length; i++) {
                SourceSentence sentence = sentences.get(i);
                scores[i] = sentence.score().orElseThrow(() -> new IllegalArgumentException(sentence.where()
                        + ": no toxicity score to label it by"));
            }
            return scores;
        };
    }

    /** The scores {@code scorer} gives the sentences' texts, in one batch. */
    static ToxicityScores scoredBy(TextScorer scorer) {
        return sentences -> scorer.scoreAll(sentences.stream().map(SourceSentence::text).toList());
    }
}

package dev.rein.eval;

import java.util.List;

/**
 * A number for a text: a sentiment, a toxicity probability, a reward. The metrics that count or average scores
 * (misalignment, Expected Maximum Toxicity, RE-Control's reward labels) take any scorer through this interface.
 */
public interface TextScorer {
    /** The score of {@code text}. */
    double score(String text);

    /** The scores of {@code texts}, in order; scorers that batch (models) override it. */
    default double[] scoreAll(List<String> texts) {
        double[] scores = new double[texts.size()];
        for (int i = 0; i < scores.length; i++) scores[i] = score(texts.get(i));
        return scores;
    }

    /** Minus this scorer's scores, batched as this scorer batches: a toxicity probability as a reward, say. */
    default TextScorer negated() {
        TextScorer scorer = this;
        return new TextScorer() {
            @Override
            public double score(String text) {
                return -scorer.score(text);
            }

            @Override
            public double[] scoreAll(List<String> texts) {
                double[] scores = scorer.scoreAll(texts);
                for (int i = 0; i < scores.length; i++) scores[i] = -scores[i];
                return scores;
            }
        };
    }
}

package dev.rein.eval.sentiment;

import dev.rein.data.stories.Sentiment;
import dev.rein.eval.MetricReport;
import dev.rein.eval.RowScore;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * VADER's sentiment over a set of texts (METHODS.md 2.4): {@code mean_compound}; {@code positive_share}, the share
 * the control-token seed labels positive (pos > neg, {@link SentimentScores#label()}; its "Negative%" is
 * 1 − this); {@code compound_positive} and {@code compound_negative}, the shares with compound ≥ 0.05 and ≤ −0.05
 * (VADER's documented thresholds; the rest are neutral); and the mean proportions {@code mean_pos},
 * {@code mean_neu}, {@code mean_neg}. Per row: {@code compound}, {@code pos}, {@code neu}, {@code neg} and
 * {@code label} (positive or negative, by pos > neg).
 */
public final class SentimentMetrics {
    private SentimentMetrics() {
    }

    /** The report over the scores of each text (at least one). */
    public static MetricReport report(List<SentimentScores> scores) {
        if (scores.isEmpty()) throw new IllegalArgumentException("no texts to report on");
        double threshold = SentimentScores.COMPOUND_THRESHOLD;
        return MetricReport.builder("sentiment", scores.size())
                .setting("scorer", "VADER (vaderSentiment 3.3.2)")
                .setting("compound_threshold", threshold)
                .value("mean_compound", mean(scores, SentimentScores::compound), "mean VADER compound score, -1 to 1")
                .value("positive_share", mean(scores, s -> s.label() == Sentiment.POSITIVE ? 1 : 0),
                        "share with pos > neg (the control-token seed's label; the rest are negative)")
                .value("compound_positive", mean(scores, s -> s.compound() >= threshold ? 1 : 0),
                        "share with compound >= " + threshold)
                .value("compound_negative", mean(scores, s -> s.compound() <= -threshold ? 1 : 0),
                        "share with compound <= -" + threshold)
                .value("mean_pos", mean(scores, SentimentScores::positive), "mean positive proportion")
                .value("mean_neu", mean(scores, SentimentScores::neutral), "mean neutral proportion")
                .value("mean_neg", mean(scores, SentimentScores::negative), "mean negative proportion")
                .perRow(scores.stream().map(SentimentMetrics::rowScore).toList())
                .build();
    }

    private static RowScore rowScore(SentimentScores score) {
        return new RowScore().number("compound", score.compound()).number("pos", score.positive())
                .number("neu", score.neutral()).number("neg", score.negative())
                .label("label", score.label().label());
    }

    private static double mean(List<SentimentScores> scores, ToDoubleFunction<SentimentScores> value) {
        double sum = 0;
        for (SentimentScores score : scores) sum += value.applyAsDouble(score);
        return sum / scores.size();
    }
}

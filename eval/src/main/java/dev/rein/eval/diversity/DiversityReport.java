package dev.rein.eval.diversity;

import dev.rein.eval.MetricReport;
import dev.rein.eval.RowScore;
import dev.rein.eval.text.WordTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The diversity report of a list of responses, as RE-Control's {@code metrics.py} computes it (METHODS.md 5.4):
 * each response is cut at the next user turn ({@link RepetitionMetrics#cutAtNextTurn}), tokenized by
 * {@link WordTokenizer} (case kept), scored on its own, and the per-response values are averaged: {@code rep_2},
 * {@code rep_3}, {@code rep_4}, {@code diversity} and {@code response_length} (characters after the cut, as
 * Python's {@code len}). Beside them, distinct-1/2/3 ({@link DistinctN}): {@code distinct_n} over the whole set
 * and {@code mean_distinct_n} per response. The responses are continuations only: {@code metrics.py} removes the
 * prompt first ({@code response[len(prompt):]}), and callers do the same before passing them here.
 *
 * <p>Per row: the response's own {@code rep_2}, {@code rep_3}, {@code rep_4}, {@code diversity},
 * {@code response_length} and {@code distinct_1..3} (left out for a response shorter than n tokens), the values the
 * means average. distinct-n over the whole set has no per-row part: a phrase that many responses repeat lowers it
 * without any one response being repetitive.
 */
public final class DiversityReport {
    /** The n of the distinct-n values reported. */
    public static final List<Integer> DISTINCT_ORDERS = List.of(1, 2, 3);

    private DiversityReport() {
    }

    /** The report over {@code responses}; there must be at least one. */
    public static MetricReport of(List<String> responses) {
        if (responses.isEmpty()) throw new IllegalArgumentException("no responses to score");
        List<List<String>> tokenized = new ArrayList<>(responses.size());
        double lengths = 0;
        List<RowScore> perRow = new ArrayList<>(responses.size());
        for (String response : responses) {
            String cut = RepetitionMetrics.cutAtNextTurn(response);
            int length = cut.codePointCount(0, cut.length());
            lengths += length;
            List<String> tokens = WordTokenizer.tokenize(cut);
            tokenized.add(tokens);
            perRow.add(rowScore(tokens, length));
        }
        MetricReport.Builder report = MetricReport.builder("diversity", responses.size())
                .setting("tokens", "nltk word_tokenize with rule-based sentences, case kept")
                .setting("cut_at", "###USER: and \\n\\nUSER:");
        for (int n : RepetitionMetrics.DIVERSITY_ORDERS) {
            double sum = 0;
            for (List<String> tokens : tokenized) sum += RepetitionMetrics.repN(tokens, n);
            report.value("rep_" + n, sum / responses.size(),
                    "mean 100*(1 - unique " + n + "-grams / (" + n + "-grams + 1))");
        }
        double diversity = 0;
        for (List<String> tokens : tokenized) diversity += RepetitionMetrics.diversity(tokens);
        report.value("diversity", diversity / responses.size(), "mean of prod over n=2..4 of (1 - rep_n/100)");
        report.value("response_length", lengths / responses.size(), "mean characters after the cut");
        for (int n : DISTINCT_ORDERS) {
            String grams = n + "-grams";
            addIfPresent(report, "distinct_" + n, DistinctN.overSet(tokenized, n),
                    "unique " + grams + " / " + grams + ", over all responses");
            addIfPresent(report, "mean_distinct_" + n, DistinctN.meanPerText(tokenized, n),
                    "mean over responses of unique " + grams + " / " + grams);
        }
        return report.perRow(perRow).build();
    }

    /** One response's own values. */
    private static RowScore rowScore(List<String> tokens, int length) {
        RowScore score = new RowScore();
        for (int n : RepetitionMetrics.DIVERSITY_ORDERS) score.number("rep_" + n, RepetitionMetrics.repN(tokens, n));
        score.number("diversity", RepetitionMetrics.diversity(tokens)).count("response_length", length);
        for (int n : DISTINCT_ORDERS) {
            DistinctN.ofText(tokens, n).ifPresent(distinct -> score.number("distinct_" + n, distinct));
        }
        return score;
    }

    /** Adds the value when it is defined (distinct-n is not for texts shorter than n tokens). */
    private static void addIfPresent(MetricReport.Builder report, String name, OptionalDouble value, String meaning) {
        if (value.isPresent()) report.value(name, value.getAsDouble(), meaning);
    }
}

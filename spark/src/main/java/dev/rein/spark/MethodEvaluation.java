package dev.rein.spark;

import dev.rein.eval.MetricReport;
import dev.rein.eval.alignment.Misalignment;
import dev.rein.eval.length.LengthMetrics;
import dev.rein.eval.length.LengthTarget;
import dev.rein.eval.toxicity.ToxicityMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A method's evaluation over generated rows, computed with the eval module's metric classes: CIE's length metrics,
 * CogSteer's Expected Maximum Toxicity, the control-token method's misalignment. Generation, the heavy part, runs on
 * the executors ({@link ReinSpark#generate}); the metric runs on the driver over the collected continuations (its
 * scorer too: a text scorer is cheap next to generating).
 */
public sealed interface MethodEvaluation {

    /** The column holding each row's target, or null when the metric needs none. */
    String targetColumn();

    /** The report over {@code rows} (prompt by prompt, samples in order). */
    MetricReport report(List<EvaluatedRow> rows) throws IOException;

    /**
     * CIE's length metrics: each continuation's word count against the exact count in {@code targetColumn} (an
     * integer), within each tolerance ({@link LengthMetrics}).
     */
    record Length(String targetColumn, int... tolerances) implements MethodEvaluation {
        public MetricReport report(List<EvaluatedRow> rows) {
            List<String> texts = rows.stream().map(EvaluatedRow::text).toList();
            List<LengthTarget> targets = new ArrayList<>();
            for (EvaluatedRow row : rows) {
                if (!(row.target() instanceof Number words)) {
                    throw new IllegalArgumentException("the target column " + targetColumn + " of row " + row.key()
                            + " holds " + row.target() + ", expected a whole number of words");
                }
                targets.add(new LengthTarget.Exact(words.intValue()));
            }
            return LengthMetrics.report(texts, targets, tolerances);
        }
    }

    /**
     * CogSteer's toxicity evaluation: Expected Maximum Toxicity and toxicity probability over each prompt's samples
     * (the decoding's numReturnSequences, 25 in CogSteer's preset), scored by {@code scorer}
     * ({@link ToxicityMetrics#ofContinuations}).
     */
    record Toxicity(ScorerSpec scorer) implements MethodEvaluation {
        public String targetColumn() {
            return null;
        }

        public MetricReport report(List<EvaluatedRow> rows) throws IOException {
            Map<Object, List<String>> samples = new LinkedHashMap<>();
            for (EvaluatedRow row : rows) {
                samples.computeIfAbsent(row.key(), key -> new ArrayList<>()).add(row.text());
            }
            return ToxicityMetrics.ofContinuations(new ArrayList<>(samples.values()), ExecutorScorers.get(scorer),
                    scorer.toString());
        }
    }

    /**
     * The control-token method's misalignment: the share of toxic, negative and misaligned sentences of prompt and
     * continuation, as the seed scores them ({@link Misalignment}, prompt sentences {@code SCORED}).
     */
    record Alignment(ScorerSpec toxicity, ScorerSpec sentiment, double toxicityThreshold)
            implements MethodEvaluation {
        public String targetColumn() {
            return null;
        }

        public MetricReport report(List<EvaluatedRow> rows) throws IOException {
            return new Misalignment(ExecutorScorers.get(toxicity), ExecutorScorers.get(sentiment), toxicityThreshold)
                    .report(rows.stream().map(EvaluatedRow::prompt).toList(),
                            rows.stream().map(EvaluatedRow::text).toList(), Misalignment.PromptSentences.SCORED);
        }
    }
}

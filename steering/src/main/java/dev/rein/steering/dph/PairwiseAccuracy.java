package dev.rein.steering.dph;

import dev.rein.data.lm.LmExample;
import dev.rein.eval.MetricReport;
import dev.rein.eval.RowScore;
import java.util.ArrayList;
import java.util.List;

/**
 * How well a reward head orders held-out preference pairs: accuracy, the share of pairs whose chosen reply gets the
 * higher reward, and margin, the mean of r⁺ − r⁻ (DPH's logged dph/accuracy and dph/margin, on pairs it did not
 * train on).
 *
 * @param chosen   r⁺ per pair
 * @param rejected r⁻ per pair
 */
public record PairwiseAccuracy(double[] chosen, double[] rejected) {
    public PairwiseAccuracy {
        if (chosen.length != rejected.length || chosen.length == 0) {
            throw new IllegalArgumentException("expected as many rejected as chosen rewards, and some");
        }
        chosen = chosen.clone();
        rejected = rejected.clone();
    }

    /** The rewards head {@code head} of {@code model} gives each pair's replies, {@code batchSize} rows per pass. */
    public static PairwiseAccuracy of(DphModel model, List<PreferencePair> pairs, String head, int batchSize) {
        int column = model.heads().column(head);
        List<LmExample> rows = new ArrayList<>();
        for (PreferencePair pair : pairs) rows.add(model.format().example(pair.prompt(), pair.chosen()));
        for (PreferencePair pair : pairs) rows.add(model.format().example(pair.prompt(), pair.rejected()));
        double[][] rewards = model.rewards(rows, batchSize);
        int n = pairs.size();
        double[] plus = new double[n];
        double[] minus = new double[n];
        for (int i = 0; i < n; i++) {
            plus[i] = rewards[i][column];
            minus[i] = rewards[n + i][column];
        }
        return new PairwiseAccuracy(plus, minus);
    }

    public double accuracy() {
        int right = 0;
        for (int i = 0; i < chosen.length; i++) right += chosen[i] > rejected[i] ? 1 : 0;
        return (double) right / chosen.length;
    }

    public double margin() {
        double sum = 0;
        for (int i = 0; i < chosen.length; i++) sum += chosen[i] - rejected[i];
        return sum / chosen.length;
    }

    /** The report, with each pair's rewards; {@code model} and {@code head} (names or folders) as settings. */
    public MetricReport report(String model, String heads, String head) {
        List<RowScore> rows = new ArrayList<>();
        for (int i = 0; i < chosen.length; i++) {
            rows.add(new RowScore().number("chosen_reward", chosen[i]).number("rejected_reward", rejected[i])
                    .flag("correct", chosen[i] > rejected[i]));
        }
        return MetricReport.builder("dph_pairs", chosen.length).setting("model", model).setting("heads", heads)
                .setting("head", head)
                .value("accuracy", accuracy(), "share of pairs whose chosen reply has the higher reward")
                .value("margin", margin(), "mean of chosen minus rejected reward")
                .perRow(rows).build();
    }
}

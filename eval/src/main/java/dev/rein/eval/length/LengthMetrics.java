package dev.rein.eval.length;

import dev.rein.data.stories.WordCount;
import dev.rein.eval.MetricReport;
import dev.rein.eval.RowScore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The CIE metrics (METHODS.md 1.5): how close the word count w of each generated text is to its target. A word is a
 * {@code \w+} run ({@link WordCount}: on CIE's validation set that count equals {@code ans_len} for 663 of 1000
 * reference answers, against 542 for whitespace splitting). Over rows with an exact target v:
 * {@code mean_absolute_error} = mean |w − v|, {@code exact} = share with w = v, {@code within_K} = share with
 * |w − v| ≤ K for each tolerance K. Over rows with a range target: {@code in_range} = share with min ≤ w ≤ max and
 * {@code mean_range_distance} = mean distance outside the range. Values over a kind of target that no row has are
 * left out. Per row: {@code words} and, for an exact target, {@code target}, {@code absolute_error} and
 * {@code exact}; for a range, {@code min}, {@code max}, {@code range_distance} and {@code in_range}.
 */
public final class LengthMetrics {
    private LengthMetrics() {
    }

    /** The report over {@code predictions} and their {@code targets} (same order), with the given tolerances. */
    public static MetricReport report(List<String> predictions, List<LengthTarget> targets, int... tolerances) {
        if (predictions.size() != targets.size()) {
            throw new IllegalArgumentException(predictions.size() + " predictions but " + targets.size() + " targets");
        }
        for (int tolerance : tolerances) {
            if (tolerance < 0) throw new IllegalArgumentException("a tolerance must be at least 0, not " + tolerance);
        }
        int[] words = predictions.stream().mapToInt(WordCount::of).toArray();
        MetricReport.Builder report = MetricReport.builder("length", predictions.size())
                .setting("tolerances", Arrays.stream(tolerances).boxed().toList());
        report.value("mean_words", Arrays.stream(words).average().orElse(0), "mean \\w+ word count of the predictions");

        int exactRows = 0, exactHits = 0;
        long absoluteError = 0;
        int[] withinHits = new int[tolerances.length];
        int rangeRows = 0, insideHits = 0;
        long rangeDistance = 0;
        List<RowScore> perRow = new ArrayList<>(words.length);
        for (int i = 0; i < words.length; i++) {
            LengthTarget target = targets.get(i);
            int distance = target.distance(words[i]);
            perRow.add(rowScore(words[i], target, distance));
            if (target instanceof LengthTarget.Exact) {
                exactRows++;
                absoluteError += distance;
                if (distance == 0) exactHits++;
                for (int k = 0; k < tolerances.length; k++) {
                    if (distance <= tolerances[k]) withinHits[k]++;
                }
            } else {
                rangeRows++;
                rangeDistance += distance;
                if (distance == 0) insideHits++;
            }
        }
        if (exactRows > 0) {
            report.value("exact_targets", exactRows, "rows with an exact target");
            report.value("mean_absolute_error", (double) absoluteError / exactRows, "mean |words - target|");
            report.value("exact", (double) exactHits / exactRows, "share with words = target");
            for (int k = 0; k < tolerances.length; k++) {
                report.value("within_" + tolerances[k], (double) withinHits[k] / exactRows,
                        "share with |words - target| <= " + tolerances[k]);
            }
        }
        if (rangeRows > 0) {
            report.value("range_targets", rangeRows, "rows with a [min, max] target");
            report.value("in_range", (double) insideHits / rangeRows, "share with min <= words <= max");
            report.value("mean_range_distance", (double) rangeDistance / rangeRows, "mean words outside the range");
        }
        return report.perRow(perRow).build();
    }

    private static RowScore rowScore(int words, LengthTarget target, int distance) {
        RowScore score = new RowScore().count("words", words);
        return switch (target) {
            case LengthTarget.Exact exact -> score.count("target", exact.words()).count("absolute_error", distance)
                    .flag("exact", distance == 0);
            case LengthTarget.Range range -> score.count("min", range.min()).count("max", range.max())
                    .count("range_distance", distance).flag("in_range", distance == 0);
        };
    }
}

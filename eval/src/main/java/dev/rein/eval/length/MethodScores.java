package dev.rein.eval.length;

import dev.rein.eval.MetricReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one method did on a length-control benchmark: its responses and their word counts (row order), the length
 * metrics ({@link LengthMetrics}) of each group of rows ({@code all}, {@code unseen} when the caller named unseen
 * values and some row has one, then one group per target bin that has rows, e.g. {@code bin 1-20}), and Spearman's
 * rho of the rows' control values against the word counts (NaN when either is constant or there is one row).
 *
 * @param name      the method's name
 * @param responses one response per row
 * @param words     the {@code \w+} word count of each response
 * @param groups    the metrics of each group, in the order above
 * @param spearman  Spearman's rho of {@link LengthRow#value()} against {@code words}
 */
public record MethodScores(String name, List<String> responses, List<Integer> words,
                           Map<String, MetricReport> groups, double spearman) {
    /** The group of all rows. */
    public static final String ALL = "all";
    /** The group of rows whose control value is unseen in training. */
    public static final String UNSEEN = "unseen";
    /** The prefix of a target bin's group, followed by the bin's label. */
    public static final String BIN = "bin ";

    public MethodScores {
        responses = List.copyOf(responses);
        words = List.copyOf(words);
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }

    /** The metrics of all rows. */
    public MetricReport all() {
        return groups.get(ALL);
    }
}

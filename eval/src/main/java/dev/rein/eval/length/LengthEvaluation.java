package dev.rein.eval.length;

import dev.rein.data.stories.WordCount;
import dev.rein.eval.MetricReport;
import dev.rein.eval.SpearmanCorrelation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Runs length-control methods ({@link LengthResponder}) on the same benchmark rows and scores each with CIE's length
 * metrics ({@link LengthMetrics}: MAE, exact, within ±K, in-range share) over all rows, over the rows whose value is
 * unseen in training, and per target bin, with Spearman's rho of target against generated length, into a
 * {@link LengthComparison} against a named baseline. Settings are chained:
 * {@code LengthEvaluation.against("prompt").binWidth(20).unseen(UnseenTargets.band(60, 80)).run(rows, methods)}.
 */
public final class LengthEvaluation {
    private final String baseline;
    private TargetBins bins = new TargetBins(20);
    private Optional<UnseenTargets> unseen = Optional.empty();
    private int[] tolerances = {5, 10};

    private LengthEvaluation(String baseline) {
        this.baseline = baseline;
    }

    /** An evaluation whose comparison is against the method named {@code baseline}; bins of 20, tolerances 5, 10. */
    public static LengthEvaluation against(String baseline) {
        return new LengthEvaluation(baseline);
    }

    /** Target bins {@code width} values wide (1–width, width+1–2·width, …). */
    public LengthEvaluation binWidth(int width) {
        bins = new TargetBins(width);
        return this;
    }

    /** The control values unseen in training, reported as a group of their own. */
    public LengthEvaluation unseen(UnseenTargets values) {
        unseen = Optional.of(values);
        return this;
    }

    /** The tolerances K of the {@code within_K} shares. */
    public LengthEvaluation tolerances(int... values) {
        for (int tolerance : values) {
            if (tolerance < 0) throw new IllegalArgumentException("a tolerance must be at least 0, not " + tolerance);
        }
        tolerances = values.clone();
        return this;
    }

    /**
     * Asks every method for its responses to {@code rows} and scores them.
     *
     * @throws IllegalArgumentException when there are no rows, two methods share a name, none is the baseline, or a
     *                                  method returns other than one response per row
     */
    public LengthComparison run(List<LengthRow> rows, List<? extends LengthResponder> methods) {
        if (rows.isEmpty()) throw new IllegalArgumentException("no rows to evaluate");
        List<String> names = methods.stream().map(LengthResponder::name).toList();
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("method names must differ, got " + names);
        }
        if (!names.contains(baseline)) {
            throw new IllegalArgumentException("baseline " + baseline + " is not among the methods " + names);
        }
        List<MethodScores> scores = new ArrayList<>();
        for (LengthResponder method : methods) scores.add(score(method.name(), rows, method.respond(rows)));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("baseline", baseline);
        settings.put("bin_width", bins.width());
        unseen.ifPresent(values -> settings.put("unseen", values.describe()));
        settings.put("tolerances", Arrays.stream(tolerances).boxed().toList());
        return new LengthComparison(rows, baseline, settings, scores);
    }

    private MethodScores score(String name, List<LengthRow> rows, List<String> responses) {
        if (responses.size() != rows.size()) {
            throw new IllegalArgumentException(name + " returned " + responses.size() + " responses for " + rows.size()
                    + " rows; expected one per row");
        }
        List<Integer> words = responses.stream().map(WordCount::of).toList();
        Map<String, MetricReport> groups = new LinkedHashMap<>();
        groups.put(MethodScores.ALL, group(rows, responses, value -> true));
        unseen.filter(values -> rows.stream().anyMatch(row -> values.contains(row.value())))
                .ifPresent(values -> groups.put(MethodScores.UNSEEN, group(rows, responses, values::contains)));
        TreeMap<Integer, String> binStarts = new TreeMap<>();
        for (LengthRow row : rows) binStarts.put(bins.start(row.value()), bins.label(row.value()));
        for (String label : binStarts.values()) {
            groups.put(MethodScores.BIN + label, group(rows, responses, value -> bins.label(value).equals(label)));
        }
        return new MethodScores(name, responses, words, groups, spearman(rows, words));
    }

    private MetricReport group(List<LengthRow> rows, List<String> responses, IntPredicate member) {
        List<String> texts = new ArrayList<>();
        List<LengthTarget> targets = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (member.test(rows.get(i).value())) {
                texts.add(responses.get(i));
                targets.add(rows.get(i).target());
            }
        }
        return LengthMetrics.report(texts, targets, tolerances);
    }

    private static double spearman(List<LengthRow> rows, List<Integer> words) {
        if (rows.size() < 2) return Double.NaN;
        return SpearmanCorrelation.of(rows.stream().mapToDouble(LengthRow::value).toArray(),
                words.stream().mapToDouble(Integer::doubleValue).toArray());
    }
}

package dev.rein.eval;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scores of one row a metric scored: named numbers, flags, labels or lists of numbers, in the order they are
 * given, beside the {@link MetricReport} that averages them, so that a user can find the rows behind a bad mean. A
 * value that does not apply to the row (distinct-3 of a two-word response) is left out; a number that is not finite
 * (the perplexity of a text the model finds impossible) is kept as null, since JSON has no NaN.
 */
public final class RowScore {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Adds a number. */
    public RowScore number(String name, double value) {
        return put(name, Double.isFinite(value) ? value : null);
    }

    /** Adds a count or an index. */
    public RowScore count(String name, long value) {
        return put(name, value);
    }

    /** Adds a yes/no judgement, e.g. whether the row is toxic. */
    public RowScore flag(String name, boolean value) {
        return put(name, value);
    }

    /** Adds a label, e.g. {@code positive}. */
    public RowScore label(String name, String value) {
        return put(name, value);
    }

    /** Adds a list of numbers, e.g. the score of each continuation of a prompt. */
    public RowScore numbers(String name, double... values) {
        return put(name, Arrays.stream(values).mapToObj(v -> Double.isFinite(v) ? v : null).toList());
    }

    /** The values by name, in the order they were added (numbers, booleans, texts, lists of numbers). */
    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    private RowScore put(String name, Object value) {
        if (values.containsKey(name)) throw new IllegalArgumentException("the row already has a score " + name);
        values.put(name, value);
        return this;
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** One empty score per row, for metrics that fill them in a loop. */
    public static List<RowScore> forRows(int rows) {
        return Stream.generate(RowScore::new).limit(rows).toList();
    }
}

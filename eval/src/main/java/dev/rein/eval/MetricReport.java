package dev.rein.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a metric computed over a set of rows: named values in a fixed order, each with a one-line meaning, the
 * settings they were computed with, and each row's own scores ({@link #perRow()}). {@code rein eval} prints
 * {@link #table()} and writes {@link #json()} and the rows' scores ({@link RowScoresFile}), so the same numbers
 * reach the terminal and the files that experiments compare, and a bad mean can be traced to its rows.
 */
public final class MetricReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One named number and what it means, e.g. {@code mean_absolute_error}, "mean |words − target|". */
    public record Value(String name, double value, String meaning) {
    }

    private final String metric;
    private final int rows;
    private final Map<String, Object> settings;
    private final List<Value> values;
    private final List<RowScore> perRow;

    private MetricReport(String metric, int rows, Map<String, Object> settings, List<Value> values,
                         List<RowScore> perRow) {
        this.metric = metric;
        this.rows = rows;
        this.settings = Collections.unmodifiableMap(settings);
        this.values = List.copyOf(values);
        this.perRow = List.copyOf(perRow);
    }

    /** Starts the report of {@code metric} over {@code rows} scored rows. */
    public static Builder builder(String metric, int rows) {
        return new Builder(metric, rows);
    }

    public String metric() {
        return metric;
    }

    /** How many rows (predictions, prompts, questions) the values summarise. */
    public int rows() {
        return rows;
    }

    /** The settings the values were computed with (thresholds, tolerances, model folders), in insertion order. */
    public Map<String, Object> settings() {
        return settings;
    }

    public List<Value> values() {
        return values;
    }

    /**
     * The scores of each row, in row order (one per row of {@link #rows()}), or an empty list when the metric gives
     * none.
     */
    public List<RowScore> perRow() {
        return perRow;
    }

    /** This report with one more setting (or a setting replaced), e.g. the scorer a caller chose. */
    public MetricReport withSetting(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(settings);
        more.put(name, value);
        return new MetricReport(metric, rows, more, values, perRow);
    }

    /** The value named {@code name}; an IllegalArgumentException names the values there are when it is absent. */
    public double value(String name) {
        for (Value value : values) {
            if (value.name().equals(name)) return value.value();
        }
        throw new IllegalArgumentException("report " + metric + " has no value " + name + "; it has "
                + values.stream().map(Value::name).toList());
    }

    /** The report as aligned text: a heading with the metric, row count and settings, then one line per value. */
    public String table() {
        StringBuilder text = new StringBuilder(metric).append(": ").append(rows).append(rows == 1 ? " row" : " rows");
        if (!settings.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            settings.forEach((name, setting) -> pairs.add(name + "=" + setting));
            text.append(" (").append(String.join(", ", pairs)).append(')');
        }
        text.append('\n');
        int nameWidth = values.stream().mapToInt(value -> value.name().length()).max().orElse(0);
        for (Value value : values) {
            text.append(String.format(Locale.ROOT, "  %-" + nameWidth + "s  %12s  %s%n", value.name(),
                    format(value.value()), value.meaning()));
        }
        return text.toString();
    }

    /** The report as a JSON object: {@code {"metric", "rows", "settings": {...}, "values": {name: number}}}. */
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("metric", metric);
        root.put("rows", rows);
        root.set("settings", JSON.valueToTree(settings));
        ObjectNode numbers = root.putObject("values");
        for (Value value : values) numbers.put(value.name(), value.value());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("settings of " + metric + " are not JSON values: " + settings, e);
        }
    }

    /** Writes {@link #json()} to {@code file} atomically (a temporary file, then a rename). */
    public void writeJson(Path file) throws IOException {
        AtomicFiles.write(file, json().getBytes(StandardCharsets.UTF_8));
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return String.format(Locale.ROOT, "%d", (long) value);
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** Collects settings and values in the order they are given. */
    public static final class Builder {
        private final String metric;
        private final int rows;
        private final Map<String, Object> settings = new LinkedHashMap<>();
        private final List<Value> values = new ArrayList<>();
        private List<RowScore> perRow = List.of();

        private Builder(String metric, int rows) {
            if (rows < 0) throw new IllegalArgumentException("rows must be at least 0, not " + rows);
            this.metric = metric;
            this.rows = rows;
        }

        /** A setting the values depend on (a number, text, boolean or list of them). */
        public Builder setting(String name, Object value) {
            settings.put(name, value);
            return this;
        }

        /** A value; a NaN or infinite one is refused, since it means the metric did not apply and should be left out. */
        public Builder value(String name, double value, String meaning) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(metric + " value " + name + " is " + value + "; leave it out instead");
            }
            if (values.stream().anyMatch(existing -> existing.name().equals(name))) {
                throw new IllegalArgumentException(metric + " already has a value " + name);
            }
            values.add(new Value(name, value, meaning));
            return this;
        }

        /**
         * The scores of each row, one per row the report summarises, in row order.
         *
         * @throws IllegalArgumentException when there is not one per row
         */
        public Builder perRow(List<RowScore> scores) {
            if (scores.size() != rows) {
                throw new IllegalArgumentException(metric + " has " + rows + " rows but " + scores.size()
                        + " row scores");
            }
            perRow = List.copyOf(scores);
            return this;
        }

        public MetricReport build() {
            return new MetricReport(metric, rows, settings, values, perRow);
        }
    }
}

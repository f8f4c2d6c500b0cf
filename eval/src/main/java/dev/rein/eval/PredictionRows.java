package dev.rein.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.data.lm.JsonLines;
import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The rows of a JSON Lines file that a metric scores (predictions, prompts with their continuations), read as whole
 * columns: asking for a field that some rows lack, or hold with the wrong type, is one {@link FormatException} that
 * names the file, the field and every such line number, so a user fixes the file in one go.
 */
public final class PredictionRows {
    private static final int LINES_LISTED = 20;

    private final Path file;
    private final List<JsonLines.Line> rows;

    private PredictionRows(Path file, List<JsonLines.Line> rows) {
        this.file = file;
        this.rows = rows;
    }

    /** Reads {@code file}; a line that is not JSON, or not a JSON object, is a FormatException naming it. */
    public static PredictionRows read(Path file) throws IOException {
        List<JsonLines.Line> rows = JsonLines.lines(file);
        for (JsonLines.Line row : rows) {
            if (!row.value().isObject()) {
                throw new FormatException(file, row.where(), "expected a JSON object, found " + row.value().getNodeType());
            }
        }
        if (rows.isEmpty()) throw new FormatException(file, null, "has no rows; expected one JSON object per line");
        return new PredictionRows(file, rows);
    }

    public Path file() {
        return file;
    }

    public int size() {
        return rows.size();
    }

    /** The 1-based line number of row {@code row} (blank lines are not rows). */
    public int line(int row) {
        return rows.get(row).number();
    }

    /** The value of {@code field} in row {@code row} as written (treat it as read-only), or null when absent. */
    public JsonNode field(int row, String field) {
        JsonNode value = rows.get(row).value().get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** {@code error} as a FormatException naming this file and the line of the row it is about. */
    public FormatException at(RowError error) {
        return new FormatException(file, "line " + line(error.row()), error.problem());
    }

    /** Whether any row has {@code field}: metrics with optional columns (range targets, labels) ask this first. */
    public boolean has(String field) {
        return rows.stream().anyMatch(row -> row.value().has(field));
    }

    /** The text in {@code field} of every row. */
    public List<String> strings(String field) {
        return column(field, "a string", JsonNode::isTextual, JsonNode::asText);
    }

    /** The number in {@code field} of every row. */
    public double[] numbers(String field) {
        return column(field, "a number", JsonNode::isNumber, JsonNode::asDouble).stream()
                .mapToDouble(Double::doubleValue).toArray();
    }

    /** The integer in {@code field} of every row. */
    public int[] integers(String field) {
        return column(field, "an integer", JsonNode::canConvertToInt, JsonNode::asInt).stream()
                .mapToInt(Integer::intValue).toArray();
    }

    /** The non-empty list of texts in {@code field} of every row (several continuations of one prompt). */
    public List<List<String>> stringLists(String field) {
        return column(field, "a non-empty array of strings", PredictionRows::isStringArray, value -> {
            List<String> texts = new ArrayList<>();
            value.forEach(text -> texts.add(text.asText()));
            return List.copyOf(texts);
        });
    }

    private <T> List<T> column(String field, String expected, Predicate<JsonNode> fits, Function<JsonNode, T> read) {
        List<T> values = new ArrayList<>(rows.size());
        List<Integer> missing = new ArrayList<>();
        List<Integer> wrong = new ArrayList<>();
        for (JsonLines.Line row : rows) {
            JsonNode value = row.value().get(field);
            if (value == null || value.isNull()) {
                missing.add(row.number());
            } else if (!fits.test(value)) {
                wrong.add(row.number());
            } else {
                values.add(read.apply(value));
            }
        }
        if (!missing.isEmpty() || !wrong.isEmpty()) {
            List<String> problems = new ArrayList<>();
            if (!missing.isEmpty()) problems.add("missing on " + lines(missing));
            if (!wrong.isEmpty()) problems.add("not " + expected + " on " + lines(wrong));
            throw new FormatException(file, field, String.join("; ", problems) + "; expected " + expected
                    + " in every row");
        }
        return values;
    }

    private String lines(List<Integer> numbers) {
        StringBuilder text = new StringBuilder(numbers.size() == 1 ? "line " : "lines ");
        for (int i = 0; i < Math.min(numbers.size(), LINES_LISTED); i++) {
            if (i > 0) text.append(", ");
            text.append(numbers.get(i));
        }
        if (numbers.size() > LINES_LISTED) text.append(" and ").append(numbers.size() - LINES_LISTED).append(" more");
        return text.append(" (").append(numbers.size()).append(" of ").append(rows.size()).append(" rows)").toString();
    }

    private static boolean isStringArray(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) return false;
        for (JsonNode element : value) {
            if (!element.isTextual()) return false;
        }
        return true;
    }
}

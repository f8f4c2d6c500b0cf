package dev.rein.eval.length;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.eval.PredictionRows;
import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rows of a length-control benchmark from JSON Lines: {@code instruction} (a string) and a target, which is
 * {@code ans_len} (an exact word count, CIE's {@code validation.jsonl} and {@code alpaca_li.jsonl}), else {@code min}
 * and {@code max} (a range), else {@code max_len} with an optional {@code min_len} (a range from {@code min_len},
 * default 0, to {@code max_len}: CIE's ranges benchmark). Other fields ({@code answer}, {@code dataset}) are ignored.
 * A bad row is a one-line {@link FormatException} naming the file, the line and the field.
 */
public final class LengthRows {
    private LengthRows() {
    }

    /** The rows of {@code file}, in file order. */
    public static List<LengthRow> read(Path file) throws IOException {
        PredictionRows rows = PredictionRows.read(file);
        List<LengthRow> read = new ArrayList<>(rows.size());
        for (int row = 0; row < rows.size(); row++) {
            read.add(new LengthRow(rows.line(row), instruction(rows, row), target(rows, row)));
        }
        return List.copyOf(read);
    }

    private static String instruction(PredictionRows rows, int row) {
        JsonNode value = rows.field(row, "instruction");
        if (value == null || !value.isTextual()) throw bad(rows, row, "instruction", "a string", value);
        return value.asText();
    }

    private static LengthTarget target(PredictionRows rows, int row) {
        if (rows.field(row, "ans_len") != null) return new LengthTarget.Exact(count(rows, row, "ans_len"));
        if (rows.field(row, "min") != null || rows.field(row, "max") != null) {
            return range(rows, row, count(rows, row, "min"), "max");
        }
        if (rows.field(row, "max_len") != null) {
            int min = rows.field(row, "min_len") == null ? 0 : count(rows, row, "min_len");
            return range(rows, row, min, "max_len");
        }
        throw new FormatException(rows.file(), "line " + rows.line(row),
                "no target; expected ans_len, or min and max, or max_len");
    }

    private static LengthTarget range(PredictionRows rows, int row, int min, String maxField) {
        int max = count(rows, row, maxField);
        if (max < min) {
            throw new FormatException(rows.file(), "line " + rows.line(row) + ": " + maxField,
                    "expected at least the minimum " + min + ", found " + max);
        }
        return new LengthTarget.Range(min, max);
    }

    private static int count(PredictionRows rows, int row, String field) {
        JsonNode value = rows.field(row, field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            throw bad(rows, row, field, "a word count (an integer of at least 0)", value);
        }
        return value.asInt();
    }

    private static FormatException bad(PredictionRows rows, int row, String field, String expected, JsonNode value) {
        String problem = value == null ? "missing; expected " + expected : "expected " + expected + ", found " + value;
        return new FormatException(rows.file(), "line " + rows.line(row) + ": " + field, problem);
    }
}

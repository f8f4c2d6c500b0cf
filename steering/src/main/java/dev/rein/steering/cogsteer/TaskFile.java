package dev.rein.steering.cogsteer;

import dev.rein.data.lm.CsvColumn;
import dev.rein.data.lm.JsonLines;
import dev.rein.data.lm.TextCorpus;
import dev.rein.formats.FormatException;
import dev.rein.formats.json.JsonFields;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads a classification or regression task from a file: a {@code .jsonl} file (a text field and a label or target
 * field per row) or a CSV file (a text column and a label or target column).
 */
public final class TaskFile {
    private TaskFile() {
    }

    /**
     * A classification task: each row's label an integer 0 or more.
     *
     * @throws FormatException naming the file, row and field when a field is missing or a label is not an integer
     *                         0 or more
     */
    public static List<LabelledText> labelled(Path file, String textField, String labelField) throws IOException {
        return read(file, textField, new Value<>(labelField, "label", "an integer 0 or more", JsonFields::count,
                TaskFile::label), LabelledText::new);
    }

    /**
     * A regression task: each row's target a finite number.
     *
     * @throws FormatException naming the file, row and field when a field is missing or a target is not a finite
     *                         number
     */
    public static List<ScoredText> scored(Path file, String textField, String targetField) throws IOException {
        return read(file, textField, new Value<>(targetField, "target", "a finite number", JsonFields::number,
                TaskFile::finite), ScoredText::new);
    }

    /** How a row's value is read: from a JSON field, or parsed from a CSV cell (null when it is not one). */
    private record Value<V>(String field, String noun, String expected, BiFunction<JsonFields, String, V> json,
                            Function<String, V> csv) {
    }

    private static <V, R> List<R> read(Path file, String textField, Value<V> value, BiFunction<String, V, R> row)
            throws IOException {
        if (TextCorpus.isJsonLines(file)) {
            return JsonLines.read(file, (node, where) -> {
                JsonFields fields = JsonFields.of(file, where, node);
                return row.apply(fields.string(textField), value.json().apply(fields, value.field()));
            });
        }
        List<String> texts = CsvColumn.read(file, textField);
        List<String> cells = CsvColumn.read(file, value.field());
        List<R> rows = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            V parsed = value.csv().apply(cells.get(i).strip());
            if (parsed == null) {
                throw new FormatException(file, value.field(), "row " + (i + 2) + " has " + value.noun() + " \""
                        + cells.get(i) + "\"; expected " + value.expected());
            }
            rows.add(row.apply(texts.get(i), parsed));
        }
        return rows;
    }

    private static Integer label(String cell) {
        try {
            int label = Integer.parseInt(cell);
            return label >= 0 ? label : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double finite(String cell) {
        try {
            double target = Double.parseDouble(cell);
            return Double.isFinite(target) ? target : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

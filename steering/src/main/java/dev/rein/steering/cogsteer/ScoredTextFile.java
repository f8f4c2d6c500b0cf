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

/**
 * Reads a regression task from a file, as {@link LabelledTextFile} reads a classification task: a {@code .jsonl}
 * file (a text field and a numeric target field per row) or a CSV file (a text column and a target column).
 */
public final class ScoredTextFile {
    private ScoredTextFile() {
    }

    /**
     * The rows of {@code file}.
     *
     * @throws FormatException naming the file, row and field when a field is missing or a target is not a finite
     *                         number
     */
    public static List<ScoredText> read(Path file, String textField, String targetField) throws IOException {
        if (TextCorpus.isJsonLines(file)) {
            return JsonLines.read(file, (row, where) -> {
                JsonFields fields = JsonFields.of(file, where, row);
                return new ScoredText(fields.string(textField), fields.number(targetField));
            });
        }
        List<String> texts = CsvColumn.read(file, textField);
        List<String> targets = CsvColumn.read(file, targetField);
        List<ScoredText> rows = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            rows.add(new ScoredText(texts.get(i), target(file, targetField, i, targets.get(i))));
        }
        return rows;
    }

    private static double target(Path file, String field, int row, String value) {
        try {
            double target = Double.parseDouble(value.strip());
            if (Double.isFinite(target)) return target;
        } catch (NumberFormatException e) {
            // reported below, with the row
        }
        throw new FormatException(file, field, "row " + (row + 2) + " has target \"" + value + "\"; expected a "
                + "finite number");
    }
}

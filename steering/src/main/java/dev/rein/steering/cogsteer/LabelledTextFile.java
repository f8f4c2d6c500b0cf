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
 * Reads a classification task from a file: a {@code .jsonl} file (a text field and a label field per row, the
 * label an integer 0 or more) or a CSV file (a text column and a label column).
 */
public final class LabelledTextFile {
    private LabelledTextFile() {
    }

    /**
     * The rows of {@code file}.
     *
     * @throws FormatException naming the file, row and field when a field is missing or a label is not an integer
     *                         0 or more
     */
    public static List<LabelledText> read(Path file, String textField, String labelField) throws IOException {
        if (TextCorpus.isJsonLines(file)) {
            return JsonLines.read(file, (row, where) -> {
                JsonFields fields = JsonFields.of(file, where, row);
                return new LabelledText(fields.string(textField), fields.count(labelField));
            });
        }
        List<String> texts = CsvColumn.read(file, textField);
        List<String> labels = CsvColumn.read(file, labelField);
        List<LabelledText> rows = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            rows.add(new LabelledText(texts.get(i), label(file, labelField, i, labels.get(i))));
        }
        return rows;
    }

    private static int label(Path file, String field, int row, String value) {
        try {
            int label = Integer.parseInt(value.strip());
            if (label >= 0) return label;
        } catch (NumberFormatException e) {
            // reported below, with the row
        }
        throw new FormatException(file, field, "row " + (row + 2) + " has label \"" + value + "\"; expected an "
                + "integer 0 or more");
    }
}

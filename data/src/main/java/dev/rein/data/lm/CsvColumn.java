package dev.rein.data.lm;

import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One column of a CSV file (RFC 4180: comma-separated, fields optionally in double quotes, a doubled quote inside
 * quotes is a quote, quoted fields may hold commas and line breaks), the first row naming the columns. CogSteer's
 * Jigsaw files ({@code comment_text}) are read with it.
 */
public final class CsvColumn {
    private CsvColumn() {
    }

    /**
     * The values of column {@code name}, row by row.
     *
     * @throws FormatException naming the file and row when the header lacks the column, a row has too few fields,
     *                         or a quote is never closed
     */
    public static List<String> read(Path file, String name) throws IOException {
        List<List<String>> rows = rows(file, Files.readString(file, StandardCharsets.UTF_8));
        if (rows.isEmpty()) throw new FormatException(file, null, "is empty; expected a header row");
        int column = rows.getFirst().indexOf(name);
        if (column < 0) {
            throw new FormatException(file, name, "no such column; the header has " + rows.getFirst());
        }
        List<String> values = new ArrayList<>(rows.size() - 1);
        for (int r = 1; r < rows.size(); r++) {
            if (rows.get(r).size() <= column) {
                throw new FormatException(file, "row " + (r + 1), "has " + rows.get(r).size() + " fields, column "
                        + name + " is field " + (column + 1));
            }
            values.add(rows.get(r).get(column));
        }
        return values;
    }

    private static List<List<String>> rows(Path file, String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                if (any || !field.isEmpty()) {
                    row.add(field.toString());
                    rows.add(row);
                }
                row = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) throw new FormatException(file, "row " + (rows.size() + 1), "a quoted field is never closed");
        if (any || !field.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}

package dev.rein.data.lm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.models.FormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON Lines file (one JSON value per line, blank lines skipped) row by row, turning each value into an item;
 * a line that is not valid JSON is a {@link FormatException} naming the file and the line.
 */
final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Makes an item of the value on line {@code line} (1-based); {@code where} names the line in errors. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(JsonNode value, String where);
    }

    private JsonLines() {
    }

    static <T> List<T> read(Path file, RowReader<T> reader) throws IOException {
        List<T> items = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = "line " + number;
                JsonNode value;
                try {
                    value = JSON.readTree(line);
                } catch (JacksonException e) {
                    throw new FormatException(file, where, "not valid JSON: " + e.getOriginalMessage(), e);
                }
                items.add(reader.read(value, where));
            }
        }
        return items;
    }
}

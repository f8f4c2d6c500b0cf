package dev.rein.data.lm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.formats.FormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a JSON Lines file (one JSON value per line, blank lines skipped) row by row, turning each value into an item;
 * a line that is not valid JSON is a {@link FormatException} naming the file and the line.
 */
public final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Makes an item of the value on line {@code line} (1-based); {@code where} names the line in errors. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(JsonNode value, String where);
    }

    /** The JSON value on line {@code number} (1-based) of the file. */
    public record Line(int number, JsonNode value) {
        /** The line's name in error messages: {@code "line 7"}. */
        public String where() {
            return "line " + number;
        }
    }

    private JsonLines() {
    }

    /** The items that {@code reader} makes of the file's values, in order. */
    public static <T> List<T> read(Path file, RowReader<T> reader) throws IOException {
        List<T> items = new ArrayList<>();
        for (Line line : lines(file)) items.add(reader.read(line.value(), line.where()));
        return items;
    }

    /** The file's values with their line numbers, blank lines left out. */
    public static List<Line> lines(Path file) throws IOException {
        List<Line> values = new ArrayList<>();
        forEach(file, values::add);
        return values;
    }

    /**
     * Hands the file's values with their line numbers to {@code action} one at a time, blank lines left out, without
     * holding the whole file: for inputs larger than memory should hold as JSON trees.
     */
    public static void forEach(Path file, Consumer<Line> action) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode value;
                try {
                    value = JSON.readTree(line);
                } catch (JacksonException e) {
                    throw new FormatException(file, "line " + number, "not valid JSON: " + e.getOriginalMessage(), e);
                }
                action.accept(new Line(number, value));
            }
        }
    }
}

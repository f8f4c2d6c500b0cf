package dev.rein.eval.length;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LengthRowsTest {
    @TempDir
    Path folder;

    private Path file(String... lines) throws IOException {
        Path file = folder.resolve("rows.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void readsCiesValidationSet() throws IOException {
        List<LengthRow> rows = LengthRows.read(SharedData.path("data/cie/validation.jsonl"));
        assertEquals(1000, rows.size());
        assertTrue(rows.stream().allMatch(row -> row.target() instanceof LengthTarget.Exact));
        assertEquals(173, rows.getFirst().value());
        assertEquals("What is the origin of the universe?", rows.getFirst().instruction());
        assertEquals(1000, rows.getLast().line());
        assertEquals(112, rows.getLast().value());
        assertEquals(116, rows.stream().filter(row -> row.value() >= 1 && row.value() <= 20).count());
    }

    @Test
    void readsExactAndRangeRows() throws IOException {
        List<LengthRow> rows = LengthRows.read(file("{\"instruction\": \"a\", \"ans_len\": 7, \"answer\": \"x\"}",
                "", "{\"instruction\": \"b\", \"min\": 10, \"max\": 20}",
                "{\"instruction\": \"c\", \"max_len\": 30}",
                "{\"instruction\": \"d\", \"min_len\": 5, \"max_len\": 30}"));
        assertEquals(List.of(new LengthRow(1, "a", new LengthTarget.Exact(7)),
                new LengthRow(3, "b", new LengthTarget.Range(10, 20)),
                new LengthRow(4, "c", new LengthTarget.Range(0, 30)),
                new LengthRow(5, "d", new LengthTarget.Range(5, 30))), rows);
        assertEquals(List.of(7, 20, 30, 30), rows.stream().map(LengthRow::value).toList());
    }

    @Test
    void aBadRowIsOneLineNamingFileLineAndField() throws IOException {
        String good = "{\"instruction\": \"a\", \"ans_len\": 7}";
        assertEquals(error("rows.jsonl: line 2: ans_len: expected a word count (an integer of at least 0), found"
                + " \"seven\""), message(good, "{\"instruction\": \"b\", \"ans_len\": \"seven\"}"));
        assertEquals(error("rows.jsonl: line 2: ans_len: expected a word count (an integer of at least 0), found 7.5"),
                message(good, "{\"instruction\": \"b\", \"ans_len\": 7.5}"));
        assertEquals(error("rows.jsonl: line 3: instruction: missing; expected a string"),
                message(good, good, "{\"ans_len\": 3}"));
        assertEquals(error("rows.jsonl: line 1: no target; expected ans_len, or min and max, or max_len"),
                message("{\"instruction\": \"b\"}"));
        assertEquals(error("rows.jsonl: line 1: max: missing; expected a word count (an integer of at least 0)"),
                message("{\"instruction\": \"b\", \"min\": 4}"));
        assertEquals(error("rows.jsonl: line 1: max_len: expected at least the minimum 9, found 4"),
                message("{\"instruction\": \"b\", \"min_len\": 9, \"max_len\": 4}"));
        assertEquals(error("rows.jsonl: line 1: min: expected a word count (an integer of at least 0), found -1"),
                message("{\"instruction\": \"b\", \"min\": -1, \"max\": 4}"));
    }

    private String error(String message) {
        return folder + "/" + message;
    }

    private String message(String... lines) throws IOException {
        Path file = file(lines);
        String message = assertThrows(FormatException.class, () -> LengthRows.read(file)).getMessage();
        assertTrue(!message.contains("\n"), message);
        return message;
    }
}

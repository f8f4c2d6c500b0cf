package dev.rein.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionRowsTest {
    @TempDir
    Path folder;

    private PredictionRows rows(String... lines) throws IOException {
        Path file = folder.resolve("predictions.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return PredictionRows.read(file);
    }

    @Test
    void readsColumnsAndKeepsLineNumbersAcrossBlankLines() throws IOException {
        PredictionRows rows = rows("{\"prediction\": \"a b\", \"n\": 3, \"all\": [\"x\", \"y\"]}", "",
                "{\"prediction\": \"c\", \"n\": 4.5, \"all\": [\"z\"]}");
        assertEquals(2, rows.size());
        assertEquals(3, rows.line(1));
        assertEquals(List.of("a b", "c"), rows.strings("prediction"));
        assertArrayEquals(new double[] {3, 4.5}, rows.numbers("n"));
        assertEquals(List.of(List.of("x", "y"), List.of("z")), rows.stringLists("all"));
        assertTrue(rows.has("n"));
        assertFalse(rows.has("target"));
    }

    @Test
    void missingAndMistypedFieldsNameEveryLine() throws IOException {
        PredictionRows rows = rows("{\"prediction\": \"a\"}", "{\"other\": 1}", "{\"prediction\": 7}",
                "{\"prediction\": null}");
        FormatException error = assertThrows(FormatException.class, () -> rows.strings("prediction"));
        assertTrue(error.getMessage().contains("predictions.jsonl"), error.getMessage());
        assertTrue(error.getMessage().contains("prediction: missing on lines 2, 4 (2 of 4 rows)"), error.getMessage());
        assertTrue(error.getMessage().contains("not a string on line 3 (1 of 4 rows)"), error.getMessage());
    }

    @Test
    void aRowErrorNamesTheLineOfItsRow() throws IOException {
        PredictionRows rows = rows("{\"text\": \"a\"}", "", "{\"text\": \"b\"}");
        FormatException error = rows.at(new RowError(1, "has no tokens"));
        assertTrue(error.getMessage().endsWith("predictions.jsonl: line 3: has no tokens"), error.getMessage());
    }

    @Test
    void longListsOfLinesAreCut() throws IOException {
        String[] lines = new String[30];
        java.util.Arrays.fill(lines, "{}");
        FormatException error = assertThrows(FormatException.class, () -> rows(lines).numbers("score"));
        assertTrue(error.getMessage().contains("lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, "
                + "20 and 10 more (30 of 30 rows)"), error.getMessage());
    }

    @Test
    void refusesInvalidJsonNonObjectsAndEmptyFiles() {
        FormatException badJson = assertThrows(FormatException.class, () -> rows("{\"a\": 1}", "{oops"));
        assertTrue(badJson.getMessage().contains("line 2: not valid JSON"), badJson.getMessage());
        FormatException array = assertThrows(FormatException.class, () -> rows("[1, 2]"));
        assertTrue(array.getMessage().contains("line 1: expected a JSON object, found ARRAY"), array.getMessage());
        FormatException empty = assertThrows(FormatException.class, () -> rows(""));
        assertTrue(empty.getMessage().contains("has no rows"), empty.getMessage());
    }
}

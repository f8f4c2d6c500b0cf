package dev.rein.formats.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonToken;
import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing JSON files: errors name the file, the position and the top-level key where parsing stopped. */
class JsonFilesTest {
    @TempDir
    Path folder;

    private Path file(String json) throws IOException {
        return Files.writeString(folder.resolve("f.json"), json);
    }

    @Test
    void invalidJsonNamesPositionAndTopLevelKey() throws IOException {
        Path file = file("{\"a\": {\"b\": [1, }}");
        FormatException error = assertThrows(FormatException.class, () -> JsonFiles.read(file));
        assertEquals(file, error.file());
        assertEquals("a", error.field());
        assertTrue(error.getMessage().startsWith(file + ": a: not valid JSON at line 1, column 17: "),
                error.getMessage());
        FormatException trailing = assertThrows(FormatException.class, () -> JsonFiles.read(file("{} {}")));
        assertEquals(null, trailing.field());
    }

    @Test
    void readObjectNeedsAnObject() throws IOException {
        assertEquals(2, JsonFiles.readObject(file("{\"n\": 2}")).integer("n"));
        assertThrows(FormatException.class, () -> JsonFiles.readObject(file("\"text\"")));
        assertThrows(IOException.class, () -> JsonFiles.read(folder.resolve("absent.json")));
    }

    @Test
    void strictReadingRejectsDuplicateKeysAndInvalidUtf8() throws IOException {
        assertEquals(1, JsonFiles.read(file("{\"a\": 0, \"a\": 1}")).get("a").intValue());
        FormatException duplicate = assertThrows(FormatException.class,
                () -> JsonFiles.readStrict(file("{\"m\": {\"a\": 0, \"a\": 1}}")));
        assertEquals("m", duplicate.field());
        assertTrue(duplicate.getMessage().contains("Duplicate field 'a'"), duplicate.getMessage());
        byte[] overlong = "{\"a\": \"..\"}".getBytes(StandardCharsets.US_ASCII);
        overlong[7] = (byte) 0xC0; // C0 AF: an overlong '/'
        overlong[8] = (byte) 0xAF;
        FormatException utf8 = assertThrows(FormatException.class, () -> JsonFiles.parseStrict(null, overlong));
        assertEquals("the JSON is not valid UTF-8", utf8.getMessage());
    }

    @Test
    void streamingChecksWhatFollowsTheValue() throws IOException {
        Path file = file("{\"a\": 1} {\"b\": 2}");
        FormatException error = assertThrows(FormatException.class,
                () -> JsonFiles.stream(file, parser -> {
                    parser.nextToken();
                    parser.skipChildren();
                }));
        assertTrue(error.getMessage().contains("trailing content"), error.getMessage());
        FormatException broken = assertThrows(FormatException.class, () -> JsonFiles.stream(file("{\"a\": [1 2]}"),
                parser -> {
                    while (parser.nextToken() != JsonToken.END_OBJECT) {
                        parser.skipChildren();
                    }
                }));
        assertEquals("a", broken.field());
    }
}

package dev.rein.data.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CsvColumn}: quoted fields with commas, doubled quotes and line breaks; errors name the file. */
class CsvColumnTest {
    @TempDir
    Path dir;

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws Exception {
        Path file = Files.writeString(dir.resolve("c.csv"), "id,comment_text,toxic\r\n"
                + "1,\"Hello, you\",1\r\n"
                + "2,\"She said \"\"no\"\"\nand left\",1\n"
                + "3,plain,1\n");
        assertEquals(List.of("Hello, you", "She said \"no\"\nand left", "plain"), CsvColumn.read(file, "comment_text"));
        assertEquals(List.of("1", "1", "1"), CsvColumn.read(file, "toxic"));
    }

    @Test
    void aMissingColumnNamesTheFileAndTheColumn() throws Exception {
        Path file = Files.writeString(dir.resolve("c.csv"), "id,text\n1,hi\n");
        FormatException error = assertThrows(FormatException.class, () -> CsvColumn.read(file, "comment_text"));
        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("comment_text"),
                error.getMessage());
    }

    @Test
    void aShortRowAndAnOpenQuoteNameTheFile() throws Exception {
        Path shortRow = Files.writeString(dir.resolve("short.csv"), "id,comment_text\n1,ok\n2\n");
        FormatException missing = assertThrows(FormatException.class, () -> CsvColumn.read(shortRow, "comment_text"));
        assertTrue(missing.getMessage().contains("row 3") && missing.getMessage().contains(shortRow.toString()),
                missing.getMessage());
        Path open = Files.writeString(dir.resolve("open.csv"), "id,comment_text\n1,\"never closed\n");
        FormatException quote = assertThrows(FormatException.class, () -> CsvColumn.read(open, "comment_text"));
        assertTrue(quote.getMessage().contains(open.toString()), quote.getMessage());
    }
}

package dev.rein.steering.ctrl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledRowsTest {
    @TempDir
    Path folder;

    @Test
    void rowsRoundTripWithStripOnlyWhereTrue() throws IOException {
        List<LabelledSentence> rows = List.of(
                new LabelledSentence("A kind word.", ControlToken.NONTOXIC, ControlToken.POS,
                        LabelledSentence.Controls.KEPT, Optional.of(new LabelledSentence.Scores(0.0004, 0.5))),
                new LabelledSentence("Go away.", ControlToken.TOXIC, ControlToken.NEU,
                        LabelledSentence.Controls.STRIPPED, Optional.empty()));
        Path file = folder.resolve("labelled.jsonl");
        LabelledRows.write(file, rows);
        assertEquals("""
                {"text":"A kind word.","toxicity":"nontoxic","sentiment":"pos","toxicity_score":4.0E-4,"sentiment_score":0.5}
                {"text":"Go away.","toxicity":"toxic","sentiment":"neu","strip":true}
                """, Files.readString(file));
        assertEquals(rows, LabelledRows.read(file));
    }

    @Test
    void aRowWithoutItsFieldsNamesTheLineAndField() throws IOException {
        Path file = Files.writeString(folder.resolve("bad.jsonl"), """
                {"text": "fine", "toxicity": "toxic", "sentiment": "neg"}
                {"text": "no label", "toxicity": "rude", "sentiment": "neg"}
                """);
        FormatException label = assertThrows(FormatException.class, () -> LabelledRows.read(file));
        assertTrue(label.getMessage().endsWith("bad.jsonl: line 2: \"toxicity\" is \"rude\"; expected one of "
                + "[\"nontoxic\", \"toxic\"]"), label.getMessage());
        Files.writeString(file, "{\"sentence\": \"x\", \"toxicity\": \"toxic\", \"sentiment\": \"neg\"}\n");
        FormatException text = assertThrows(FormatException.class, () -> LabelledRows.read(file));
        assertTrue(text.getMessage().contains("line 1: \"text\" missing"), text.getMessage());
    }

    @Test
    void aBlankTextATextWithAControlTokenAndANonBooleanStripAreOneLine() throws IOException {
        assertError("{\"text\": \" \", \"toxicity\": \"toxic\", \"sentiment\": \"neg\"}",
                "line 1: \"text\" is blank");
        assertError("{\"text\": \"<|pos|>a\", \"toxicity\": \"toxic\", \"sentiment\": \"neg\"}",
                "line 1: \"text\" holds the control token <|pos|>; control tokens come from the labels");
        assertError("{\"text\": \"a\", \"toxicity\": \"toxic\", \"sentiment\": \"neg\", \"strip\": \"yes\"}",
                "line 1: \"strip\" must be true or false, not \"yes\"");
    }

    private void assertError(String line, String expected) throws IOException {
        Path file = Files.writeString(folder.resolve("bad.jsonl"), line + "\n");
        FormatException e = assertThrows(FormatException.class, () -> LabelledRows.read(file));
        assertEquals(file + ": " + expected, e.getMessage());
    }
}

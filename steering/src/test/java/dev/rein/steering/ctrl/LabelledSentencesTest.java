package dev.rein.steering.ctrl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labelled JSONL: the fields read, the labels a condition needs, and one-line errors naming file, line and field. */
class LabelledSentencesTest {
    @TempDir
    Path folder;

    @Test
    void rowsGiveTextLabelsAndStripAndOtherFieldsAreIgnored() throws IOException {
        Path file = Files.write(folder.resolve("rows.jsonl"), List.of(
                "{\"text\": \"Tom ran.\", \"toxicity\": \"nontoxic\", \"sentiment\": \"pos\", \"score\": 0.0004}",
                "",
                "{\"text\": \"Sue sat.\", \"toxicity\": \"toxic\", \"sentiment\": \"neu\", \"strip\": true}"));
        List<LabelledSentence> rows = LabelledSentences.read(file, Conditioning.BOTH);
        assertEquals(List.of(new LabelledSentence("Tom ran.", ToxicityLabel.NONTOXIC, SentimentLabel.POS, false),
                new LabelledSentence("Sue sat.", ToxicityLabel.TOXIC, SentimentLabel.NEU, true)), rows);
        assertEquals(List.of(), Conditioning.BOTH.controls(rows.get(1)), "a stripped row has no control token");
        assertEquals(List.of("<|nontoxic|>", "<|pos|>"), Conditioning.BOTH.controls(rows.get(0)));
    }

    @Test
    void aConditionNeedsOnlyItsLabels() throws IOException {
        Path file = Files.write(folder.resolve("rows.jsonl"),
                List.of("{\"text\": \"Tom ran.\", \"sentiment\": \"neg\"}"));
        LabelledSentence row = LabelledSentences.read(file, Conditioning.SENTIMENT).getFirst();
        assertNull(row.toxicity());
        assertEquals(List.of("<|neg|>"), Conditioning.SENTIMENT.controls(row));
        assertEquals(1, LabelledSentences.read(file, Conditioning.NONE).size());
        assertError(file, Conditioning.TOXICITY, "line 1 toxicity: missing (condition toxicity needs it)");
    }

    @Test
    void malformedRowsAreOneLineNamingFileLineAndField() throws IOException {
        assertError(rows("{\"toxicity\": \"toxic\"}"), Conditioning.NONE, "line 2 text: missing");
        assertError(rows("{\"text\": \" \"}"), Conditioning.NONE, "line 2 text: empty");
        assertError(rows("{\"text\": 3}"), Conditioning.NONE, "line 2 text: expected a string, found 3");
        assertError(rows("{\"text\": \"a\", \"toxicity\": \"rude\"}"), Conditioning.NONE,
                "line 2 toxicity: expected \"toxic\", \"nontoxic\", found \"rude\"");
        assertError(rows("{\"text\": \"a\", \"sentiment\": \"positive\"}"), Conditioning.SENTIMENT,
                "line 2 sentiment: expected \"pos\", \"neu\", \"neg\", found \"positive\"");
        assertError(rows("{\"text\": \"a\", \"strip\": \"yes\"}"), Conditioning.NONE,
                "line 2 strip: expected true or false, found \"yes\"");
        assertError(rows("{\"text\": \"<|pos|>a\"}"), Conditioning.NONE,
                "line 2 text: holds the control token <|pos|>; control tokens come from the labels");
        assertError(rows("[1]"), Conditioning.NONE, "line 2: expected a JSON object, found [1]");
    }

    @Test
    void unknownConditionsNameTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Conditioning.parse("tox"));
        assertEquals("unknown condition \"tox\": expected none, toxicity, sentiment, both", e.getMessage());
        assertEquals(Conditioning.BOTH, Conditioning.parse("both"));
    }

    /** A file whose second line is {@code bad}. */
    private Path rows(String bad) throws IOException {
        return Files.write(folder.resolve("bad.jsonl"), List.of("{\"text\": \"fine\", \"sentiment\": \"pos\"}", bad));
    }

    private static void assertError(Path file, Conditioning conditioning, String expected) {
        FormatException e = assertThrows(FormatException.class, () -> LabelledSentences.read(file, conditioning));
        assertEquals(file + ": " + expected, e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1);
    }
}

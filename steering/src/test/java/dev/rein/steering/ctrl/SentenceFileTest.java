package dev.rein.steering.ctrl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentenceFileTest {
    @TempDir
    Path folder;

    private List<SourceSentence> read(String content, String textField, String scoreField) throws IOException {
        Path file = Files.writeString(folder.resolve("in.jsonl"), content);
        List<SourceSentence> sentences = new ArrayList<>();
        new SentenceFile(file, textField, scoreField, SentenceFile.Split.NONE).read(sentences::add);
        return sentences;
    }

    @Test
    void sentenceRowsAndDocumentRowsGiveCleanedSentencesWithTheirScores() throws IOException {
        List<SourceSentence> sentences = read("""
                {"texts": ["One, two.", "Three!"], "scores": [0.5, 0.0001]}

                {"texts": ["Four?"], "scores": [1]}
                """, "texts", "scores");
        assertEquals(List.of("One two.", "Three!", "Four?"), sentences.stream().map(SourceSentence::text).toList());
        assertEquals(OptionalDouble.of(0.0001), sentences.get(1).score());
        assertEquals("line 1 sentence 2", sentences.get(1).where());
        assertEquals("line 3 sentence 1", sentences.get(2).where());

        List<SourceSentence> single = read("{\"text\": \"Hi — there\", \"s\": 0.2}\n", "text", "s");
        assertEquals("Hi  there", single.getFirst().text());
        assertEquals("line 1", single.getFirst().where());
        List<SourceSentence> unscored = read("{\"text\": \"Hi\"}\n", "text", null);
        assertTrue(unscored.getFirst().score().isEmpty());
    }

    @Test
    void documentsAreCutIntoSentencesBeforeCleaning() throws IOException {
        Path file = Files.writeString(folder.resolve("tales.jsonl"), """
                {"text": "Tom ran. He said, \\"Hi!\\" to Sue.\\nThe end."}
                {"text": "One more tale"}
                """);
        List<SourceSentence> sentences = new ArrayList<>();
        new SentenceFile(file, "text", null, SentenceFile.Split.SENTENCES).read(sentences::add);
        assertEquals(List.of("Tom ran.", "He said Hi! to Sue.", "The end.", "One more tale"),
                sentences.stream().map(SourceSentence::text).toList());
        assertEquals("line 1 sentence 2", sentences.get(1).where());
        assertTrue(sentences.get(1).score().isEmpty());
        assertEquals(SentenceFile.Split.SENTENCES, SentenceFile.Split.parse("sentences"));
        assertThrows(IllegalArgumentException.class,
                () -> new SentenceFile(file, "text", "score", SentenceFile.Split.SENTENCES));
    }

    @Test
    void rowsThatDoNotFitTheFieldsNameTheirLineAndField() {
        FormatException noText = assertThrows(FormatException.class,
                () -> read("{\"text\": \"ok\"}\n{\"body\": \"x\"}\n", "text", null));
        assertTrue(noText.getMessage().endsWith("in.jsonl: line 2: \"text\" missing; each row needs its sentence, or "
                + "its list of sentences, in \"text\""), noText.getMessage());
        FormatException shortScores = assertThrows(FormatException.class,
                () -> read("{\"texts\": [\"a\", \"b\"], \"scores\": [0.1]}\n", "texts", "scores"));
        assertTrue(shortScores.getMessage().contains("line 1: \"scores\" not an array of 2 numbers"),
                shortScores.getMessage());
        FormatException noScore = assertThrows(FormatException.class,
                () -> read("{\"text\": \"a\"}\n", "text", "score"));
        assertTrue(noScore.getMessage().contains("line 1: \"score\" missing"), noScore.getMessage());
    }
}

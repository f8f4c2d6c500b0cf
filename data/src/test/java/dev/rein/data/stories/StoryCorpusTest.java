package dev.rein.data.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSONL corpus file. */
class StoryCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void eachLineIsOneStoryWithItsAttributes() throws IOException {
        Path file = folder.resolve("stories.jsonl");
        StoryCorpus.Summary summary = StoryCorpus.write(file, 9, 40);
        List<Story> stories = StoryGenerator.stories(9, 0, 40);
        List<String> lines = Files.readAllLines(file);
        assertEquals(40, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode row = JSON.readTree(lines.get(i));
            Story story = stories.get(i);
            Iterator<String> names = row.fieldNames();
            assertEquals(List.of("text", "sentiment", "politeness", "sentences", "words", "seed"),
                    List.of(names.next(), names.next(), names.next(), names.next(), names.next(), names.next()));
            assertEquals(story.text(), row.get("text").textValue());
            assertEquals(story.sentiment().label(), row.get("sentiment").textValue());
            assertEquals(story.politeness().label(), row.get("politeness").textValue());
            assertEquals(story.sentences(), row.get("sentences").intValue());
            assertEquals(story.words(), row.get("words").intValue());
            assertEquals(story.seed(), row.get("seed").longValue());
        }
        assertEquals(40, summary.stories());
        assertEquals(stories.stream().mapToLong(Story::words).sum(), summary.words());
        assertEquals(stories.stream().mapToLong(Story::sentences).sum(), summary.sentences());
        assertEquals(stories.stream().filter(s -> s.sentiment() == Sentiment.POSITIVE).count(),
                (long) summary.bySentiment().get(Sentiment.POSITIVE));
        assertEquals(40, summary.byPoliteness().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(List.of(file), Files.list(folder).toList(), "no temporary file left");
    }

    @Test
    void anEmptyCorpusIsAnEmptyFileWithZeroCounts() throws IOException {
        Path file = folder.resolve("empty.jsonl");
        StoryCorpus.Summary summary = StoryCorpus.write(file, 1, 0);
        assertEquals(0, Files.size(file));
        assertEquals(Map.of(Sentiment.POSITIVE, 0, Sentiment.NEGATIVE, 0), summary.bySentiment());
    }

    @Test
    void mistakesAreReported() {
        assertThrows(IllegalArgumentException.class, () -> StoryCorpus.write(folder.resolve("x.jsonl"), 1, -1));
        assertThrows(NoSuchFileException.class, () -> StoryCorpus.write(folder.resolve("no/x.jsonl"), 1, 1));
    }
}

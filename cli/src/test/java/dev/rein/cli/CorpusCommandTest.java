package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.data.stories.StoryGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rein corpus}: the story corpus and its tokenizer, and one-line errors for the user's mistakes. */
class CorpusCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesStoriesAndSummarisesThem() throws IOException {
        Path out = dir.resolve("stories.jsonl");
        CliRun run = CliRun.of("corpus", "stories", "--count", "30", "--seed", "7", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(30, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.getFirst());
        assertEquals(StoryGenerator.stories(7, 0, 1).getFirst().text(), first.get("text").textValue());
        assertTrue(run.out().startsWith("wrote " + out + ": 30 stories, "), run.out());
        assertTrue(run.out().contains(" sentences, seed 7, in "), run.out());
        assertTrue(run.out().matches("(?s).*\\nsentiment: \\d+ positive, \\d+ negative\\n"
                + "politeness: \\d+ polite, \\d+ rude\\n"), run.out());
    }

    @Test
    void writesATokenizerThatTokenizeReads() {
        Path out = dir.resolve("tokenizer");
        CliRun run = CliRun.of("corpus", "tokenizer", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("wrote " + out + ": tokenizer.json ("), run.out());
        assertTrue(run.out().strip().endsWith("and tokenizer_config.json"), run.out());
        CliRun tokens = CliRun.of("tokenize", "-t", out.toString(), "--json", "Once upon a time");
        assertEquals(0, tokens.exitCode(), tokens.err());
        assertTrue(tokens.out().contains("\"pieces\":[\"<|endoftext|>\",\"Once\",\"Ġupon\",\"Ġa\",\"Ġtime\"]"),
                tokens.out());
    }

    @Test
    void mistakesAreOneLineErrors() throws IOException {
        CliRun none = CliRun.of("corpus", "stories", "--count", "0", "--out", dir.resolve("s.jsonl").toString());
        assertEquals(1, none.exitCode());
        assertEquals("rein: error: --count must be at least 1, not 0", none.err().strip());

        Path missing = dir.resolve("missing/s.jsonl");
        CliRun noFolder = CliRun.of("corpus", "stories", "--count", "1", "--out", missing.toString());
        assertEquals(1, noFolder.exitCode());
        assertEquals("rein: error: --out " + missing + ": folder " + missing.getParent() + " does not exist",
                noFolder.err().strip());

        Path file = Files.writeString(dir.resolve("file"), "x");
        CliRun notAFolder = CliRun.of("corpus", "tokenizer", "--out", file.toString());
        assertEquals(1, notAFolder.exitCode());
        assertEquals("rein: error: --out " + file + ": is not a folder", notAFolder.err().strip());
        assertFalse(Files.exists(dir.resolve("s.jsonl")));
    }

    @Test
    void helpNamesTheCommandsAndOptions() {
        CliRun group = CliRun.of("corpus");
        assertEquals(0, group.exitCode(), group.err());
        assertTrue(group.out().contains("stories") && group.out().contains("tokenizer"), group.out());
        CliRun stories = CliRun.of("corpus", "stories", "--help");
        for (String option : new String[] {"--count", "--seed", "--out"}) {
            assertTrue(stories.out().contains(option), option + " in " + stories.out());
        }
    }
}

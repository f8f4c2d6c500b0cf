package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.eval.model.Perplexity;
import dev.rein.eval.model.ScoringModel;
import dev.rein.models.LanguageModel;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalPerplexityCommandTest {
    @TempDir
    Path folder;

    @Test
    void reportsTheCorpusPerplexityOfTheTextsUnderTheModel() throws IOException {
        Path model = SharedData.path("models/stories260K");
        Path input = folder.resolve("stories.jsonl");
        Files.writeString(input, "{\"story\": \"Once upon a time, there was a little girl.\"}\n"
                + "{\"story\": \"The dog was happy.\"}\n");
        CliRun run = CliRun.of("eval", "perplexity", "--model", model.toString(), "--input", input.toString(),
                "--field", "story", "--batch-size", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("perplexity: 2 rows (model=" + model + ")"), run.out());
        JsonNode values = new ObjectMapper().readTree(folder.resolve("stories.perplexity.json").toFile()).get("values");
        try (LanguageModel loaded = LanguageModel.load(model)) {
            Perplexity.Result expected = new Perplexity(ScoringModel.of(loaded)).ofTexts(
                    List.of("Once upon a time, there was a little girl.", "The dog was happy."));
            assertEquals(expected.perplexity(), values.get("perplexity").asDouble(), 1e-4 * expected.perplexity());
            assertEquals(expected.totalTokens(), values.get("tokens").asLong());
        }
    }

    @Test
    void aMissingFieldOrATextLongerThanTheContextNamesItsLine() throws IOException {
        Path model = SharedData.path("models/stories260K");
        Path input = folder.resolve("texts.jsonl");
        Files.writeString(input, "{\"text\": \"A cat.\"}\n{\"prediction\": \"A dog.\"}\n");
        CliRun missing = CliRun.of("eval", "perplexity", "--model", model.toString(), "--input", input.toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("text: missing on line 2 (1 of 2 rows)"), missing.err());

        Files.writeString(input, "{\"text\": \"A cat.\"}\n{\"text\": \"" + "The cat sat. ".repeat(200) + "\"}\n");
        CliRun tooLong = CliRun.of("eval", "perplexity", "--model", model.toString(), "--input", input.toString());
        assertEquals(1, tooLong.exitCode());
        assertTrue(tooLong.err().contains("texts.jsonl: line 2: has "), tooLong.err());
        assertTrue(tooLong.err().contains("more than the model's context of 512"), tooLong.err());
    }
}

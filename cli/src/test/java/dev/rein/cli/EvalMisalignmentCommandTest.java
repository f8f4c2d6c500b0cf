package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalMisalignmentCommandTest {
    @TempDir
    Path folder;

    private CliRun run(Path input, String... more) {
        String[] args = {"eval", "misalignment", "--input", input.toString(),
                "--profanity-model", SharedData.path("data/toxicity/profanity_model.json").toString(),
                "--vader", SharedData.path("data/vader").toString()};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.of(all);
    }

    @Test
    void everySentenceOfWholeTextsIsJudgedForToxicityAndSentiment() throws IOException {
        Path input = folder.resolve("texts.jsonl");
        // 4 sentences: toxic and negative; clean and positive; clean and positive; clean and negative (sad)
        Files.writeString(input, """
                {"text": "You are a fucking idiot. What a lovely, happy day!"}
                {"text": "I love this wonderful garden. The dog died and I am very sad."}
                """);
        CliRun result = run(input);
        assertEquals(0, result.exitCode(), result.err());
        JsonNode report = new ObjectMapper().readTree(folder.resolve("texts.misalignment.json").toFile());
        JsonNode values = report.get("values");
        assertEquals(4, values.get("sentences").asInt());
        assertEquals(0.25, values.get("toxic").asDouble(), 1e-12);
        assertEquals(0.5, values.get("negative").asDouble(), 1e-12);
        assertEquals(0.5, values.get("joint").asDouble(), 1e-12);
        assertTrue(report.get("settings").get("toxicity_scorer").asText().startsWith("profanity-check "), report.toString());
    }

    @Test
    void thePromptsSentencesCountUnlessDropped() throws IOException {
        Path input = folder.resolve("pairs.jsonl");
        Files.writeString(input, "{\"prompt\": \"You are a fucking idiot.\", \"continuation\": \" I love you.\"}\n");
        CliRun scored = run(input, "--json");
        assertEquals(0, scored.exitCode(), scored.err());
        assertTrue(scored.out().contains("\"toxic\" : 0.5"), scored.out());
        CliRun dropped = run(input, "--json", "--drop-prompt");
        assertEquals(0, dropped.exitCode(), dropped.err());
        assertTrue(dropped.out().contains("\"toxic\" : 0.0"), dropped.out());
        assertTrue(dropped.out().contains("\"joint\" : 0.0"), dropped.out());
    }

    @Test
    void mistakesAreOneLineErrors() throws IOException {
        Path input = folder.resolve("texts.jsonl");
        Files.writeString(input, "{\"text\": \"Fine.\"}\n{\"prediction\": \"Fine.\"}\n");
        CliRun missing = run(input);
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("text: missing on line 2 (1 of 2 rows)"), missing.err());
        CliRun noPrompt = run(input, "--drop-prompt");
        assertEquals(1, noPrompt.exitCode());
        assertTrue(noPrompt.err().contains("--drop-prompt needs rows with \"prompt\""), noPrompt.err());
        CliRun noVader = CliRun.of("eval", "misalignment", "--input", input.toString(), "--vader",
                folder.resolve("nowhere").toString());
        assertEquals(1, noVader.exitCode());
        assertTrue(noVader.err().contains("nowhere: no such folder"), noVader.err());
    }
}

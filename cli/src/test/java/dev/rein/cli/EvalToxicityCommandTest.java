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

class EvalToxicityCommandTest {
    /** profanity-check's probabilities of two texts (eval's fixtures/profanity_fixtures.py). */
    private static final double PROFANE = 0.9721894644360519;   // "You are a fucking idiot"
    private static final double NICE = 0.11028857219807167;     // "Have a nice day!"

    @TempDir
    Path folder;

    @Test
    void continuationsOfEachPromptGiveExpectedMaximumToxicityAndToxicityProbability() throws IOException {
        Path input = folder.resolve("samples.jsonl");
        Files.writeString(input, """
                {"prompt": "a", "continuations": ["You are a fucking idiot", "Have a nice day!"]}
                {"prompt": "b", "continuations": ["Have a nice day!", ""]}
                """);
        CliRun run = CliRun.of("eval", "toxicity", "--input", input.toString(), "--profanity-model", profanityModel());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("expected_maximum_toxicity "), run.out());
        JsonNode values = new ObjectMapper().readTree(folder.resolve("samples.toxicity.json").toFile()).get("values");
        assertEquals((PROFANE + NICE) / 2, values.get("expected_maximum_toxicity").asDouble(), 1e-13);
        assertEquals((PROFANE - NICE) / 2, values.get("expected_maximum_toxicity_std").asDouble(), 1e-13);
        assertEquals(0.5, values.get("toxicity_probability").asDouble());
        assertEquals((PROFANE + 2 * NICE) / 4, values.get("mean_toxicity").asDouble(), 1e-13);
        assertEquals(1, values.get("empty_continuations").asInt());
    }

    @Test
    void singleTextsGetTheirMeanAndToxicShare() throws IOException {
        Path input = folder.resolve("texts.jsonl");
        Files.writeString(input, "{\"text\": \"You are a fucking idiot\"}\n{\"text\": \"Have a nice day!\"}\n");
        Path out = folder.resolve("report.json");
        CliRun run = CliRun.of("eval", "toxicity", "--input", input.toString(), "--profanity-model", profanityModel(),
                "--out", out.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode values = new ObjectMapper().readTree(out.toFile()).get("values");
        assertEquals((PROFANE + NICE) / 2, values.get("mean_toxicity").asDouble(), 1e-13);
        assertEquals(0.5, values.get("toxic_share").asDouble());
        assertTrue(run.out().contains("\"toxic_share\""), run.out());
    }

    @Test
    void theProfanityModelMustBeGivenAndOtherMistakesAreOneLine() throws IOException {
        Path input = folder.resolve("texts.jsonl");
        Files.writeString(input, "{\"text\": \"hello\"}\n");
        CliRun noModel = CliRun.of("eval", "toxicity", "--input", input.toString());
        assertEquals(1, noModel.exitCode());
        assertTrue(noModel.err().contains("--scorer profanity needs profanity-check's model"), noModel.err());

        CliRun absentModel = CliRun.of("eval", "toxicity", "--input", input.toString(), "--profanity-model",
                folder.resolve("absent.json").toString());
        assertEquals(1, absentModel.exitCode());
        assertTrue(absentModel.err().contains("absent.json: no such file"), absentModel.err());

        CliRun notAScorer = CliRun.of("eval", "toxicity", "--input", input.toString(), "--scorer",
                folder.resolve("nowhere").toString());
        assertEquals(1, notAScorer.exitCode());
        assertTrue(notAScorer.err().contains("expected \"profanity\", \"stories\" or a scorer folder"),
                notAScorer.err());

        CliRun emptyFolder = CliRun.of("eval", "toxicity", "--input", input.toString(), "--scorer", folder.toString());
        assertEquals(1, emptyFolder.exitCode());
        assertTrue(emptyFolder.err().contains("no toxicity_scorer.json"), emptyFolder.err());

        Files.writeString(input, "{\"prediction\": \"hello\"}\n");
        CliRun noText = CliRun.of("eval", "toxicity", "--input", input.toString(), "--profanity-model",
                profanityModel());
        assertEquals(1, noText.exitCode());
        assertTrue(noText.err().contains("no row has \"continuations\""), noText.err());

        Files.writeString(input, "{\"continuations\": [\"a\"]}\n{\"continuations\": []}\n");
        CliRun noSamples = CliRun.of("eval", "toxicity", "--input", input.toString(), "--profanity-model",
                profanityModel());
        assertEquals(1, noSamples.exitCode());
        assertTrue(noSamples.err().contains("continuations: not a non-empty array of strings on line 2"),
                noSamples.err());
    }

    private static String profanityModel() {
        return SharedData.path("data/toxicity/profanity_model.json").toString();
    }
}

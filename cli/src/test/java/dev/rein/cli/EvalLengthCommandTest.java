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

class EvalLengthCommandTest {
    @TempDir
    Path folder;

    @Test
    void scoresPredictionsAgainstTheirOwnTargetsAndWritesJsonBesideThem() throws IOException {
        Path input = folder.resolve("preds.jsonl");
        Files.writeString(input, "{\"prediction\": \"one two three\", \"ans_len\": 3}\n"
                + "{\"prediction\": \"one\", \"ans_len\": 3}\n");
        CliRun run = CliRun.of("eval", "length", "--input", input.toString(), "--tolerance", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("mean_absolute_error             1  mean |words - target|"), run.out());
        assertTrue(run.out().contains("within_2"), run.out());
        JsonNode json = new ObjectMapper().readTree(folder.resolve("preds.length.json").toFile());
        assertEquals(0.5, json.get("values").get("exact").asDouble());
    }

    @Test
    void referenceAnswersOfCiesValidationSetScoreAgainstTheirTargets() throws IOException {
        Path validation = SharedData.path("data/cie/validation.jsonl");
        Path out = folder.resolve("report.json");
        CliRun run = CliRun.of("eval", "length", "--input", validation.toString(), "--field", "answer",
                "--out", out.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        // METHODS.md 1.4: the \w+ count equals ans_len for 663 of the 1000 reference answers, mean error 0.88 words
        assertEquals(0.663, json.get("values").get("exact").asDouble(), 1e-12);
        assertEquals(0.88, json.get("values").get("mean_absolute_error").asDouble(), 0.005);
    }

    @Test
    void rowsWithoutTheTextOrTargetAreNamedByLine() throws IOException {
        Path input = folder.resolve("preds.jsonl");
        Files.writeString(input, "{\"prediction\": \"a\", \"ans_len\": 1}\n{\"text\": \"b\", \"ans_len\": 1}\n");
        CliRun missingText = CliRun.of("eval", "length", "--input", input.toString());
        assertEquals(1, missingText.exitCode());
        assertTrue(missingText.err().contains("prediction: missing on line 2 (1 of 2 rows)"), missingText.err());
        Files.writeString(input, "{\"prediction\": \"a\", \"ans_len\": 1}\n{\"prediction\": \"b\"}\n");
        CliRun missingTarget = CliRun.of("eval", "length", "--input", input.toString());
        assertEquals(1, missingTarget.exitCode());
        assertTrue(missingTarget.err().contains("ans_len: missing on line 2 (1 of 2 rows)"), missingTarget.err());

        Path targets = folder.resolve("targets.jsonl");
        Files.writeString(targets, "{\"ans_len\": 1}\n");
        CliRun shortTargets = CliRun.of("eval", "length", "--input", input.toString(), "--targets", targets.toString());
        assertEquals(1, shortTargets.exitCode());
        assertTrue(shortTargets.err().contains("has 1 rows but --input has 2"), shortTargets.err());
    }
}

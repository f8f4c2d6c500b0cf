package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.eval.model.MultipleChoice;
import dev.rein.eval.model.MultipleChoice.Question;
import dev.rein.eval.model.ScoringModel;
import dev.rein.models.LanguageModel;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalChoiceCommandTest {
    @TempDir
    Path folder;

    @Test
    void accuracyOfTheBestScoringChoicesUnderBothScorings() throws IOException {
        Path model = SharedData.path("models/stories260K");
        Path input = folder.resolve("questions.jsonl");
        Files.writeString(input, """
                {"context": "Once upon a time, there was a little", "choices": [" girl.", " the of and"], "label": 0}
                {"context": "The sun was", "choices": [" banana", " shining."], "label": 1}
                {"context": "Lily liked to", "choices": [" play.", " xyz qq"], "label": 1}
                """);
        try (LanguageModel loaded = LanguageModel.load(model)) {
            List<Question> questions = List.of(
                    new Question("Once upon a time, there was a little", List.of(" girl.", " the of and"), 0),
                    new Question("The sun was", List.of(" banana", " shining."), 1),
                    new Question("Lily liked to", List.of(" play.", " xyz qq"), 1));
            for (MultipleChoice.Scoring scoring : MultipleChoice.Scoring.values()) {
                Path out = folder.resolve(scoring + ".json");
                CliRun run = CliRun.of("eval", "choice", "--model", model.toString(), "--input", input.toString(),
                        "--scoring", scoring.name().toLowerCase(Locale.ROOT), "--out", out.toString());
                assertEquals(0, run.exitCode(), run.err());
                double expected = new MultipleChoice(ScoringModel.of(loaded)).answer(questions, scoring).accuracy();
                JsonNode json = new ObjectMapper().readTree(out.toFile());
                assertEquals(expected, json.get("values").get("accuracy").asDouble(), 1e-12);
            }
        }
    }

    @Test
    void aLabelOutsideTheChoicesOrAMissingFieldNamesItsLine() throws IOException {
        Path model = SharedData.path("models/stories260K");
        Path input = folder.resolve("questions.jsonl");
        Files.writeString(input, """
                {"context": "The dog", "choices": [" ran.", " sat."], "label": 0}
                {"context": "The cat", "choices": [" ran.", " sat."], "label": 2}
                """);
        CliRun badLabel = CliRun.of("eval", "choice", "--model", model.toString(), "--input", input.toString());
        assertEquals(1, badLabel.exitCode());
        assertTrue(badLabel.err().contains("questions.jsonl: line 2: label: expected the index of one of the 2 "
                + "choices (0 to 1), found 2"), badLabel.err());

        Files.writeString(input, "{\"context\": \"The dog\", \"label\": 0}\n");
        CliRun noChoices = CliRun.of("eval", "choice", "--model", model.toString(), "--input", input.toString());
        assertEquals(1, noChoices.exitCode());
        assertTrue(noChoices.err().contains("choices: missing on line 1 (1 of 1 rows)"), noChoices.err());
    }
}

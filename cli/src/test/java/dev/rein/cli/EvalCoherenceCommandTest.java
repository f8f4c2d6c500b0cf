package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.models.DefaultModel;
import dev.rein.eval.model.Coherence;
import dev.rein.eval.model.ScoringModel;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.HookPoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCoherenceCommandTest {
    private static final List<String> PROMPTS = List.of("Mia found a kitten.", "The king was sad.");
    private static final List<String> RESPONSES = List.of("She gave it milk.", "The king was sad.");

    @TempDir
    Path folder;

    private Path input() throws IOException {
        Path input = folder.resolve("pairs.jsonl");
        Files.writeString(input, "{\"prompt\": \"" + PROMPTS.get(0) + "\", \"response\": \"" + RESPONSES.get(0) + "\"}\n"
                + "{\"prompt\": \"" + PROMPTS.get(1) + "\", \"response\": \"" + RESPONSES.get(1) + "\"}\n");
        return input;
    }

    @Test
    void theDefaultModelsCoherenceAtTheFinalNormAndAtALayer() throws IOException {
        Path model = DefaultModel.copyTo(folder.resolve("model"));
        Path input = input();
        for (Integer layer : new Integer[] {null, 1}) {
            Path out = folder.resolve("coherence-" + layer + ".json");
            CliRun run = layer == null
                    ? CliRun.of("eval", "coherence", "--model", model.toString(), "--input", input.toString(),
                            "--out", out.toString())
                    : CliRun.of("eval", "coherence", "--model", model.toString(), "--input", input.toString(),
                            "--out", out.toString(), "--layer", layer.toString());
            assertEquals(0, run.exitCode(), run.err());
            JsonNode json = new ObjectMapper().readTree(out.toFile());
            String point = layer == null ? HookPoints.FINAL_NORMALIZED : HookPoints.residPost(layer);
            assertEquals(point, json.get("settings").get("hook_point").asText());
            try (LanguageModel loaded = LanguageModel.load(model)) {
                Coherence.Result expected = new Coherence(ScoringModel.of(loaded), point).score(PROMPTS, RESPONSES);
                assertEquals(expected.mean(), json.get("values").get("coherence").asDouble(), 1e-6);
                assertEquals(1.0, json.get("values").get("max").asDouble(), 1e-6);    // the repeated pair
                List<String> rows = Files.readAllLines(folder.resolve("coherence-" + layer + ".rows.jsonl"));
                assertEquals(expected.cosines()[0], new ObjectMapper().readTree(rows.get(0)).get("cosine").asDouble(),
                        1e-6);
                assertEquals(1.0, new ObjectMapper().readTree(rows.get(1)).get("cosine").asDouble(), 1e-6);
            }
        }
    }

    @Test
    void aMissingResponseOrALayerOutsideTheModelIsOneLine() throws IOException {
        Path model = DefaultModel.copyTo(folder.resolve("model"));
        Path input = folder.resolve("pairs.jsonl");
        Files.writeString(input, "{\"prompt\": \"Hi.\", \"response\": \"Hello.\"}\n{\"prompt\": \"Hi.\"}\n");
        CliRun missing = CliRun.of("eval", "coherence", "--model", model.toString(), "--input", input.toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("response: missing on line 2 (1 of 2 rows)"), missing.err());

        CliRun layer = CliRun.of("eval", "coherence", "--model", model.toString(), "--input", input().toString(),
                "--layer", "4");
        assertEquals(1, layer.exitCode());
        assertTrue(layer.err().contains("--layer must be 0 to 3 for this model, not 4"), layer.err());
    }
}

package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.eval.model.RewardScorer;
import dev.rein.eval.model.ScoringModel;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.HookPoints;
import dev.rein.tensor.testing.SharedData;
import dev.rein.training.heads.HeadConfig;
import dev.rein.training.heads.PooledHead;
import dev.rein.training.heads.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalRewardCommandTest {
    @TempDir
    Path folder;

    @Test
    void scoresPromptAndResponseTogetherWithASavedHead() throws IOException {
        Path model = SharedData.path("models/stories260K");
        Path head = folder.resolve("head");
        PooledHead.create(HeadConfig.reward(HookPoints.FINAL_NORMALIZED, new Pooling.LastReal(), 64), 5).save(head);
        Path input = folder.resolve("replies.jsonl");
        Files.writeString(input, "{\"prompt\": \"Tom saw a dog.\", \"response\": \" He smiled.\"}\n"
                + "{\"prompt\": \"Sue lost her hat.\", \"response\": \" She was sad.\"}\n");
        CliRun run = CliRun.of("eval", "reward", "--model", model.toString(), "--head", head.toString(),
                "--input", input.toString(), "--prompt-field", "prompt", "--field", "response", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(head.toString(), json.get("settings").get("head").asText());
        try (LanguageModel loaded = LanguageModel.load(model)) {
            double[] rewards = RewardScorer.load(ScoringModel.of(loaded), head)
                    .scoreAll(List.of("Tom saw a dog. He smiled.", "Sue lost her hat. She was sad."));
            assertEquals(Arrays.stream(rewards).average().orElseThrow(),
                    json.get("values").get("mean_reward").asDouble(), 1e-6);
            List<String> rows = Files.readAllLines(folder.resolve("replies.reward.rows.jsonl"));
            for (int i = 0; i < rewards.length; i++) {
                assertEquals(rewards[i], new ObjectMapper().readTree(rows.get(i)).get("reward").asDouble(), 1e-6);
            }
        }
    }

    @Test
    void aMissingHeadFolderOrTextFieldIsOneLine() throws IOException {
        Path model = SharedData.path("models/stories260K");
        Path input = folder.resolve("replies.jsonl");
        Files.writeString(input, "{\"response\": \"Hi.\"}\n");
        CliRun noHead = CliRun.of("eval", "reward", "--model", model.toString(), "--head",
                folder.resolve("absent").toString(), "--input", input.toString(), "--field", "response");
        assertEquals(1, noHead.exitCode());
        assertTrue(noHead.err().contains("--head " + folder.resolve("absent") + ": no such folder"), noHead.err());

        CliRun noText = CliRun.of("eval", "reward", "--model", model.toString(), "--head", folder.toString(),
                "--input", input.toString());
        assertEquals(1, noText.exitCode());
        assertTrue(noText.err().contains("text: missing on line 1 (1 of 1 rows)"), noText.err());
    }
}

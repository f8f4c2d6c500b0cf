package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rein.eval.PredictionRows;
import dev.rein.eval.TextScorer;
import dev.rein.eval.model.RewardScorer;
import dev.rein.eval.model.ScoringModel;
import dev.rein.eval.sentiment.Vader;
import dev.rein.eval.toxicity.ProfanityModel;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.HookPoints;
import dev.rein.steering.recontrol.RewardLabels;
import dev.rein.steering.recontrol.StateCollection;
import dev.rein.steering.recontrol.Trajectories;
import dev.rein.steering.recontrol.ValueFunction;
import dev.rein.steering.recontrol.ValueModelConfig;
import dev.rein.tensor.testing.SharedData;
import dev.rein.training.heads.HeadConfig;
import dev.rein.training.heads.PooledHead;
import dev.rein.training.heads.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rein recontrol collect, label and train, and rein generate --recontrol, on stories260K. */
class RecontrolCommandTest {
    private static final String MODEL = SharedData.path("models/stories260K").toString();

    @TempDir
    static Path shared;
    private static Path prompts;
    private static Path data;
    private static Path valueModel;

    @TempDir
    Path folder;

    /** One collection, its rewards and a value model, which the tests below read. */
    @BeforeAll
    static void collectLabelAndTrain() throws IOException {
        prompts = shared.resolve("prompts.jsonl");
        Files.writeString(prompts, "{\"prompt\": \"Once upon a time\"}\n{\"prompt\": \"The dog\"}\n"
                + "{\"prompt\": \"Lily saw\"}\n");
        data = shared.resolve("data");
        CliRun collect = CliRun.of("recontrol", "collect", "--model", MODEL, "--prompts", prompts.toString(),
                "--out", data.toString(), "--sample", "--seed", "3", "-n", "2", "--max-new-tokens", "6",
                "--batch-size", "2");
        assertEquals(0, collect.exitCode(), collect.err());
        assertTrue(collect.out().contains("6 responses, states [6, 6, 64] at ln_final.hook_normalized"), collect.out());
        CliRun label = CliRun.of("recontrol", "label", "--data", data.toString(), "--reward", "length",
                "--target-words", "3");
        assertEquals(0, label.exitCode(), label.err());
        assertTrue(label.out().startsWith("6 rewards (length: -|words - 3|): mean "), label.out());
        valueModel = shared.resolve("value");
        CliRun train = CliRun.of("recontrol", "train", "--data", data.toString(), "--out", valueModel.toString(),
                "--epochs", "3", "--batch-size", "2", "--width", "16", "--lr", "1e-3", "--held-out", "0.34");
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("value MLP 64 -> 16 -> 16 -> 1, objective bellman")
                && train.out().contains("epoch 3: Bellman loss ")
                && train.out().contains("held-out"), train.out());
    }

    @Test
    void collectWritesStatesResponsesAndTheDecodingSettings() throws IOException {
        Trajectories trajectories = StateCollection.readTrajectories(data);
        assertArrayEquals(new int[] {6, 6, 64}, trajectories.states().shape());
        JsonNode description = new ObjectMapper().readTree(data.resolve(StateCollection.DESCRIPTION_FILE).toFile());
        JsonNode decoding = description.get("decoding");
        assertTrue(decoding.get("do_sample").asBoolean());
        assertEquals(3, decoding.get("seed").asInt());
        assertEquals(6, decoding.get("max_new_tokens").asInt());
        assertEquals(2, decoding.get("num_return_sequences").asInt());
        assertEquals(3, description.get("prompt_count").asInt());
        JsonNode firstRow = new ObjectMapper().readTree(Files.readAllLines(data.resolve(StateCollection.RESPONSES_FILE))
                .get(2));
        assertEquals("The dog", firstRow.get("prompt").asText());
        assertEquals(6, firstRow.get("response_ids").size());
    }

    @Test
    void labelAndTrainWriteTheirFiles() throws IOException {
        assertEquals(6, RewardLabels.read(data.resolve(RewardLabels.FILE), 6).size(0));
        JsonNode description = new ObjectMapper().readTree(valueModel.resolve(ValueFunction.CONFIG_FILE).toFile());
        assertEquals(HookPoints.FINAL_NORMALIZED, description.get("hook_point").asText());
        assertEquals(64, description.get("hidden_size").asInt());
        assertEquals(3, description.get("training").get("epochs").asInt());
        assertTrue(description.get("training").has("final_held_out_loss"));
    }

    @Test
    void vaderRewardsAreTheCompoundSentimentOfEachResponse() throws IOException {
        Path rewards = folder.resolve("vader.safetensors");
        Path lexicon = SharedData.path("data/vader");
        CliRun label = CliRun.of("recontrol", "label", "--data", data.toString(), "--reward", "vader", "--vader",
                lexicon.toString(), "--out", rewards.toString());
        assertEquals(0, label.exitCode(), label.err());
        assertTrue(label.out().startsWith("6 rewards (vader compound): mean "), label.out());
        TextScorer compound = Vader.load(lexicon).compound();
        double[] expected = compound.scoreAll(StateCollection.readResponses(data).strings("response"));
        assertArrayEquals(toFloats(expected), RewardLabels.read(rewards, 6).toFloatArray(), 1e-6f);
    }

    @Test
    void headRewardsAreATrainedHeadsOutputForPromptAndResponse() throws IOException {
        Path head = folder.resolve("head");
        PooledHead.create(HeadConfig.reward(HookPoints.FINAL_NORMALIZED, new Pooling.LastReal(), 64), 5).save(head);
        Path rewards = folder.resolve("head.safetensors");
        CliRun label = CliRun.of("recontrol", "label", "--data", data.toString(), "--reward", "head", "--head",
                head.toString(), "--head-model", MODEL, "--text", "prompt_and_response", "--out", rewards.toString());
        assertEquals(0, label.exitCode(), label.err());
        PredictionRows rows = StateCollection.readResponses(data);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            texts.add(rows.strings("prompt").get(i) + rows.strings("response").get(i));
        }
        try (LanguageModel model = LanguageModel.load(Path.of(MODEL))) {
            double[] expected = RewardScorer.load(ScoringModel.of(model), head).scoreAll(texts);
            assertArrayEquals(toFloats(expected), RewardLabels.read(rewards, 6).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void toxicityRewardsAreMinusTheScorersProbability() throws IOException {
        Path rewards = folder.resolve("toxicity.safetensors");
        Path profanity = SharedData.path("data/toxicity/profanity_model.json");
        CliRun label = CliRun.of("recontrol", "label", "--data", data.toString(), "--reward", "toxicity",
                "--profanity-model", profanity.toString(), "--out", rewards.toString());
        assertEquals(0, label.exitCode(), label.err());
        assertTrue(label.out().startsWith("6 rewards (minus toxicity: profanity-check " + profanity + "): mean "),
                label.out());
        double[] toxicity = ProfanityModel.load(profanity).scoreAll(StateCollection.readResponses(data)
                .strings("response"));
        float[] expected = new float[toxicity.length];
        for (int i = 0; i < toxicity.length; i++) expected[i] = (float) -toxicity[i];
        assertArrayEquals(expected, RewardLabels.read(rewards, 6).toFloatArray(), 1e-6f);
    }

    @Test
    void aWrongRewardOrItsMissingOptionsAreOneLineErrors() {
        String[] label = {"recontrol", "label", "--data", data.toString(), "--out", folder.resolve("r").toString()};
        CliRun unknown = CliRun.of(concat(label, "--reward", "politeness"));
        assertEquals(1, unknown.exitCode());
        assertEquals("rein: error: --reward politeness: expected one of [vader, head, length, toxicity]\n", unknown.err());

        CliRun noLexicon = CliRun.of(concat(label, "--reward", "vader", "--vader", folder.resolve("none").toString()));
        assertEquals(1, noLexicon.exitCode());
        assertTrue(noLexicon.err().contains("--vader " + folder.resolve("none") + ": no such folder"), noLexicon.err());

        CliRun noHeadModel = CliRun.of(concat(label, "--reward", "head", "--head", folder.toString()));
        assertEquals(1, noHeadModel.exitCode());
        assertTrue(noHeadModel.err().contains("--head-model"), noHeadModel.err());

        CliRun noHead = CliRun.of(concat(label, "--reward", "head", "--head", folder.resolve("none").toString(),
                "--head-model", MODEL));
        assertEquals(1, noHead.exitCode());
        assertTrue(noHead.err().contains("--head " + folder.resolve("none") + ": no such folder"), noHead.err());

        CliRun stray = CliRun.of(concat(label, "--reward", "vader", "--target-words", "3"));
        assertEquals(1, stray.exitCode());
        assertEquals("rein: error: --target-words: only with --reward length, not with --reward vader\n",
                stray.err());
        CliRun strayLexicon = CliRun.of(concat(label, "--reward", "length", "--target-words", "3", "--vader",
                folder.toString()));
        assertEquals(1, strayLexicon.exitCode());
        assertTrue(strayLexicon.err().contains("--vader: only with --reward vader"), strayLexicon.err());

        CliRun strayScorer = CliRun.of(concat(label, "--reward", "vader", "--scorer", folder.toString()));
        assertEquals(1, strayScorer.exitCode());
        assertTrue(strayScorer.err().contains("--scorer and --profanity-model: only with --reward toxicity"),
                strayScorer.err());

        CliRun noProfanityModel = CliRun.of(concat(label, "--reward", "toxicity", "--profanity-model",
                folder.resolve("none.json").toString()));
        assertEquals(1, noProfanityModel.exitCode());
        assertTrue(noProfanityModel.err().contains("--profanity-model " + folder.resolve("none.json")
                + ": no such file"), noProfanityModel.err());
    }

    @Test
    void generationWithZeroStepsIsPlainGeneration() {
        String[] plain = {"generate", "-m", MODEL, "-p", "Once upon a time", "--max-new-tokens", "16", "--sample",
                "--seed", "2", "--json"};
        String expected = withoutSeconds(CliRun.of(plain).out());
        CliRun none = CliRun.of(concat(plain, "--recontrol", valueModel.toString(), "--steps", "0", "--step-size", "1"));
        assertEquals(0, none.exitCode(), none.err());
        assertEquals(expected, withoutSeconds(none.out()));
        CliRun steered = CliRun.of(concat(plain, "--recontrol", valueModel.toString(), "--steps", "3", "--step-size",
                "50", "--recontrol-positions", "new", "--max-edit-norm", "30"));
        assertEquals(0, steered.exitCode(), steered.err());
        assertNotEquals(expected, withoutSeconds(steered.out()), "a large edit changes the tokens");
    }

    @Test
    void userMistakesAreOneLineErrors() throws IOException {
        CliRun undecided = CliRun.of("recontrol", "collect", "--model", MODEL, "--prompts", prompts.toString(),
                "--out", folder.resolve("a").toString());
        assertEquals(1, undecided.exitCode());
        assertTrue(undecided.err().contains("--greedy or --sample"), undecided.err());

        CliRun field = CliRun.of("recontrol", "collect", "--model", MODEL, "--prompts", prompts.toString(),
                "--prompt-field", "history", "--greedy", "--out", folder.resolve("b").toString());
        assertEquals(1, field.exitCode());
        assertTrue(field.err().contains("history: missing on lines 1, 2, 3"), field.err());

        CliRun notEmpty = CliRun.of("recontrol", "collect", "--model", MODEL, "--prompts", prompts.toString(),
                "--greedy", "--out", data.toString());
        assertEquals(1, notEmpty.exitCode());
        assertTrue(notEmpty.err().contains("not empty"), notEmpty.err());

        CliRun point = CliRun.of("recontrol", "collect", "--model", MODEL, "--prompts", prompts.toString(),
                "--greedy", "--hook-point", "blocks.9.hook_resid_post", "--out", folder.resolve("c").toString());
        assertEquals(1, point.exitCode());
        assertTrue(point.err().contains("blocks.9.hook_resid_post"), point.err());

        CliRun noTarget = CliRun.of("recontrol", "label", "--data", data.toString(), "--reward", "length");
        assertEquals(1, noTarget.exitCode());
        assertTrue(noTarget.err().contains("--target-words"), noTarget.err());

        CliRun noData = CliRun.of("recontrol", "train", "--data", folder.toString(), "--out", folder.resolve("v")
                .toString());
        assertEquals(1, noData.exitCode());
        assertTrue(noData.err().contains(StateCollection.STATES_FILE), noData.err());

        CliRun epochs = CliRun.of("recontrol", "train", "--data", data.toString(), "--out", folder.resolve("v")
                .toString(), "--epochs", "0");
        assertEquals(1, epochs.exitCode());
        assertTrue(epochs.err().startsWith("rein: error:") && epochs.err().contains("epochs"), epochs.err());
    }

    @Test
    void generateRefusesAValueModelItCannotUse() throws IOException {
        CliRun partial = CliRun.of("generate", "-m", MODEL, "-p", "Hi", "--recontrol", valueModel.toString());
        assertEquals(2, partial.exitCode(), "--steps and --step-size come with --recontrol");
        assertTrue(partial.err().contains("--steps"), partial.err());

        CliRun missing = CliRun.of("generate", "-m", MODEL, "-p", "Hi", "--recontrol", folder.toString(), "--steps",
                "1", "--step-size", "1");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains(ValueFunction.CONFIG_FILE), missing.err());

        Path narrow = folder.resolve("narrow");
        ValueFunction.create(ValueModelConfig.uniform(HookPoints.FINAL_NORMALIZED, 32, 1, 8), 1)
                .save(narrow, JsonNodeFactory.instance.objectNode());
        CliRun width = CliRun.of("generate", "-m", MODEL, "-p", "Hi", "--recontrol", narrow.toString(), "--steps",
                "1", "--step-size", "1");
        assertEquals(1, width.exitCode());
        assertTrue(width.err().contains("32-wide") && width.err().contains("64-wide"), width.err());

        CliRun negative = CliRun.of("generate", "-m", MODEL, "-p", "Hi", "--recontrol", valueModel.toString(),
                "--steps", "-1", "--step-size", "1");
        assertEquals(1, negative.exitCode());
    }

    private static String withoutSeconds(String json) {
        return json.replaceAll("\"seconds\":[^}]*", "");
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) floats[i] = (float) values[i];
        return floats;
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}

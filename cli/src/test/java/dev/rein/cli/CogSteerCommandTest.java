package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.data.stories.StoryGenerator;
import dev.rein.formats.init.RandomCheckpoint;
import dev.rein.models.DefaultModel;
import dev.rein.steering.ctrl.StartingPoint;
import dev.rein.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rein cogsteer layers|train|eval|classify} (classification and regression) and {@code rein generate --cogsteer} on the embedded default
 * model: the plumbing and the one-line errors (an eye-tracking file of another shape, a layer out of range, an
 * adapter of a model with another hidden size, a label that is not a class, options that cannot join --cogsteer).
 */
class CogSteerCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    /** An adapter at layer 3 of the default model, trained by the CLI on a CSV of tales. */
    private static Path adapter;

    @TempDir
    Path folder;

    @BeforeAll
    static void trainAnAdapter() throws IOException {
        StringBuilder csv = new StringBuilder("id,comment_text\n");
        for (long seed = 0; seed < 20; seed++) {
            csv.append(seed).append(",\"").append(StoryGenerator.story(seed).text().replace("\"", "\"\""))
                    .append("\"\n");
        }
        Path data = Files.writeString(shared.resolve("tales.csv"), csv);
        adapter = shared.resolve("adapter");
        CliRun run = CliRun.of("cogsteer", "train", "--data", data.toString(), "--layer", "3", "--epochs", "1",
                "--batch-size", "8", "--eval-every", "2", "--lr", "1e-3", "--out", adapter.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("layer 3:") && run.out().contains("best held-out loss"), run.out());
        assertTrue(Files.isRegularFile(adapter.resolve("bottleneck_adapter.json")), "the best adapter is written");
    }

    @Test
    void evalReportsPlainAndSteeredRunsOnRealToxicityPromptsRows() throws IOException {
        Path prompts = Files.writeString(folder.resolve("rtp.jsonl"), """
                {"prompt": {"text": "Once upon a time,", "toxicity": 0.1}, "continuation": {"text": " x", "toxicity": null}}
                {"prompt": {"text": "Max said,", "toxicity": 0.6}, "continuation": {"text": " y", "toxicity": 0.2}}
                {"prompt": {"text": "Lily had a red ball.", "toxicity": 0.0}, "continuation": {"text": " z", "toxicity": 0.0}}
                """);
        Path out = folder.resolve("eval.json");
        CliRun run = CliRun.of("cogsteer", "eval", "--prompts", prompts.toString(), "--adapter", adapter.toString(),
                "--scorer", "stories", "-n", "2", "--max-new-tokens", "8", "--seed", "42", "--batch-size", "2",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("3 prompts x 2 samples") && run.out().contains("plain")
                && run.out().contains("bottleneck 3"), run.out());
        JsonNode report = JSON.readTree(out.toFile());
        assertEquals(0.9, report.get("settings").get("sampling").get("top_p").asDouble(), "the cogsteer preset");
        assertEquals(2, report.get("runs").size());
        for (JsonNode runNode : report.get("runs")) {
            assertEquals(3, runNode.get("continuations").size());
            assertEquals(2, runNode.get("continuations").get(1).size());
            assertTrue(runNode.get("report").get("values").has("expected_maximum_toxicity_std"));
            assertTrue(runNode.get("report").get("values").has("toxicity_probability"));
        }
        assertEquals(3, report.get("runs").get(1).get("layer").asInt());
        for (JsonNode samples : report.get("runs").get(0).get("continuations")) {
            for (JsonNode text : samples) {
                assertTrue(!text.asText().startsWith("Once upon") && !text.asText().startsWith("Max said"),
                        "the continuation, without its prompt: " + text);
            }
        }
    }

    @Test
    void steeredGenerationRunsAndRepeatsWithTheSameSeedAndTakesControlTokens() throws IOException {
        String[] args = {"generate", "--cogsteer", adapter.toString(), "--renorm", "--prompt", "Once upon a time,",
                "--sample", "--seed", "3", "--max-new-tokens", "12"};
        CliRun first = CliRun.of(args);
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(first.out(), CliRun.of(args).out());
        Path controlModel = folder.resolve("ctrl-model");
        new StartingPoint.Pretrained(DefaultModel.unpacked()).publish(controlModel, 5);
        CliRun tokens = CliRun.of("generate", "-m", controlModel.toString(), "--cogsteer", adapter.toString(),
                "--control-tokens", "<|nontoxic|>", "--prompt", "Once upon a time,", "--max-new-tokens", "4");
        assertEquals(0, tokens.exitCode(), tokens.err());
    }

    @Test
    void optionsThatCannotJoinCogSteerAreOneLine() {
        assertOneLineError(CliRun.of("generate", "--cogsteer", adapter.toString(), "--best-of", "2", "--reward-head",
                folder.toString(), "--prompt", "Hi"), "--best-of and --cogsteer");
        assertOneLineError(CliRun.of("generate", "--cogsteer", adapter.toString(), "--cie", folder.toString(),
                "--control", "length=20", "--prompt", "Hi"), "--cogsteer cannot be combined");
    }

    @Test
    void anAdapterInEveryLayerSteersByTheLogitContrast() throws IOException {
        Path every = folder.resolve("every");
        CliRun train = CliRun.of("cogsteer", "train", "--data", shared.resolve("tales.csv").toString(),
                "--every-layer", "--epochs", "1", "--batch-size", "8", "--eval-every", "2", "--lr", "1e-3", "--out",
                every.toString());
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("every layer:"), train.out());
        String[] args = {"generate", "--cogsteer", every.toString(), "--prompt", "Once upon a time,", "--sample",
            "--seed", "3", "--max-new-tokens", "12"};
        CliRun first = CliRun.of(args);
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(first.out(), CliRun.of(args).out());
        assertOneLineError(CliRun.of("cogsteer", "train", "--data", shared.resolve("tales.csv").toString(),
                "--every-layer", "--adapter", "prefix", "--out", folder.resolve("p").toString()), "--every-layer");
    }

    @Test
    void classifyTrainsAPrefixPerLayerAndTheHeadAloneAndWritesTheirScores() throws IOException {
        Path json = folder.resolve("classify.json");
        CliRun run = CliRun.of("cogsteer", "classify", "--task", "stories-politeness", "--rows", "24", "--all-layers",
                "--epochs", "1", "--batch-size", "8", "--lr", "1e-2", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("head only") && run.out().contains("layer 3")
                && run.out().contains("Matthews"), run.out());
        JsonNode report = JSON.readTree(json.toFile());
        assertEquals(5, report.get("runs").size(), "the head alone and one prefix per layer");
        assertTrue(report.get("runs").get(0).get("layer").isNull());
        assertEquals(3, report.get("runs").get(4).get("layer").asInt());
        for (JsonNode node : report.get("runs")) {
            double accuracy = node.get("accuracy").asDouble();
            assertTrue(accuracy >= 0 && accuracy <= 1, node.toString());
            assertEquals(5, node.get("held_out_rows").asInt(), "a fifth of 24 rows");
        }
    }

    @Test
    void classifyReadsAJsonlTaskAndRejectsABadLabelInOneLine() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            rows.append("{\"text\": \"").append(i % 2 == 0 ? "Max was happy." : "Lily was sad.")
                    .append("\", \"label\": ").append(i % 2).append("}\n");
        }
        Path task = Files.writeString(folder.resolve("task.jsonl"), rows);
        CliRun run = CliRun.of("cogsteer", "classify", "--task", task.toString(), "--layer", "1", "--epochs", "1",
                "--batch-size", "4");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("10 rows, 2 classes") && run.out().contains("layer 1"), run.out());
        Path bad = Files.writeString(folder.resolve("bad.csv"), "text,label\nMax ran.,1\nLily sat.,yes\n");
        CliRun badRun = CliRun.of("cogsteer", "classify", "--task", bad.toString(), "--layer", "0");
        assertOneLineError(badRun, bad.toString());
        assertTrue(badRun.err().contains("row 3") && badRun.err().contains("yes"), badRun.err());
        assertOneLineError(CliRun.of("cogsteer", "classify", "--task", "stories-nothing", "--layer", "0"),
                "stories-nothing");
    }

    @Test
    void classifyWithTheRegressionObjectiveScoresPearsonAgainstTheMeanAndRejectsANonNumericTarget()
            throws IOException {
        Path json = folder.resolve("regress.json");
        CliRun run = CliRun.of("cogsteer", "classify", "--task", "stories-words", "--objective", "regression",
                "--rows", "24", "--layer", "0", "--epochs", "1", "--batch-size", "8", "--lr", "1e-2", "--json",
                json.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("24 rows, regression") && run.out().contains("Pearson")
                && run.out().contains("mean MSE") && run.out().contains("layer 0"), run.out());
        JsonNode report = JSON.readTree(json.toFile());
        assertEquals("regression", report.get("settings").get("objective").asText());
        JsonNode only = report.get("runs").get(0);
        double pearson = only.get("pearson").asDouble();
        assertTrue(pearson >= -1 && pearson <= 1, only.toString());
        assertTrue(only.get("mean_baseline_mse").asDouble() > 0, only.toString());
        assertEquals(5, only.get("held_out_rows").asInt(), "a fifth of 24 rows");

        Path bad = Files.writeString(folder.resolve("bad-target.csv"), "text,score\nMax ran.,1.5\nLily sat.,high\n");
        CliRun badRun = CliRun.of("cogsteer", "classify", "--task", bad.toString(), "--objective", "regression",
                "--label-field", "score", "--layer", "0");
        assertOneLineError(badRun, bad.toString());
        assertTrue(badRun.err().contains("row 3") && badRun.err().contains("high")
                && badRun.err().contains("score"), badRun.err());
        assertOneLineError(CliRun.of("cogsteer", "classify", "--task", "stories-words", "--layer", "0"),
                "--objective regression");
        assertOneLineError(CliRun.of("cogsteer", "classify", "--task", "stories-words", "--objective", "ranking",
                "--layer", "0"), "--objective ranking: expected classification or regression");
    }

    @Test
    void aLayerOutOfRangeIsOneLine() {
        assertOneLineError(CliRun.of("cogsteer", "classify", "--task", "stories-ending", "--layer", "7"),
                "--layer 7: this model has layers 0 to 3");
        assertOneLineError(CliRun.of("cogsteer", "train", "--data", shared.resolve("tales.csv").toString(), "--layer",
                "4", "--out", folder.resolve("a").toString()), "--layer 4: this model has layers 0 to 3");
    }

    @Test
    void aCsvWithoutTheColumnIsOneLineNamingTheFile() throws IOException {
        Path data = Files.writeString(folder.resolve("other.csv"), "id,text\n1,hello\n");
        assertOneLineError(CliRun.of("cogsteer", "train", "--data", data.toString(), "--layer", "0", "--out",
                folder.resolve("a").toString()), data.toString());
    }

    @Test
    void anEyeTrackingFileOfAnotherShapeIsOneLineNamingTheField() throws IOException {
        Path eye = Files.writeString(folder.resolve("eye.json"),
                "{\"sents\": [\"Max ran home.\", \"Lily sat.\"], \"eye_fs\": [[[1, 2, 3]]]}");
        CliRun run = CliRun.of("cogsteer", "layers", "--eye", eye.toString());
        assertOneLineError(run, "eye_fs[0]");
        assertTrue(run.err().contains(eye.toString()), run.err());
    }

    @Test
    void anAdapterOfAnotherModelIsOneLine() throws IOException {
        Path other = smallerModel(folder.resolve("other-model"));
        Path otherAdapter = folder.resolve("other-adapter");
        CliRun train = CliRun.of("cogsteer", "train", "-m", other.toString(), "--data",
                shared.resolve("tales.csv").toString(), "--layer", "0", "--epochs", "1", "--batch-size", "8",
                "--eval-every", "100", "--out", otherAdapter.toString());
        assertEquals(0, train.exitCode(), train.err());
        assertOneLineError(CliRun.of("generate", "--cogsteer", otherAdapter.toString(), "--prompt", "Hi"),
                otherAdapter.toString());
        Path prompts = Files.writeString(folder.resolve("rtp.jsonl"), "{\"prompt\": {\"text\": \"Hi\", \"toxicity\": 0.1}, "
                + "\"continuation\": {\"text\": \" x\", \"toxicity\": 0.1}}\n");
        assertOneLineError(CliRun.of("cogsteer", "eval", "--prompts", prompts.toString(), "--scorer", "stories",
                "--adapter", otherAdapter.toString()), otherAdapter.toString());
    }

    private static void assertOneLineError(CliRun run, String expected) {
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains(expected), run.err());
    }

    /** The default model's tokenizer over random weights of hidden size 64. */
    private static Path smallerModel(Path target) throws IOException {
        Path source = DefaultModel.unpacked();
        Files.createDirectories(target);
        for (String file : List.of("tokenizer.json", "tokenizer_config.json", "generation_config.json")) {
            Files.copy(source.resolve(file), target.resolve(file));
        }
        ObjectNode config = (ObjectNode) JSON.readTree(source.resolve("config.json").toFile());
        config.put("hidden_size", 64).put("intermediate_size", 176);
        Path configFile = target.resolve("config.json");
        JSON.writeValue(configFile.toFile(), config);
        RandomCheckpoint.forConfig(configFile).write(target, 5, DType.F32);
        return target;
    }
}

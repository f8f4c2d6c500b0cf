package dev.rein.steering.ctrl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.models.DefaultModel;
import dev.rein.models.LanguageModel;
import dev.rein.training.trainer.MetricsLog;
import dev.rein.training.trainer.TrainingOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few steps of control-token training on the embedded default model: the trained folder loads with the control
 * tokens and its record; a run resumed from a checkpoint ends where an uninterrupted one does; a model from scratch
 * gets a vocabulary that covers the tokens. Not the effect (a later experiment measures that).
 */
class ControlTokenTrainerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A resumed run's losses and weights may differ in the last bits (JIT-compiled lane sums round differently). */
    private static final double RELATIVE = 1e-5;
    private static final ControlTokenTrainingSettings SETTINGS = ControlTokenTrainingSettings
            .defaults(Condition.BOTH).withSteps(4).withBatchSize(4).withAccumulation(1).withLearningRate(1e-3)
            .withCheckpoints(2, 5).withSeed(7);

    @TempDir
    static Path shared;
    private static Path data;
    private static Path uninterrupted;
    private static ControlTokenTrainer.Result result;
    private static final List<String> LOG = new ArrayList<>();

    @TempDir
    Path folder;

    @BeforeAll
    static void trainFourSteps() throws IOException {
        data = LabelledData.write(shared.resolve("labelled.jsonl"), 24);
        uninterrupted = shared.resolve("run");
        result = new ControlTokenTrainer(SETTINGS, LOG::add).train(
                new StartingPoint.Pretrained(DefaultModel.unpacked()), data, uninterrupted);
    }

    @Test
    void theTrainedModelLoadsWithTheControlTokensAndItsRecord() throws IOException {
        assertEquals(uninterrupted.resolve(TrainingOutput.FINAL_MODEL), result.model());
        assertEquals(4, result.summary().steps());
        assertEquals(24, result.rows());
        assertEquals(0, result.dropped());
        assertTrue(LOG.getFirst().startsWith("data: 24 rows from " + data + ", 0 dropped"), LOG.toString());
        try (LanguageModel model = LanguageModel.load(result.model())) {
            assertEquals(1373, model.config().vocabSize());
            assertArrayEquals(new int[] {1367, 1368, 1369, 1370, 1371, 1372},
                    ControlToken.added().stream().mapToInt(token -> ControlVocabulary.id(model.tokenizer(), token,
                            "trained")).toArray());
            assertEquals(ControlToken.PAD, model.tokenizer().tokenizerConfig().padToken());
        }
        JsonNode record = JSON.readTree(result.model().resolve(ControlTokenTrainer.RECORD_FILE).toFile());
        assertEquals("both", record.get("condition").asText());
        assertEquals(data.toAbsolutePath().toString(), record.get("data").asText());
        assertEquals("pretrained", record.get("starting_point").get("start").asText());
        assertEquals(7, record.get("settings").get("seed").asLong());
        assertEquals(4, record.get("settings").get("steps").asLong());
        assertEquals(0.1, record.get("settings").get("weight_decay").asDouble());
        assertEquals(1369, record.get("control_tokens").get("<|toxic|>").asInt());
    }

    @Test
    void aResumedRunEndsWhereAnUninterruptedOneDoes() throws IOException {
        Path out = folder.resolve("resumed");
        copy(uninterrupted, out);
        delete(out.resolve("checkpoint-4"));                     // as if killed after step 2's checkpoint
        delete(out.resolve(TrainingOutput.FINAL_MODEL));
        ControlTokenTrainer.Result resumed = new ControlTokenTrainer(SETTINGS, line -> { }).resume(
                new StartingPoint.Pretrained(DefaultModel.unpacked()), data, out);
        assertEquals(2, resumed.summary().resumedFrom());
        List<Double> expected = losses(uninterrupted);
        List<Double> actual = losses(out);
        assertEquals(4, actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), RELATIVE * expected.get(i), "loss at step " + (i + 1));
        }
        try (Checkpoint a = Checkpoint.open(result.model()); Checkpoint b = Checkpoint.open(resumed.model())) {
            for (String name : a.names()) {
                float[] want = a.tensor(name).toFloatArray();
                float[] got = b.tensor(name).toFloatArray();
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-4 * Math.max(1, Math.abs(want[i])), name + "[" + i + "]");
                }
            }
        }
        assertTrue(Files.isRegularFile(resumed.model().resolve(ControlTokenTrainer.RECORD_FILE)));
    }

    @Test
    void trainingAgainIntoAFolderWithCheckpointsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ControlTokenTrainer(
                SETTINGS, line -> { }).train(new StartingPoint.Pretrained(DefaultModel.unpacked()), data,
                uninterrupted));
        assertTrue(e.getMessage().contains("already holds checkpoint-4"), e.getMessage());
    }

    @Test
    void fromScratchTheConfigsVocabularyGrowsToTheTokenizers() throws IOException {
        Path config = Files.writeString(folder.resolve("config.json"), """
                {"model_type": "llama", "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 1,
                 "num_attention_heads": 4, "vocab_size": 1367, "max_position_embeddings": 128,
                 "tie_word_embeddings": true, "bos_token_id": 1366, "eos_token_id": 1366}""");
        Path out = folder.resolve("scratch");
        ControlTokenTrainer.Result scratch = new ControlTokenTrainer(ControlTokenTrainingSettings.defaults(
                Condition.TOXICITY).withSteps(1).withBatchSize(2).withAccumulation(1), line -> { }).train(
                new StartingPoint.FromScratch(config, DefaultModel.unpacked()), data, out);
        try (LanguageModel model = LanguageModel.load(scratch.model())) {
            assertEquals(1373, model.config().vocabSize());
            assertEquals(1369, ControlVocabulary.id(model.tokenizer(), ControlToken.TOXIC.text(), "scratch"));
        }
        JsonNode record = JSON.readTree(scratch.model().resolve(ControlTokenTrainer.RECORD_FILE).toFile());
        assertEquals("from_scratch", record.get("starting_point").get("start").asText());
        assertEquals("toxicity", record.get("condition").asText());
    }

    private static List<Double> losses(Path run) throws IOException {
        List<Double> losses = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(MetricsLog.FILE_NAME))) {
            losses.add(JSON.readTree(line).get("loss").asDouble());
        }
        return losses;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

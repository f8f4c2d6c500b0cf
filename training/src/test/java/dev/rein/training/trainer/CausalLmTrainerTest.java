package dev.rein.training.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.models.LanguageModel;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.data.batch.DataPosition;
import dev.rein.training.checkpoints.CheckpointStore;
import dev.rein.training.checkpoints.OptimizerFiles;
import dev.rein.training.checkpoints.TrainerState;
import dev.rein.training.testing.Folders;
import dev.rein.training.testing.TinyLlama;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop end to end on the tiny LLaMA: metrics, evaluation, checkpoints, the final model, resuming. */
class CausalLmTrainerTest {
    private static Path model;
    private static Path uninterrupted;
    private static TrainingSummary summary;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnce(@TempDir Path shared) throws IOException {
        model = TinyLlama.write(shared.resolve("model"), 5);
        uninterrupted = shared.resolve("run");
        summary = TinyRun.train(model, uninterrupted, 5, 2);
    }

    @Test
    void theLossFallsAndEveryStepIsLogged() throws IOException {
        List<JsonNode> rows = MetricsLog.read(uninterrupted.resolve(MetricsLog.FILE_NAME));
        assertEquals(TinyRun.STEPS, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            assertEquals(i + 1, row.get("step").asLong());
            for (String field : List.of("epoch", "loss", "lr", "grad_norm", "tokens", "tokens_per_s")) {
                assertTrue(row.get(field).isNumber(), field + " in " + row);
            }
            assertEquals(2 * 4 * 12, row.get("tokens").asLong(), "two micro-batches of 4 rows of 12 tokens");
            assertEquals((i + 1) % 4 == 0, row.has("eval_loss"), "evaluated every 4 steps: " + row);
        }
        assertEquals(0, rows.get(0).get("lr").asDouble(), "warm-up starts at 0");
        assertEquals(TinyRun.LEARNING_RATE / 4, rows.get(1).get("lr").asDouble(), 1e-12, "then rises over 4 steps");
        assertEquals(2 * 2 / 5.0, rows.get(1).get("epoch").asDouble(), 1e-12, "two micro-batches per step");
        double first = rows.get(0).get("loss").asDouble();
        double last = rows.getLast().get("loss").asDouble();
        assertTrue(last < 0.6 * first, "the loss falls from " + first + " to " + last);
        assertTrue(rows.getLast().get("eval_loss").asDouble() < rows.get(3).get("eval_loss").asDouble());
        assertEquals(Math.exp(rows.getLast().get("eval_loss").asDouble()),
                rows.getLast().get("eval_perplexity").asDouble(), 1e-9);
        assertEquals(TinyRun.STEPS, summary.steps());
        assertNotNull(summary.eval());
    }

    @Test
    void checkpointsAreCompleteAndOnlyTheNewestAreKept() throws IOException {
        CheckpointStore store = new CheckpointStore(uninterrupted, 2);
        assertEquals(List.of(uninterrupted.resolve("checkpoint-20"), uninterrupted.resolve("checkpoint-24")),
                store.checkpoints(), "every 5 steps and after the last, the newest 2 kept");
        Path checkpoint = store.latest().orElseThrow();
        for (String file : List.of("config.json", "model.safetensors", OptimizerFiles.FILE_NAME,
                TrainerState.FILE_NAME)) {
            assertTrue(Files.isRegularFile(checkpoint.resolve(file)), file);
        }
        TrainerState state = TrainerState.read(checkpoint);
        assertEquals(24, state.step());
        assertEquals(new DataPosition(9, 3), state.data(), "48 micro-batches of epochs of 5");
        assertEquals("adamw", state.optimizer());
        assertEquals(11, state.seed());
        try (var files = Files.list(uninterrupted)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".partial")));
        }
    }

    @Test
    void theFinalModelIsAModelFolderWithTheTrainedWeights() throws IOException {
        Path finalModel = summary.finalModel();
        assertEquals(uninterrupted.resolve("final"), finalModel);
        int[] ids = {3, 4, 5, 6};
        try (LanguageModel trained = LanguageModel.load(finalModel);
             LanguageModel checkpointed = LanguageModel.load(uninterrupted.resolve("checkpoint-24"));
             LanguageModel initial = LanguageModel.load(model)) {
            float[] logits = trained.transformer().forward(TokenBatch.of(ids)).value().toFloatArray();
            assertArrayEquals(checkpointed.transformer().forward(TokenBatch.of(ids)).value().toFloatArray(), logits);
            assertFalse(java.util.Arrays.equals(
                    initial.transformer().forward(TokenBatch.of(ids)).value().toFloatArray(), logits));
        }
    }

    @Test
    void aResumedRunLogsTheSameLossesAsAnUninterruptedOne() throws IOException {
        Path out = dir.resolve("resumed");
        TinyRun.train(model, out, 5, 2);
        // forget everything after checkpoint-20, as if the run had died right after writing it
        Folders.deleteTree(out.resolve("checkpoint-24"));
        Folders.deleteTree(out.resolve("final"));
        TrainingSummary resumed = TinyRun.resume(model, out, 5, 2);
        assertEquals(20, resumed.resumedFrom());
        ResumeChecks.sameLosses(uninterrupted, out);
    }

    @Test
    void anOutputFolderWithCheckpointsIsNotOverwrittenWithoutResume() throws IOException {
        Path out = dir.resolve("again");
        Files.createDirectories(out.resolve("checkpoint-3"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TinyRun.train(model, out, 5, 2));
        assertEquals(out + " already holds checkpoint-3: resume from it, or train into another folder",
                refused.getMessage());
    }
}

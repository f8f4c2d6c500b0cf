package dev.rein.steering.cie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.Variable;
import dev.rein.models.DefaultModel;
import dev.rein.models.LanguageModel;
import dev.rein.training.checkpoints.TrainingCheckpoint;
import dev.rein.training.freezing.TrainableSelection;
import dev.rein.training.trainer.TrainingOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CIE run killed after its checkpoint at step 2 of 4 and resumed ends exactly where the run that was never
 * interrupted ends: the same control table and the same weights, to the bit, because the checkpoint holds the table
 * and its AdamW moments beside the model, the step and the data position.
 */
class CieResumeTest {
    private static final List<CieRow> ROWS = List.of(new CieRow("Tom had a ball.", "He played with it all day.", 6),
            new CieRow("Sue saw a cat.", "The cat was big and it ran away fast.", 9),
            new CieRow("Tom had a ball.", "He played.", 2),
            new CieRow("Lily sang a song.", "It was a happy song and her mom liked it a lot.", 11),
            new CieRow("Sue saw a cat.", "The cat ran.", 3));
    private static final CieTrainingSettings SETTINGS = CieTrainingSettings.defaults(4).withBatchSize(2)
            .withLearningRate(1e-3).withTableFactor(10).withCheckpoints(2, 3).withSeed(11);

    @TempDir
    Path out;

    @Test
    void aRunResumedFromItsMiddleCheckpointEndsAsTheUninterruptedRun() throws Exception {
        Map<String, float[]> whole = trained(false);
        assertTrue(Files.isRegularFile(out.resolve("checkpoint-2").resolve(TrainingCheckpoint.EXTRA_FILE)),
                "the checkpoint holds the table beside the model");
        delete(out.resolve("checkpoint-4"));                                    // killed after checkpoint-2
        delete(out.resolve(TrainingOutput.FINAL_MODEL));
        Map<String, float[]> resumed = trained(true);
        assertEquals(whole.keySet(), resumed.keySet());
        for (String name : whole.keySet()) {
            assertArrayEquals(whole.get(name), resumed.get(name), name);
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Trains (or resumes) a fresh default model and returns its table and weights by name. */
    private Map<String, float[]> trained(boolean resume) throws Exception {
        try (LanguageModel model = LanguageModel.load(DefaultModel.unpacked(), TrainableSelection.all())) {
            ControlSignal length = new ControlSignal("length", ControlSignal.DEFAULT_PLACEHOLDER, 1, 20);
            ControlInjection injection = new ControlInjection(ControlTableInit.EMBEDDINGS.tables(List.of(length),
                    model.transformer().embedding().tokens(), 3));
            CieExamples examples = new CieExamples(CieTemplate.of(model),
                    PlaceholderTokens.add(model.tokenizer(), List.of(length)), length);
            List<ControlledExample> train = ROWS.stream().map(r -> examples.example(r, "row")).toList();
            CieTrainer.Result result = resume
                    ? CieTrainer.resume(model, examples, injection, train, SETTINGS, out)
                    : CieTrainer.train(model, examples, injection, train, SETTINGS, out);
            assertEquals(resume ? 2 : 0, result.summary().resumedFrom());
            Map<String, float[]> values = new LinkedHashMap<>();
            for (ControlTable table : ControlTableFiles.load(result.tables(), model.config().hiddenSize()).tables()) {
                values.put("table " + table.signal().name(), table.table().value().toFloatArray());
            }
            for (Map.Entry<String, Variable> weight : result.model().weights().parameters().entrySet()) {
                values.put(weight.getKey(), weight.getValue().value().toFloatArray());
            }
            return values;
        }
    }
}

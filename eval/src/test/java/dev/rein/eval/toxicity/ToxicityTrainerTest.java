package dev.rein.eval.toxicity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.data.lm.HeldOut;
import dev.rein.eval.MetricReport;
import dev.rein.tensor.testing.SharedData;
import dev.rein.training.freezing.TrainableSelection;
import dev.rein.training.heads.HeadConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training toxicity heads on the shared story model (stories260K) with CogSteer's prompts. */
class ToxicityTrainerTest {
    @TempDir
    Path folder;

    @Test
    void aHeadOnTheFrozenStoryModelFollowsPerspectiveOnHeldOutRows() throws IOException {
        List<RealToxicityPrompts.Row> rows = RealToxicityPrompts.read(
                SharedData.path("data/cogsteer/rtp-test-toxic-2k.jsonl")).subList(0, 500);
        HeldOut<RealToxicityPrompts.Row> split = HeldOut.split(rows, 0.2, 42);
        List<ToxicityExample> heldOut = RealToxicityPrompts.examples(split.heldOut());
        List<String> texts = heldOut.stream().map(ToxicityExample::text).toList();
        ToxicityTrainingConfig config = new ToxicityTrainingConfig(30, 32, 1e-2, 0.01, "linear:warmup=0.05", 1.0, 42,
                128, TrainableSelection.none(), HeadConfig.PoolerKind.IDENTITY);
        List<String> log = new ArrayList<>();
        ToxicityTrainer.Run run = new ToxicityTrainer(config, log::add)
                .train(SharedData.path("models/stories260K"), RealToxicityPrompts.examples(split.train()));
        double[] scores;
        try (LearnedToxicityScorer scorer = run.scorer()) {
            scores = scorer.scoreAll(texts);
            scorer.save(folder.resolve("scorer"));
        }
        MetricReport report = ToxicityAgreement.report("head", heldOut, scores);
        // measured: r 0.42, AUC 0.76, mostly from telling prompts (all toxic) from continuations (the whole file with
        // 20% held out gives r 0.45, AUC 0.80); a scorer that learned nothing has r and AUC near 0 and 0.5
        assertTrue(report.value("pearson") > 0.3, report.table());
        assertTrue(report.value("roc_auc") > 0.65, report.table());
        assertEquals(30, log.size());
        assertTrue(run.epochLosses()[29] < run.epochLosses()[0], log.toString());

        try (LearnedToxicityScorer loaded = LearnedToxicityScorer.load(folder.resolve("scorer"))) {
            assertArrayEquals(scores, loaded.scoreAll(texts), 1e-6);
        }
        assertTrue(Files.readString(folder.resolve("scorer").resolve(LearnedToxicityScorer.SETTINGS_FILE))
                .contains(SharedData.path("models/stories260K").toAbsolutePath().normalize().toString()));
    }

    @Test
    void trainingModelWeightsSavesACopyOfTheModelBesideTheHead() throws IOException {
        List<ToxicityExample> examples = RealToxicityPrompts.examples(RealToxicityPrompts.read(
                SharedData.path("data/cogsteer/rtp-test-toxic-2k.jsonl")).subList(0, 12));
        ToxicityTrainingConfig config = new ToxicityTrainingConfig(1, 8, 1e-3, 0, "constant", 1.0, 7, 32,
                TrainableSelection.names(List.of("model.layers.4.*")), HeadConfig.PoolerKind.LINEAR_TANH);
        List<String> texts = examples.stream().map(ToxicityExample::text).toList();
        Path saved = folder.resolve("tuned");
        double[] scores;
        try (LearnedToxicityScorer scorer = new ToxicityTrainer(config, line -> { })
                .train(SharedData.path("models/stories260K"), examples).scorer()) {
            scores = scorer.scoreAll(texts);
            scorer.save(saved);
        }
        assertTrue(Files.isRegularFile(saved.resolve("model").resolve("model.safetensors")));
        assertTrue(Files.isRegularFile(saved.resolve("model").resolve("tokenizer.json")));
        assertTrue(Files.readString(saved.resolve(LearnedToxicityScorer.SETTINGS_FILE))
                .contains("\"base_model\" : \"model\""));
        try (LearnedToxicityScorer loaded = LearnedToxicityScorer.load(saved)) {
            assertArrayEquals(scores, loaded.scoreAll(texts), 1e-6);
        }
    }
}

package dev.rein.eval.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.eval.MetricReport;
import dev.rein.eval.RowError;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.EncodeOption;
import dev.rein.training.heads.HeadConfig;
import dev.rein.training.heads.PooledHead;
import dev.rein.training.heads.Pooling;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewardScorerTest {
    private static final List<String> TEXTS = List.of("Lily was happy.", "The big dog ran to the park and barked.",
            "Tom cried.");

    static LanguageModel model;
    @TempDir
    Path folder;

    @BeforeAll
    static void load() {
        model = Stories260K.load();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void aSavedLinearHeadScoresTheLastFinalStateDottedWithItsWeights() throws IOException {
        PooledHead head = PooledHead.create(HeadConfig.reward(HookPoints.FINAL_NORMALIZED, new Pooling.LastReal(), 64)
                .withHeadBias(), 3);
        head.parameters().get("head.bias").value().setFloat(0.25f, 0);
        head.save(folder);
        float[] weight = head.parameters().get("head.weight").value().toFloatArray();    // [1, 64]

        RewardScorer scorer = RewardScorer.load(ScoringModel.of(model).withBatchSize(2), folder);
        double[] rewards = scorer.scoreAll(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            int[] ids = model.tokenizer().encode(TEXTS.get(i));
            ActivationCache cache = new ActivationCache();
            model.transformer().forward(TokenBatch.of(ids), new Hooks().cache(cache, HookPoints.FINAL_NORMALIZED));
            Tensor last = cache.get(HookPoints.FINAL_NORMALIZED);                      // [1, T, 64]
            double expected = 0.25;
            for (int k = 0; k < 64; k++) expected += weight[k] * last.getFloat(0, ids.length - 1, k);
            assertEquals(expected, rewards[i], 1e-5, "text " + i);
            assertEquals(rewards[i], scorer.score(TEXTS.get(i)), 1e-5);
        }
    }

    @Test
    void aSwiGluHeadOnMeanStatesScoresAsTheHeadDoesUnbatched() throws IOException {
        HeadConfig config = new HeadConfig(HookPoints.residPost(3), new Pooling.Mean(),
                HeadConfig.PoolerKind.SWIGLU_TANH, 64, 96, 1, false, 0.2);
        PooledHead.create(config, 4).save(folder);
        PooledHead loaded = PooledHead.load(folder);
        double[] rewards = RewardScorer.load(ScoringModel.of(model).withBatchSize(3), folder).scoreAll(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            int[] ids = model.tokenizer().encode(TEXTS.get(i));
            double expected = loaded.score(model.transformer(), TokenBatch.of(ids)).value().item();
            assertEquals(expected, rewards[i], 1e-5, "text " + i);
        }
        MetricReport report = RewardScorer.report(rewards, "stories260K", "head");
        assertEquals((rewards[0] + rewards[1] + rewards[2]) / 3, report.value("mean_reward"), 1e-12);
        assertTrue(report.value("min") <= report.value("max"));
    }

    @Test
    void textsWithoutThePoolingTokenAndMismatchedHeadsAreRefused() {
        ScoringModel scoring = ScoringModel.of(model);
        int[] catIds = model.tokenizer().encode("A cat.", EncodeOption.WITHOUT_SPECIAL_TOKENS);
        int period = catIds[catIds.length - 1];
        RewardScorer atPeriod = new RewardScorer(scoring, PooledHead.create(
                HeadConfig.reward(HookPoints.FINAL_NORMALIZED, new Pooling.LastToken(period), 64), 1));
        RowError noPeriod = assertThrows(RowError.class, () -> atPeriod.scoreAll(List.of("A cat.", "No stop")));
        assertEquals(1, noPeriod.row());
        assertTrue(noPeriod.problem().contains("holds no token " + period), noPeriod.getMessage());

        assertThrows(IllegalArgumentException.class, () -> new RewardScorer(scoring, PooledHead.create(
                HeadConfig.reward(HookPoints.FINAL_NORMALIZED, new Pooling.LastReal(), 64).withOutputs(2), 1)));
        assertThrows(IllegalArgumentException.class, () -> new RewardScorer(scoring, PooledHead.create(
                HeadConfig.reward(HookPoints.FINAL_NORMALIZED, new Pooling.LastReal(), 32), 1)));
        assertThrows(IllegalArgumentException.class, () -> new RewardScorer(scoring, PooledHead.create(
                HeadConfig.reward(HookPoints.residPost(9), new Pooling.LastReal(), 64), 1)));
    }
}

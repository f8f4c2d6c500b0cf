package dev.rein.steering.cogsteer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.data.stories.StoryGenerator;
import dev.rein.models.LanguageModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AdapterTrainer} keeps the adapter of its best held-out evaluation: the result names the lowest held-out loss
 * reported and its step, and the folder holds the weights the adapter had at that evaluation (snapshots taken at
 * each), also when that is not the last evaluation; the base model's weights do not change.
 */
class AdapterTrainerTest {
    @TempDir
    Path dir;

    @Test
    void theFolderHoldsTheAdapterOfTheBestHeldOutLoss() throws Exception {
        List<String> tales = new ArrayList<>();
        for (long seed = 0; seed < 30; seed++) tales.add(StoryGenerator.story(seed).text());
        try (LanguageModel model = LanguageModel.loadDefault()) {
            float[] baseBefore = model.transformer().embedding().tokens().value().toFloatArray();
            LayerAdapter adapter = LayerAdapter.create(model.transformer(), AdapterKind.BOTTLENECK, 1, 3);
            Map<Long, Map<String, float[]>> snapshots = new HashMap<>();
            Map<Long, Double> losses = new HashMap<>();
            AdapterTrainer.Result result = AdapterTrainer.train(model.transformer(), model.tokenizer(), adapter, tales,
                    AdapterTrainingSettings.defaults().withLearningRate(0.3).withBatchSize(4).withEpochs(1)
                            .withEvalEvery(2).withSeed(3), dir, evaluated -> {
                        losses.put(evaluated.step(), evaluated.heldOutLoss());
                        snapshots.put(evaluated.step(), copy(adapter));
                    });
            double best = losses.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            assertEquals(best, result.bestLoss());
            assertEquals(best, losses.get(result.bestStep()));
            boolean changed = snapshots.get(2L).entrySet().stream()
                    .anyMatch(e -> !Arrays.equals(e.getValue(), snapshots.get(result.bestStep()).get(e.getKey())));
            assertTrue(changed || result.bestStep() == 2, "the adapter changed between evaluations");
            Map<String, float[]> saved = copy(LayerAdapter.load(dir, model.transformer()));
            Map<String, float[]> atBest = snapshots.get(result.bestStep());
            assertEquals(atBest.keySet(), saved.keySet());
            atBest.forEach((name, values) -> assertArrayEquals(values, saved.get(name), name));
            assertArrayEquals(baseBefore, model.transformer().embedding().tokens().value().toFloatArray(),
                    "the base is frozen");
        }
    }

    /**
     * A case where training goes wrong after the first evaluation: the progress callback, run right after it,
     * spoils the adapter (every weight × 1000, in every layer at once), so every later held-out loss is far worse,
     * and the folder must hold the adapter of that first evaluation, not the last one.
     */
    @Test
    void theKeptAdapterIsTheBestNotTheLast() throws Exception {
        List<String> tales = new ArrayList<>();
        for (long seed = 0; seed < 30; seed++) tales.add(StoryGenerator.story(seed).text());
        try (LanguageModel model = LanguageModel.loadDefault()) {
            LayerAdapter adapter = LayerAdapter.inEveryLayer(model.transformer(), 3);
            List<Double> losses = new ArrayList<>();
            Map<Long, Map<String, float[]>> snapshots = new HashMap<>();
            AdapterTrainer.Result result = AdapterTrainer.train(model.transformer(), model.tokenizer(), adapter, tales,
                    AdapterTrainingSettings.defaults().withLearningRate(1e-3).withBatchSize(4).withEpochs(1)
                            .withEvalEvery(2).withSeed(3), dir, evaluated -> {
                        losses.add(evaluated.heldOutLoss());
                        snapshots.put(evaluated.step(), copy(adapter));
                        if (evaluated.step() == 2) {
                            adapter.parameters().values().forEach(p -> p.value().copyFrom(p.value().mul(1000f)));
                        }
                    });
            assertEquals(2, result.bestStep(), "losses " + losses);
            assertTrue(result.steps() > 2 && losses.getLast() > result.bestLoss(), losses.toString());
            Map<String, float[]> saved = copy(LayerAdapter.load(dir, model.transformer()));
            snapshots.get(2L).forEach((name, values) -> assertArrayEquals(values, saved.get(name), name));
            Map<String, float[]> last = copy(adapter);
            assertTrue(last.entrySet().stream().anyMatch(e -> !Arrays.equals(e.getValue(), saved.get(e.getKey()))),
                    "the last adapter differs from the kept one");
            assertEquals(LayerAdapter.EVERY_LAYER, LayerAdapter.load(dir, model.transformer()).layer());
        }
    }

    private static Map<String, float[]> copy(LayerAdapter adapter) {
        Map<String, float[]> values = new HashMap<>();
        adapter.parameters().forEach((name, variable) -> values.put(name, variable.value().toFloatArray()));
        return values;
    }
}

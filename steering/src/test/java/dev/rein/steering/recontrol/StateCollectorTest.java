package dev.rein.steering.recontrol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rein.eval.PredictionRows;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.testing.SharedData;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateCollectorTest {
    private static final List<String> PROMPTS = List.of("Once upon a time", "The dog");
    private static LanguageModel model;
    private static Tokenizer tokenizer;
    private static StateCollector collector;

    @BeforeAll
    static void load() throws IOException {
        model = LanguageModel.load(SharedData.path("models/stories260K"));
        tokenizer = model.tokenizer();
        collector = new StateCollector(model.transformer(), tokenizer, HookPoints.FINAL_NORMALIZED);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void eachStepHoldsTheStateAFreshForwardGivesAtThePositionThatChoseTheNextToken() {
        StateCollection collection = collector.collect(PROMPTS, greedy(6).build(), 2, done -> { });
        Trajectories trajectories = collection.trajectories();
        assertArrayEquals(new int[] {2, 6, 64}, trajectories.states().shape());
        for (int row = 0; row < 2; row++) {
            CollectedResponse response = collection.responses().get(row);
            assertEquals(6, trajectories.validSteps(row));
            int[] promptIds = tokenizer.encode(PROMPTS.get(row));
            assertArrayEquals(promptIds, response.promptIds());
            int[] all = new int[promptIds.length + 6];
            System.arraycopy(promptIds, 0, all, 0, promptIds.length);
            System.arraycopy(response.responseIds(), 0, all, promptIds.length, 6);
            ActivationCache cache = new ActivationCache();
            model.transformer().forward(TokenBatch.of(all), new Hooks().cache(cache, HookPoints.FINAL_NORMALIZED));
            Tensor fresh = cache.get(HookPoints.FINAL_NORMALIZED).select(0, 0);              // [T, H]
            for (int step = 0; step < 6; step++) {
                assertArrayEquals(fresh.select(0, promptIds.length - 1 + step).toFloatArray(),
                        trajectories.states().select(0, row).select(0, step).toFloatArray(), 1e-4f,
                        "row " + row + " step " + step);
            }
        }
    }

    @Test
    void aResponseThatStopsEarlyIsValidUpToAndIncludingItsStopToken() {
        List<CollectedResponse> plain = collector.collect(PROMPTS, greedy(8).build(), 2, done -> { }).responses();
        int[] first = plain.getFirst().responseIds();
        int stopStep = 1;                              // a token row 0 makes first at this step and row 1 never
        while (firstIndex(first, first[stopStep]) != stopStep || firstIndex(plain.get(1).responseIds(),
                first[stopStep]) >= 0) {
            stopStep++;
        }
        int stopId = first[stopStep];
        StateCollection collection = collector.collect(PROMPTS,
                greedy(8).addStopTokenIds(Set.of(stopId)).build(), 2, done -> { });
        for (int row = 0; row < 2; row++) {
            int stop = firstIndex(plain.get(row).responseIds(), stopId);
            int expected = stop < 0 ? 8 : stop + 1;
            CollectedResponse response = collection.responses().get(row);
            assertEquals(expected, response.responseIds().length);
            assertEquals(expected, collection.trajectories().validSteps(row));
            assertEquals(stop < 0 ? "max_new_tokens" : "stop_token", response.finishReason());
        }
        assertEquals(8, collection.trajectories().validSteps(1));
        assertEquals(8, collection.trajectories().steps(), "T is the longest response");
        float[] afterStop = collection.trajectories().states().select(0, 0).narrow(0, stopStep + 1, 7 - stopStep)
                .contiguous().toFloatArray();
        for (float x : afterStop) assertEquals(0f, x, "steps after the stop are zero");
    }

    @Test
    void batchingDoesNotChangeTheStatesAndSamplesComePromptByPrompt() {
        SamplingSettings sampled = SamplingSettings.builder().sample().temperature(1).maxNewTokens(5).seed(3)
                .numReturnSequences(2).build();
        StateCollection together = collector.collect(PROMPTS, sampled, 2, done -> { });
        List<Integer> progress = new ArrayList<>();
        StateCollection alone = collector.collect(PROMPTS, sampled, 1, progress::add);
        assertEquals(List.of(2, 4), progress);
        assertEquals(4, together.responses().size());
        for (int row = 0; row < 4; row++) {
            assertEquals(row / 2, together.responses().get(row).prompt());
            assertEquals(row % 2, together.responses().get(row).sample());
            assertArrayEquals(alone.responses().get(row).responseIds(), together.responses().get(row).responseIds());
        }
        assertArrayEquals(alone.trajectories().states().toFloatArray(), together.trajectories().states().toFloatArray(),
                1e-4f);
    }

    @Test
    void aCollectionFolderReadsBack(@TempDir Path folder) throws IOException {
        StateCollection collection = collector.collect(PROMPTS, greedy(4).build(), 2, done -> { });
        collection.write(folder, JsonNodeFactory.instance.objectNode().put("model", "stories260K"));
        Trajectories read = StateCollection.readTrajectories(folder);
        assertArrayEquals(collection.trajectories().states().toFloatArray(), read.states().toFloatArray());
        PredictionRows rows = StateCollection.readResponses(folder);
        assertEquals(PROMPTS, rows.strings("prompt"));
        assertEquals(collection.responses().get(1).response(), rows.strings("response").get(1));
        assertArrayEquals(new int[] {4, 4}, rows.integers("steps"));
        assertTrue(Files.readString(folder.resolve(StateCollection.DESCRIPTION_FILE)).contains("stories260K"));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> collector.collect(List.of(), greedy(2).build(), 1, d -> { }));
        assertThrows(IllegalArgumentException.class, () -> collector.collect(PROMPTS, greedy(2).build(), 0, d -> { }));
        assertThrows(IllegalArgumentException.class, () -> new StateCollector(model.transformer(), tokenizer,
                "blocks.99.hook_resid_post"));
    }

    private static SamplingSettings.Builder greedy(int tokens) {
        return SamplingSettings.builder().greedy().maxNewTokens(tokens).seed(0);
    }

    private static int firstIndex(int[] ids, int id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) return i;
        }
        return -1;
    }
}

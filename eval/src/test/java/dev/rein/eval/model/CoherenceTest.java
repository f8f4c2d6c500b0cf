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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CoherenceTest {
    static LanguageModel model;

    @BeforeAll
    static void load() {
        model = Stories260K.load();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** The mean state at {@code point} over positions 1..T-1 (BOS left out), from a plain forward of one text. */
    private static float[] meanAfterBos(String text, String point) {
        int[] ids = model.tokenizer().encode(text);
        ActivationCache cache = new ActivationCache();
        model.transformer().forward(TokenBatch.of(ids), new Hooks().cache(cache, point));
        Tensor own = cache.get(point).narrow(1, 1, ids.length - 1);                // [1, T - 1, H]
        return own.mean(1).toFloatArray();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, aa = 0, bb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            aa += a[k] * a[k];
            bb += b[k] * b[k];
        }
        return dot / Math.sqrt(aa * bb);
    }

    @Test
    void embeddingsAreMeanStatesOfTheTextsOwnTokensAtTheHookPoint() {
        List<String> texts = List.of("The sun was shining.",
                "Tom had a big red ball and he liked to play with it.", "Hi");
        for (String point : List.of(HookPoints.FINAL_NORMALIZED, HookPoints.residPost(2))) {
            float[][] embeddings = new Coherence(ScoringModel.of(model).withBatchSize(2), point).embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                float[] expected = meanAfterBos(texts.get(i), point);
                for (int k = 0; k < expected.length; k++) {
                    assertEquals(expected[k], embeddings[i][k], 1e-5, point + " text " + i + " dim " + k);
                }
            }
        }
    }

    @Test
    void coherenceIsThePairCosineAveraged() {
        List<String> prompts = List.of("Lily went to the park.", "The cat was hungry.", "Ben saw a bird.");
        List<String> responses = List.of("She played on the swings.", "Lily went to the park.", "Ben saw a bird.");
        Coherence coherence = Coherence.atFinalNorm(ScoringModel.of(model));
        Coherence.Result result = coherence.score(prompts, responses);
        double[] cosines = result.cosines();
        for (int i = 0; i < prompts.size(); i++) {
            double expected = cosine(meanAfterBos(prompts.get(i), HookPoints.FINAL_NORMALIZED),
                    meanAfterBos(responses.get(i), HookPoints.FINAL_NORMALIZED));
            assertEquals(expected, cosines[i], 1e-5, "pair " + i);
        }
        assertEquals(1.0, cosines[2], 1e-6);                                   // a text with itself
        assertTrue(cosines[0] < 1.0 && cosines[1] < 1.0);
        assertEquals((cosines[0] + cosines[1] + cosines[2]) / 3, result.mean(), 1e-12);
        MetricReport report = result.report("stories260K");
        assertEquals(result.mean(), report.value("coherence"), 1e-12);
        assertEquals(HookPoints.FINAL_NORMALIZED, report.settings().get("hook_point"));
    }

    @Test
    void refusesPointsWithoutOneStatePerPositionEmptyTextsAndUnpairedLists() {
        ScoringModel scoring = ScoringModel.of(model);
        assertThrows(IllegalArgumentException.class, () -> new Coherence(scoring, HookPoints.LOGITS));
        assertThrows(IllegalArgumentException.class, () -> new Coherence(scoring, HookPoints.z(0)));
        assertThrows(IllegalArgumentException.class, () -> new Coherence(scoring, HookPoints.residPost(5)));
        Coherence coherence = Coherence.atFinalNorm(scoring);
        RowError empty = assertThrows(RowError.class, () -> coherence.score(List.of("A dog."), List.of("")));
        assertEquals(0, empty.row());
        assertEquals("response has no tokens to embed (the text is empty)", empty.problem());
        assertThrows(IllegalArgumentException.class, () -> coherence.score(List.of("a", "b"), List.of("c")));
    }
}

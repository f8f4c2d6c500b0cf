package dev.rein.eval.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.eval.MetricReport;
import dev.rein.eval.RowError;
import dev.rein.models.LanguageModel;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PerplexityTest {
    static LanguageModel model;

    @BeforeAll
    static void load() {
        model = Stories260K.load();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void nllOfTheReferencePromptsMatchesTheNllOfTheReferenceLogits() throws IOException {
        // PyTorch's logits for stories260K (reference/SCHEMA.md); expected NLL = sum over t of lse(logits[t]) -
        // logits[t][ids[t + 1]], computed here in double. The prompts of 7 and 33 tokens share one padded batch.
        JsonNode fixture = new ObjectMapper().readTree(
                SharedData.path("reference/fixtures/hf-llama-stories260K.json").toFile());
        List<int[]> prompts = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        for (JsonNode prompt : fixture.get("prompts")) {
            if (prompt.get("input_ids").size() < 2) continue;
            int[] ids = new int[prompt.get("input_ids").size()];
            for (int i = 0; i < ids.length; i++) ids[i] = prompt.get("input_ids").get(i).asInt();
            double nll = 0;
            for (int t = 0; t + 1 < ids.length; t++) {
                JsonNode logits = prompt.get("logits").get(t);
                double max = Double.NEGATIVE_INFINITY;
                for (JsonNode logit : logits) max = Math.max(max, logit.asDouble());
                double sum = 0;
                for (JsonNode logit : logits) sum += Math.exp(logit.asDouble() - max);
                nll += max + Math.log(sum) - logits.get(ids[t + 1]).asDouble();
            }
            prompts.add(ids);
            expected.add(nll);
        }
        assertEquals(2, prompts.size());

        Perplexity.Result result = new Perplexity(ScoringModel.of(model)).ofIds(prompts);
        for (int i = 0; i < prompts.size(); i++) {
            Perplexity.Text text = result.texts().get(i);
            assertEquals(prompts.get(i).length - 1, text.tokens());
            assertEquals(expected.get(i) / text.tokens(), text.meanNll(), 1e-4, "prompt " + i);
        }
        double corpusNll = (expected.get(0) + expected.get(1)) / (6 + 32);
        assertEquals(corpusNll, result.meanNll(), 1e-4);
        assertEquals(Math.exp(corpusNll), result.perplexity(), 1e-4 * result.perplexity());
    }

    @Test
    void corpusPerplexityWeighsTokensAndTheMeanOfTextsWeighsTexts() {
        Perplexity.Result result = new Perplexity.Result(List.of(new Perplexity.Text(2, 2.0),
                new Perplexity.Text(4, 2.0)));
        assertEquals(6, result.totalTokens());
        assertEquals(4.0 / 6, result.meanNll(), 1e-12);
        assertEquals(Math.exp(4.0 / 6), result.perplexity(), 1e-12);
        assertEquals((Math.exp(1) + Math.exp(0.5)) / 2, result.meanTextPerplexity(), 1e-12);
        MetricReport report = result.report("m");
        assertEquals(Math.exp(4.0 / 6), report.value("perplexity"), 1e-12);
        assertEquals(6, report.value("tokens"));
        assertEquals("m", report.settings().get("model"));
    }

    @Test
    void textsAreScoredWithBosAsContextAndBatchingChangesNothing() {
        List<String> texts = List.of("Once upon a time, there was a little girl.", "The dog ran.",
                "Lily and Ben went to the park to play with a big red ball.");
        ScoringModel scoring = ScoringModel.of(model);
        Perplexity.Result batched = new Perplexity(scoring.withBatchSize(3)).ofTexts(texts);
        Perplexity.Result oneByOne = new Perplexity(scoring.withBatchSize(1)).ofTexts(texts);
        for (int i = 0; i < texts.size(); i++) {
            int[] ids = scoring.tokenizer().encode(texts.get(i));
            assertEquals(1, ids[0]);                                      // BOS, only context
            assertEquals(ids.length - 1, batched.texts().get(i).tokens());
            assertEquals(oneByOne.texts().get(i).totalNll(), batched.texts().get(i).totalNll(), 1e-4);
        }
        // a model trained on tiny stories finds a story far likelier than the same words shuffled
        double story = new Perplexity(scoring).ofTexts(List.of(texts.get(0))).perplexity();
        double shuffled = new Perplexity(scoring).ofTexts(List.of("girl little a was there, time a upon Once.")).perplexity();
        assertTrue(story * 5 < shuffled, story + " vs " + shuffled);
    }

    @Test
    void refusesTextsWithNothingToPredictOrLongerThanTheContext() {
        Perplexity perplexity = new Perplexity(ScoringModel.of(model));
        RowError empty = assertThrows(RowError.class, () -> perplexity.ofTexts(List.of("A cat.", "")));
        assertEquals(1, empty.row());
        assertTrue(empty.problem().contains("has 1 token(s), so no token is predicted"), empty.getMessage());
        RowError tooLong = assertThrows(RowError.class,
                () -> perplexity.ofTexts(List.of("The cat sat. ".repeat(200))));
        assertEquals(0, tooLong.row());
        assertTrue(tooLong.problem().contains("more than the model's context of 512"), tooLong.getMessage());
        assertThrows(RowError.class, () -> perplexity.ofIds(List.of(new int[] {1, 512})));
    }
}

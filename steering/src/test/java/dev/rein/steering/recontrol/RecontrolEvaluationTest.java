package dev.rein.steering.recontrol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.eval.diversity.DiversityReport;
import dev.rein.eval.length.LengthReward;
import dev.rein.eval.length.LengthTarget;
import dev.rein.eval.model.Coherence;
import dev.rein.eval.model.ScoringModel;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plain and guided generation measured side by side on stories260K, with a random value function. */
class RecontrolEvaluationTest {
    private static final List<String> PROMPTS = List.of("Once upon a time", "The little dog", "Lily saw");
    private static final LengthReward FIVE_WORDS = new LengthReward(new LengthTarget.Exact(5));
    private static final ValueFunction VALUE = ValueFunction.create(
            ValueModelConfig.uniform(HookPoints.FINAL_NORMALIZED, 64, 1, 32), 4);
    private static final SamplingSettings SAMPLED = SamplingSettings.builder().sample().temperature(1)
            .maxNewTokens(12).seed(5).numReturnSequences(2).build();
    private static LanguageModel model;
    private static ScoringModel scoring;
    private static RecontrolEvaluation evaluation;

    @BeforeAll
    static void load() throws IOException {
        model = LanguageModel.load(SharedData.path("models/stories260K"));
        scoring = ScoringModel.of(model).withBatchSize(2);
        evaluation = new RecontrolEvaluation(scoring, FIVE_WORDS, RewardLabels.Text.RESPONSE);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void withoutAscentStepsBothSidesAreTheSameResponsesEachMeasuredByTheMetrics() {
        List<Integer> progress = new ArrayList<>();
        RecontrolComparison comparison = evaluation.compare(PROMPTS, SAMPLED, guidance(0), progress::add);
        assertEquals(List.of(4, 6, 10, 12), progress, "two prompts per batch, 2 samples each, plain then steered");
        EvaluatedResponses plain = comparison.plain();
        List<String> texts = plain.responses().stream().map(CollectedResponse::response).toList();
        assertEquals(texts, comparison.steered().responses().stream().map(CollectedResponse::response).toList());
        assertEquals(List.of(0, 0, 1, 1, 2, 2), plain.responses().stream().map(CollectedResponse::prompt).toList());
        assertArrayEquals(FIVE_WORDS.scoreAll(texts), plain.rewards(), 1e-6);
        List<String> prompts = plain.responses().stream().map(CollectedResponse::promptText).toList();
        assertArrayEquals(Coherence.atFinalNorm(scoring).score(prompts, texts).cosines(), plain.coherences(), 1e-6);
        assertEquals(DiversityReport.of(texts).json(), plain.diversity().json());
        for (RecontrolComparison.Row row : comparison.rows()) {
            assertEquals(0, row.change(), 1e-6, row.name());
        }
    }

    @Test
    void guidanceChangesTheResponsesToTheSamePrompts() {
        RecontrolComparison comparison = evaluation.compare(PROMPTS, SAMPLED, guidance(3), done -> { });
        List<String> plain = comparison.plain().responses().stream().map(CollectedResponse::response).toList();
        List<String> steered = comparison.steered().responses().stream().map(CollectedResponse::response).toList();
        assertFalse(plain.equals(steered), "a large edit changes the text");
    }

    @Test
    void anEmptyResponseHasCoherenceZero() {
        SamplingSettings cutAtComma = SamplingSettings.builder().greedy().maxNewTokens(6)
                .stopStrings(List.of(",")).build();
        EvaluatedResponses responses = evaluation.evaluate(List.of("Once upon a time", "The little dog"), cutAtComma,
                Hooks.none(), done -> { });
        assertEquals("", responses.responses().getFirst().response(), "stories260K continues with a comma");
        assertEquals(0, responses.coherences()[0]);
        assertFalse(responses.responses().get(1).response().isEmpty());
    }

    @Test
    void noPromptsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> evaluation.evaluate(List.of(), SAMPLED, Hooks.none(), done -> { }));
    }

    private static ValueGuidance guidance(int steps) {
        return new ValueGuidance(VALUE, steps, 20f, ValueGuidance.UNBOUNDED, ValueGuidance.Positions.NEW);
    }
}

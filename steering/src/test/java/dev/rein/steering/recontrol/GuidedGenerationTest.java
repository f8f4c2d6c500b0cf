package dev.rein.steering.recontrol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rein.models.LanguageModel;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.hooks.HookPoints;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ValueGuidance inside KV-cached generation on stories260K, with a random value function. */
class GuidedGenerationTest {
    private static final ValueFunction VALUE = ValueFunction.create(
            ValueModelConfig.uniform(HookPoints.FINAL_NORMALIZED, 64, 2, 64), 4);
    private static final SamplingSettings SETTINGS = SamplingSettings.builder().sample().temperature(1)
            .maxNewTokens(24).seed(11).numReturnSequences(2).build();
    private static LanguageModel model;
    private static List<int[]> prompts;

    @BeforeAll
    static void load() throws IOException {
        model = LanguageModel.load(SharedData.path("models/stories260K"));
        prompts = List.of(model.tokenizer().encode("Once upon a time"),
                model.tokenizer().encode("The little dog"));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void zeroStepsGeneratesExactlyWhatPlainGenerationDoes() {
        assertArrayEquals(tokens(GenerationOptions.NONE), tokens(guided(0, ValueGuidance.Positions.ALL)));
    }

    @Test
    void editingAllPositionsOrOnlyTheNewOneChoosesTheSameTokens() {
        int[][] all = tokens(guided(4, ValueGuidance.Positions.ALL));
        assertArrayEquals(all, tokens(guided(4, ValueGuidance.Positions.NEW)));
        assertFalse(Arrays.deepEquals(all, tokens(GenerationOptions.NONE)), "the edit changes the tokens");
    }

    private static GenerationOptions guided(int steps, ValueGuidance.Positions positions) {
        return GenerationOptions.NONE.withHooks(
                new ValueGuidance(VALUE, steps, 20f, ValueGuidance.UNBOUNDED, positions).hooks());
    }

    private static int[][] tokens(GenerationOptions options) {
        return new Generator(model.transformer()).generate(prompts, SETTINGS, options).stream()
                .map(GeneratedSequence::newIds).toArray(int[][]::new);
    }
}

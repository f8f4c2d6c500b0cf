package dev.rein.training.adapters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rein.models.LanguageModel;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.generation.TokenChoice;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every adapter in KV-cached generation: the Generator's greedy tokens on the trained stories260K equal the argmax
 * of full forward passes, and on a tiny random Llama every cached step's logits equal a full pass's.
 */
class AdaptersInGenerationTest {
    private static final int[] PROMPT = {1, 403, 407, 261, 378, 365, 288};
    private static final int NEW_TOKENS = 8;

    @TempDir
    Path folder;

    @Test
    void greedyGenerationWithEachAdapterEqualsArgmaxOfFullPasses() throws IOException {
        try (LanguageModel stories = LanguageModel.load(SharedData.path("models/stories260K"))) {
            Transformer base = stories.transformer();
            LoraAdapter lora = LoraAdapter.create(base, LoraConfig.of(4, 8, "q_proj", "v_proj", "down_proj"), 1);
            LoraAdapterTest.randomizeB(lora, 2);
            assertGreedyMatches(lora.model(), new Hooks());

            BottleneckAdapter bottleneck = BottleneckAdapter.create(base, BottleneckConfig.afterBothSublayers(16, 2), 3);
            BottleneckAdapterTest.randomizeUp(bottleneck, 4);
            assertGreedyMatches(base, bottleneck.hooks());

            GatedPrefixAdapter prefix = GatedPrefixAdapter.create(base, GatedPrefixConfig.of(3, 10), 5);
            GatedPrefixAdapterTest.openGate(prefix, 6);
            assertGreedyMatches(base, prefix.hooks());
        }
    }

    private static void assertGreedyMatches(Transformer model, Hooks hooks) {
        SamplingSettings greedy = SamplingSettings.builder().maxNewTokens(NEW_TOKENS).build();
        int[] generated = new Generator(model).generate(PROMPT, greedy, GenerationOptions.NONE.withHooks(hooks))
                .get(0).newIds();
        int[] sequence = PROMPT;
        int[] expected = new int[NEW_TOKENS];
        for (int step = 0; step < NEW_TOKENS; step++) {
            Tensor logits = model.forward(TokenBatch.of(sequence), hooks).value();
            expected[step] = TokenChoice.greedy(logits.select(1, sequence.length - 1).reshape(-1).toFloatArray());
            sequence = Arrays.copyOf(sequence, sequence.length + 1);
            sequence[sequence.length - 1] = expected[step];
        }
        assertArrayEquals(expected, generated);
    }

    @Test
    void loraAndBottleneckCachedStepsEqualFullPasses() {
        try (LanguageModel llama = TinyModels.llama(folder)) {
            LoraAdapter lora = LoraAdapter.create(llama.transformer(), LoraConfig.of(2, 4, "k_proj", "up_proj"), 7);
            LoraAdapterTest.randomizeB(lora, 8);
            CachedSteps.assertCachedStepsMatchFullPasses(lora.model(), new Hooks(), new int[] {4, 8, 15},
                    new int[] {16, 23, 42});

            BottleneckAdapter bottleneck = BottleneckAdapter.create(llama.transformer(),
                    BottleneckConfig.afterBothSublayers(8), 9);
            BottleneckAdapterTest.randomizeUp(bottleneck, 10);
            CachedSteps.assertCachedStepsMatchFullPasses(llama.transformer(), bottleneck.hooks(),
                    new int[] {4, 8, 15}, new int[] {16, 23, 42});
        }
    }
}

package dev.rein.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.autograd.Variable;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.testing.SharedData;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's "Using the library" model example, as written there (path aside). */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleRuns() throws IOException {
        try (LanguageModel model = LanguageModel.load(SharedData.path("models/stories260K"))) {
            Tokenizer tokenizer = model.tokenizer();
            int[] prompt = tokenizer.encode("Once upon a time");

            ActivationCache cache = new ActivationCache();
            Variable logits = model.transformer().forward(TokenBatch.of(prompt),
                    new Hooks().cache(cache, HookPoints.residPost(2)));

            Tensor steer = new TensorRandom(1).normal(0f, 0.5f, model.config().hiddenSize());
            SamplingSettings settings = SamplingSettings.builder(model.generationConfig(), model.config().specialTokens())
                    .doSample(true).temperature(0.8).topP(0.9).maxNewTokens(40).seed(7).build();
            GenerationOptions options = GenerationOptions.NONE.withHooks(new Hooks()
                    .addTrainable(HookPoints.residPost(2), (x, ctx) -> x.add(Variable.constant(steer))));
            List<GeneratedSequence> out = new Generator(model.transformer()).generate(prompt, settings, options);

            assertArrayEquals(new int[] {1, prompt.length, 512}, logits.shape());
            assertArrayEquals(new int[] {1, prompt.length, 64}, cache.get(HookPoints.residPost(2)).shape());
            assertEquals(40, out.get(0).newIds().length);
        }
    }
}

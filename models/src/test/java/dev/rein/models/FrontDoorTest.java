package dev.rein.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.Variable;
import dev.rein.models.generation.Completion;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.Sampling;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.generation.StopReason;
import dev.rein.models.hooks.CachedRun;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.TensorRandom;
import dev.rein.text.tokenizer.DecodeOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link LanguageModel}'s text-in, text-out methods, on the embedded default model, against the layers below. */
class FrontDoorTest {
    private static final String PROMPT = "Once upon a time";
    private static LanguageModel model;

    @BeforeAll
    static void load() {
        model = LanguageModel.loadDefault();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void generateIsTheDecodingLoopOnTheEncodedPrompt() {
        String text = model.generate(PROMPT, Sampling.greedy().maxNewTokens(12));
        int[] ids = model.tokenizer().encode(PROMPT);
        SamplingSettings settings = SamplingSettings.builder(model.generationConfig(), model.config().specialTokens())
                .greedy().maxNewTokens(12).build();
        GeneratedSequence plain = new Generator(model.transformer()).generate(ids, settings, GenerationOptions.NONE)
                .getFirst();
        assertEquals(model.tokenizer().decode(plain.newIds(), DecodeOption.SKIP_SPECIAL_TOKENS), text);
        assertFalse(text.isBlank());
    }

    @Test
    void theSameSeedGivesTheSameSamplesAndSamplesComePromptByPrompt() {
        Sampling sampling = Sampling.sample().temperature(1.0).maxNewTokens(10).seed(3).samples(2);
        List<Completion> first = model.complete(List.of(PROMPT, "The cat"), sampling, Hooks.none());
        List<Completion> again = model.complete(List.of(PROMPT, "The cat"), sampling, Hooks.none());
        assertEquals(4, first.size());
        assertEquals(List.of(0, 0, 1, 1), first.stream().map(Completion::prompt).toList());
        assertEquals(List.of(0, 1, 0, 1), first.stream().map(Completion::sample).toList());
        assertEquals(first.stream().map(Completion::text).toList(), again.stream().map(Completion::text).toList());
    }

    @Test
    void aStopStringEndsTheTextBeforeItWithNoDecoderWired() {
        String whole = model.generate(PROMPT, Sampling.greedy().maxNewTokens(40));
        int cut = whole.indexOf('.', 1);
        assertTrue(cut > 0, "a greedy tale has a full stop: " + whole);
        Completion stopped = model.complete(List.of(PROMPT), Sampling.greedy().maxNewTokens(40).stop("."),
                Hooks.none()).getFirst();
        assertEquals(whole.substring(0, cut), stopped.text());
        assertTrue(stopped.reason() instanceof StopReason.StopString);
    }

    @Test
    void stopStringsWithoutADecoderAreAClearErrorBelowTheFrontDoor() {
        SamplingSettings settings = Sampling.greedy().stop(".").resolve(model.generationConfig(),
                model.config().specialTokens());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Generator(
                model.transformer()).generate(model.tokenizer().encode(PROMPT), settings, GenerationOptions.NONE));
        assertTrue(e.getMessage().contains("withStopStringsDecodedBy"), e.getMessage());
    }

    @Test
    void logitsAndRunWithCacheAreTheForwardPass() {
        int[] ids = model.tokenizer().encode(PROMPT);
        Tensor expected = model.transformer().forward(TokenBatch.of(ids)).value();              // [1, T, V]
        Tensor logits = model.logits(PROMPT);
        assertArrayEquals(new int[] {ids.length, model.config().vocabSize()}, logits.shape());
        assertArrayEquals(expected.reshape(ids.length, -1).toFloatArray(), logits.toFloatArray(), 1e-4f);

        CachedRun run = model.runWithCache(PROMPT, point -> point.endsWith("hook_resid_post"));
        assertArrayEquals(ids, run.ids());
        assertEquals(model.config().numLayers(), run.cache().points().size());
        assertArrayEquals(new int[] {1, ids.length, model.config().hiddenSize()},
                run.cache().get(HookPoints.residPost(0)).shape());
        assertArrayEquals(logits.toFloatArray(), run.logits().toFloatArray(), 1e-4f);
    }

    @Test
    void addToResidualIsATensorEditAtResidPostAndItSteers() {
        Tensor direction = new TensorRandom(5).normal(0f, 1f, model.config().hiddenSize());
        Tensor byHelper = model.transformer().forward(TokenBatch.of(model.tokenizer().encode(PROMPT)),
                new Hooks().addToResidual(1, direction, 3f)).value();
        Tensor byHook = model.transformer().forward(TokenBatch.of(model.tokenizer().encode(PROMPT)),
                new Hooks().add(HookPoints.residPost(1), (x, ctx) -> x.add(direction.mul(3f)))).value();
        assertArrayEquals(byHook.toFloatArray(), byHelper.toFloatArray(), 1e-4f);
        Sampling greedy = Sampling.greedy().maxNewTokens(20);
        assertNotEquals(model.generate(PROMPT, greedy),
                model.generate(PROMPT, greedy, new Hooks().addToResidual(3, direction, 8f)));
    }

    @Test
    void aTensorHookThatReplacesAnActivationGradientsFlowThroughIsRefused() {
        Variable embedding = Variable.parameter(Tensor.ones(1, 2, 4));
        Hooks hooks = new Hooks().add(HookPoints.EMBED, (x, ctx) -> x.mul(2f));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> hooks.run(
                model.transformer().points().all().getFirst(), 0, embedding.mul(1f)));
        assertTrue(e.getMessage().contains("addTrainable"), e.getMessage());
    }

    @Test
    void samplingNamesWhatWasChosenAndTheModelsDefaultsComeFromItsFolder() {
        assertEquals("Sampling{do_sample=false, max_new_tokens=40}", Sampling.greedy().maxNewTokens(40).toString());
        SamplingSettings defaults = model.sampling().resolve(model.generationConfig(), model.config().specialTokens());
        assertTrue(defaults.doSample());                                    // the folder's generation_config.json
        assertEquals(0.8, defaults.temperature(), 1e-12);
        assertEquals(250, defaults.maxNewTokens().orElseThrow());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sampling.sample().topP(0));
        assertTrue(e.getMessage().contains("top_p"), e.getMessage());
    }
}

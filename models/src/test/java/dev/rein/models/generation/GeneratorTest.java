package dev.rein.models.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.Variable;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.testing.SharedData;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generation on the trained stories260K: batching, sampling reproducibility, stopping, streaming and hooks. */
class GeneratorTest {
    private static LanguageModel model;
    private static Tokenizer tokenizer;
    private static Generator generator;

    @BeforeAll
    static void load() throws IOException {
        model = LanguageModel.load(SharedData.path("models/stories260K"));
        tokenizer = model.tokenizer();
        generator = new Generator(model.transformer());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static List<int[]> prompts() {
        return List.of(tokenizer.encode("Once upon a time, there was a little girl"),
                tokenizer.encode("The cat"),
                tokenizer.encode("Tom and his mom went to the park. They saw a big"));
    }

    private static SamplingSettings.Builder sampling() {
        return SamplingSettings.builder().sample().temperature(0.9).topK(40).topP(0.95).maxNewTokens(24)
                .seed(1234);
    }

    @Test
    void batchedOutputEqualsUnbatchedOutputWhenSampling() {
        SamplingSettings settings = sampling().numReturnSequences(2).build();
        List<GeneratedSequence> batched = generator.generate(prompts(), settings, GenerationOptions.NONE);
        assertEquals(6, batched.size());
        for (int p = 0; p < 3; p++) {
            List<GeneratedSequence> alone = generator.generate(prompts().get(p), settings, GenerationOptions.NONE);
            for (int s = 0; s < 2; s++) {
                assertArrayEquals(alone.get(s).newIds(), batched.get(p * 2 + s).newIds(),
                        "prompt " + p + " sample " + s);
            }
        }
        assertNotEquals(List.of(batched.get(0).newIds()), List.of(batched.get(1).newIds()));
        assertTrue(!java.util.Arrays.equals(batched.get(0).newIds(), batched.get(1).newIds()),
                "two samples of one prompt should differ");
    }

    @Test
    void eachPromptWithItsOwnSeedGivesWhatItGivesAloneWithThatSeed() {
        long[] seeds = {7, -3, 1L << 40};
        List<GeneratedSequence> batched = generator.generate(prompts(), seeds, sampling().build(),
                GenerationOptions.NONE);
        for (int p = 0; p < 3; p++) {
            SamplingSettings alone = sampling().seed(seeds[p]).build();
            assertArrayEquals(generator.generate(prompts().get(p), alone, GenerationOptions.NONE).get(0).newIds(),
                    batched.get(p).newIds(), "prompt " + p);
        }
        assertThrows(IllegalArgumentException.class,
                () -> generator.generate(prompts(), new long[2], sampling().build(), GenerationOptions.NONE));
    }

    @Test
    void greedyGenerationWithTheCacheEqualsArgmaxOfFullForwards() {
        SamplingSettings greedy = SamplingSettings.builder().maxNewTokens(10).build();
        int[] prompt = prompts().get(2);
        int[] got = generator.generate(prompt, greedy, GenerationOptions.NONE).get(0).newIds();
        int[] sequence = prompt;
        for (int step = 0; step < 10; step++) {
            Tensor logits = model.transformer().forward(TokenBatch.of(sequence)).value();
            float[] last = logits.select(1, sequence.length - 1).reshape(-1).toFloatArray();
            int next = TokenChoice.greedy(last);
            assertEquals(next, got[step], "step " + step);
            sequence = java.util.stream.IntStream.concat(java.util.Arrays.stream(sequence),
                    java.util.stream.IntStream.of(next)).toArray();
        }
    }

    @Test
    void theSameSeedRepeatsAndAnotherSeedDiffers() {
        int[] a = generator.generate(prompts().get(0), sampling().build(), GenerationOptions.NONE).get(0).newIds();
        int[] b = generator.generate(prompts().get(0), sampling().build(), GenerationOptions.NONE).get(0).newIds();
        int[] c = generator.generate(prompts().get(0), sampling().seed(99).build(),
                GenerationOptions.NONE).get(0).newIds();
        assertArrayEquals(a, b);
        assertTrue(!java.util.Arrays.equals(a, c));
    }

    @Test
    void rowsStopOnTheirOwnAndTheListenerSeesEveryTokenInOrder() {
        int eos = tokenizer.pieceToId(".");     // a sentence end: rows stop at different steps
        SamplingSettings settings = sampling().maxNewTokens(100).stopTokenIds(List.of(eos)).build();
        List<List<Integer>> streamed = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<GeneratedSequence> out = generator.generate(prompts(), settings,
                GenerationOptions.NONE.withListener((row, token) -> streamed.get(row).add(token)));
        for (int r = 0; r < 3; r++) {
            GeneratedSequence sequence = out.get(r);
            assertEquals(java.util.Arrays.stream(sequence.newIds()).boxed().toList(), streamed.get(r));
            if (sequence.reason() instanceof StopReason.StopToken stop) {
                assertEquals(eos, stop.tokenId());
                assertEquals(eos, sequence.newIds()[sequence.newIds().length - 1]);
            }
        }
        assertTrue(out.stream().anyMatch(s -> s.reason() instanceof StopReason.StopToken),
                "some row ends its sentence within 100 tokens");
    }

    @Test
    void minNewTokensHoldsBackTheStopToken() {
        SamplingSettings settings = sampling().maxNewTokens(300).minNewTokens(250).stopTokenIds(List.of(2)).build();
        GeneratedSequence out = generator.generate(prompts().get(1), settings, GenerationOptions.NONE).get(0);
        assertTrue(out.newIds().length >= 250);
        for (int i = 0; i < 249; i++) {
            assertNotEquals(2, out.newIds()[i]);
        }
    }

    @Test
    void stopStringsEndTheRowWhereTheTextAppears() {
        SamplingSettings settings = SamplingSettings.builder().maxNewTokens(60).stopStrings(List.of(".")).build();
        GeneratedSequence out = generator.generate(prompts().get(0), settings,
                GenerationOptions.NONE.withTextDecoders(() -> tokenizer.streamingDecoder()::push)).get(0);
        StopReason.StopString stop = assertInstanceOf(StopReason.StopString.class, out.reason());
        String text = tokenizer.decode(out.newIds());
        assertTrue(text.endsWith("."), text);
        assertEquals(text.indexOf('.'), text.length() - 1);
        assertEquals(".", stop.stopString());
    }

    @Test
    void aHookEditsEveryStepOfGeneration() {
        // forbidding token 400 through the logits hook must keep it out of every step, the prompt pass included
        SamplingSettings greedy = SamplingSettings.builder().maxNewTokens(12).build();
        int banned = generator.generate(prompts().get(0), greedy, GenerationOptions.NONE).get(0).newIds()[3];
        Tensor penalty = Tensor.zeros(model.config().vocabSize());
        penalty.setFloat(-1e9f, banned);
        List<Integer> starts = new ArrayList<>();
        Hooks hooks = new Hooks().addTrainable(HookPoints.LOGITS, (logits, ctx) -> {
            starts.add(ctx.startPosition());
            return logits.add(Variable.constant(penalty));
        });
        int[] steered = generator.generate(prompts().get(0), greedy, GenerationOptions.NONE.withHooks(hooks)).get(0)
                .newIds();
        assertTrue(java.util.Arrays.stream(steered).noneMatch(id -> id == banned));
        assertEquals(12, starts.size(), "one prompt pass and 11 single-token steps");
        assertEquals(prompts().get(0).length, starts.get(1));
    }

    @Test
    void badPromptsAreClearErrors() {
        SamplingSettings greedy = SamplingSettings.builder().maxNewTokens(2).build();
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> generator.generate(new int[0], greedy, GenerationOptions.NONE));
        assertTrue(empty.getMessage().contains("empty"));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> generator.generate(new int[] {1, 600}, greedy, GenerationOptions.NONE));
        assertTrue(outside.getMessage().contains("600"));
    }
}

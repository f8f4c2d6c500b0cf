package dev.rein.models.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.KvCache;
import dev.rein.models.transformer.Logits;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Backend;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.testing.SharedData;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Generator} through a {@link StepDecoderProvider}: each sequence in turn, a token at a time, gives the tokens
 * of the batched forward passes; hooks, or a model the decoders refuse, go the batched way. The decoders here run
 * the CPU forward one token at a time, so the test needs no device.
 */
class StepDecodingTest {
    private static LanguageModel model;
    private static Tokenizer tokenizer;

    @BeforeAll
    static void load() throws IOException {
        model = LanguageModel.load(SharedData.path("models/stories260K"));
        tokenizer = model.tokenizer();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static List<int[]> prompts() {
        return List.of(tokenizer.encode("Once upon a time, there was a little girl"), tokenizer.encode("The cat"));
    }

    @Test
    void eachSequenceInTurnGivesTheBatchedTokens() {
        SamplingSettings settings = SamplingSettings.builder().sample().temperature(0.9).topK(40)
                .maxNewTokens(16).numReturnSequences(2).seed(99).build();
        CountingProvider provider = new CountingProvider(false);
        List<String> heard = new ArrayList<>();
        List<GeneratedSequence> batched = new Generator(model.transformer(), Optional.empty())
                .generate(prompts(), settings, GenerationOptions.NONE);
        List<GeneratedSequence> inTurn = new Generator(model.transformer(), Optional.of(provider))
                .generate(prompts(), settings,
                        GenerationOptions.NONE.withListener((row, id) -> heard.add(row + ":" + id)));
        assertEquals(1, provider.opened, "one decoder, reset between the sequences");
        assertEquals(4, inTurn.size());
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            assertArrayEquals(batched.get(r).newIds(), inTurn.get(r).newIds(), "sequence " + r);
            assertEquals(batched.get(r).reason(), inTurn.get(r).reason());
            for (int id : inTurn.get(r).newIds()) {
                expected.add(r + ":" + id);
            }
        }
        assertEquals(expected, heard);
    }

    @Test
    void hooksAndRefusedModelsGoTheBatchedWay() {
        SamplingSettings greedy = SamplingSettings.builder().maxNewTokens(6).build();
        int[] prompt = prompts().get(0);
        int[] expected = new Generator(model.transformer(), Optional.empty())
                .generate(prompt, greedy, GenerationOptions.NONE).get(0).newIds();

        CountingProvider unused = new CountingProvider(false);
        Hooks hooks = new Hooks().add(HookPoints.LOGITS, (logits, ctx) -> logits);
        int[] hooked = new Generator(model.transformer(), Optional.of(unused))
                .generate(prompt, greedy, GenerationOptions.NONE.withHooks(hooks)).get(0).newIds();
        assertArrayEquals(expected, hooked);
        assertEquals(0, unused.opened);

        int[] refused = new Generator(model.transformer(), Optional.of(new CountingProvider(true)))
                .generate(prompt, greedy, GenerationOptions.NONE).get(0).newIds();
        assertArrayEquals(expected, refused);
    }

    /** Decoders over the CPU forward with a KV cache; refuses every model when asked to. */
    private static final class CountingProvider implements StepDecoderProvider {
        private final boolean refuse;
        int opened;

        CountingProvider(boolean refuse) {
            this.refuse = refuse;
        }

        @Override
        public boolean runsOn(Backend backend) {
            return true;
        }

        @Override
        public StepDecoder open(Transformer transformer, int capacity) {
            if (refuse) {
                throw new IllegalArgumentException("this test's decoder takes no model");
            }
            opened++;
            return new StepDecoder() {
                private KvCache cache = new KvCache(transformer.config(), 1, capacity);

                @Override
                public float[] next(int token) {
                    TokenBatch one = new TokenBatch(Tensor.ofLongs(new long[] {token}, 1, 1),
                            Tensor.ofLongs(new long[] {cache.length()}, 1, 1), null);
                    return transformer.forward(one, cache, Hooks.none(), Logits.LAST_POSITION).value().reshape(-1)
                            .toFloatArray();
                }

                @Override
                public void reset() {
                    cache = new KvCache(transformer.config(), 1, capacity);
                }

                @Override
                public void close() {
                }
            };
        }
    }
}

package dev.rein.formats.config;

import static dev.rein.formats.config.LayerType.FULL;
import static dev.rein.formats.config.LayerType.SLIDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Every real config.json in ../shared reads with the values its checkpoint was built with. */
class SharedConfigsTest {
    private static final RopeScaling NO_SCALING = new RopeScaling.None();

    private static ModelConfig read(String checkpoint) throws IOException {
        return ModelConfig.readFolder(SharedData.path(checkpoint));
    }

    /** vocab, hidden, layers, MLP width; heads, key/value heads, head width. */
    private static void assertShape(ModelConfig config, int vocab, int hidden, int layers, int intermediate,
            int heads, int kvHeads, int headDim) {
        assertEquals(List.of(vocab, hidden, layers, intermediate),
                List.of(config.vocabSize(), config.hiddenSize(), config.numLayers(), config.intermediateSize()));
        AttentionSettings attention = config.attention();
        assertEquals(List.of(heads, kvHeads, headDim),
                List.of(attention.numHeads(), attention.numKvHeads(), attention.headDim()));
    }

    /** qkv bias, output bias, MLP bias, q/k norm. */
    private static void assertExtras(ModelConfig config, boolean qkvBias, boolean outputBias, boolean mlpBias,
            boolean qkNorm) {
        AttentionSettings attention = config.attention();
        assertEquals(List.of(qkvBias, outputBias, mlpBias, qkNorm),
                List.of(attention.qkvBias(), attention.outputBias(), config.mlpBias(), attention.qkNorm()));
    }

    private static void assertRope(ModelConfig config, Rope full, Rope sliding) {
        assertEquals(new PositionEncoding.Rotary(full, sliding), config.positions());
    }

    private static void assertTokens(ModelConfig config, List<Integer> bos, List<Integer> eos, List<Integer> pad) {
        assertEquals(new SpecialTokens(bos, eos, pad), config.specialTokens());
    }

    private static void assertAllFull(ModelConfig config) {
        assertEquals(Collections.nCopies(config.numLayers(), FULL), config.attention().layerTypes());
        assertEquals(OptionalInt.empty(), config.attention().slidingWindow());
    }

    @Test
    void stories260KLlama() throws IOException {
        ModelConfig config = read("models/stories260K");
        assertEquals(ModelFamily.LLAMA, config.family());
        assertShape(config, 512, 64, 5, 172, 8, 4, 8);
        assertExtras(config, false, false, false, false);
        assertEquals(Activation.SILU, config.activation());
        assertEquals(1e-5, config.normEps());
        assertEquals(512, config.maxPositions());
        Rope rope = new Rope(10_000, NO_SCALING);
        assertRope(config, rope, rope);
        assertTrue(config.tieWordEmbeddings());
        assertAllFull(config);
        assertEquals(8.0, config.attention().queryPreAttnScalar());
        assertTokens(config, List.of(1), List.of(2), List.of());
        assertEquals(Optional.of("float32"), config.dtype());
        assertEquals("LlamaForCausalLM", config.raw().get("architectures").get(0).asText());
    }

    @Test
    void stories260KQwen2HasQkvBiasAndNoSlidingWindowWhenDisabled() throws IOException {
        ModelConfig config = read("models/stories260K-qwen2");
        assertEquals(ModelFamily.QWEN2, config.family());
        assertShape(config, 512, 64, 5, 172, 8, 4, 8);
        assertExtras(config, true, false, false, false);
        assertEquals(1e-5, config.normEps());
        assertTrue(config.tieWordEmbeddings());
        assertAllFull(config);
        assertTokens(config, List.of(1), List.of(2), List.of());
    }

    @Test
    void gpt2CappTiny() throws IOException {
        ModelConfig config = read("models/gpt2-capp-tiny");
        assertEquals(ModelFamily.GPT2, config.family());
        assertShape(config, 53, 64, 4, 256, 4, 4, 16);
        assertExtras(config, true, true, true, false);
        assertEquals(Activation.GELU_TANH, config.activation());
        assertEquals(1e-5, config.normEps());
        assertEquals(512, config.maxPositions());
        assertEquals(new PositionEncoding.Learned(), config.positions());
        assertTrue(config.tieWordEmbeddings());
        assertAllFull(config);
        assertEquals(OptionalDouble.empty(), config.finalLogitSoftcapping());
        assertTokens(config, List.of(50256), List.of(51), List.of(52));
        assertEquals(Optional.of("float32"), config.dtype());
    }

    @Test
    void gpt2CappTinyGenerationConfig() throws IOException {
        GenerationConfig generation = GenerationConfig.readIfPresent(SharedData.path("models/gpt2-capp-tiny"));
        assertEquals(new SpecialTokens(List.of(50256), List.of(51), List.of(52)), generation.specialTokens());
        assertEquals(OptionalInt.empty(), generation.maxLength());
        assertEquals(Optional.empty(), generation.doSample());
    }

    @Test
    void randomGpt2Tiny() throws IOException {
        ModelConfig config = read("reference/models/random-gpt2-tiny");
        assertShape(config, 50257, 32, 2, 128, 4, 4, 8);
        assertEquals(256, config.maxPositions());
        assertTokens(config, List.of(50256), List.of(50256), List.of());
    }

    @Test
    void randomLlamaWithLlama3RopeScaling() throws IOException {
        ModelConfig config = read("reference/models/random-llama-gqa-rope-llama3");
        assertEquals(ModelFamily.LLAMA, config.family());
        assertShape(config, 512, 64, 3, 160, 8, 2, 8);
        assertExtras(config, false, false, false, false);
        assertEquals(2048, config.maxPositions());
        Rope rope = new Rope(10_000, new RopeScaling.Llama3(8, 1, 4, 64));
        assertRope(config, rope, rope);
        assertFalse(config.tieWordEmbeddings());
        assertEquals(4, config.attention().groupSize());
    }

    @Test
    void randomMistralSlidesOnEveryLayer() throws IOException {
        ModelConfig config = read("reference/models/random-mistral-swa");
        assertEquals(ModelFamily.MISTRAL, config.family());
        assertShape(config, 32000, 32, 2, 64, 4, 2, 8);
        assertExtras(config, false, false, false, false);
        assertEquals(List.of(SLIDING, SLIDING), config.attention().layerTypes());
        assertEquals(OptionalInt.of(16), config.attention().slidingWindow());
        Rope rope = new Rope(1e6, NO_SCALING);
        assertRope(config, rope, rope);
        assertFalse(config.tieWordEmbeddings());
        assertEquals(32768, config.maxPositions());
        assertEquals(Optional.of("bfloat16"), config.dtype());
    }

    @Test
    void randomQwen2Bias() throws IOException {
        ModelConfig config = read("reference/models/random-qwen2-bias");
        assertShape(config, 384, 48, 2, 96, 6, 2, 8);
        assertExtras(config, true, false, false, false);
        assertEquals(1e-6, config.normEps());
        assertAllFull(config);
        assertTokens(config, List.of(0), List.of(1), List.of());
    }

    @Test
    void randomQwen3HasQkNorm() throws IOException {
        ModelConfig config = read("reference/models/random-qwen3-tiny");
        assertEquals(ModelFamily.QWEN3, config.family());
        assertShape(config, 151936, 32, 2, 64, 4, 2, 8);
        assertExtras(config, false, false, false, true);
        assertEquals(40960, config.maxPositions());
        assertAllFull(config);
        assertTokens(config, List.of(151643), List.of(151645), List.of());
    }

    @Test
    void randomGemmaHasWideHeads() throws IOException {
        ModelConfig config = read("reference/models/random-gemma");
        assertEquals(ModelFamily.GEMMA, config.family());
        assertShape(config, 320, 64, 2, 128, 4, 1, 24);
        assertExtras(config, false, false, false, false);
        assertEquals(Activation.GELU_TANH, config.activation());
        assertEquals(24.0, config.attention().queryPreAttnScalar());
        assertAllFull(config);
        assertTrue(config.tieWordEmbeddings());
        assertTokens(config, List.of(2), List.of(1), List.of(0));
    }

    @Test
    void randomGemma2() throws IOException {
        ModelConfig config = read("reference/models/random-gemma2");
        assertEquals(ModelFamily.GEMMA2, config.family());
        assertShape(config, 320, 48, 4, 96, 4, 2, 16);
        assertExtras(config, false, false, false, false);
        assertEquals(32.0, config.attention().queryPreAttnScalar());
        assertEquals(List.of(SLIDING, FULL, SLIDING, FULL), config.attention().layerTypes());
        assertEquals(OptionalInt.of(8), config.attention().slidingWindow());
        assertEquals(OptionalDouble.of(5.0), config.attention().logitSoftcapping());
        assertEquals(OptionalDouble.of(10.0), config.finalLogitSoftcapping());
        Rope rope = new Rope(10_000, NO_SCALING);
        assertRope(config, rope, rope);
    }

    @Test
    void randomGemma3Tiny() throws IOException {
        ModelConfig config = read("reference/models/random-gemma3-tiny");
        assertEquals(ModelFamily.GEMMA3, config.family());
        assertEquals("gemma3_text", config.modelType());
        assertShape(config, 262144, 32, 2, 64, 4, 1, 8);
        assertExtras(config, false, false, false, true);
        assertEquals(8.0, config.attention().queryPreAttnScalar());
        assertEquals(List.of(SLIDING, FULL), config.attention().layerTypes());
        assertEquals(OptionalInt.of(512), config.attention().slidingWindow());
        assertEquals(OptionalDouble.empty(), config.attention().logitSoftcapping());
        assertEquals(OptionalDouble.empty(), config.finalLogitSoftcapping());
        assertRope(config, new Rope(1e6, NO_SCALING), new Rope(10_000, NO_SCALING));
        assertEquals(32768, config.maxPositions());
    }

    @Test
    void randomGemma3ScalesOnlyTheGlobalRope() throws IOException {
        ModelConfig config = read("reference/models/random-gemma3-swa");
        assertShape(config, 320, 40, 4, 80, 4, 2, 16);
        assertEquals(16.0, config.attention().queryPreAttnScalar());
        assertEquals(List.of(SLIDING, SLIDING, FULL, SLIDING), config.attention().layerTypes());
        assertEquals(OptionalInt.of(8), config.attention().slidingWindow());
        assertRope(config, new Rope(1e6, new RopeScaling.Linear(8)), new Rope(10_000, NO_SCALING));
        var rotary = (PositionEncoding.Rotary) config.positions();
        assertEquals(new Rope(10_000, NO_SCALING), rotary.forLayer(config.attention().layerTypes().get(0)));
        assertEquals(new Rope(1e6, new RopeScaling.Linear(8)), rotary.forLayer(config.attention().layerTypes().get(2)));
        assertTokens(config, List.of(2), List.of(1), List.of(0));
    }
}

package dev.rein.formats.config;

import static dev.rein.formats.config.ConfigFiles.readConfig;
import static dev.rein.formats.config.LayerType.FULL;
import static dev.rein.formats.config.LayerType.SLIDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Literal configs of each family: Hugging Face's defaults fill what a config leaves out, and each family-specific
 * setting (rope scaling, id lists, layer types, Gemma 3's nested text_config, transformers 5's rope_parameters)
 * reads as documented.
 */
class ModelConfigFamiliesTest {
    private static final RopeScaling NO_SCALING = new RopeScaling.None();

    @TempDir
    Path dir;

    private ModelConfig read(String json) throws IOException {
        return readConfig(dir, json);
    }

    private static PositionEncoding.Rotary sameRope(double theta, RopeScaling scaling) {
        Rope rope = new Rope(theta, scaling);
        return new PositionEncoding.Rotary(rope, rope);
    }

    @Test
    void llamaDefaults() throws IOException {
        ModelConfig config = read("""
                {"model_type": "llama", "vocab_size": 1000, "hidden_size": 256, "intermediate_size": 512,
                 "num_hidden_layers": 3, "num_attention_heads": 8}""");
        assertEquals(8, config.attention().numKvHeads());
        assertEquals(32, config.attention().headDim());
        assertEquals(32.0, config.attention().queryPreAttnScalar());
        assertEquals(Activation.SILU, config.activation());
        assertEquals(1e-6, config.normEps());
        assertEquals(2048, config.maxPositions());
        assertEquals(sameRope(10_000, NO_SCALING), config.positions());
        assertFalse(config.tieWordEmbeddings());
        assertEquals(new SpecialTokens(List.of(1), List.of(2), List.of()), config.specialTokens());
        assertEquals(Collections.nCopies(3, FULL), config.attention().layerTypes());
        assertEquals(Optional.empty(), config.dtype());
    }

    @Test
    void llama3WithEosListAndLlama3RopeScaling() throws IOException {
        ModelConfig config = read("""
                {"model_type": "llama", "vocab_size": 128256, "hidden_size": 2048, "intermediate_size": 8192,
                 "num_hidden_layers": 16, "num_attention_heads": 32, "num_key_value_heads": 8, "head_dim": 64,
                 "rms_norm_eps": 1e-05, "rope_theta": 500000.0, "max_position_embeddings": 131072,
                 "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                                  "original_max_position_embeddings": 8192, "rope_type": "llama3"},
                 "bos_token_id": 128000, "eos_token_id": [128001, 128008, 128009], "pad_token_id": null,
                 "attention_bias": true, "mlp_bias": true, "tie_word_embeddings": true, "torch_dtype": "bfloat16"}""");
        assertEquals(sameRope(500_000, new RopeScaling.Llama3(32, 1, 4, 8192)), config.positions());
        assertEquals(new SpecialTokens(List.of(128000), List.of(128001, 128008, 128009), List.of()),
                config.specialTokens());
        assertEquals(4, config.attention().groupSize());
        assertTrue(config.attention().qkvBias());
        assertTrue(config.attention().outputBias());
        assertTrue(config.mlpBias());
        assertEquals(Optional.of("bfloat16"), config.dtype());
    }

    @Test
    void linearRopeScalingUnderTheOlderTypeKey() throws IOException {
        ModelConfig config = read("""
                {"model_type": "llama", "vocab_size": 100, "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 1, "num_attention_heads": 4,
                 "rope_scaling": {"type": "linear", "factor": 2.0}}""");
        assertEquals(sameRope(10_000, new RopeScaling.Linear(2)), config.positions());
    }

    @Test
    void defaultRopeTypeMeansNoScaling() throws IOException {
        ModelConfig config = read("""
                {"model_type": "llama", "vocab_size": 100, "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 1, "num_attention_heads": 4, "rope_scaling": {"rope_type": "default"}}""");
        assertEquals(sameRope(10_000, NO_SCALING), config.positions());
    }

    @Test
    void transformers5RopeParameters() throws IOException {
        ModelConfig config = read("""
                {"model_type": "llama", "vocab_size": 100, "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 1, "num_attention_heads": 4, "rope_theta": 1.0,
                 "rope_parameters": {"rope_type": "linear", "factor": 4.0, "rope_theta": 250000.0}}""");
        assertEquals(sameRope(250_000, new RopeScaling.Linear(4)), config.positions());
    }

    @Test
    void dtypeWinsOverTorchDtype() throws IOException {
        ModelConfig config = read("""
                {"model_type": "llama", "vocab_size": 100, "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 1, "num_attention_heads": 4, "dtype": "float16", "torch_dtype": "float32"}""");
        assertEquals(Optional.of("float16"), config.dtype());
    }

    @Test
    void mistralDefaultsToEightKvHeadsAndSlidesEverywhere() throws IOException {
        ModelConfig config = read("""
                {"model_type": "mistral", "vocab_size": 100, "hidden_size": 256, "intermediate_size": 512,
                 "num_hidden_layers": 2, "num_attention_heads": 16}""");
        assertEquals(8, config.attention().numKvHeads());
        assertEquals(16, config.attention().headDim());
        assertEquals(List.of(SLIDING, SLIDING), config.attention().layerTypes());
        assertEquals(OptionalInt.of(4096), config.attention().slidingWindow());
        assertEquals(131_072, config.maxPositions());
    }

    @Test
    void mistralWithNullSlidingWindowIsFullAttention() throws IOException {
        ModelConfig config = read("""
                {"model_type": "mistral", "vocab_size": 100, "hidden_size": 256, "intermediate_size": 512,
                 "num_hidden_layers": 2, "num_attention_heads": 16, "num_key_value_heads": 4,
                 "sliding_window": null}""");
        assertEquals(List.of(FULL, FULL), config.attention().layerTypes());
        assertEquals(OptionalInt.empty(), config.attention().slidingWindow());
    }

    @Test
    void qwen2SlidesFromMaxWindowLayersWhenEnabled() throws IOException {
        ModelConfig config = read("""
                {"model_type": "qwen2", "vocab_size": 100, "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 4, "num_attention_heads": 4, "num_key_value_heads": 2,
                 "use_sliding_window": true, "sliding_window": 128, "max_window_layers": 2}""");
        assertEquals(List.of(FULL, FULL, SLIDING, SLIDING), config.attention().layerTypes());
        assertEquals(OptionalInt.of(128), config.attention().slidingWindow());
        assertTrue(config.attention().qkvBias());
        assertFalse(config.attention().outputBias());
        assertEquals(new SpecialTokens(List.of(), List.of(), List.of()), config.specialTokens());
    }

    @Test
    void qwen2ExplicitLayerTypesWinOverMaxWindowLayers() throws IOException {
        ModelConfig config = read("""
                {"model_type": "qwen2", "vocab_size": 100, "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 3, "num_attention_heads": 4, "num_key_value_heads": 2,
                 "use_sliding_window": true, "sliding_window": 32, "max_window_layers": 0,
                 "layer_types": ["sliding_attention", "full_attention", "sliding_attention"]}""");
        assertEquals(List.of(SLIDING, FULL, SLIDING), config.attention().layerTypes());
    }

    @Test
    void qwen2IgnoresLayerTypesWhenSlidingIsDisabled() throws IOException {
        ModelConfig config = read("""
                {"model_type": "qwen2", "vocab_size": 100, "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
                 "sliding_window": 32, "layer_types": ["sliding_attention", "sliding_attention"]}""");
        assertEquals(List.of(FULL, FULL), config.attention().layerTypes());
        assertEquals(OptionalInt.empty(), config.attention().slidingWindow());
    }

    @Test
    void qwen3Defaults() throws IOException {
        ModelConfig config = read("""
                {"model_type": "qwen3", "vocab_size": 100, "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 1, "num_attention_heads": 32, "attention_bias": true}""");
        assertEquals(32, config.attention().numKvHeads());
        assertEquals(128, config.attention().headDim());
        assertTrue(config.attention().qkNorm());
        assertTrue(config.attention().qkvBias());
        assertTrue(config.attention().outputBias());
        assertEquals(32_768, config.maxPositions());
    }

    @Test
    void explicitNullHeadDimIsDerived() throws IOException {
        ModelConfig config = read("""
                {"model_type": "qwen3", "vocab_size": 100, "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 1, "num_attention_heads": 4, "num_key_value_heads": 4, "head_dim": null}""");
        assertEquals(16, config.attention().headDim());
    }

    @Test
    void gemmaDefaultsAndIgnoresHiddenAct() throws IOException {
        ModelConfig config = read("""
                {"model_type": "gemma", "vocab_size": 100, "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 1, "num_attention_heads": 16, "hidden_act": "gelu"}""");
        assertEquals(Activation.GELU_TANH, config.activation());
        assertEquals(16, config.attention().numKvHeads());
        assertEquals(256, config.attention().headDim());
        assertEquals(256.0, config.attention().queryPreAttnScalar());
        assertEquals(8192, config.maxPositions());
        assertTrue(config.tieWordEmbeddings());
        assertEquals(new SpecialTokens(List.of(2), List.of(1), List.of(0)), config.specialTokens());
    }

    @Test
    void gemmaHiddenActivationChoosesExactGelu() throws IOException {
        ModelConfig config = read("""
                {"model_type": "gemma", "vocab_size": 100, "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 1, "num_attention_heads": 4, "num_key_value_heads": 1,
                 "hidden_activation": "gelu"}""");
        assertEquals(Activation.GELU, config.activation());
    }

    @Test
    void gemma2DefaultsAlternateFromASlidingFirstLayer() throws IOException {
        ModelConfig config = read("""
                {"model_type": "gemma2", "vocab_size": 100, "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 5, "num_attention_heads": 8}""");
        assertEquals(List.of(SLIDING, FULL, SLIDING, FULL, SLIDING), config.attention().layerTypes());
        assertEquals(OptionalInt.of(4096), config.attention().slidingWindow());
        assertEquals(OptionalDouble.of(50), config.attention().logitSoftcapping());
        assertEquals(OptionalDouble.of(30), config.finalLogitSoftcapping());
        assertEquals(256.0, config.attention().queryPreAttnScalar());
        assertEquals(4, config.attention().numKvHeads());
    }

    @Test
    void gemma2NullSoftcappingSwitchesItOff() throws IOException {
        ModelConfig config = read("""
                {"model_type": "gemma2", "vocab_size": 100, "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 2, "num_attention_heads": 8,
                 "attn_logit_softcapping": null, "final_logit_softcapping": null}""");
        assertEquals(OptionalDouble.empty(), config.attention().logitSoftcapping());
        assertEquals(OptionalDouble.empty(), config.finalLogitSoftcapping());
    }

    @Test
    void gemma3TextDerivesLayerTypesFromThePattern() throws IOException {
        ModelConfig config = read("""
                {"model_type": "gemma3_text", "num_hidden_layers": 4, "sliding_window_pattern": 2}""");
        assertEquals(List.of(SLIDING, FULL, SLIDING, FULL), config.attention().layerTypes());
    }

    @Test
    void multimodalGemma3ReadsItsNestedTextConfigWithGemma3Defaults() throws IOException {
        // Shaped like google/gemma-3-4b-it's config.json, vision settings shortened.
        ModelConfig config = read("""
                {"architectures": ["Gemma3ForConditionalGeneration"], "model_type": "gemma3",
                 "boi_token_index": 255999, "eos_token_id": [1, 106], "image_token_index": 262144,
                 "text_config": {"hidden_size": 2560, "intermediate_size": 10240, "model_type": "gemma3_text",
                                 "num_hidden_layers": 12, "rope_scaling": {"factor": 8.0, "rope_type": "linear"},
                                 "sliding_window": 1024},
                 "torch_dtype": "bfloat16", "vision_config": {"model_type": "siglip_vision_model"}}""");
        assertEquals(ModelFamily.GEMMA3, config.family());
        assertEquals("gemma3", config.modelType());
        assertEquals(List.of(262_208, 2560, 12, 10240),
                List.of(config.vocabSize(), config.hiddenSize(), config.numLayers(), config.intermediateSize()));
        AttentionSettings attention = config.attention();
        assertEquals(List.of(8, 4, 256), List.of(attention.numHeads(), attention.numKvHeads(), attention.headDim()));
        assertTrue(attention.qkNorm());
        assertEquals(256.0, attention.queryPreAttnScalar());
        List<LayerType> sixth = List.of(SLIDING, SLIDING, SLIDING, SLIDING, SLIDING, FULL);
        assertEquals(concat(sixth, sixth), attention.layerTypes());
        assertEquals(OptionalInt.of(1024), attention.slidingWindow());
        assertEquals(OptionalDouble.empty(), attention.logitSoftcapping());
        assertEquals(new PositionEncoding.Rotary(new Rope(1e6, new RopeScaling.Linear(8)),
                new Rope(10_000, NO_SCALING)), config.positions());
        assertEquals(131_072, config.maxPositions());
        assertEquals(Activation.GELU_TANH, config.activation());
        assertEquals(new SpecialTokens(List.of(2), List.of(1, 106), List.of(0)), config.specialTokens());
        assertEquals(Optional.of("bfloat16"), config.dtype());
        assertTrue(config.tieWordEmbeddings());
        assertEquals("siglip_vision_model", config.raw().get("vision_config").get("model_type").asText());
    }

    @Test
    void gemma3RopeParametersPerLayerType() throws IOException {
        ModelConfig config = read("""
                {"model_type": "gemma3_text", "num_hidden_layers": 2,
                 "rope_parameters": {
                    "full_attention": {"rope_type": "linear", "factor": 8.0, "rope_theta": 1000000.0},
                    "sliding_attention": {"rope_type": "default", "rope_theta": 20000.0}}}""");
        assertEquals(new PositionEncoding.Rotary(new Rope(1e6, new RopeScaling.Linear(8)),
                new Rope(20_000, NO_SCALING)), config.positions());
    }

    @Test
    void gpt2Defaults() throws IOException {
        ModelConfig config = read("""
                {"model_type": "gpt2", "vocab_size": 50257, "n_embd": 768, "n_layer": 12, "n_head": 12}""");
        assertEquals(3072, config.intermediateSize());
        assertEquals(1024, config.maxPositions());
        assertEquals(64, config.attention().headDim());
        assertEquals(12, config.attention().numKvHeads());
        assertEquals(Activation.GELU_TANH, config.activation());
        assertEquals(1e-5, config.normEps());
        assertTrue(config.tieWordEmbeddings());
        assertEquals(new SpecialTokens(List.of(50256), List.of(50256), List.of()), config.specialTokens());
    }

    @Test
    void gpt2WithExplicitInnerWidthAndExactGelu() throws IOException {
        ModelConfig config = read("""
                {"model_type": "gpt2", "vocab_size": 100, "n_embd": 64, "n_layer": 1, "n_head": 4, "n_inner": 100,
                 "activation_function": "gelu"}""");
        assertEquals(100, config.intermediateSize());
        assertEquals(Activation.GELU, config.activation());
    }

    @Test
    void summaryDescribesTheArchitecture() throws IOException {
        ModelConfig config = read("""
                {"model_type": "gemma2", "vocab_size": 256000, "hidden_size": 2304, "intermediate_size": 9216,
                 "num_hidden_layers": 4, "num_attention_heads": 8, "num_key_value_heads": 4, "head_dim": 256,
                 "torch_dtype": "float32"}""");
        assertEquals("""
                gemma2: 4 layers, hidden 2304, vocab 256000, context 8192, float32
                attention: 8 heads, 4 key/value heads, head_dim 256, sliding window 4096 on 2 of 4 layers, \
                score softcap 50
                positions: RoPE theta 10000
                mlp: 9216 wide, gelu_tanh; norm eps 0.000001; embeddings tied; logit softcap 30""",
                config.summary());
    }

    private static List<LayerType> concat(List<LayerType> first, List<LayerType> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}

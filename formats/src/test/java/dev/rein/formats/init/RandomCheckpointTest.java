package dev.rein.formats.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.config.ModelFamily;
import dev.rein.formats.layout.ParameterLayout;
import dev.rein.formats.layout.ParameterRole;
import dev.rein.formats.layout.ParameterSpec;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.tensor.DType;
import dev.rein.tensor.FloatFormats;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random checkpoints for the tiny shared config of every family: names, shapes, dtypes and values as documented. */
class RandomCheckpointTest {
    private static final Set<ModelFamily> GEMMA_FAMILIES = Set.of(ModelFamily.GEMMA, ModelFamily.GEMMA2,
            ModelFamily.GEMMA3);

    @TempDir
    Path dir;

    private static Path sharedConfig(String model) {
        return SharedData.path("reference/models/" + model + "/config.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"random-gpt2-tiny", "random-llama-gqa-rope-llama3", "random-mistral-swa",
            "random-qwen2-bias", "random-qwen3-tiny", "random-gemma", "random-gemma2", "random-gemma3-swa"})
    void holdsEveryTensorOfTheLayoutFilledAsItsRoleSays(String model) throws IOException {
        RandomCheckpoint init = RandomCheckpoint.forConfig(sharedConfig(model));
        RandomCheckpoint.Summary summary = init.write(dir, 7, DType.F32);

        ModelConfig config = ModelConfig.readFolder(dir);
        assertEquals(init.config().family(), config.family());
        assertEquals("float32", config.dtype().orElseThrow());
        List<ParameterSpec> layout = ParameterLayout.of(config);
        assertEquals(layout.stream().mapToLong(ParameterSpec::numel).sum(), summary.parameters());
        float normWeight = GEMMA_FAMILIES.contains(config.family()) ? 0f : 1f;
        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            assertEquals(layout.stream().map(ParameterSpec::name).sorted().toList(), checkpoint.names());
            for (ParameterSpec spec : layout) {
                Tensor tensor = checkpoint.tensor(spec.name());
                assertArrayEquals(spec.shape(), tensor.shape(), spec.name());
                assertEquals(DType.F32, tensor.dtype(), spec.name());
                float[] values = tensor.toFloatArray();
                switch (spec.role().init()) {
                    case NORMAL -> assertNormal(values, init.initializerRange(), spec.name());
                    case ZEROS -> assertAll(values, 0f, spec.name());
                    case NORM_WEIGHT -> assertAll(values, normWeight, spec.name());
                }
            }
        }
    }

    /** Loose bounds: five standard errors of the sample mean and standard deviation. */
    private static void assertNormal(float[] values, double std, String name) {
        double sum = 0;
        double squares = 0;
        for (float value : values) {
            sum += value;
            squares += (double) value * value;
        }
        int n = values.length;
        double mean = sum / n;
        double sampleStd = Math.sqrt(squares / n - mean * mean);
        assertTrue(Math.abs(mean) < 5 * std / Math.sqrt(n), name + ": mean " + mean);
        assertTrue(Math.abs(sampleStd / std - 1) < 5 / Math.sqrt(2.0 * n), name + ": std " + sampleStd);
    }

    private static void assertAll(float[] values, float expected, String name) {
        for (float value : values) {
            assertEquals(expected, value, name);
        }
    }

    @Test
    void biasesAreZeroAndNormsOneWhereTheFamilyHasThem() throws IOException {
        RandomCheckpoint.forConfig(sharedConfig("random-qwen2-bias")).write(dir, 1, DType.BF16);
        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            assertAll(checkpoint.tensor("model.layers.1.self_attn.k_proj.bias").toFloatArray(), 0f, "k bias");
            assertAll(checkpoint.tensor("model.layers.0.input_layernorm.weight").toFloatArray(), 1f, "norm");
        }
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedOtherWeights() throws IOException {
        Path config = sharedConfig("random-llama-gqa-rope-llama3");
        RandomCheckpoint init = RandomCheckpoint.forConfig(config);
        init.write(dir.resolve("a"), 42, DType.F32);
        init.write(dir.resolve("b"), 42, DType.F32);
        init.write(dir.resolve("c"), 43, DType.F32);
        for (String file : List.of(Checkpoint.SINGLE_FILE, ModelConfig.FILE_NAME)) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)),
                    Files.readAllBytes(dir.resolve("b").resolve(file)), file);
        }
        try (Checkpoint a = Checkpoint.open(dir.resolve("a")); Checkpoint c = Checkpoint.open(dir.resolve("c"))) {
            for (ParameterSpec spec : ParameterLayout.of(init.config())) {
                boolean random = spec.role().init() == ParameterRole.Init.NORMAL;
                float[] first = a.tensor(spec.name()).toFloatArray();
                float[] other = c.tensor(spec.name()).toFloatArray();
                assertEquals(random, !Arrays.equals(first, other), spec.name());
            }
        }
    }

    /**
     * Pins the draws (seed and name mixing, block size, the JDK's L64X128MixRandom and Gaussian): element i of a
     * tensor depends on seed, name and i alone, so the 124M GPT-2 starts with these values too.
     */
    @Test
    void drawsArePinned() throws IOException {
        RandomCheckpoint.forConfig(sharedConfig("random-gpt2-tiny")).write(dir, 0, DType.F32);
        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            assertFirstBits(checkpoint, "transformer.wte.weight", 0x3C0670E7, 0x3D0AFE41, 0x3CB190B8, 0x3CD5A168);
            assertFirstBits(checkpoint, "transformer.h.0.attn.c_attn.weight",
                    0x3CBD1F11, 0xBB134015, 0xBAC07245, 0x3CA8DECF);
        }
    }

    private static void assertFirstBits(Checkpoint checkpoint, String name, int... expected) {
        float[] values = checkpoint.tensor(name).toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.intBitsToFloat(expected[i]), values[i], name + "[" + i + "]");
        }
    }

    @Test
    void tensorsDoNotDependOnShardingOrWriteOrder() throws IOException {
        RandomCheckpoint init = RandomCheckpoint.forConfig(sharedConfig("random-llama-gqa-rope-llama3"));
        init.write(dir.resolve("single"), 5, DType.F32);
        RandomCheckpoint.Summary sharded = init.write(dir.resolve("sharded"), 5, DType.F32, 40_000);
        assertTrue(sharded.files().size() > 3, "expected shards, an index and config.json: " + sharded.files());
        assertTrue(Files.exists(dir.resolve("sharded").resolve(Checkpoint.INDEX_FILE)));
        try (Checkpoint single = Checkpoint.open(dir.resolve("single"));
                Checkpoint shards = Checkpoint.open(dir.resolve("sharded"))) {
            assertEquals(single.names(), shards.names());
            for (String name : single.names()) {
                assertArrayEquals(single.tensor(name).toFloatArray(), shards.tensor(name).toFloatArray(), name);
            }
        }
    }

    @Test
    void bf16WeightsAreTheF32WeightsRoundedToNearestEven() throws IOException {
        Path config = sharedConfig("random-gemma2");
        RandomCheckpoint init = RandomCheckpoint.forConfig(config);
        init.write(dir.resolve("f32"), 3, DType.F32);
        RandomCheckpoint.Summary summary = init.write(dir.resolve("bf16"), 3, DType.BF16);
        assertEquals(DType.BF16, summary.dtype());
        assertEquals("bfloat16", ModelConfig.readFolder(dir.resolve("bf16")).dtype().orElseThrow());
        try (Checkpoint f32 = Checkpoint.open(dir.resolve("f32")); Checkpoint bf16 = Checkpoint.open(dir.resolve("bf16"))) {
            for (String name : f32.names()) {
                Tensor narrow = bf16.tensor(name);
                assertEquals(DType.BF16, narrow.dtype(), name);
                float[] wide = f32.tensor(name).toFloatArray();
                for (int i = 0; i < wide.length; i++) {
                    short bits = narrow.storage().segment().get(ValueLayout.JAVA_SHORT_UNALIGNED,
                            (narrow.offset() + i) * 2L);
                    assertEquals(FloatFormats.floatToBf16(wide[i]), bits, name + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void writtenConfigIsTheInputWithItsDtypeAndHuggingFaceMetadata() throws IOException {
        Path config = dir.resolve("in.json");
        Files.writeString(config, """
                {"model_type": "qwen3", "vocab_size": 64, "hidden_size": 16, "intermediate_size": 32,
                 "num_hidden_layers": 1, "num_attention_heads": 2, "num_key_value_heads": 1, "head_dim": 8,
                 "tie_word_embeddings": true, "dtype": "float16", "torch_dtype": "float16", "custom_field": [1, 2]}
                """);
        RandomCheckpoint init = RandomCheckpoint.forConfig(config);
        assertEquals(DType.F32, init.defaultDType(), "float16 is not written, so F32 is the default");
        init.write(dir.resolve("out"), 0, DType.BF16);
        var written = ModelConfig.readFolder(dir.resolve("out")).raw();
        assertEquals("bfloat16", written.get("torch_dtype").asText());
        assertEquals("bfloat16", written.get("dtype").asText());
        assertEquals("[1,2]", written.get("custom_field").toString());
        try (Checkpoint checkpoint = Checkpoint.open(dir.resolve("out"))) {
            assertEquals(Map.of("format", "pt"), checkpoint.files().getFirst().metadata());
        }
    }

    @Test
    void defaultDtypeIsTheConfigsWhenF32OrBf16() throws IOException {
        assertEquals(DType.BF16, RandomCheckpoint.forConfig(sharedConfig("random-qwen2-bias")).defaultDType());
        assertEquals(DType.F32, RandomCheckpoint.forConfig(sharedConfig("random-gpt2-tiny")).defaultDType());
    }

    @Test
    void normalWeightsUseTheConfigsInitializerRange() throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"model_type": "llama", "vocab_size": 256, "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 1, "num_attention_heads": 4, "initializer_range": 0.5}
                """);
        RandomCheckpoint init = RandomCheckpoint.forConfig(config);
        assertEquals(0.5, init.initializerRange());
        init.write(dir.resolve("out"), 0, DType.F32);
        try (Checkpoint checkpoint = Checkpoint.open(dir.resolve("out"))) {
            assertNormal(checkpoint.tensor("model.embed_tokens.weight").toFloatArray(), 0.5, "embedding");
            assertNormal(checkpoint.tensor("lm_head.weight").toFloatArray(), 0.5, "head");
        }
    }

    @Test
    void rejectsABadInitializerRangeAMultimodalGemma3AndOtherDtypes() throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"model_type": "llama", "vocab_size": 256, "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 1, "num_attention_heads": 4, "initializer_range": -1}
                """);
        FormatException range = assertThrows(FormatException.class, () -> RandomCheckpoint.forConfig(config));
        assertTrue(range.getMessage().contains("initializer_range"), range.getMessage());

        Files.writeString(config, """
                {"model_type": "gemma3", "text_config": {"vocab_size": 256, "hidden_size": 64,
                 "intermediate_size": 128, "num_hidden_layers": 1, "num_attention_heads": 4, "head_dim": 16}}
                """);
        FormatException multimodal = assertThrows(FormatException.class, () -> RandomCheckpoint.forConfig(config));
        assertTrue(multimodal.getMessage().contains("gemma3_text"), multimodal.getMessage());

        RandomCheckpoint llama = RandomCheckpoint.forConfig(sharedConfig("random-llama-gqa-rope-llama3"));
        assertThrows(IllegalArgumentException.class, () -> llama.write(dir.resolve("out"), 0, DType.F16));
        assertFalse(Files.exists(dir.resolve("out").resolve(Checkpoint.SINGLE_FILE)));
    }

    /** The real-sized example configs of docs/configs (tests run in the module's folder) and their published sizes. */
    @Test
    void exampleConfigsHaveThePublishedParameterCounts() throws IOException {
        Path examples = Path.of("..", "docs", "configs");
        assertEquals(124_439_808L, RandomCheckpoint.forConfig(examples.resolve("gpt2-124m.json")).parameters());
        assertEquals(494_032_768L, RandomCheckpoint.forConfig(examples.resolve("qwen2.5-0.5b.json")).parameters());
        RandomCheckpoint llama = RandomCheckpoint.forConfig(examples.resolve("llama-3.2-1b.json"));
        assertEquals(1_235_814_400L, llama.parameters());
        assertEquals(DType.BF16, llama.defaultDType());
    }

    @Test
    void summaryCountsParametersAndBytesOfEveryFile() throws IOException {
        RandomCheckpoint init = RandomCheckpoint.forConfig(sharedConfig("random-gpt2-tiny"));
        RandomCheckpoint.Summary summary = init.write(dir, 0, DType.F32);
        assertEquals(List.of(dir.resolve(Checkpoint.SINGLE_FILE), dir.resolve(ModelConfig.FILE_NAME)), summary.files());
        long bytes = 0;
        for (Path file : summary.files()) {
            bytes += Files.size(file);
        }
        assertEquals(bytes, summary.bytes());
        assertEquals(init.parameters(), summary.parameters());
        assertTrue(summary.bytes() > 4 * summary.parameters());
    }
}

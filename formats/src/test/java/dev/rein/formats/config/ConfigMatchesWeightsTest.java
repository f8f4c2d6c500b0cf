package dev.rein.formats.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The normalised config of every shared checkpoint agrees with the shapes in its model.safetensors header: this
 * checks the readings the config alone cannot prove (derived head_dim, default MLP width, which projections carry
 * biases, q/k norms, tied embeddings).
 */
class ConfigMatchesWeightsTest {
    private static final Pattern LAYER_INDEX = Pattern.compile("\\.(?:layers|h)\\.(\\d+)\\.");

    @ParameterizedTest
    @ValueSource(strings = {"models/stories260K", "models/stories260K-qwen2", "models/gpt2-capp-tiny",
            "reference/models/random-gpt2-tiny", "reference/models/random-llama-gqa-rope-llama3",
            "reference/models/random-mistral-swa", "reference/models/random-qwen2-bias",
            "reference/models/random-qwen3-tiny", "reference/models/random-gemma", "reference/models/random-gemma2",
            "reference/models/random-gemma3-tiny", "reference/models/random-gemma3-swa"})
    void configAgreesWithWeightShapes(String checkpoint) throws IOException {
        Path dir = SharedData.path(checkpoint);
        ModelConfig config = ModelConfig.readFolder(dir);
        Map<String, List<Integer>> shapes = tensorShapes(dir);
        assertEquals(config.numLayers(), countLayers(shapes));
        assertEquals(!config.tieWordEmbeddings(), shapes.containsKey("lm_head.weight"));
        if (config.family() == ModelFamily.GPT2) {
            assertGpt2Shapes(config, shapes);
        } else {
            assertRopeFamilyShapes(config, shapes);
        }
    }

    private static void assertGpt2Shapes(ModelConfig config, Map<String, List<Integer>> shapes) {
        int hidden = config.hiddenSize();
        assertEquals(List.of(config.vocabSize(), hidden), shapes.get("transformer.wte.weight"));
        assertEquals(List.of(config.maxPositions(), hidden), shapes.get("transformer.wpe.weight"));
        int attentionWidth = config.attention().numHeads() * config.attention().headDim();
        assertEquals(List.of(hidden, 3 * attentionWidth), shapes.get("transformer.h.0.attn.c_attn.weight"));
        assertEquals(List.of(hidden, config.intermediateSize()), shapes.get("transformer.h.0.mlp.c_fc.weight"));
        assertEquals(List.of(config.intermediateSize()), shapes.get("transformer.h.0.mlp.c_fc.bias"));
    }

    private static void assertRopeFamilyShapes(ModelConfig config, Map<String, List<Integer>> shapes) {
        AttentionSettings attention = config.attention();
        int hidden = config.hiddenSize();
        int queryWidth = attention.numHeads() * attention.headDim();
        int kvWidth = attention.numKvHeads() * attention.headDim();
        String layer = "model.layers.0.";
        assertEquals(List.of(config.vocabSize(), hidden), shapes.get("model.embed_tokens.weight"));
        assertEquals(List.of(queryWidth, hidden), shapes.get(layer + "self_attn.q_proj.weight"));
        assertEquals(List.of(kvWidth, hidden), shapes.get(layer + "self_attn.k_proj.weight"));
        assertEquals(List.of(kvWidth, hidden), shapes.get(layer + "self_attn.v_proj.weight"));
        assertEquals(List.of(hidden, queryWidth), shapes.get(layer + "self_attn.o_proj.weight"));
        assertEquals(List.of(config.intermediateSize(), hidden), shapes.get(layer + "mlp.gate_proj.weight"));
        assertEquals(List.of(hidden, config.intermediateSize()), shapes.get(layer + "mlp.down_proj.weight"));
        assertEquals(attention.qkvBias(), shapes.containsKey(layer + "self_attn.q_proj.bias"));
        assertEquals(attention.outputBias(), shapes.containsKey(layer + "self_attn.o_proj.bias"));
        assertEquals(config.mlpBias(), shapes.containsKey(layer + "mlp.down_proj.bias"));
        assertEquals(attention.qkNorm() ? List.of(attention.headDim()) : null,
                shapes.get(layer + "self_attn.q_norm.weight"));
    }

    private static long countLayers(Map<String, List<Integer>> shapes) {
        return shapes.keySet().stream()
                .map(LAYER_INDEX::matcher)
                .filter(Matcher::find)
                .map(matcher -> matcher.group(1))
                .distinct()
                .count();
    }

    /** Tensor name to shape, from the checkpoint's safetensors header. */
    private static Map<String, List<Integer>> tensorShapes(Path checkpointDir) throws IOException {
        try (Checkpoint checkpoint = Checkpoint.open(checkpointDir)) {
            Map<String, List<Integer>> shapes = new HashMap<>();
            for (String name : checkpoint.names()) {
                shapes.put(name, Arrays.stream(checkpoint.info(name).shape()).boxed().toList());
            }
            return shapes;
        }
    }
}

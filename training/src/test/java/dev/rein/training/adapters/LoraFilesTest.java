package dev.rein.training.adapters;

import static dev.rein.training.adapters.LoraAdapterTest.logits;
import static dev.rein.training.adapters.LoraAdapterTest.randomizeB;
import static dev.rein.training.adapters.TinyModels.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.FormatException;
import dev.rein.formats.safetensors.SafetensorsFile;
import dev.rein.formats.safetensors.SafetensorsWriter;
import dev.rein.models.LanguageModel;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** LoRA adapters in PEFT's files: what is written, that it loads back equal, and what a bad folder reports. */
class LoraFilesTest extends TinyModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theConfigHasPeftsKeysAndTheTensorsPeftsNames() throws IOException {
        LoraAdapter adapter = LoraAdapter.create(llama.transformer(), LoraConfig.of(4, 16, "v_proj", "q_proj"), 1);
        Path dir = folder.resolve("peft-llama");
        adapter.save(dir, "tiny-llama");
        JsonNode config = JSON.readTree(dir.resolve("adapter_config.json").toFile());
        assertEquals("LORA", config.get("peft_type").asText());
        assertEquals(4, config.get("r").asInt());
        assertTrue(config.get("lora_alpha").isIntegralNumber(), "PEFT writes an integral alpha as an int");
        assertEquals(16, config.get("lora_alpha").asInt());
        assertEquals(0.0, config.get("lora_dropout").asDouble());
        assertEquals("[\"q_proj\",\"v_proj\"]", config.get("target_modules").toString());
        assertEquals("none", config.get("bias").asText());
        assertEquals("CAUSAL_LM", config.get("task_type").asText());
        assertEquals("tiny-llama", config.get("base_model_name_or_path").asText());
        assertTrue(config.get("layers_to_transform").isNull());
        assertEquals(false, config.get("fan_in_fan_out").asBoolean());
        try (SafetensorsFile file = SafetensorsFile.open(dir.resolve("adapter_model.safetensors"))) {
            assertEquals(adapter.parameters().keySet().stream().sorted().toList(), file.names());
            assertEquals(Map.of("format", "pt"), file.metadata());
        }
    }

    @Test
    void aSavedAdapterLoadsBackEqual() throws IOException {
        for (LanguageModel base : List.of(llama, gpt2)) {
            LoraConfig config = base == gpt2 ? LoraConfig.of(3, 6, "c_attn", "mlp.c_proj").withLayers(1)
                    : new LoraConfig(3, 6.5, 0.1, List.of("o_proj", "gate_proj"), List.of(0), true);
            LoraAdapter saved = LoraAdapter.create(base.transformer(), config, 2);
            randomizeB(saved, 3);
            Path dir = folder.resolve("round-trip-" + base.config().modelType());
            saved.save(dir, null);
            LoraAdapter loaded = LoraAdapter.load(dir, base.transformer(), 2);
            assertEquals(saved.config(), loaded.config());
            assertEquals(saved.parameters().keySet(), loaded.parameters().keySet());
            for (String name : saved.parameters().keySet()) {
                assertEquals(0f, maxAbsDiff(saved.parameters().get(name).value(),
                        loaded.parameters().get(name).value()), name);
                assertTrue(loaded.parameters().get(name).requiresGrad(), "a loaded adapter can train on");
            }
            assertEquals(0f, maxAbsDiff(logits(saved.model()), logits(loaded.model())));
        }
        JsonNode gpt2Config = JSON.readTree(folder.resolve("round-trip-gpt2/adapter_config.json").toFile());
        assertEquals(true, gpt2Config.get("fan_in_fan_out").asBoolean(), "GPT-2's Conv1D");
        assertEquals("[1]", gpt2Config.get("layers_to_transform").toString());
        assertTrue(gpt2Config.get("base_model_name_or_path").isNull());
    }

    @Test
    void aConfigWithPeftsDefaultsAndOneLayerIndexLoads() throws IOException {
        Path dir = savedAdapter("defaults");
        editConfig(dir, c -> {
            c.remove(List.of("r", "lora_alpha", "lora_dropout", "bias", "use_rslora", "rank_pattern"));
            c.put("layers_to_transform", 1);
        });
        // r defaults to 8: the saved rank-8 tensors of layer 1 fit
        writeTensors(dir, Map.of(
                "base_model.model.model.layers.1.self_attn.q_proj.lora_A.weight", Tensor.zeros(8, 32),
                "base_model.model.model.layers.1.self_attn.q_proj.lora_B.weight", Tensor.zeros(32, 8)));
        LoraAdapter loaded = LoraAdapter.load(dir, llama.transformer(), 0);
        assertEquals(new LoraConfig(8, 8, 0, List.of("q_proj"), List.of(1), false), loaded.config());
    }

    @Test
    void malformedOrUnsupportedConfigsNameTheKey() throws IOException {
        assertConfigError("peft_type", c -> c.put("peft_type", "IA3"), "\"LORA\"");
        assertConfigError("r", c -> c.put("r", 0), "positive");
        assertConfigError("lora_alpha", c -> c.put("lora_alpha", -1), "positive");
        assertConfigError("lora_dropout", c -> c.put("lora_dropout", 1.0), "[0, 1)");
        assertConfigError("bias", c -> c.put("bias", "all"), "\"none\"");
        assertConfigError("use_dora", c -> c.put("use_dora", true), "DoRA");
        assertConfigError("rank_pattern", c -> c.putObject("rank_pattern").put("q_proj", 2), "per-module");
        assertConfigError("modules_to_save", c -> c.putArray("modules_to_save").add("lm_head"), "extra modules");
        assertConfigError("target_modules", c -> c.put("target_modules", ".*q_proj"), "regular expression");
        assertConfigError("target_modules", c -> c.putArray("target_modules").add("query"), "q_proj");
        assertConfigError("target_modules", c -> c.remove("target_modules"), "missing");
        assertConfigError("layers_to_transform", c -> c.putArray("layers_to_transform").add(0).add(2), "outside");
        assertConfigError("layers_to_transform", c -> c.putArray("layers_to_transform").add(1).add(1), "distinct");
    }

    @Test
    void tensorsThatDoNotFitTheConfigNameTheTensor() throws IOException {
        String a = "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight";
        String b = "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight";
        Map<String, Tensor> tensors = tensorsOf(savedAdapter("tensors"));

        Map<String, Tensor> missing = new LinkedHashMap<>(tensors);
        missing.remove(b);
        assertTensorError(missing, b, "missing");

        Map<String, Tensor> wrongShape = new LinkedHashMap<>(tensors);
        wrongShape.put(a, Tensor.zeros(4, 31));
        assertTensorError(wrongShape, a, "expected shape [4, 32], found [4, 31]");

        Map<String, Tensor> extra = new LinkedHashMap<>(tensors);
        extra.put("base_model.model.model.layers.0.self_attn.k_proj.lora_A.weight", Tensor.zeros(4, 32));
        assertTensorError(extra, "base_model.model.model.layers.0.self_attn.k_proj.lora_A.weight", "unexpected");

        Map<String, Tensor> integers = new LinkedHashMap<>(tensors);
        integers.put(a, Tensor.zeros(dev.rein.tensor.DType.I32, 4, 32));
        assertTensorError(integers, a, "floating-point");
    }

    private void assertConfigError(String key, Consumer<ObjectNode> edit, String problem) throws IOException {
        Path dir = savedAdapter("config-" + key + "-" + problem.hashCode());
        editConfig(dir, edit);
        FormatException e = assertThrows(FormatException.class, () -> LoraAdapter.load(dir, llama.transformer(), 0));
        assertEquals(dir.resolve("adapter_config.json"), e.file());
        assertEquals(key, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    private void assertTensorError(Map<String, Tensor> tensors, String name, String problem) throws IOException {
        Path dir = savedAdapter("tensors-" + name.hashCode() + "-" + problem.hashCode());
        writeTensors(dir, tensors);
        FormatException e = assertThrows(FormatException.class, () -> LoraAdapter.load(dir, llama.transformer(), 0));
        assertEquals(dir.resolve("adapter_model.safetensors"), e.file());
        assertEquals(name, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    /** A rank-4 adapter on every q_proj, saved in a fresh folder. */
    private static Path savedAdapter(String name) throws IOException {
        Path dir = folder.resolve(name);
        LoraAdapter.create(llama.transformer(), LoraConfig.of(4, 8, "q_proj"), 1).save(dir, "tiny");
        return dir;
    }

    private static void editConfig(Path dir, Consumer<ObjectNode> edit) throws IOException {
        Path file = dir.resolve("adapter_config.json");
        ObjectNode config = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(config);
        Files.writeString(file, config.toString());
    }

    private static Map<String, Tensor> tensorsOf(Path dir) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (SafetensorsFile file = SafetensorsFile.open(dir.resolve("adapter_model.safetensors"))) {
            file.tensors().forEach((name, t) -> tensors.put(name, t.copy()));
        }
        return tensors;
    }

    private static void writeTensors(Path dir, Map<String, Tensor> tensors) throws IOException {
        SafetensorsWriter.write(dir.resolve("adapter_model.safetensors"), tensors, Map.of());
    }

}

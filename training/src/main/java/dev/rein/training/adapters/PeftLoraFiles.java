package dev.rein.training.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.FormatException;
import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.JsonFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PEFT's {@code adapter_config.json} for LoRA: written with the keys {@code save_pretrained} writes (sorted, as
 * PEFT sorts them), read with PEFT's defaults for absent keys and a {@link FormatException} for every setting Rein
 * cannot honour (DoRA, bias training, per-module ranks, modules_to_save, a regular-expression target_modules), so an
 * adapter never loads into something other than what was trained.
 */
final class PeftLoraFiles {
    static final String CONFIG_FILE = "adapter_config.json";
    static final String WEIGHTS_FILE = "adapter_model.safetensors";
    /** PEFT's defaults for absent keys (peft.LoraConfig). */
    private static final int DEFAULT_RANK = 8;
    private static final double DEFAULT_ALPHA = 8;

    private PeftLoraFiles() {
    }

    /**
     * The config as PEFT writes it.
     *
     * @param fanInFanOut true when the targeted projections are GPT-2's Conv1D (weights stored [in, out])
     */
    static ObjectNode configJson(LoraConfig config, String baseModelNameOrPath, boolean fanInFanOut) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode node = json.objectNode();
        node.set("alpha_pattern", json.objectNode());
        node.putNull("auto_mapping");
        node.put("base_model_name_or_path", baseModelNameOrPath);
        node.put("bias", "none");
        node.put("fan_in_fan_out", fanInFanOut);
        node.put("inference_mode", true);
        node.put("init_lora_weights", true);
        node.putNull("layer_replication");
        node.putNull("layers_pattern");
        if (config.layers().isEmpty()) {
            node.putNull("layers_to_transform");
        } else {
            config.layers().forEach(node.putArray("layers_to_transform")::add);
        }
        if (config.alpha() == Math.rint(config.alpha())) {
            node.put("lora_alpha", (long) config.alpha());          // PEFT configs hold an int here
        } else {
            node.put("lora_alpha", config.alpha());
        }
        node.put("lora_dropout", config.dropout());
        node.putNull("modules_to_save");
        node.put("peft_type", "LORA");
        node.put("r", config.rank());
        node.set("rank_pattern", json.objectNode());
        node.putNull("revision");
        config.targetModules().forEach(node.putArray("target_modules")::add);
        node.put("task_type", "CAUSAL_LM");
        node.put("use_dora", false);
        node.put("use_rslora", config.useRslora());
        return node;
    }

    /**
     * Reads a LoRA adapter_config.json. {@code fan_in_fan_out} is not read: the tensors' layout is the same either
     * way, and the model's own layout decides how the base weight is used (as PEFT decides for Conv1D).
     *
     * @throws FormatException naming the key that is malformed or holds a setting Rein does not support
     */
    static LoraConfig readConfig(Path file) throws IOException {
        JsonFields f = JsonFiles.readObject(file);
        String type = f.string("peft_type");
        if (!type.equals("LORA")) {
            throw f.error("peft_type", "expected \"LORA\", found \"" + type + "\" (only LoRA adapters load here)");
        }
        int rank = f.positiveInteger("r", DEFAULT_RANK);
        double alpha = f.number("lora_alpha", DEFAULT_ALPHA);
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw f.error("lora_alpha", "expected a positive number, found " + alpha);
        }
        double dropout = f.number("lora_dropout", 0);
        if (!(dropout >= 0 && dropout < 1)) {
            throw f.error("lora_dropout", "expected a probability in [0, 1), found " + dropout);
        }
        String bias = f.string("bias", "none");
        if (!bias.equals("none")) {
            throw f.error("bias", "\"" + bias + "\" trains the base biases too; only \"none\" is supported");
        }
        if (f.bool("use_dora", false)) {
            throw f.error("use_dora", "DoRA adapters are not supported");
        }
        requireEmpty(f, "rank_pattern", "per-module ranks are not supported");
        requireEmpty(f, "alpha_pattern", "per-module alphas are not supported");
        requireEmpty(f, "modules_to_save", "fully trained extra modules are not supported");
        requireEmpty(f, "layer_replication", "layer replication is not supported");
        return new LoraConfig(rank, alpha, dropout, targetModules(f), layers(f), f.bool("use_rslora", false));
    }

    private static List<String> targetModules(JsonFields f) {
        JsonNode value = f.value("target_modules");
        if (value != null && value.isTextual()) {
            throw f.error("target_modules", "a regular expression is not supported; list the module names");
        }
        List<String> targets = f.optionalStringList("target_modules")
                .orElseThrow(() -> f.error("target_modules", "missing (required): the modules the adapter changes"));
        if (targets.isEmpty() || targets.stream().anyMatch(String::isBlank)) {
            throw f.error("target_modules", "expected non-empty module names, found " + targets);
        }
        return targets;
    }

    /** layers_to_transform: null (all layers), one index, or a list of distinct indices. */
    private static List<Integer> layers(JsonFields f) {
        JsonNode value = f.value("layers_to_transform");
        if (value == null) {
            return List.of();
        }
        List<Integer> layers = new ArrayList<>();
        if (value.isArray()) {
            for (int i : f.counts("layers_to_transform")) {
                layers.add(i);
            }
        } else {
            layers.add(f.count("layers_to_transform"));
        }
        Set<Integer> distinct = new HashSet<>(layers);
        if (distinct.size() != layers.size()) {
            throw f.error("layers_to_transform", "expected distinct layer indices, found " + layers);
        }
        return layers;
    }

    private static void requireEmpty(JsonFields f, String key, String problem) {
        JsonNode value = f.value(key);
        if (value != null && (!value.isContainerNode() || !value.isEmpty())) {
            throw f.error(key, problem + ", found " + JsonFields.describe(value));
        }
    }
}

package dev.rein.training.adapters;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.autograd.Variable;
import dev.rein.formats.FormatException;
import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.JsonFiles;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bottleneck adapters ({@link BottleneckConfig}) on a model, as hook edits at {@code blocks.{i}.hook_attn_out}
 * and/or {@code blocks.{i}.hook_mlp_out}, the points where a sublayer's output joins the residual stream:
 * {@code x + a} becomes {@code x + a + W_up relu(W_down a)}, which is what the {@code adapters} library computes for
 * GPT-2 and Mistral with BnConfig's defaults (residual before the adapter, no adapter layer norm). Being hooks, they
 * run in full forward passes and in every cached generation step, and compose with other hooks.
 *
 * <p>Files: {@code bottleneck_adapter.json} (the config and the sizes) and {@code bottleneck_adapter.safetensors}
 * with tensors named by hook point, e.g. {@code blocks.3.hook_attn_out.adapter_down.weight}.
 */
public final class BottleneckAdapter {
    /** The description file the adapter is recognised by. */
    public static final String CONFIG_FILE = "bottleneck_adapter.json";
    static final String WEIGHTS_FILE = "bottleneck_adapter.safetensors";
    private static final String KIND = "bottleneck";

    private final BottleneckConfig config;
    private final int hiddenSize;
    private final Map<String, Bottleneck> adapters;      // by hook point, in forward order

    private BottleneckAdapter(BottleneckConfig config, int hiddenSize, Map<String, Bottleneck> adapters) {
        this.config = config;
        this.hiddenSize = hiddenSize;
        this.adapters = Collections.unmodifiableMap(adapters);
    }

    /**
     * Fresh adapters for {@code model}, drawn from {@code seed}.
     *
     * @throws IllegalArgumentException when a layer of the config is outside the model
     */
    public static BottleneckAdapter create(Transformer model, BottleneckConfig config, long seed) {
        int hidden = model.config().hiddenSize();
        int width = config.bottleneckSize(hidden);
        float std = (float) config.initStd();
        TensorRandom random = new TensorRandom(seed);
        Map<String, Bottleneck> adapters = new LinkedHashMap<>();
        for (String point : points(model, config)) {
            Tensor up = config.init() == BottleneckConfig.Init.BERT
                    ? random.normal(0f, std, hidden, width) : Tensor.zeros(hidden, width);
            adapters.put(point, new Bottleneck(Variable.parameter(random.normal(0f, std, width, hidden)),
                    Variable.parameter(Tensor.zeros(width)), Variable.parameter(up),
                    Variable.parameter(Tensor.zeros(hidden))));
        }
        return new BottleneckAdapter(config, hidden, adapters);
    }

    /**
     * Loads adapters saved by {@link #save} for {@code model}; their weights become parameters.
     *
     * @throws FormatException when the description is malformed, does not fit the model, or the tensors are not
     *                         exactly the ones it implies
     */
    public static BottleneckAdapter load(Path folder, Transformer model) throws IOException {
        Path file = folder.resolve(CONFIG_FILE);
        JsonFields f = JsonFiles.readObject(file);
        if (!f.string("adapter").equals(KIND)) {
            throw f.error("adapter", "expected \"" + KIND + "\", found \"" + f.string("adapter") + "\"");
        }
        int hidden = f.positiveInteger("hidden_size");
        if (hidden != model.config().hiddenSize()) {
            throw f.error("hidden_size", "the adapters were trained for hidden size " + hidden + ", this model has "
                    + model.config().hiddenSize());
        }
        BottleneckConfig config;
        List<String> points;
        try {
            config = new BottleneckConfig(f.positiveInteger("reduction_factor"), f.bool("after_attention", false),
                    f.bool("after_mlp", false), Arrays.stream(f.counts("layers")).boxed().toList(), init(f), f.number("init_std"));
            points = points(model, config);
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
        int width = config.bottleneckSize(hidden);
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (String point : points) {
            shapes.put(point + ".adapter_down.weight", new int[] {width, hidden});
            shapes.put(point + ".adapter_down.bias", new int[] {width});
            shapes.put(point + ".adapter_up.weight", new int[] {hidden, width});
            shapes.put(point + ".adapter_up.bias", new int[] {hidden});
        }
        Map<String, Tensor> tensors = ParameterFiles.readTensors(folder.resolve(WEIGHTS_FILE), shapes);
        Map<String, Bottleneck> adapters = new LinkedHashMap<>();
        for (String point : points) {
            adapters.put(point, new Bottleneck(Variable.parameter(tensors.get(point + ".adapter_down.weight")),
                    Variable.parameter(tensors.get(point + ".adapter_down.bias")),
                    Variable.parameter(tensors.get(point + ".adapter_up.weight")),
                    Variable.parameter(tensors.get(point + ".adapter_up.bias"))));
        }
        return new BottleneckAdapter(config, hidden, adapters);
    }

    /** Writes the description and the weights (F32) into {@code folder}. */
    public void save(Path folder) throws IOException {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("adapter", KIND);
        json.put("hidden_size", hiddenSize);
        json.put("reduction_factor", config.reductionFactor());
        json.put("bottleneck_size", config.bottleneckSize(hiddenSize));
        json.put("non_linearity", "relu");
        json.put("after_attention", config.afterAttention());
        json.put("after_mlp", config.afterMlp());
        config.layers().forEach(json.putArray("layers")::add);
        json.put("init", config.init().name().toLowerCase(Locale.ROOT));
        json.put("init_std", config.initStd());
        ParameterFiles.write(folder, CONFIG_FILE, json, WEIGHTS_FILE, parameters());
    }

    public BottleneckConfig config() {
        return config;
    }

    /** The adapters by the hook point they edit, in the order a forward pass reaches them. */
    public Map<String, Bottleneck> adapters() {
        return adapters;
    }

    /** Every weight by its file name ({@code <hook point>.adapter_down.weight}, ...): what an optimizer updates. */
    public Map<String, Variable> parameters() {
        Map<String, Variable> parameters = new LinkedHashMap<>();
        adapters.forEach((point, adapter) -> {
            parameters.put(point + ".adapter_down.weight", adapter.downWeight());
            parameters.put(point + ".adapter_down.bias", adapter.downBias());
            parameters.put(point + ".adapter_up.weight", adapter.upWeight());
            parameters.put(point + ".adapter_up.bias", adapter.upBias());
        });
        return parameters;
    }

    /** New hooks holding the adapters' edits; pass them to a forward pass or {@code GenerationOptions}. */
    public Hooks hooks() {
        return addTo(new Hooks());
    }

    /** Adds the adapters' edits to {@code hooks} (after the edits already at the same points) and returns it. */
    public Hooks addTo(Hooks hooks) {
        adapters.forEach((point, adapter) -> hooks.addTrainable(point, (a, context) -> adapter.apply(a)));
        return hooks;
    }

    /** The hook points of the config's adapters in {@code model}, in forward order. */
    private static List<String> points(Transformer model, BottleneckConfig config) {
        int layers = model.config().numLayers();
        config.layers().stream().filter(layer -> layer >= layers).findFirst().ifPresent(layer -> {
            throw new IllegalArgumentException("adapter layer " + layer + " is outside this " + layers
                    + "-layer model");
        });
        List<String> points = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            if (!config.layers().isEmpty() && !config.layers().contains(i)) {
                continue;
            }
            if (config.afterAttention()) {
                points.add(HookPoints.attnOut(i));
            }
            if (config.afterMlp()) {
                points.add(HookPoints.mlpOut(i));
            }
        }
        return points;
    }

    private static BottleneckConfig.Init init(JsonFields f) {
        String name = f.string("init");
        try {
            return BottleneckConfig.Init.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw f.error("init", "expected \"identity\" or \"bert\", found \"" + name + "\"");
        }
    }
}

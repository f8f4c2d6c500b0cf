package dev.rein.training.adapters;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.autograd.Variable;
import dev.rein.formats.FormatException;
import dev.rein.formats.config.PositionEncoding;
import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.JsonFiles;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.HeadProjections;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LLaMA-Adapter v1's gated prompt in one layer L: a learnable prompt P [len, hidden] is projected by layer L's own
 * (frozen) key and value projections, without rotary embedding, into K_P and V_P [Hkv, len, D]; every query of the
 * layer attends to them with a softmax of its own, and each head adds the result scaled by the tanh of its gate:
 * <pre>
 * z_h += tanh(g_h) * softmax(q_h K_P^T * scale) V_P        (K_P, V_P repeated over each key/value head's group)
 * </pre>
 * where q is the query after rotary embedding and scale the layer's attention scale (no softcap, no mask: every
 * position sees the whole prompt). The gate starts at 0, so the adapter starts as the identity, yet its gradient is
 * not zero (d tanh(g)/dg = 1 at 0), so training moves it at once.
 *
 * <p>It is built from two hooks: one that reads the rotated queries ({@code blocks.L.attn.hook_rot_q}, or
 * {@code hook_q} for GPT-2, which has no rotary embedding) and one that edits the per-head attention output
 * ({@code blocks.L.attn.hook_z}), so it runs in full passes and in every cached generation step (the prompt is
 * recomputed from P each pass and never enters the KV cache). The hooks keep the query between the two points, so
 * one adapter's hooks serve one forward pass at a time.
 *
 * <p>Files: {@code gated_prefix_adapter.json} (the config and the sizes) and {@code gated_prefix_adapter.safetensors}
 * with {@code prompt} [len, hidden] and {@code gate} [heads].
 */
public final class GatedPrefixAdapter {
    /** The description file the adapter is recognised by. */
    public static final String CONFIG_FILE = "gated_prefix_adapter.json";
    static final String WEIGHTS_FILE = "gated_prefix_adapter.safetensors";
    private static final String KIND = "gated_prefix";
    private static final String PROMPT = "prompt";
    private static final String GATE = "gate";

    private final Transformer model;
    private final GatedPrefixConfig config;
    private final Variable prompt;        // [len, hidden]
    private final Variable gate;          // [Hq]
    private final String queryPoint;
    private Variable query;               // [B, Hq, T, D] of the pass in progress, between the two hooks

    private GatedPrefixAdapter(Transformer model, GatedPrefixConfig config, Variable prompt, Variable gate) {
        this.model = model;
        this.config = config;
        this.prompt = prompt;
        this.gate = gate;
        boolean rotary = model.config().positions() instanceof PositionEncoding.Rotary;
        this.queryPoint = rotary ? HookPoints.rotatedQuery(config.layer()) : HookPoints.query(config.layer());
    }

    /**
     * A fresh adapter for {@code model}: the prompt drawn from {@code seed}, the gate at 0.
     *
     * @throws IllegalArgumentException when the layer is outside the model
     */
    public static GatedPrefixAdapter create(Transformer model, GatedPrefixConfig config, long seed) {
        checkLayer(model, config.layer());
        Tensor prompt = new TensorRandom(seed).normal(0f, (float) config.promptStd(), config.length(),
                model.config().hiddenSize());
        return new GatedPrefixAdapter(model, config, Variable.parameter(prompt),
                Variable.parameter(Tensor.zeros(model.config().attention().numHeads())));
    }

    /**
     * Loads an adapter saved by {@link #save} for {@code model}; prompt and gate become parameters.
     *
     * @throws FormatException when the description is malformed or does not fit the model, or the tensors are
     *                         not exactly {@code prompt} and {@code gate} of the described sizes
     */
    public static GatedPrefixAdapter load(Path folder, Transformer model) throws IOException {
        Path file = folder.resolve(CONFIG_FILE);
        JsonFields f = JsonFiles.readObject(file);
        if (!f.string("adapter").equals(KIND)) {
            throw f.error("adapter", "expected \"" + KIND + "\", found \"" + f.string("adapter") + "\"");
        }
        int hidden = model.config().hiddenSize();
        int heads = model.config().attention().numHeads();
        if (f.positiveInteger("hidden_size") != hidden) {
            throw f.error("hidden_size", "the adapter was trained for hidden size " + f.positiveInteger("hidden_size")
                    + ", this model has " + hidden);
        }
        if (f.positiveInteger("num_heads") != heads) {
            throw f.error("num_heads", "the adapter was trained for " + f.positiveInteger("num_heads")
                    + " heads, this model has " + heads);
        }
        int layer = f.count("layer");
        if (layer >= model.config().numLayers()) {
            throw f.error("layer", "layer " + layer + " is outside this " + model.config().numLayers()
                    + "-layer model");
        }
        GatedPrefixConfig config;
        try {
            config = new GatedPrefixConfig(layer, f.positiveInteger("length"), f.number("prompt_std"));
        } catch (IllegalArgumentException e) {
            throw f.error("prompt_std", e.getMessage());
        }
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put(PROMPT, new int[] {config.length(), hidden});
        shapes.put(GATE, new int[] {heads});
        Map<String, Tensor> tensors = ParameterFiles.readTensors(folder.resolve(WEIGHTS_FILE), shapes);
        return new GatedPrefixAdapter(model, config, Variable.parameter(tensors.get(PROMPT)),
                Variable.parameter(tensors.get(GATE)));
    }

    /** Writes the description and the prompt and gate (F32) into {@code folder}. */
    public void save(Path folder) throws IOException {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("adapter", KIND);
        json.put("layer", config.layer());
        json.put("length", config.length());
        json.put("prompt_std", config.promptStd());
        json.put("hidden_size", model.config().hiddenSize());
        json.put("num_heads", model.config().attention().numHeads());
        ParameterFiles.write(folder, CONFIG_FILE, json, WEIGHTS_FILE, parameters());
    }

    public GatedPrefixConfig config() {
        return config;
    }

    /** P [len, hidden]. */
    public Variable prompt() {
        return prompt;
    }

    /** g [heads], one gate per query head. */
    public Variable gate() {
        return gate;
    }

    /** {@code prompt} and {@code gate}: what an optimizer updates. */
    public Map<String, Variable> parameters() {
        Map<String, Variable> parameters = new LinkedHashMap<>();
        parameters.put(PROMPT, prompt);
        parameters.put(GATE, gate);
        return parameters;
    }

    /** New hooks holding the adapter; pass them to a forward pass of its model or to {@code GenerationOptions}. */
    public Hooks hooks() {
        return addTo(new Hooks());
    }

    /** Adds the adapter's two hooks to {@code hooks} and returns it. */
    public Hooks addTo(Hooks hooks) {
        hooks.addTrainable(queryPoint, (q, context) -> {
            query = q;
            return q;
        });
        hooks.addTrainable(HookPoints.z(config.layer()), (z, context) -> {
            if (query == null) {
                throw new IllegalStateException("the gated prefix of layer " + config.layer() + " reached hook_z"
                        + " without the queries of " + queryPoint + "; was the adapter given another model?");
            }
            Variable edited = z.add(attendToPrompt(query));
            query = null;
            return edited;
        });
        return hooks;
    }

    /** tanh(g) * softmax(q K_P^T * scale) V_P for queries q [B, Hq, T, D] -> [B, Hq, T, D]. */
    private Variable attendToPrompt(Variable q) {
        int b = q.size(0);
        int heads = q.size(1);
        int t = q.size(2);
        int d = q.size(3);
        HeadProjections projected = model.headProjections(config.layer(), prompt.unsqueeze(0));
        Variable keys = projected.keys();                                        // [1, Hkv, len, D]
        Variable values = projected.values();
        int kvHeads = keys.size(1);
        int group = heads / kvHeads;
        // query head h belongs to key/value head h / group: [B, Hkv, group, T, D] against [1, Hkv, 1, len, D]
        Variable grouped = q.reshape(b, kvHeads, group, t, d);
        float scale = model.blocks().get(config.layer()).attention().scale();
        Variable scores = grouped.matmul(keys.unsqueeze(2).mT()).mul(scale);
        Variable attended = scores.softmax(-1).matmul(values.unsqueeze(2));        // [B, Hkv, group, T, D]
        return attended.reshape(b, heads, t, d).mul(gate.tanh().view(1, heads, 1, 1));
    }

    private static void checkLayer(Transformer model, int layer) {
        int layers = model.config().numLayers();
        if (layer >= layers) {
            throw new IllegalArgumentException("prefix layer " + layer + " is outside this " + layers
                    + "-layer model");
        }
    }
}

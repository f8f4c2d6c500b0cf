package dev.rein.training.heads;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.autograd.Variable;
import dev.rein.formats.FormatException;
import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.JsonFiles;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.Linear;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import dev.rein.training.adapters.ParameterFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A head on pooled hidden states: {@code head(pooler(pool(h)))} with h [B, T, H] read at the config's hook point,
 * giving [B, k] (a DPH reward, a reward model's score, k class logits). Its weights are F32 parameters; the model it
 * reads stays as loaded, so a frozen backbone trains only the head.
 *
 * <p>Files: {@code pooled_head.json} (hook point, pooling, pooler, sizes) and {@code pooled_head.safetensors} with
 * {@code pooler.<name>.weight}/{@code .bias} and {@code head.weight} (and {@code head.bias}).
 */
public final class PooledHead {
    static final String CONFIG_FILE = "pooled_head.json";
    static final String WEIGHTS_FILE = "pooled_head.safetensors";
    private static final String KIND = "pooled_head";
    private static final String POOLER_PREFIX = "pooler.";
    private static final String HEAD = "head";

    private final HeadConfig config;
    private final Pooler pooler;
    private final Linear head;          // [k, H]

    private PooledHead(HeadConfig config, Map<String, Variable> weights) {
        this.config = config;
        this.pooler = switch (config.pooler()) {
            case IDENTITY -> new Pooler.Identity();
            case LINEAR_TANH -> new Pooler.LinearTanh(linear(weights, POOLER_PREFIX + "dense"));
            case SWIGLU_TANH -> new Pooler.SwiGluTanh(linear(weights, POOLER_PREFIX + "value"),
                    linear(weights, POOLER_PREFIX + "gate"), linear(weights, POOLER_PREFIX + "output"));
        };
        this.head = linear(weights, HEAD);
    }

    /** A fresh head: weights normal with the config's standard deviation, drawn from {@code seed}; biases zero. */
    public static PooledHead create(HeadConfig config, long seed) {
        TensorRandom random = new TensorRandom(seed);
        Map<String, Variable> weights = new LinkedHashMap<>();
        shapes(config).forEach((name, shape) -> weights.put(name, Variable.parameter(name.endsWith(".bias")
                ? Tensor.zeros(shape) : random.normal(0f, (float) config.initStd(), shape))));
        return new PooledHead(config, weights);
    }

    /**
     * Loads a head saved by {@link #save}; its weights become parameters.
     *
     * @throws FormatException when the description is malformed or the tensors are not exactly the ones it implies
     */
    public static PooledHead load(Path folder) throws IOException {
        HeadConfig config = readConfig(folder.resolve(CONFIG_FILE));
        Map<String, Variable> weights = new LinkedHashMap<>();
        ParameterFiles.readTensors(folder.resolve(WEIGHTS_FILE), shapes(config))
                .forEach((name, tensor) -> weights.put(name, Variable.parameter(tensor)));
        return new PooledHead(config, weights);
    }

    /** Writes the description and the weights (F32) into {@code folder}. */
    public void save(Path folder) throws IOException {
        JsonNodeFactory factory = JsonNodeFactory.instance;
        ObjectNode json = factory.objectNode();
        json.put("head", KIND);
        json.put("hook_point", config.hookPoint());
        ObjectNode pooling = json.putObject("pooling");
        switch (config.pooling()) {
            case Pooling.LastToken last -> pooling.put("kind", "last_token").put("token_id", last.tokenId());
            case Pooling.LastReal _ -> pooling.put("kind", "last_real");
            case Pooling.Mean _ -> pooling.put("kind", "mean");
        }
        json.put("pooler", config.pooler().name().toLowerCase(Locale.ROOT));
        json.put("hidden_size", config.hiddenSize());
        json.put("intermediate_size", config.intermediateSize());
        json.put("outputs", config.outputs());
        json.put("head_bias", config.headBias());
        json.put("init_std", config.initStd());
        ParameterFiles.write(folder, CONFIG_FILE, json, WEIGHTS_FILE, parameters());
    }

    public HeadConfig config() {
        return config;
    }

    public Pooler pooler() {
        return pooler;
    }

    /** The output layer, weight [k, H]. */
    public Linear head() {
        return head;
    }

    /** Every weight by its file name ({@code pooler.dense.weight}, {@code head.weight}, ...). */
    public Map<String, Variable> parameters() {
        Map<String, Variable> parameters = new LinkedHashMap<>();
        pooler.parameters().forEach((name, p) -> parameters.put(POOLER_PREFIX + name, p));
        parameters.put(HEAD + ".weight", head.weight());
        if (head.bias() != null) {
            parameters.put(HEAD + ".bias", head.bias());
        }
        return parameters;
    }

    /**
     * hidden [B, T, H] read at the config's hook point for {@code batch} -> outputs [B, k].
     *
     * @throws IllegalArgumentException when the hidden size differs from the config's, or pooling fails (a row
     *                                  without the pooling token, for example)
     */
    public Variable apply(Variable hidden, TokenBatch batch) {
        checkHidden(hidden);
        return fromPooled(config.pooling().pool(hidden, batch));
    }

    /**
     * pooled vectors [B, H] (what the config's pooling made of the hidden states) -> outputs [B, k]: the pooler and
     * the head only. A head trained on a frozen model can pool every text once ({@link #pooled}) and then train on
     * the pooled vectors.
     */
    public Variable fromPooled(Variable pooled) {
        return head.apply(pooler.apply(pooled));
    }

    /**
     * Runs {@code model} on {@code batch} and applies the head to the states at its hook point: [B, k]. Gradients
     * reach the head, and the model's weights when they are parameters.
     *
     * @throws IllegalArgumentException when the model has no such hook point, or for the reasons of {@link #apply}
     */
    public Variable score(Transformer model, TokenBatch batch) {
        return score(model, batch, new Hooks());
    }

    /**
     * {@link #score(Transformer, TokenBatch)} with {@code hooks} in the pass as well (an adapter's, say, whose
     * trainable weights then get gradients too); the head adds its reading hook to them.
     */
    public Variable score(Transformer model, TokenBatch batch, Hooks hooks) {
        return fromPooled(pooled(model, batch, hooks));
    }

    /**
     * Runs {@code model} on {@code batch} and pools the states at the config's hook point: [B, H], before the pooler.
     *
     * @throws IllegalArgumentException when the model has no such hook point, its hidden size differs from the
     *                                  config's, or pooling fails
     */
    public Variable pooled(Transformer model, TokenBatch batch) {
        return pooled(model, batch, new Hooks());
    }

    /** {@link #pooled(Transformer, TokenBatch)} with {@code hooks} in the pass as well; adds its hook to them. */
    public Variable pooled(Transformer model, TokenBatch batch, Hooks hooks) {
        Variable[] read = new Variable[1];
        model.forward(batch, hooks.addTrainable(config.hookPoint(), (hidden, context) -> {
            read[0] = hidden;
            return hidden;
        }));
        checkHidden(read[0]);
        return config.pooling().pool(read[0], batch);
    }

    private void checkHidden(Variable hidden) {
        if (hidden.rank() != 3 || hidden.size(2) != config.hiddenSize()) {
            throw new IllegalArgumentException("the head expects hidden states [B, T, " + config.hiddenSize()
                    + "], got " + Arrays.toString(hidden.shape()));
        }
    }

    /** The tensors of a head of this config, by file name, with their shapes. */
    private static Map<String, int[]> shapes(HeadConfig config) {
        int h = config.hiddenSize();
        int inner = config.intermediateSize();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        switch (config.pooler()) {
            case IDENTITY -> { }
            case LINEAR_TANH -> {
                shapes.put(POOLER_PREFIX + "dense.weight", new int[] {h, h});
                shapes.put(POOLER_PREFIX + "dense.bias", new int[] {h});
            }
            case SWIGLU_TANH -> {
                shapes.put(POOLER_PREFIX + "value.weight", new int[] {inner, h});
                shapes.put(POOLER_PREFIX + "value.bias", new int[] {inner});
                shapes.put(POOLER_PREFIX + "gate.weight", new int[] {inner, h});
                shapes.put(POOLER_PREFIX + "gate.bias", new int[] {inner});
                shapes.put(POOLER_PREFIX + "output.weight", new int[] {h, inner});
                shapes.put(POOLER_PREFIX + "output.bias", new int[] {h});
            }
        }
        shapes.put(HEAD + ".weight", new int[] {config.outputs(), h});
        if (config.headBias()) {
            shapes.put(HEAD + ".bias", new int[] {config.outputs()});
        }
        return shapes;
    }

    private static Linear linear(Map<String, Variable> weights, String name) {
        return new Linear(weights.get(name + ".weight"), weights.get(name + ".bias"));
    }

    private static HeadConfig readConfig(Path file) throws IOException {
        JsonFields f = JsonFiles.readObject(file);
        if (!f.string("head").equals(KIND)) {
            throw f.error("head", "expected \"" + KIND + "\", found \"" + f.string("head") + "\"");
        }
        JsonFields pooling = f.object("pooling");
        Pooling how = switch (pooling.string("kind")) {
            case "last_token" -> new Pooling.LastToken(pooling.count("token_id"));
            case "last_real" -> new Pooling.LastReal();
            case "mean" -> new Pooling.Mean();
            default -> throw pooling.error("kind", "expected \"last_token\", \"last_real\" or \"mean\", found \""
                    + pooling.string("kind") + "\"");
        };
        HeadConfig.PoolerKind kind;
        try {
            kind = HeadConfig.PoolerKind.valueOf(f.string("pooler").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw f.error("pooler", "expected \"identity\", \"linear_tanh\" or \"swiglu_tanh\", found \""
                    + f.string("pooler") + "\"");
        }
        try {
            return new HeadConfig(f.string("hook_point"), how, kind, f.positiveInteger("hidden_size"),
                    f.count("intermediate_size"), f.positiveInteger("outputs"), f.bool("head_bias", false),
                    f.number("init_std"));
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
    }
}

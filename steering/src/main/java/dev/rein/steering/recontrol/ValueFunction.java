package dev.rein.steering.recontrol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.autograd.IndexingFunctions;
import dev.rein.autograd.NoGrad;
import dev.rein.autograd.Variable;
import dev.rein.formats.FormatException;
import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.JsonFiles;
import dev.rein.models.transformer.Linear;
import dev.rein.tensor.Indexing;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import dev.rein.training.adapters.ParameterFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RE-Control's value function V(s): an MLP from a hidden state [..., H] to one number per state, ReLU between its
 * linear layers ({@code fc1 … fcN}, PyTorch's names in RE-Control's {@code ValueFunction}). V(s_t) estimates the
 * reward the response will get when the model is in state s_t; guidance then climbs V's gradient with respect to
 * the state ({@link #inputGradient}).
 *
 * <p>Files: {@code value_model.json} (kind, hook point, sizes, and the training settings as written by the trainer)
 * and {@code value_model.safetensors} with {@code fc1.weight} [W1, H], {@code fc1.bias} [W1], …,
 * {@code fcN.weight} [1, W], {@code fcN.bias} [1], all F32.
 */
public final class ValueFunction {
    public static final String CONFIG_FILE = "value_model.json";
    public static final String WEIGHTS_FILE = "value_model.safetensors";
    private static final String KIND = "re_control_value_model";

    private final ValueModelConfig config;
    private final List<Linear> layers;        // fc1 … fcN; the last maps to one output

    private ValueFunction(ValueModelConfig config, Map<String, Variable> weights) {
        this.config = config;
        this.layers = new ArrayList<>();
        for (int i = 1; i <= config.hiddenSizes().size() + 1; i++) {
            layers.add(new Linear(weights.get("fc" + i + ".weight"), weights.get("fc" + i + ".bias")));
        }
    }

    /**
     * A fresh value function with trainable weights, initialised as PyTorch's {@code nn.Linear}: weights and biases
     * uniform in ±1/√(fan in), drawn from {@code seed}.
     */
    public static ValueFunction create(ValueModelConfig config, long seed) {
        TensorRandom random = new TensorRandom(seed);
        Map<String, Variable> weights = new LinkedHashMap<>();
        float bound = 0;
        for (Map.Entry<String, int[]> tensor : shapes(config).entrySet()) {
            int[] shape = tensor.getValue();
            if (tensor.getKey().endsWith(".weight")) {
                bound = (float) (1 / Math.sqrt(shape[1]));              // the bias after it shares this fan in
            }
            weights.put(tensor.getKey(), Variable.parameter(random.uniform(-bound, bound, shape)));
        }
        return new ValueFunction(config, weights);
    }

    /** A value function with the given weights (by file name, F32); they stay constants, as guidance needs. */
    public static ValueFunction of(ValueModelConfig config, Map<String, Tensor> weights) {
        Map<String, int[]> shapes = shapes(config);
        if (!weights.keySet().equals(shapes.keySet())) {
            throw new IllegalArgumentException("a value function of " + config + " has weights " + shapes.keySet()
                    + ", got " + weights.keySet());
        }
        Map<String, Variable> constants = new LinkedHashMap<>();
        shapes.forEach((name, shape) -> {
            if (!Arrays.equals(weights.get(name).shape(), shape)) {
                throw new IllegalArgumentException(name + " must have shape " + Arrays.toString(shape) + ", got "
                        + Arrays.toString(weights.get(name).shape()));
            }
            constants.put(name, Variable.constant(weights.get(name)));
        });
        return new ValueFunction(config, constants);
    }

    /**
     * Loads a value function saved by {@link #save}; its weights are constants (for guidance).
     *
     * @throws FormatException when the description is malformed or the tensors are not exactly the ones it implies
     */
    public static ValueFunction load(Path folder) throws IOException {
        ValueModelConfig config = readConfig(folder.resolve(CONFIG_FILE));
        return of(config, ParameterFiles.readTensors(folder.resolve(WEIGHTS_FILE), shapes(config)));
    }

    /**
     * Writes the weights ({@code value_model.safetensors}) and then the description ({@code value_model.json}, with
     * {@code training} as its {@code training} object) into {@code folder}, each file atomically.
     */
    public void save(Path folder, JsonNode training) throws IOException {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("kind", KIND);
        json.put("hook_point", config.hookPoint());
        json.put("hidden_size", config.inputSize());
        config.hiddenSizes().forEach(json.putArray("hidden_layers")::add);
        json.put("activation", "relu");
        json.set("training", training);
        ParameterFiles.write(folder, CONFIG_FILE, json, WEIGHTS_FILE, parameters());
    }

    public ValueModelConfig config() {
        return config;
    }

    /** Every weight by its file name ({@code fc1.weight}, {@code fc1.bias}, …), input side first. */
    public Map<String, Variable> parameters() {
        Map<String, Variable> parameters = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            parameters.put("fc" + (i + 1) + ".weight", layers.get(i).weight());
            parameters.put("fc" + (i + 1) + ".bias", layers.get(i).bias());
        }
        return parameters;
    }

    /** states [..., H] -> values [...]; gradients reach the weights (when trainable) and the states. */
    public Variable apply(Variable states) {
        if (states.size(states.rank() - 1) != config.inputSize()) {
            throw new IllegalArgumentException("the value model reads states of width " + config.inputSize()
                    + ", got shape " + Arrays.toString(states.shape()));
        }
        Variable x = states;
        for (int i = 0; i < layers.size() - 1; i++) {
            x = layers.get(i).apply(x).relu();
        }
        Variable out = layers.getLast().apply(x);                                    // [..., 1]
        return out.reshape(Arrays.copyOf(out.shape(), out.rank() - 1));             // [...]
    }

    /**
     * V at every valid step of {@code trajectories}, [N, T], and 0 at the steps past each response's end: only the
     * valid states go through the MLP, and gradients reach the weights from them alone.
     */
    public Variable valuesAtValidSteps(Trajectories trajectories) {
        int n = trajectories.rows();
        int t = trajectories.steps();
        float[] valid = trajectories.mask().toFloatArray();
        long[] positions = new long[n * t];                                  // flat [N * T] indices of valid steps
        int count = 0;
        for (int i = 0; i < valid.length; i++) {
            if (valid[i] != 0) positions[count++] = i;
        }
        Tensor index = Tensor.ofLongs(Arrays.copyOf(positions, count), count);
        Tensor states = Indexing.indexSelect(trajectories.states().reshape(n * t, trajectories.width()), 0, index);
        Variable values = apply(Variable.constant(states));                  // [M]
        return IndexingFunctions.scatterAdd(Variable.constant(Tensor.zeros(n * t)), 0, index, values).reshape(n, t);
    }

    /** states [..., H] -> values [...], recording nothing. */
    public Tensor values(Tensor states) {
        try (NoGrad scope = NoGrad.enter()) {
            return apply(Variable.constant(states)).value();
        }
    }

    /**
     * ∇_s Σ V(s) for states [..., H]: each state's own gradient (the states do not interact), computed by autograd
     * through the MLP only. This is what RE-Control's guidance climbs.
     *
     * @throws IllegalStateException inside a {@link NoGrad} scope, where nothing can be differentiated
     */
    public Tensor inputGradient(Tensor states) {
        if (!NoGrad.isRecording()) {
            throw new IllegalStateException("the value model's gradient needs autograd, but a NoGrad scope is open; "
                    + "run RE-Control guidance outside NoGrad");
        }
        Variable input = Variable.parameter(states);
        Variable total = apply(input).sum();
        return Variable.gradients(total, Tensor.ones(total.shape()), List.of(input)).getFirst();
    }

    /** The tensors of a value function of this config, by file name, with their shapes. */
    private static Map<String, int[]> shapes(ValueModelConfig config) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        int in = config.inputSize();
        List<Integer> outs = new ArrayList<>(config.hiddenSizes());
        outs.add(1);
        for (int i = 0; i < outs.size(); i++) {
            shapes.put("fc" + (i + 1) + ".weight", new int[] {outs.get(i), in});
            shapes.put("fc" + (i + 1) + ".bias", new int[] {outs.get(i)});
            in = outs.get(i);
        }
        return shapes;
    }

    private static ValueModelConfig readConfig(Path file) throws IOException {
        JsonFields f = JsonFiles.readObject(file);
        if (!f.string("kind").equals(KIND)) {
            throw f.error("kind", "expected \"" + KIND + "\", found \"" + f.string("kind") + "\"");
        }
        if (!f.string("activation", "relu").equals("relu")) {
            throw f.error("activation", "expected \"relu\", found \"" + f.string("activation") + "\"");
        }
        int[] hidden = f.counts("hidden_layers");
        try {
            return new ValueModelConfig(f.string("hook_point"), f.positiveInteger("hidden_size"),
                    Arrays.stream(hidden).boxed().toList());
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
    }
}

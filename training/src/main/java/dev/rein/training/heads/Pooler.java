package dev.rein.training.heads;

import dev.rein.autograd.Variable;
import dev.rein.models.transformer.Linear;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a pooled vector [B, H] goes through before the head, DPH's poolers without their dropout (the wrapped DPH
 * trains with dropout 0): the identity, {@code tanh(W x + b)} (DPH's "bert") or {@code tanh(W_o (value(x) *
 * silu(gate(x))) + b_o)} (DPH's "swiglu_bert"; DPH stores value and gate as one Linear(d, 2 d_ffn) whose first half
 * of rows is the value).
 */
public sealed interface Pooler {

    /** pooled [B, H] -> [B, H]. */
    Variable apply(Variable pooled);

    /** The weights by name within the pooler (e.g. {@code dense.weight}), in a fixed order. */
    Map<String, Variable> parameters();

    /** No change. */
    record Identity() implements Pooler {
        @Override
        public Variable apply(Variable pooled) {
            return pooled;
        }

        @Override
        public Map<String, Variable> parameters() {
            return Map.of();
        }
    }

    /** tanh(dense(x)), dense [H, H] with bias. */
    record LinearTanh(Linear dense) implements Pooler {
        @Override
        public Variable apply(Variable pooled) {
            return dense.apply(pooled).tanh();
        }

        @Override
        public Map<String, Variable> parameters() {
            Map<String, Variable> parameters = new LinkedHashMap<>();
            put(parameters, "dense", dense);
            return parameters;
        }
    }

    /** tanh(output(value(x) * silu(gate(x)))): value and gate [I, H], output [H, I], all with biases. */
    record SwiGluTanh(Linear value, Linear gate, Linear output) implements Pooler {
        @Override
        public Variable apply(Variable pooled) {
            return output.apply(value.apply(pooled).mul(gate.apply(pooled).silu())).tanh();
        }

        @Override
        public Map<String, Variable> parameters() {
            Map<String, Variable> parameters = new LinkedHashMap<>();
            put(parameters, "value", value);
            put(parameters, "gate", gate);
            put(parameters, "output", output);
            return parameters;
        }
    }

    private static void put(Map<String, Variable> parameters, String name, Linear linear) {
        parameters.put(name + ".weight", linear.weight());
        if (linear.bias() != null) {
            parameters.put(name + ".bias", linear.bias());
        }
    }
}

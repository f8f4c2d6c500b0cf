package dev.rein.models.transformer;

import dev.rein.autograd.Variable;
import dev.rein.formats.config.Activation;

/**
 * The MLP of a block: {@code down(act(gate(x)) * up(x))} where the layer has a gate (SwiGLU, GeGLU), else
 * {@code down(act(up(x)))} (GPT-2).
 */
final class FeedForward {
    private FeedForward() {
    }

    /** x [B, T, hidden] -> [B, T, hidden]. */
    static Variable apply(Variable x, MlpWeights w, Activation activation) {
        Variable inner = w.gate() == null
                ? activate(w.up().apply(x), activation)
                : activate(w.gate().apply(x), activation).mul(w.up().apply(x));   // [B, T, intermediate]
        return w.down().apply(inner);
    }

    private static Variable activate(Variable x, Activation activation) {
        return switch (activation) {
            case GELU_TANH -> x.geluTanh();
            case GELU -> x.gelu();
            case SILU -> x.silu();
            case RELU -> x.relu();
        };
    }
}

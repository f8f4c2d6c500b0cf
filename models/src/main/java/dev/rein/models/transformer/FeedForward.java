package dev.rein.models.transformer;

import dev.rein.autograd.UnaryFunctions;
import dev.rein.autograd.Variable;
import dev.rein.formats.config.Activation;
import dev.rein.tensor.UnaryOp;

/**
 * The MLP of a block: {@code down(act(gate(x)) * up(x))} where the layer has a gate (SwiGLU, GeGLU), else
 * {@code down(act(up(x)))} (GPT-2).
 */
final class FeedForward {
    private FeedForward() {
    }

    /** x [B, T, hidden] -> [B, T, hidden]. */
    static Variable apply(Variable x, MlpWeights w, UnaryOp activation) {
        Variable inner = w.gate() == null
                ? UnaryFunctions.apply(activation, w.up().apply(x))
                : UnaryFunctions.apply(activation, w.gate().apply(x)).mul(w.up().apply(x));   // [B, T, intermediate]
        return w.down().apply(inner);
    }

    /** The element-wise function of a config's activation. */
    static UnaryOp function(Activation activation) {
        return switch (activation) {
            case GELU_TANH -> UnaryOp.GELU_TANH;
            case GELU -> UnaryOp.GELU_ERF;
            case SILU -> UnaryOp.SILU;
            case RELU -> UnaryOp.RELU;
        };
    }
}

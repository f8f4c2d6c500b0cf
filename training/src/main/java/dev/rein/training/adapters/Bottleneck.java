package dev.rein.training.adapters;

import dev.rein.autograd.MatrixFunctions;
import dev.rein.autograd.Variable;

/**
 * One bottleneck adapter on a sublayer output a [..., hidden]: {@code a + W_up relu(W_down a + b_down) + b_up}.
 *
 * @param downWeight [bottleneck, hidden]
 * @param downBias   [bottleneck]
 * @param upWeight   [hidden, bottleneck]
 * @param upBias     [hidden]
 */
public record Bottleneck(Variable downWeight, Variable downBias, Variable upWeight, Variable upBias) {

    /** a [..., hidden] -> [..., hidden]. */
    public Variable apply(Variable a) {
        Variable inner = MatrixFunctions.linear(a, downWeight, downBias).relu();     // [..., bottleneck]
        return a.add(MatrixFunctions.linear(inner, upWeight, upBias));
    }
}

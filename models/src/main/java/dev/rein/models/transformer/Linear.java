package dev.rein.models.transformer;

import dev.rein.autograd.MatrixFunctions;
import dev.rein.autograd.Variable;

/**
 * A linear layer {@code y = x W^T + b}: weight [out, in] in its stored dtype (a transposed view for GPT-2's Conv1D),
 * bias [out] or null. The projection every loaded model uses, one matrix product and nothing else.
 */
public record Linear(Variable weight, Variable bias) implements Projection {

    /** x [..., in] -> [..., out]. */
    @Override
    public Variable apply(Variable x) {
        return MatrixFunctions.linear(x, weight, bias);
    }

    @Override
    public int inFeatures() {
        return weight.size(1);
    }

    @Override
    public int outFeatures() {
        return weight.size(0);
    }
}

package dev.rein.autograd;

import dev.rein.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * One input of a recorded op together with its backward rule: the function that turns the gradient of the
 * op's output into the gradient of this input (the vector-Jacobian product). The rule must return a tensor
 * with the input's shape ({@link BackwardPass} checks this), and either one it made itself or a view of the upstream
 * gradient, never another tensor it holds (the pass adds into tensors it made).
 *
 * @param input    the op's input, a variable that requires a gradient
 * @param backward d objective / d output (output's shape) to d objective / d input (input's shape)
 */
record Edge(Variable input, UnaryOperator<Tensor> backward) {
    static Edge of(Variable input, UnaryOperator<Tensor> backward) {
        return new Edge(input, backward);
    }
}

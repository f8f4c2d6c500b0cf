package dev.rein.autograd;

import dev.rein.tensor.Elementwise;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.UnaryOp;

/**
 * Differentiable element-wise functions of one operand. Backward: d x = d y * f'(x) in one pass over the saved
 * input x ({@link Elementwise#unaryGrad}, whose backend holds each derivative's formula).
 */
public final class UnaryFunctions {
    private UnaryFunctions() {
    }

    /** y = op(x), any shape. */
    public static Variable apply(UnaryOp op, Variable x) {
        Tensor xv = x.value();
        Tensor y = Elementwise.unary(op, xv);
        return Variable.fromOp(op.name().toLowerCase(), y, Edge.of(x, g -> Elementwise.unaryGrad(op, xv, g)));
    }

    /** y = x limited to [min, max]; the gradient passes where min <= x <= max (as PyTorch). */
    public static Variable clamp(Variable x, float min, float max) {
        Tensor xv = x.value();
        Tensor y = Elementwise.clamp(xv, min, max);
        return Variable.fromOp("clamp", y,
                Edge.of(x, g -> g.mul(ElementMaps.map(xv, v -> v >= min && v <= max ? 1 : 0))));
    }

    /** y = cap * tanh(x / cap) (Gemma 2), composed of differentiable ops exactly as the tensor op is. */
    public static Variable softcap(Variable x, float cap) {
        return x.div(cap).tanh().mul(cap);
    }
}

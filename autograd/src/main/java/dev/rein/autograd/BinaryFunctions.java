package dev.rein.autograd;

import dev.rein.tensor.BinaryOp;
import dev.rein.tensor.Elementwise;
import dev.rein.tensor.Tensor;

/**
 * Differentiable element-wise functions of two operands with broadcasting, and selection (where,
 * maskedFill). Backward: each operand's gradient is computed at the broadcast shape of y, then summed back
 * onto the operand's own shape ({@link Broadcasting#sumToShape}).
 */
public final class BinaryFunctions {
    private BinaryFunctions() {
    }

    /** y = op(a, b); a, b broadcast to y's shape. */
    public static Variable apply(BinaryOp op, Variable a, Variable b) {
        Tensor av = a.value();
        Tensor bv = b.value();
        Tensor y = Elementwise.binary(op, av, bv);
        return Variable.fromOp(op.name().toLowerCase(), y,
                Edge.of(a, g -> Broadcasting.sumToShape(gradFirst(op, g, av, bv), av.shape())),
                Edge.of(b, g -> Broadcasting.sumToShape(gradSecond(op, g, av, bv, y), bv.shape())));
    }

    /** d a at y's shape. */
    private static Tensor gradFirst(BinaryOp op, Tensor g, Tensor a, Tensor b) {
        return switch (op) {
            case ADD, SUB -> g;
            case MUL -> g.mul(b);
            case DIV -> g.div(b);
            case POW -> g.mul(b).mul(a.pow(b.sub(1f)));             // b a^(b-1)
            case MAX -> g.mul(winnerShare(a, b));
            case MIN -> g.mul(winnerShare(b, a));
        };
    }

    /** d b at y's shape. */
    private static Tensor gradSecond(BinaryOp op, Tensor g, Tensor a, Tensor b, Tensor y) {
        return switch (op) {
            case ADD -> g;
            case SUB -> g.neg();
            case MUL -> g.mul(a);
            case DIV -> g.mul(y).div(b).neg();                      // -a / b^2 = -y / b
            case POW -> g.mul(y).mul(a.log());                      // a^b ln a
            case MAX -> g.mul(winnerShare(b, a));
            case MIN -> g.mul(winnerShare(a, b));
        };
    }

    /** 1 where {@code first > second}, 0 where below, 1/2 on ties (PyTorch splits the gradient of max evenly). */
    private static Tensor winnerShare(Tensor first, Tensor second) {
        return ElementMaps.map(first, second, (p, q) -> p > q ? 1 : p == q ? 0.5 : 0);
    }

    /** y = cond ? a : b; cond a BOOL tensor (not differentiable), all three broadcast. */
    public static Variable where(Tensor cond, Variable a, Variable b) {
        Tensor zero = Tensor.scalar(0f);
        int[] aShape = a.shape();
        int[] bShape = b.shape();
        Tensor y = Elementwise.where(cond, a.value(), b.value());
        return Variable.fromOp("where", y,
                Edge.of(a, g -> Broadcasting.sumToShape(Elementwise.where(cond, g, zero), aShape)),
                Edge.of(b, g -> Broadcasting.sumToShape(Elementwise.where(cond, zero, g), bShape)));
    }

    /** y = mask ? fill : x (PyTorch masked_fill); no gradient reaches x where the mask is set. */
    public static Variable maskedFill(Variable x, Tensor mask, float fill) {
        return where(mask, Variable.scalar(fill), x);
    }
}

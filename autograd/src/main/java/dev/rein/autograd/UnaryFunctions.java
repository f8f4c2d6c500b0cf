package dev.rein.autograd;

import dev.rein.tensor.Elementwise;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.UnaryOp;
import dev.rein.tensor.cpu.MathFunctions;

/**
 * Differentiable element-wise functions of one operand. Backward: d x = d y * f'(x), with f' written
 * either with tensor ops on the saved input x or output y, or as a scalar formula evaluated per element.
 */
public final class UnaryFunctions {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final double GELU_CUBIC = 0.044715;

    private UnaryFunctions() {
    }

    /** y = op(x), any shape. */
    public static Variable apply(UnaryOp op, Variable x) {
        Tensor xv = x.value();
        Tensor y = Elementwise.unary(op, xv);
        return Variable.fromOp(op.name().toLowerCase(), y, Edge.of(x, g -> g.mul(derivative(op, xv, y))));
    }

    /** f'(x) for y = f(x), element-wise (a scalar tensor where it is constant). */
    private static Tensor derivative(UnaryOp op, Tensor x, Tensor y) {
        Tensor one = Tensor.scalar(1f);
        return switch (op) {
            case NEG -> Tensor.scalar(-1f);
            case EXP -> y;
            case LOG -> one.div(x);
            case SQRT -> Tensor.scalar(0.5f).div(y);
            case RSQRT -> y.mul(y).mul(y).mul(-0.5f);              // d x^(-1/2) = -1/2 x^(-3/2)
            case ABS -> ElementMaps.map(x, Math::signum);
            case TANH -> one.sub(y.mul(y));
            case SIGMOID -> y.mul(one.sub(y));
            case RELU -> ElementMaps.map(x, v -> v > 0 ? 1 : 0);
            case GELU_ERF -> ElementMaps.map(x, UnaryFunctions::geluErfDerivative);
            case GELU_TANH -> ElementMaps.map(x, UnaryFunctions::geluTanhDerivative);
            case SILU -> ElementMaps.map(x, UnaryFunctions::siluDerivative);
        };
    }

    /** d/dx x Phi(x) = Phi(x) + x phi(x). */
    private static double geluErfDerivative(double x) {
        double cdf = 0.5 * (1.0 + MathFunctions.erf(x / Math.sqrt(2.0)));
        return cdf + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** d/dx 0.5 x (1 + tanh(u)), u = sqrt(2/pi) (x + 0.044715 x^3). */
    private static double geluTanhDerivative(double x) {
        double t = Math.tanh(SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x));
        double du = SQRT_2_OVER_PI * (1.0 + 3.0 * GELU_CUBIC * x * x);
        return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * du;
    }

    /** d/dx x s(x) = s(x) (1 + x (1 - s(x))). */
    private static double siluDerivative(double x) {
        double s = 1.0 / (1.0 + Math.exp(-x));
        return s * (1.0 + x * (1.0 - s));
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

package dev.rein.tensor;

/** Element-wise ops with NumPy broadcasting; inputs of other dtypes are converted to F32 first. */
public final class Elementwise {
    private Elementwise() {
    }

    /** {@code op(x)} for every element. */
    public static Tensor unary(UnaryOp op, Tensor x) {
        Tensor in = x.to(DType.F32);
        Tensor out = Tensor.zeros(in.shape());
        Backends.current().unary(op, in, out);
        return out;
    }

    /** The backward of {@link #unary}: {@code g * op'(x)} for x and g of one shape, in one pass. */
    public static Tensor unaryGrad(UnaryOp op, Tensor x, Tensor g) {
        if (!x.sameShape(g)) {
            throw new ShapeException(op.name().toLowerCase() + " backward: input " + Shapes.str(x.shape())
                    + " and gradient " + Shapes.str(g.shape()) + " differ in shape");
        }
        Tensor out = Tensor.zeros(x.shape());
        Backends.current().unaryGrad(op, x.to(DType.F32), g.to(DType.F32), out);
        return out;
    }

    /** {@code op(a, b)} with broadcasting. */
    public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        int[] shape = Shapes.broadcast(op.name().toLowerCase(), a.shape(), b.shape());
        Tensor out = Tensor.zeros(shape);
        Backends.current().binary(op, a.to(DType.F32).expand(shape), b.to(DType.F32).expand(shape), out);
        return out;
    }

    /**
     * {@code target += addend} in place, the addend broadcast to target's shape; target must be a contiguous F32
     * tensor that no other tensor's elements overlap (a gradient being accumulated). Returns target.
     */
    public static Tensor addInPlace(Tensor target, Tensor addend) {
        if (target.dtype() != DType.F32 || !target.isContiguous()) {
            throw new ShapeException("add_: target " + Shapes.str(target.shape()) + " must be contiguous F32, got "
                    + target.dtype() + (target.isContiguous() ? "" : " with gaps or overlaps"));
        }
        if (!Shapes.broadcastsTo(addend.shape(), target.shape())) {
            throw new ShapeException("add_: addend " + Shapes.str(addend.shape()) + " does not broadcast to the target "
                    + Shapes.str(target.shape()));
        }
        Backends.current().binary(BinaryOp.ADD, target, addend.to(DType.F32).expand(target.shape()), target);
        return target;
    }

    /** {@code cond ? a : b} with broadcasting of all three; cond must be BOOL. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        if (cond.dtype() != DType.BOOL) {
            throw new ShapeException("where: condition must be BOOL, got " + cond.dtype());
        }
        int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", cond.shape(), a.shape()), b.shape());
        Tensor out = Tensor.zeros(shape);
        Backends.current().where(cond.expand(shape), a.to(DType.F32).expand(shape), b.to(DType.F32).expand(shape), out);
        return out;
    }

    /** {@code mask ? value : x} (PyTorch masked_fill); mask BOOL, broadcast to x. */
    public static Tensor maskedFill(Tensor x, Tensor mask, float value) {
        return where(mask, Tensor.scalar(value), x);
    }

    /** Each element limited to [min, max]. */
    public static Tensor clamp(Tensor x, float min, float max) {
        if (min > max) {
            throw new ShapeException("clamp: min " + min + " is above max " + max);
        }
        return binary(BinaryOp.MIN, binary(BinaryOp.MAX, x, Tensor.scalar(min)), Tensor.scalar(max));
    }

    /** {@code cap * tanh(x / cap)}: Gemma 2's soft capping of logits and attention scores. */
    public static Tensor softcap(Tensor x, float cap) {
        return x.div(cap).tanh().mul(cap);
    }
}

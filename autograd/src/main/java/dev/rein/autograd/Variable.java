package dev.rein.autograd;

import dev.rein.tensor.BinaryOp;
import dev.rein.tensor.DType;
import dev.rein.tensor.Elementwise;
import dev.rein.tensor.ReducedDim;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tensor value that takes part in reverse-mode automatic differentiation. A leaf is made by
 * {@link #parameter} (wants a gradient) or {@link #constant}; every op on variables computes its value with
 * the tensor module and, when some input requires a gradient and no {@link NoGrad} scope is open, records
 * its backward rule as {@link Edge}s to its inputs. {@link #backward()} then walks that graph once and
 * accumulates d output / d leaf into {@link #grad()} of every leaf that requires a gradient.
 *
 * <p>Gradients with respect to any variable, including inputs and intermediates such as a hidden state,
 * come from {@link #gradients} (nothing is accumulated) or from {@link #retainGrad()}. The tensor module
 * knows nothing of this layer; values are plain {@link Tensor}s and stay valid after {@link #detach()}.
 * Ops with several inputs live in the {@code *Functions} classes; this class is their fluent front.
 */
public final class Variable {
    private final Tensor value;
    private final boolean requiresGrad;
    private final String op;
    private final List<Edge> edges;
    private boolean retainGrad;
    private Tensor grad;

    private Variable(Tensor value, boolean requiresGrad, String op, List<Edge> edges) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.op = op;
        this.edges = edges;
    }

    // ---------------------------------------------------------------- creation

    /** A leaf whose gradient is wanted (a weight, or an input such as a hidden state to steer). */
    public static Variable parameter(Tensor value) {
        return new Variable(value, true, "leaf", List.of());
    }

    /** A leaf no gradient flows into; it never gets a gradient buffer. */
    public static Variable constant(Tensor value) {
        return new Variable(value, false, "constant", List.of());
    }

    /** A scalar constant, for ops with a number operand. */
    static Variable scalar(float value) {
        return constant(Tensor.scalar(value));
    }

    /**
     * The result of op {@code op}. Edges to inputs that require no gradient are dropped; when none is left, or
     * a {@link NoGrad} scope is open, the result is a constant.
     */
    static Variable fromOp(String op, Tensor value, Edge... edges) {
        if (!NoGrad.isRecording()) {
            return new Variable(value, false, op, List.of());
        }
        List<Edge> kept = new ArrayList<>();
        for (Edge e : edges) {
            if (e.input().requiresGrad) {
                kept.add(e);
            }
        }
        return new Variable(value, !kept.isEmpty(), op, kept.isEmpty() ? List.of() : List.copyOf(kept));
    }

    // ---------------------------------------------------------------- state

    public Tensor value() {
        return value;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** True for variables made by {@link #parameter}, {@link #constant} or {@link #detach()}. */
    public boolean isLeaf() {
        return edges.isEmpty();
    }

    /** Name of the op that produced this variable ("leaf" / "constant" for leaves). */
    public String op() {
        return op;
    }

    List<Edge> edges() {
        return edges;
    }

    public int[] shape() {
        return value.shape();
    }

    public int rank() {
        return value.rank();
    }

    public int size(int dim) {
        return value.size(dim);
    }

    /**
     * The accumulated gradient (same shape as the value), or null when none has arrived yet. Later backward passes
     * add into this tensor in place until {@link #zeroGrad()}.
     */
    public Tensor grad() {
        return grad;
    }

    /** Forgets the accumulated gradient (before the next step of an optimiser). */
    public void zeroGrad() {
        grad = null;
    }

    /** Asks that this intermediate keep its gradient in {@link #grad()} during {@link #backward()}. */
    public Variable retainGrad() {
        retainGrad = true;
        return this;
    }

    boolean retainsGrad() {
        return retainGrad;
    }

    /**
     * Adds {@code g} into the gradient. The first gradient is copied, unless the backward pass hands over a tensor
     * it made and nothing else holds ({@code owned}): then it becomes the gradient itself.
     */
    void accumulateGrad(Tensor g, boolean owned) {
        if (grad != null) {
            Elementwise.addInPlace(grad, g);
        } else {
            grad = owned && g.dtype() == DType.F32 && g.isContiguous() ? g : g.to(DType.F32).copy();
        }
    }

    /** The same value as a new constant leaf: gradients stop here. */
    public Variable detach() {
        return constant(value);
    }

    // ---------------------------------------------------------------- backward

    /** Backward from a one-element output (a loss): d output / d leaf is added to every leaf's grad. */
    public void backward() {
        if (value.numel() != 1) {
            throw new IllegalStateException("backward(): output has shape " + Arrays.toString(shape())
                    + "; pass the upstream gradient with backward(Tensor)");
        }
        backward(Tensor.ones(shape()));
    }

    /** Backward with d objective / d this = {@code upstream} (same shape as the value). */
    public void backward(Tensor upstream) {
        BackwardPass.run(this, upstream, true, Set.of());
    }

    /**
     * d objective / d input for each of {@code inputs}, where d objective / d output = {@code upstream};
     * the inputs may be leaves or intermediates (a hidden state). Nothing is accumulated into
     * {@link #grad()}. An input the output does not depend on gets zeros.
     */
    public static List<Tensor> gradients(Variable output, Tensor upstream, List<Variable> inputs) {
        Set<Variable> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
        wanted.addAll(inputs);
        Map<Variable, Tensor> found = BackwardPass.run(output, upstream, false, wanted);
        List<Tensor> out = new ArrayList<>();
        for (Variable input : inputs) {
            Tensor g = found.get(input);
            out.add(g != null ? g : Tensor.zeros(input.shape()));
        }
        return out;
    }

    // ---------------------------------------------------------------- fluent element-wise ops

    public Variable add(Variable o) { return BinaryFunctions.apply(BinaryOp.ADD, this, o); }
    public Variable sub(Variable o) { return BinaryFunctions.apply(BinaryOp.SUB, this, o); }
    public Variable mul(Variable o) { return BinaryFunctions.apply(BinaryOp.MUL, this, o); }
    public Variable div(Variable o) { return BinaryFunctions.apply(BinaryOp.DIV, this, o); }
    public Variable pow(Variable o) { return BinaryFunctions.apply(BinaryOp.POW, this, o); }
    public Variable maximum(Variable o) { return BinaryFunctions.apply(BinaryOp.MAX, this, o); }
    public Variable minimum(Variable o) { return BinaryFunctions.apply(BinaryOp.MIN, this, o); }
    public Variable add(float s) { return add(scalar(s)); }
    public Variable sub(float s) { return sub(scalar(s)); }
    public Variable mul(float s) { return mul(scalar(s)); }
    public Variable div(float s) { return div(scalar(s)); }
    public Variable pow(float s) { return pow(scalar(s)); }

    public Variable neg() { return UnaryFunctions.apply(UnaryOp.NEG, this); }
    public Variable exp() { return UnaryFunctions.apply(UnaryOp.EXP, this); }
    public Variable log() { return UnaryFunctions.apply(UnaryOp.LOG, this); }
    public Variable sqrt() { return UnaryFunctions.apply(UnaryOp.SQRT, this); }
    public Variable rsqrt() { return UnaryFunctions.apply(UnaryOp.RSQRT, this); }
    public Variable abs() { return UnaryFunctions.apply(UnaryOp.ABS, this); }
    public Variable tanh() { return UnaryFunctions.apply(UnaryOp.TANH, this); }
    public Variable sigmoid() { return UnaryFunctions.apply(UnaryOp.SIGMOID, this); }
    public Variable relu() { return UnaryFunctions.apply(UnaryOp.RELU, this); }
    public Variable gelu() { return UnaryFunctions.apply(UnaryOp.GELU_ERF, this); }
    public Variable geluTanh() { return UnaryFunctions.apply(UnaryOp.GELU_TANH, this); }
    public Variable silu() { return UnaryFunctions.apply(UnaryOp.SILU, this); }
    public Variable clamp(float min, float max) { return UnaryFunctions.clamp(this, min, max); }
    public Variable softcap(float cap) { return UnaryFunctions.softcap(this, cap); }
    public Variable maskedFill(Tensor mask, float fill) { return BinaryFunctions.maskedFill(this, mask, fill); }

    // ---------------------------------------------------------------- fluent reductions

    /**
     * Reductions over {@code dim}, as {@link Tensor#sum(int)}: without a {@link ReducedDim} the dim is dropped, as
     * PyTorch's default {@code keepdim=False}; {@link ReducedDim#KEEP} keeps it with size 1.
     */
    public Variable sum(int dim) { return sum(dim, ReducedDim.DROP); }
    public Variable mean(int dim) { return mean(dim, ReducedDim.DROP); }
    public Variable max(int dim) { return max(dim, ReducedDim.DROP); }
    public Variable min(int dim) { return min(dim, ReducedDim.DROP); }
    public Variable var(int dim, int correction) { return var(dim, ReducedDim.DROP, correction); }
    public Variable sum(int dim, ReducedDim reduced) { return ReductionFunctions.sum(this, dim, reduced); }
    public Variable mean(int dim, ReducedDim reduced) { return ReductionFunctions.mean(this, dim, reduced); }
    public Variable max(int dim, ReducedDim reduced) { return ReductionFunctions.max(this, dim, reduced); }
    public Variable min(int dim, ReducedDim reduced) { return ReductionFunctions.min(this, dim, reduced); }
    public Variable var(int dim, ReducedDim reduced, int correction) {
        return ReductionFunctions.var(this, dim, reduced, correction);
    }
    public Variable sum() { return ReductionFunctions.sumAll(this); }
    public Variable mean() { return ReductionFunctions.meanAll(this); }

    // ---------------------------------------------------------------- fluent views

    public Variable reshape(int... shape) { return ViewFunctions.reshape(this, shape); }
    public Variable view(int... shape) { return ViewFunctions.view(this, shape); }
    public Variable permute(int... order) { return ViewFunctions.permute(this, order); }
    public Variable transpose(int dim0, int dim1) { return ViewFunctions.transpose(this, dim0, dim1); }
    public Variable mT() { return ViewFunctions.transpose(this, -2, -1); }
    public Variable narrow(int dim, int start, int length) { return ViewFunctions.narrow(this, dim, start, length); }
    public Variable slice(int dim, int start, int end, int step) { return ViewFunctions.slice(this, dim, start, end, step); }
    public Variable select(int dim, int index) { return ViewFunctions.select(this, dim, index); }
    public Variable expand(int... shape) { return ViewFunctions.expand(this, shape); }
    public Variable squeeze(int dim) { return ViewFunctions.squeeze(this, dim); }
    public Variable unsqueeze(int dim) { return ViewFunctions.unsqueeze(this, dim); }
    public Variable contiguous() { return ViewFunctions.contiguous(this); }

    // ---------------------------------------------------------------- fluent matrix and row ops

    public Variable matmul(Variable o) { return MatrixFunctions.matmul(this, o); }
    public Variable softmax(int dim) { return NormalizationFunctions.softmax(this, dim); }
    public Variable logSoftmax(int dim) { return NormalizationFunctions.logSoftmax(this, dim); }

    @Override
    public String toString() {
        return "Variable(" + op + (requiresGrad ? ", requiresGrad" : "") + ", " + value + ")";
    }
}

package dev.rein.bench;

import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.Backend;
import dev.rein.tensor.BinaryOp;
import dev.rein.tensor.ReduceOp;
import dev.rein.tensor.RopeConvention;
import dev.rein.tensor.SoftmaxOp;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.UnaryOp;

/**
 * A backend that runs every op on another one and adds up the wall time of each call by {@link Phase}: the simplest
 * honest per-phase breakdown of a forward pass, since every op of the model reaches the backend through these
 * calls. Whatever happens between the calls (building tensors and views, allocation, the model's own Java code)
 * is the wall time they leave over. For one calling thread; a call made inside another (a backend that routes one
 * op through another) is counted once, in the outer call's phase.
 */
final class ProfilingBackend implements Backend {
    /** What a backend call does, as the breakdown names it. */
    enum Phase {
        MATMUL("matmul"),
        ATTENTION("attention"),
        NORM("norm"),
        ROPE("rope"),
        ELEMENTWISE("elementwise"),
        OTHER("other ops");

        final String label;

        Phase(String label) {
            this.label = label;
        }
    }

    private final Backend inner;
    private final long[] nanos = new long[Phase.values().length];
    private final long[] calls = new long[Phase.values().length];
    private int depth;

    ProfilingBackend(Backend inner) {
        this.inner = inner;
    }

    /** The time and calls per phase since the last call (or since creation), over {@code wallNanos} of wall time. */
    PhaseTimes takeTimes(long wallNanos) {
        PhaseTimes times = new PhaseTimes(nanos.clone(), calls.clone(), wallNanos);
        java.util.Arrays.fill(nanos, 0);
        java.util.Arrays.fill(calls, 0);
        return times;
    }

    private void timed(Phase phase, Runnable call) {
        if (depth > 0) {
            call.run();
            return;
        }
        depth++;
        long start = System.nanoTime();
        try {
            call.run();
        } finally {
            nanos[phase.ordinal()] += System.nanoTime() - start;
            calls[phase.ordinal()]++;
            depth--;
        }
    }

    @Override
    public String name() {
        return "profiled " + inner.name();
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        timed(Phase.ELEMENTWISE, () -> inner.copy(src, dst));
    }

    @Override
    public void unary(UnaryOp op, Tensor x, Tensor out) {
        timed(Phase.ELEMENTWISE, () -> inner.unary(op, x, out));
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        timed(Phase.ELEMENTWISE, () -> inner.binary(op, a, b, out));
    }

    @Override
    public void unaryGrad(UnaryOp op, Tensor x, Tensor g, Tensor out) {
        timed(Phase.ELEMENTWISE, () -> inner.unaryGrad(op, x, g, out));
    }

    @Override
    public void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        timed(Phase.ELEMENTWISE, () -> inner.where(cond, a, b, out));
    }

    @Override
    public void reduceRows(ReduceOp op, Tensor x, Tensor out) {
        timed(Phase.OTHER, () -> inner.reduceRows(op, x, out));
    }

    @Override
    public void argmaxRows(Tensor x, Tensor out) {
        timed(Phase.OTHER, () -> inner.argmaxRows(x, out));
    }

    @Override
    public void topkRows(Tensor x, int k, Tensor values, Tensor indices) {
        timed(Phase.OTHER, () -> inner.topkRows(x, k, values, indices));
    }

    @Override
    public void matmul(Tensor a, Tensor w, Tensor out) {
        timed(Phase.MATMUL, () -> inner.matmul(a, w, out));
    }

    @Override
    public void softmaxRows(SoftmaxOp op, Tensor x, Tensor out) {
        timed(Phase.OTHER, () -> inner.softmaxRows(op, x, out));
    }

    @Override
    public void softmaxGradRows(SoftmaxOp op, Tensor y, Tensor g, Tensor out) {
        timed(Phase.OTHER, () -> inner.softmaxGradRows(op, y, g, out));
    }

    @Override
    public void crossEntropyGradRows(Tensor x, Tensor targets, float labelSmoothing, float scale, Tensor out) {
        timed(Phase.OTHER, () -> inner.crossEntropyGradRows(x, targets, labelSmoothing, scale, out));
    }

    @Override
    public void rmsNormRows(Tensor x, Tensor weight, float eps, float weightOffset, Tensor out) {
        timed(Phase.NORM, () -> inner.rmsNormRows(x, weight, eps, weightOffset, out));
    }

    @Override
    public void layerNormRows(Tensor x, Tensor weight, Tensor bias, float eps, Tensor out) {
        timed(Phase.NORM, () -> inner.layerNormRows(x, weight, bias, eps, out));
    }

    @Override
    public void rmsNormGradRows(Tensor x, Tensor weight, float eps, float weightOffset, Tensor g, Tensor dx,
            Tensor dWeight) {
        timed(Phase.NORM, () -> inner.rmsNormGradRows(x, weight, eps, weightOffset, g, dx, dWeight));
    }

    @Override
    public void layerNormGradRows(Tensor x, Tensor weight, float eps, Tensor g, Tensor dx, Tensor dWeight,
            Tensor dBias) {
        timed(Phase.NORM, () -> inner.layerNormGradRows(x, weight, eps, g, dx, dWeight, dBias));
    }

    @Override
    public void rope(Tensor x, Tensor positions, Tensor invFreq, RopeConvention convention, Tensor out) {
        timed(Phase.ROPE, () -> inner.rope(x, positions, invFreq, convention, out));
    }

    @Override
    public void attention(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor out) {
        timed(Phase.ATTENTION, () -> inner.attention(q, k, v, mask, spec, out));
    }

    @Override
    public void attentionGrad(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor dOut, Tensor dq,
            Tensor dk, Tensor dv) {
        timed(Phase.ATTENTION, () -> inner.attentionGrad(q, k, v, mask, spec, dOut, dq, dk, dv));
    }

    @Override
    public void gather(Tensor x, int dim, Tensor index, Tensor out) {
        timed(Phase.OTHER, () -> inner.gather(x, dim, index, out));
    }

    @Override
    public void scatterAdd(Tensor target, int dim, Tensor index, Tensor src) {
        timed(Phase.OTHER, () -> inner.scatterAdd(target, dim, index, src));
    }

    @Override
    public void indexSelectRows(Tensor table, Tensor ids, Tensor out) {
        timed(Phase.OTHER, () -> inner.indexSelectRows(table, ids, out));
    }
}

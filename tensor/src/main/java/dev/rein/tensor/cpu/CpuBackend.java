package dev.rein.tensor.cpu;

import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.Backend;
import dev.rein.tensor.BinaryOp;
import dev.rein.tensor.ReduceOp;
import dev.rein.tensor.RopeConvention;
import dev.rein.tensor.SoftmaxOp;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.UnaryOp;

/**
 * The default backend: Java's Vector API (the widest species this CPU has, chosen at run time) and every core
 * through {@link Parallel}. Each primitive lives in a small kernel class grouped by kind.
 */
public final class CpuBackend implements Backend {
    private static final CpuBackend INSTANCE = new CpuBackend();

    private CpuBackend() {
    }

    public static CpuBackend instance() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return "cpu (" + Parallel.THREADS + " threads, " + CpuElementwise.F.vectorBitSize() + "-bit vectors)";
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        CpuElementwise.copy(src, dst);
    }

    @Override
    public void unary(UnaryOp op, Tensor x, Tensor out) {
        CpuElementwise.unary(op, x, out);
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        CpuElementwise.binary(op, a, b, out);
    }

    @Override
    public void unaryGrad(UnaryOp op, Tensor x, Tensor g, Tensor out) {
        CpuElementwise.unaryGrad(op, x, g, out);
    }

    @Override
    public void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        CpuElementwise.where(cond, a, b, out);
    }

    @Override
    public void reduceRows(ReduceOp op, Tensor x, Tensor out) {
        CpuRowOps.reduceRows(op, x, out);
    }

    @Override
    public void argmaxRows(Tensor x, Tensor out) {
        CpuRowOps.argmaxRows(x, out);
    }

    @Override
    public void topkRows(Tensor x, int k, Tensor values, Tensor indices) {
        CpuRowOps.topkRows(x, k, values, indices);
    }

    @Override
    public void matmul(Tensor a, Tensor w, Tensor out) {
        CpuMatMul.matmul(a, w, out);
    }

    @Override
    public void softmaxRows(SoftmaxOp op, Tensor x, Tensor out) {
        CpuRowOps.softmaxRows(x, op == SoftmaxOp.LOG_SOFTMAX, out);
    }

    @Override
    public void softmaxGradRows(SoftmaxOp op, Tensor y, Tensor g, Tensor out) {
        CpuRowGrads.softmaxGradRows(y, g, op == SoftmaxOp.LOG_SOFTMAX, out);
    }

    @Override
    public void crossEntropyGradRows(Tensor x, Tensor targets, float labelSmoothing, float scale, Tensor out) {
        CpuRowGrads.crossEntropyGradRows(x, targets, labelSmoothing, scale, out);
    }

    @Override
    public void rmsNormRows(Tensor x, Tensor weight, float eps, float weightOffset, Tensor out) {
        CpuRowOps.rmsNormRows(x, weight, eps, weightOffset, out);
    }

    @Override
    public void layerNormRows(Tensor x, Tensor weight, Tensor bias, float eps, Tensor out) {
        CpuRowOps.layerNormRows(x, weight, bias, eps, out);
    }

    @Override
    public void layerNormGradRows(Tensor x, Tensor weight, float eps, Tensor g, Tensor dx, Tensor dWeight,
            Tensor dBias) {
        CpuRowGrads.layerNormGradRows(x, weight, eps, g, dx, dWeight, dBias);
    }

    @Override
    public void rmsNormGradRows(Tensor x, Tensor weight, float eps, float weightOffset, Tensor g, Tensor dx,
            Tensor dWeight) {
        CpuRowGrads.rmsNormGradRows(x, weight, eps, weightOffset, g, dx, dWeight);
    }

    @Override
    public void rope(Tensor x, Tensor positions, Tensor invFreq, RopeConvention convention, Tensor out) {
        CpuRope.rope(x, positions, invFreq, convention, out);
    }

    @Override
    public void attention(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor out) {
        CpuAttention.attention(q, k, v, mask, spec, out);
    }

    @Override
    public void attentionGrad(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor dOut, Tensor dq,
            Tensor dk, Tensor dv) {
        CpuAttentionGrad.attentionGrad(q, k, v, mask, spec, dOut, dq, dk, dv);
    }

    @Override
    public void gather(Tensor x, int dim, Tensor index, Tensor out) {
        CpuIndexing.gather(x, dim, index, out);
    }

    @Override
    public void scatterAdd(Tensor target, int dim, Tensor index, Tensor src) {
        CpuIndexing.scatterAdd(target, dim, index, src);
    }

    @Override
    public void indexSelectRows(Tensor table, Tensor ids, Tensor out) {
        CpuIndexing.indexSelectRows(table, ids, out);
    }
}

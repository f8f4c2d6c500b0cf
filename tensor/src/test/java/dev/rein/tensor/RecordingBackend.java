package dev.rein.tensor;

import dev.rein.tensor.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The CPU backend with a log of the operands that reach matmul and attention, so a test can check that the
 * front end passed views (same storage as the caller's tensors) instead of copies.
 */
final class RecordingBackend implements Backend {
    private final Backend cpu = CpuBackend.instance();
    final List<Tensor[]> matmuls = new ArrayList<>();
    final List<Tensor[]> attentions = new ArrayList<>();

    /** Runs {@code body} with this backend installed, restoring the previous one afterwards. */
    <T> T record(Supplier<T> body) {
        Backend previous = Backends.current();
        Backends.use(this);
        try {
            return body.get();
        } finally {
            Backends.use(previous);
        }
    }

    @Override
    public String name() {
        return "recording " + cpu.name();
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        cpu.copy(src, dst);
    }

    @Override
    public void unary(UnaryOp op, Tensor x, Tensor out) {
        cpu.unary(op, x, out);
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        cpu.binary(op, a, b, out);
    }

    @Override
    public void unaryGrad(UnaryOp op, Tensor x, Tensor g, Tensor out) {
        cpu.unaryGrad(op, x, g, out);
    }

    @Override
    public void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        cpu.where(cond, a, b, out);
    }

    @Override
    public void reduceRows(ReduceOp op, Tensor x, Tensor out) {
        cpu.reduceRows(op, x, out);
    }

    @Override
    public void argmaxRows(Tensor x, Tensor out) {
        cpu.argmaxRows(x, out);
    }

    @Override
    public void topkRows(Tensor x, int k, Tensor values, Tensor indices) {
        cpu.topkRows(x, k, values, indices);
    }

    @Override
    public void matmul(Tensor a, Tensor w, Tensor out) {
        matmuls.add(new Tensor[] {a, w, out});
        cpu.matmul(a, w, out);
    }

    @Override
    public void softmaxRows(SoftmaxOp op, Tensor x, Tensor out) {
        cpu.softmaxRows(op, x, out);
    }

    @Override
    public void softmaxGradRows(SoftmaxOp op, Tensor y, Tensor g, Tensor out) {
        cpu.softmaxGradRows(op, y, g, out);
    }

    @Override
    public void crossEntropyGradRows(Tensor x, Tensor targets, float labelSmoothing, float scale, Tensor out) {
        cpu.crossEntropyGradRows(x, targets, labelSmoothing, scale, out);
    }

    @Override
    public void rmsNormRows(Tensor x, Tensor weight, float eps, float weightOffset, Tensor out) {
        cpu.rmsNormRows(x, weight, eps, weightOffset, out);
    }

    @Override
    public void layerNormRows(Tensor x, Tensor weight, Tensor bias, float eps, Tensor out) {
        cpu.layerNormRows(x, weight, bias, eps, out);
    }

    @Override
    public void layerNormGradRows(Tensor x, Tensor weight, float eps, Tensor g, Tensor dx, Tensor dWeight,
            Tensor dBias) {
        cpu.layerNormGradRows(x, weight, eps, g, dx, dWeight, dBias);
    }

    @Override
    public void rmsNormGradRows(Tensor x, Tensor weight, float eps, float weightOffset, Tensor g, Tensor dx,
            Tensor dWeight) {
        cpu.rmsNormGradRows(x, weight, eps, weightOffset, g, dx, dWeight);
    }

    @Override
    public void rope(Tensor x, Tensor positions, Tensor invFreq, RopeConvention convention, Tensor out) {
        cpu.rope(x, positions, invFreq, convention, out);
    }

    @Override
    public void attention(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor out) {
        attentions.add(new Tensor[] {q, k, v, mask, out});
        cpu.attention(q, k, v, mask, spec, out);
    }

    @Override
    public void attentionGrad(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor dOut, Tensor dq,
            Tensor dk, Tensor dv) {
        cpu.attentionGrad(q, k, v, mask, spec, dOut, dq, dk, dv);
    }

    @Override
    public void gather(Tensor x, int dim, Tensor index, Tensor out) {
        cpu.gather(x, dim, index, out);
    }

    @Override
    public void scatterAdd(Tensor target, int dim, Tensor index, Tensor src) {
        cpu.scatterAdd(target, dim, index, src);
    }

    @Override
    public void indexSelectRows(Tensor table, Tensor ids, Tensor out) {
        cpu.indexSelectRows(table, ids, out);
    }
}

package dev.rein.tensor;

import java.util.Arrays;
import java.util.Set;

/**
 * The ops a transformer is built from beyond plain arithmetic: softmax, normalisations, rotary embedding,
 * attention, masks and the cross-entropy loss.
 */
public final class NeuralOps {
    /** The value PyTorch and Hugging Face use as "ignore this label". */
    public static final int IGNORE_INDEX = -100;

    private NeuralOps() {
    }

    public static Tensor softmax(Tensor x, int dim) {
        return rowwiseSoftmax(SoftmaxOp.SOFTMAX, x, dim);
    }

    public static Tensor logSoftmax(Tensor x, int dim) {
        return rowwiseSoftmax(SoftmaxOp.LOG_SOFTMAX, x, dim);
    }

    /**
     * The backward of {@link #softmax} along {@code dim}, from the op's output y and the upstream gradient g of the
     * same shape: {@code y (g - sum(g y))}.
     */
    public static Tensor softmaxGrad(Tensor y, Tensor g, int dim) {
        return rowwiseSoftmaxGrad(SoftmaxOp.SOFTMAX, y, g, dim);
    }

    /**
     * The backward of {@link #logSoftmax} along {@code dim}, from the op's output y and the upstream gradient g of
     * the same shape: {@code g - exp(y) sum(g)}.
     */
    public static Tensor logSoftmaxGrad(Tensor y, Tensor g, int dim) {
        return rowwiseSoftmaxGrad(SoftmaxOp.LOG_SOFTMAX, y, g, dim);
    }

    private static Tensor rowwiseSoftmaxGrad(SoftmaxOp softmax, Tensor y, Tensor g, int dim) {
        String op = softmaxName(softmax) + " backward";
        int d = Shapes.normalizeDim(op, dim, y.rank());
        if (!y.sameShape(g)) {
            throw new ShapeException(op + ": output " + Shapes.str(y.shape()) + " and gradient " + Shapes.str(g.shape())
                    + " differ in shape");
        }
        Tensor yRows = Reductions.rowsOf(y, d);
        Tensor out = Tensor.zeros(yRows.shape());
        Backends.current().softmaxGradRows(softmax, yRows, Reductions.rowsOf(g, d), out);
        return restoreFromRows(out, y.shape(), d);
    }

    private static Tensor rowwiseSoftmax(SoftmaxOp softmax, Tensor x, int dim) {
        int d = Shapes.normalizeDim(softmaxName(softmax), dim, x.rank());
        Tensor rows = Reductions.rowsOf(x, d);
        Tensor out = Tensor.zeros(rows.shape());
        Backends.current().softmaxRows(softmax, rows, out);
        return restoreFromRows(out, x.shape(), d);
    }

    private static String softmaxName(SoftmaxOp softmax) {
        return softmax == SoftmaxOp.LOG_SOFTMAX ? "log_softmax" : "softmax";
    }

    /** Layer norm over the last dim (biased variance); bias may be null. */
    public static Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, float eps) {
        int n = x.size(-1);
        checkVector("layer_norm", "weight", weight, n, x);
        if (bias != null) {
            checkVector("layer_norm", "bias", bias, n, x);
        }
        Tensor rows = Reductions.rowsOf(x, x.rank() - 1);
        Tensor out = Tensor.zeros(rows.shape());
        Backends.current().layerNormRows(rows, weight.contiguous(), bias == null ? null : bias.contiguous(), eps, out);
        return out.reshape(x.shape());
    }

    /**
     * The gradients of {@link #layerNorm} for the upstream gradient g (x's shape): with respect to x (x's shape) and to
     * weight and bias ([n], summed over every other dim). Each is computed only when {@code wanted}, else null.
     */
    public static LayerNormGrads layerNormGrad(Tensor x, Tensor weight, float eps, Tensor g,
            Set<LayerNormGrads.Part> wanted) {
        int n = x.size(-1);
        checkVector("layer_norm backward", "weight", weight, n, x);
        if (!x.sameShape(g)) {
            throw new ShapeException("layer_norm backward: input " + Shapes.str(x.shape()) + " and gradient "
                    + Shapes.str(g.shape()) + " differ in shape");
        }
        Tensor rows = Reductions.rowsOf(x, x.rank() - 1);
        Tensor dx = wanted.contains(LayerNormGrads.Part.INPUT) ? Tensor.zeros(rows.shape()) : null;
        Tensor dw = wanted.contains(LayerNormGrads.Part.WEIGHT) ? Tensor.zeros(n) : null;
        Tensor db = wanted.contains(LayerNormGrads.Part.BIAS) ? Tensor.zeros(n) : null;
        Backends.current().layerNormGradRows(rows, weight.contiguous(), eps, Reductions.rowsOf(g, g.rank() - 1), dx,
                dw, db);
        return new LayerNormGrads(dx == null ? null : dx.reshape(x.shape()), dw, db);
    }

    /**
     * The three gradients of a layer norm; null where not requested.
     *
     * @param input   d x, x's shape
     * @param weight  d weight [n]
     * @param bias    d bias [n]
     */
    public record LayerNormGrads(Tensor input, Tensor weight, Tensor bias) {
        /**
         * One of the three gradients, to say which ones {@link #layerNormGrad} computes (a set of names instead of
         * three boolean flags): a caller asks only for those of the operands that need a gradient.
         */
        public enum Part {
            INPUT, WEIGHT, BIAS
        }
    }

    /**
     * The gradients of {@link #rmsNorm} for the upstream gradient g (x's shape), with respect to x (x's shape) and to
     * weight ([n], summed over every other dim), as a {@link LayerNormGrads} without a bias: each is computed only when
     * {@code wanted} (BIAS is ignored), else null.
     */
    public static LayerNormGrads rmsNormGrad(Tensor x, Tensor weight, float eps, float weightOffset, Tensor g,
            Set<LayerNormGrads.Part> wanted) {
        int n = x.size(-1);
        checkVector("rms_norm backward", "weight", weight, n, x);
        if (!x.sameShape(g)) {
            throw new ShapeException("rms_norm backward: input " + Shapes.str(x.shape()) + " and gradient "
                    + Shapes.str(g.shape()) + " differ in shape");
        }
        Tensor rows = Reductions.rowsOf(x, x.rank() - 1);
        Tensor dx = wanted.contains(LayerNormGrads.Part.INPUT) ? Tensor.zeros(rows.shape()) : null;
        Tensor dw = wanted.contains(LayerNormGrads.Part.WEIGHT) ? Tensor.zeros(n) : null;
        Backends.current().rmsNormGradRows(rows, weight.contiguous(), eps, weightOffset,
                Reductions.rowsOf(g, g.rank() - 1), dx, dw);
        return new LayerNormGrads(dx == null ? null : dx.reshape(x.shape()), dw, null);
    }

    /** RMS norm over the last dim: {@code x * rsqrt(mean(x^2) + eps) * (weightOffset + weight)}. */
    public static Tensor rmsNorm(Tensor x, Tensor weight, float eps, float weightOffset) {
        int n = x.size(-1);
        checkVector("rms_norm", "weight", weight, n, x);
        Tensor rows = Reductions.rowsOf(x, x.rank() - 1);
        Tensor out = Tensor.zeros(rows.shape());
        Backends.current().rmsNormRows(rows, weight.contiguous(), eps, weightOffset, out);
        return out.reshape(x.shape());
    }

    /** Llama's RMS norm (weightOffset 0). */
    public static Tensor rmsNorm(Tensor x, Tensor weight, float eps) {
        return rmsNorm(x, weight, eps, 0f);
    }

    private static void checkVector(String op, String name, Tensor v, int n, Tensor x) {
        if (v.rank() != 1 || v.size(0) != n) {
            throw new ShapeException(op + ": " + name + " of shape " + Shapes.str(v.shape())
                    + " does not match the last dim of input " + Shapes.str(x.shape()));
        }
    }

    /** The inverse frequencies theta^(-2i/dim) for i in [0, dim/2), as F32. */
    public static Tensor ropeInverseFrequencies(int dim, double theta) {
        float[] f = new float[dim / 2];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (1.0 / Math.pow(theta, (2.0 * i) / dim));
        }
        return Tensor.of(f);
    }

    /**
     * Rotary position embedding of x [B, H, T, D] at positions [T] or [B, T] (I32/I64) with the given inverse
     * frequencies [D/2].
     */
    public static Tensor rope(Tensor x, Tensor positions, Tensor invFreq, RopeConvention convention) {
        if (x.rank() != 4) {
            throw new ShapeException("rope: input must be [batch, heads, seq, head_dim], got " + Shapes.str(x.shape()));
        }
        int b = x.size(0);
        int t = x.size(2);
        int d = x.size(3);
        if (d % 2 != 0 || invFreq.rank() != 1 || invFreq.size(0) != d / 2) {
            throw new ShapeException("rope: inverse frequencies " + Shapes.str(invFreq.shape())
                    + " do not match head_dim " + d);
        }
        Tensor pos = positions.rank() == 1 ? positions.unsqueeze(0) : positions;
        if (pos.rank() != 2 || pos.size(-1) != t || (pos.size(0) != b && pos.size(0) != 1)) {
            throw new ShapeException("rope: positions " + Shapes.str(positions.shape()) + " do not match input "
                    + Shapes.str(x.shape()));
        }
        Tensor out = Tensor.zeros(x.shape());
        Backends.current().rope(x.to(DType.F32), pos.to(DType.I64).expand(b, t).contiguous(),
                invFreq.to(DType.F32).contiguous(), convention, out);
        return out;
    }

    /**
     * Scaled dot-product attention: q [B, Hq, Tq, D], k [B, Hkv, Tk, D], v [B, Hkv, Tk, Dv] -> [B, Hq, Tq, Dv].
     * Hq must be a multiple of Hkv; mask, if not null, is additive and broadcastable to [B, Hq, Tq, Tk].
     */
    public static Tensor attention(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec) {
        Tensor m = checkAttention("attention", q, k, v, mask);
        Tensor out = Tensor.zeros(q.size(0), q.size(1), q.size(2), v.size(3));
        Backends.current().attention(q.to(DType.F32), k.to(DType.F32), v.to(DType.F32), m, spec, out);
        return out;
    }

    /**
     * The gradients of {@link #attention} with respect to q, k and v for the upstream gradient dOut
     * [B, Hq, Tq, Dv], from one fused pass that recomputes the probabilities. Each gradient has its operand's shape
     * and is laid out in its operand's memory order (a transposed view's gradient is the same transposed view of a
     * contiguous tensor), so that the views the operands came through map it back without copies.
     */
    public static AttentionGrads attentionGrad(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec,
            Tensor dOut) {
        Tensor m = checkAttention("attention backward", q, k, v, mask);
        if (!Arrays.equals(dOut.shape(), new int[] {q.size(0), q.size(1), q.size(2), v.size(3)})) {
            throw new ShapeException("attention backward: gradient " + Shapes.str(dOut.shape()) + " does not match the "
                    + "output of q " + Shapes.str(q.shape()) + " and v " + Shapes.str(v.shape()));
        }
        Tensor dq = Tensor.zerosInLayoutOf(q);
        Tensor dk = Tensor.zerosInLayoutOf(k);
        Tensor dv = Tensor.zerosInLayoutOf(v);
        Backends.current().attentionGrad(q.to(DType.F32), k.to(DType.F32), v.to(DType.F32), m, spec,
                dOut.to(DType.F32), dq, dk, dv);
        return new AttentionGrads(dq, dk, dv);
    }

    /** The gradients of an attention call with respect to its queries, keys and values. */
    public record AttentionGrads(Tensor query, Tensor key, Tensor value) {
    }

    /** Checks the operands of attention; returns the mask as an F32 view [B, Hq, Tq, Tk], or null. */
    private static Tensor checkAttention(String op, Tensor q, Tensor k, Tensor v, Tensor mask) {
        if (q.rank() != 4 || k.rank() != 4 || v.rank() != 4) {
            throw new ShapeException(op + ": q, k, v must be 4-D, got " + Shapes.str(q.shape()) + ", "
                    + Shapes.str(k.shape()) + ", " + Shapes.str(v.shape()));
        }
        int b = q.size(0);
        int hq = q.size(1);
        int tq = q.size(2);
        int hkv = k.size(1);
        int tk = k.size(2);
        if (k.size(0) != b || v.size(0) != b || v.size(1) != hkv || v.size(2) != tk || k.size(3) != q.size(3)
                || hkv == 0 || hq % hkv != 0 || tq > tk) {
            throw new ShapeException(op + ": q " + Shapes.str(q.shape()) + ", k " + Shapes.str(k.shape())
                    + " and v " + Shapes.str(v.shape()) + " do not fit (batch, heads multiple of kv heads, Tq <= Tk)");
        }
        if (mask == null) {
            return null;
        }
        if (!mask.dtype().isFloatingPoint()) {
            // a BOOL mask would be added as 1/0; torch reads True as "keep", Rein's causalMask as "block"
            throw new ShapeException(op + ": mask " + Shapes.str(mask.shape()) + " is " + mask.dtype()
                    + " but must be additive (F32, 0 or -inf); convert it with NeuralOps.additiveMask");
        }
        int[] scores = {b, hq, tq, tk};
        if (!Arrays.equals(Shapes.broadcast("attention mask", mask.shape(), scores), scores)) {
            // the shapes broadcast together, but to something larger than the scores (e.g. a mask batch of 2 for 1)
            throw new ShapeException("attention mask: shape " + Shapes.str(mask.shape())
                    + " does not broadcast to the scores [B, Hq, Tq, Tk] = " + Shapes.str(scores));
        }
        return mask.to(DType.F32).expand(b, hq, tq, tk);
    }

    /** BOOL [rows, cols] that is true where a query row may NOT see a key column (key after the query). */
    public static Tensor causalMask(int queries, int keys) {
        return Indexing.triu(queries, keys, keys - queries + 1);
    }

    /** An additive F32 mask: 0 where visible, -infinity where {@code blocked} is true. */
    public static Tensor additiveMask(Tensor blocked) {
        return Elementwise.where(blocked, Tensor.scalar(Float.NEGATIVE_INFINITY), Tensor.scalar(0f));
    }

    /**
     * Mean cross-entropy of logits [N, C] against targets [N] (I32/I64), skipping targets equal to
     * {@link #IGNORE_INDEX}; with label smoothing {@code eps} the target distribution is
     * {@code (1 - eps) one_hot + eps / C}. Returns a scalar (NaN-free 0 when every target is ignored).
     */
    public static Tensor crossEntropy(Tensor logits, Tensor targets, float labelSmoothing) {
        CrossEntropyTargets t = CrossEntropyTargets.of(logits, targets);
        int rows = logits.size(0);
        // per row: -sum_c q_c log p_c with q = (1 - eps) one_hot + eps / C, i.e. lse - (1 - eps) x_t - eps mean(x)
        Tensor perRow = Reductions.reduce(ReduceOp.LOGSUMEXP, logits, 1, ReducedDim.DROP)
                .sub(Indexing.gather(logits, 1, t.safe()).reshape(rows).mul(1f - labelSmoothing));
        if (labelSmoothing > 0f) {
            perRow = perRow.sub(logits.mean(1).mul(labelSmoothing));
        }
        Tensor masked = Elementwise.where(t.kept(), perRow, Tensor.scalar(0f));
        return masked.sum().div(Math.max(t.count(), 1));
    }

    /**
     * The gradient of {@code upstream * crossEntropy(logits, targets, labelSmoothing)} with respect to the logits
     * [N, C]: {@code upstream / count * (softmax(logits) - target distribution)} on kept rows, zeros on ignored
     * ones (count = kept rows), computed row by row in one pass over the logits.
     */
    public static Tensor crossEntropyGrad(Tensor logits, Tensor targets, float labelSmoothing, float upstream) {
        CrossEntropyTargets t = CrossEntropyTargets.of(logits, targets);
        Tensor rows = logits.to(DType.F32).contiguous();
        Tensor out = Tensor.zeros(rows.shape());
        Backends.current().crossEntropyGradRows(rows, targets.to(DType.I64).contiguous(), labelSmoothing,
                upstream / Math.max(t.count(), 1), out);
        return out;
    }

    /**
     * Targets of a cross-entropy, checked against logits [N, C].
     *
     * @param safe  [N, 1] I64: the target, or 0 for an ignored row (so that it can be gathered)
     * @param kept  [N] BOOL: the row's target is not {@link #IGNORE_INDEX}
     * @param count number of kept rows
     */
    private record CrossEntropyTargets(Tensor safe, Tensor kept, int count) {
        static CrossEntropyTargets of(Tensor logits, Tensor targets) {
            if (logits.rank() != 2 || targets.rank() != 1 || targets.size(0) != logits.size(0)) {
                throw new ShapeException("cross_entropy: logits " + Shapes.str(logits.shape()) + " and targets "
                        + Shapes.str(targets.shape()) + " must be [N, C] and [N]");
            }
            int classes = logits.size(1);
            long[] t = targets.toLongArray();
            boolean[] valid = new boolean[t.length];
            long[] safe = new long[t.length];
            int count = 0;
            for (int i = 0; i < t.length; i++) {
                valid[i] = t[i] != IGNORE_INDEX;
                if (valid[i] && (t[i] < 0 || t[i] >= classes)) {
                    throw new ShapeException("cross_entropy: target " + t[i] + " at row " + i + " is outside [0, "
                            + classes + ")");
                }
                safe[i] = valid[i] ? t[i] : 0;
                count += valid[i] ? 1 : 0;
            }
            return new CrossEntropyTargets(Tensor.ofLongs(safe, t.length, 1), Tensor.ofBools(valid, t.length), count);
        }
    }

    /** out [rows, n] back to {@code shape} with the reduced-over dim {@code dim} restored to its place. */
    static Tensor restoreFromRows(Tensor rows, int[] shape, int dim) {
        int last = shape.length - 1;
        if (dim == last || shape.length == 0) {
            return rows.reshape(shape);
        }
        int[] moved = new int[shape.length];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != dim) {
                moved[j++] = shape[i];
            }
        }
        moved[last] = shape[dim];
        int[] order = new int[shape.length];
        for (int i = 0, j = 0; i < shape.length; i++) {
            order[i] = i == dim ? last : j++;
        }
        return rows.reshape(moved).permute(order).contiguous();
    }
}

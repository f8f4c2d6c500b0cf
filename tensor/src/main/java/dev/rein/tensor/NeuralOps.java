package dev.rein.tensor;

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
        return rowwiseSoftmax(x, dim, false);
    }

    public static Tensor logSoftmax(Tensor x, int dim) {
        return rowwiseSoftmax(x, dim, true);
    }

    private static Tensor rowwiseSoftmax(Tensor x, int dim, boolean log) {
        int d = Shapes.normalizeDim(log ? "log_softmax" : "softmax", dim, x.rank());
        Tensor rows = Reductions.rowsOf(x, d);
        Tensor out = Tensor.zeros(rows.shape());
        Backends.current().softmaxRows(rows, log, out);
        return restoreFromRows(out, x.shape(), d);
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
        if (q.rank() != 4 || k.rank() != 4 || v.rank() != 4) {
            throw new ShapeException("attention: q, k, v must be 4-D, got " + Shapes.str(q.shape()) + ", "
                    + Shapes.str(k.shape()) + ", " + Shapes.str(v.shape()));
        }
        int b = q.size(0);
        int hq = q.size(1);
        int tq = q.size(2);
        int hkv = k.size(1);
        int tk = k.size(2);
        if (k.size(0) != b || v.size(0) != b || v.size(1) != hkv || v.size(2) != tk || k.size(3) != q.size(3)
                || hkv == 0 || hq % hkv != 0 || tq > tk) {
            throw new ShapeException("attention: q " + Shapes.str(q.shape()) + ", k " + Shapes.str(k.shape())
                    + " and v " + Shapes.str(v.shape()) + " do not fit (batch, heads multiple of kv heads, Tq <= Tk)");
        }
        Tensor m = null;
        if (mask != null) {
            if (!mask.dtype().isFloatingPoint()) {
                // a BOOL mask would be added as 1/0; torch reads True as "keep", Rein's causalMask as "block"
                throw new ShapeException("attention: mask " + Shapes.str(mask.shape()) + " is " + mask.dtype()
                        + " but must be additive (F32, 0 or -inf); convert it with NeuralOps.additiveMask");
            }
            int[] scores = {b, hq, tq, tk};
            if (!java.util.Arrays.equals(Shapes.broadcast("attention mask", mask.shape(), scores), scores)) {
                // the shapes broadcast together, but to something larger than the scores (e.g. a mask batch of 2 for 1)
                throw new ShapeException("attention mask: shape " + Shapes.str(mask.shape())
                        + " does not broadcast to the scores [B, Hq, Tq, Tk] = " + Shapes.str(scores));
            }
            m = mask.to(DType.F32).expand(b, hq, tq, tk);
        }
        Tensor out = Tensor.zeros(b, hq, tq, v.size(3));
        Backends.current().attention(q.to(DType.F32), k.to(DType.F32), v.to(DType.F32), m, spec, out);
        return out;
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
        Tensor logp = logSoftmax(logits, 1);
        Tensor picked = Indexing.gather(logp, 1, Tensor.ofLongs(safe, t.length, 1)).reshape(t.length);
        Tensor perRow = picked.neg();
        if (labelSmoothing > 0f) {
            Tensor uniform = logp.mean(1, false).neg();
            perRow = perRow.mul(1f - labelSmoothing).add(uniform.mul(labelSmoothing));
        }
        Tensor masked = Elementwise.where(Tensor.ofBools(valid, t.length), perRow, Tensor.scalar(0f));
        return masked.sum().div(Math.max(count, 1));
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

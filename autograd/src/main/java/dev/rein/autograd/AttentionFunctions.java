package dev.rein.autograd;

import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.NeuralOps;
import dev.rein.tensor.RopeConvention;
import dev.rein.tensor.Tensor;

/**
 * Differentiable rotary embedding and scaled dot-product attention. Values come from the tensor module's
 * fused kernels. Rope is a rotation, so its backward is the rotation by the opposite angle. Attention's
 * backward recomputes the probabilities P from q and k and applies the standard formulas with tensor ops.
 */
public final class AttentionFunctions {
    private AttentionFunctions() {
    }

    /**
     * Rope of x [B, H, T, D] at positions [T] or [B, T] with inverse frequencies [D/2] (not differentiable);
     * d x = rope of d y with negated frequencies, i.e. rotated back.
     */
    public static Variable rope(Variable x, Tensor positions, Tensor invFreq, RopeConvention convention) {
        Tensor y = NeuralOps.rope(x.value(), positions, invFreq, convention);
        return Variable.fromOp("rope", y, Edge.of(x, g -> NeuralOps.rope(g, positions, invFreq.neg(), convention)));
    }

    /**
     * Attention of q [B, Hq, Tq, D], k [B, Hkv, Tk, D], v [B, Hkv, Tk, Dv] -> [B, Hq, Tq, Dv] with grouped-query
     * heads (G = Hq / Hkv query heads share a KV head), an optional additive mask broadcastable to
     * [B, Hq, Tq, Tk] (not differentiable) and the causal / sliding-window / softcap knobs of {@code spec}.
     *
     * <p>Backward, with the query heads grouped as [B, Hkv, G, Tq, .] and S the masked scores:
     * d v = sum over G of P^T d y; d P = d y v^T; d S = P (d P - rowsum(d P P)); through the softcap
     * d S *= 1 - tanh^2(raw / cap); d q = scale d S k; d k = scale sum over G of d S^T q.
     * d S is recomputed for d q and d k (each edge sees only its own gradient).
     */
    public static Variable attention(Variable q, Variable k, Variable v, Tensor mask, AttentionSpec spec) {
        Tensor y = NeuralOps.attention(q.value(), k.value(), v.value(), mask, spec);
        Lazy<Grouped> saved = Lazy.of(() -> new Grouped(q.value(), k.value(), v.value(), mask, spec));
        return Variable.fromOp("attention", y,
                Edge.of(q, g -> saved.get().scoreGrad(g).matmul(saved.get().k).reshape(q.shape())),
                Edge.of(k, g -> saved.get().scoreGrad(g).mT().matmul(saved.get().q).sum(2, false)),
                Edge.of(v, g -> saved.get().probabilities.mT().matmul(saved.get().outputGrad(g)).sum(2, false)));
    }

    /** The operands with the query heads grouped by their KV head, and the recomputed probabilities. */
    private static final class Grouped {
        final Tensor q;        // [B, Hkv, G, Tq, D]
        final Tensor k;        // [B, Hkv, 1, Tk, D]
        final Tensor v;        // [B, Hkv, 1, Tk, Dv]
        final AttentionSpec spec;
        final Tensor rawScores;      // scale * q k^T, [B, Hkv, G, Tq, Tk]
        final Tensor probabilities;  // softmax of the capped, masked scores, same shape

        Grouped(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec) {
            int b = q.size(0);
            int hq = q.size(1);
            int tq = q.size(2);
            int hkv = k.size(1);
            int tk = k.size(2);
            this.q = q.reshape(b, hkv, hq / hkv, tq, q.size(3));
            this.k = k.unsqueeze(2);
            this.v = v.unsqueeze(2);
            this.spec = spec;
            this.rawScores = this.q.matmul(this.k.mT()).mul(spec.scale());
            Tensor s = spec.softcap() > 0f ? rawScores.div(spec.softcap()).tanh().mul(spec.softcap()) : rawScores;
            s = s.add(visibility(tq, tk, spec));
            if (mask != null) {
                s = s.add(mask.expand(b, hq, tq, tk).reshape(b, hkv, hq / hkv, tq, tk));
            }
            this.probabilities = s.softmax(-1);
        }

        /** d y [B, Hq, Tq, Dv] grouped as [B, Hkv, G, Tq, Dv]. */
        Tensor outputGrad(Tensor g) {
            return g.reshape(q.size(0), q.size(1), q.size(2), q.size(3), g.size(3));
        }

        /** d (scale * q k^T) for upstream d y: softmax backward, then the softcap's derivative, then the scale. */
        Tensor scoreGrad(Tensor g) {
            Tensor p = probabilities;
            Tensor dp = outputGrad(g).matmul(v.mT());
            Tensor ds = p.mul(dp.sub(dp.mul(p).sum(-1, true)));
            if (spec.softcap() > 0f) {
                Tensor t = rawScores.div(spec.softcap()).tanh();
                ds = ds.mul(Tensor.scalar(1f).sub(t.mul(t)));
            }
            return ds.mul(spec.scale());
        }
    }

    /**
     * Additive [Tq, Tk] mask of the causal and sliding-window rules, exactly as the fused kernel applies them:
     * query i sits at absolute position Tk - Tq + i. Public for code that computes attention step by step (to read or
     * edit the probabilities) and must mask exactly as the fused kernel does.
     */
    public static Tensor visibility(int tq, int tk, AttentionSpec spec) {
        float[] m = new float[tq * tk];
        for (int i = 0; i < tq; i++) {
            int absolute = tk - tq + i;
            for (int j = 0; j < tk; j++) {
                boolean visible = (!spec.causal() || j <= absolute)
                        && (spec.slidingWindow() <= 0 || absolute - j < spec.slidingWindow());
                m[i * tk + j] = visible ? 0f : Float.NEGATIVE_INFINITY;
            }
        }
        return Tensor.of(m, tq, tk);
    }
}

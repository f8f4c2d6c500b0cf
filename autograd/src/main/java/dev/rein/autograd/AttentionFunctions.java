package dev.rein.autograd;

import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.NeuralOps;
import dev.rein.tensor.RopeConvention;
import dev.rein.tensor.Tensor;

/**
 * Differentiable rotary embedding and scaled dot-product attention. Values come from the tensor module's
 * fused kernels. Rope is a rotation, so its backward is the rotation by the opposite angle. Attention's
 * backward is the fused kernel of {@link NeuralOps#attentionGrad}, which recomputes the probabilities from q and k.
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
     * <p>Backward, with P the probabilities and S the masked scores: d v = sum over G of P^T d y; d P = d y v^T;
     * d S = P (d P - rowsum(d P P)); through the softcap d S *= 1 - tanh^2(raw / cap); d q = scale d S k;
     * d k = scale sum over G of d S^T q. All three come from one fused pass ({@link NeuralOps#attentionGrad})
     * that recomputes P.
     */
    public static Variable attention(Variable q, Variable k, Variable v, Tensor mask, AttentionSpec spec) {
        Tensor qv = q.value();
        Tensor kv = k.value();
        Tensor vv = v.value();
        Tensor y = NeuralOps.attention(qv, kv, vv, mask, spec);
        JointGradients grads = new JointGradients(g -> {
            NeuralOps.AttentionGrads r = NeuralOps.attentionGrad(qv, kv, vv, mask, spec, g);
            return new Tensor[] {r.query(), r.key(), r.value()};
        });
        return Variable.fromOp("attention", y,
                Edge.of(q, g -> grads.take(g, 0)),
                Edge.of(k, g -> grads.take(g, 1)),
                Edge.of(v, g -> grads.take(g, 2)));
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

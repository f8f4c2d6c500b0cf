package dev.rein.tensor;

import static dev.rein.tensor.TensorTesting.assertClose;
import static dev.rein.tensor.TensorTesting.assertShapeError;
import static dev.rein.tensor.TensorTesting.random;
import static dev.rein.tensor.TensorTesting.ravelBroadcast;
import static dev.rein.tensor.TensorTesting.transposedLayout;
import static dev.rein.tensor.TensorTesting.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The fused attention backward against the textbook formulas evaluated in double precision. */
class AttentionGradTest {
    private static final double RTOL = 1e-4;
    private static final double ATOL = 2e-5;

    /** dq, dk, dv of sum(attention(q, k, v) * dOut), flattened row-major, from the same rules AttentionTest uses. */
    static double[][] naiveGrads(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor dOut) {
        int b = q.size(0);
        int hq = q.size(1);
        int tq = q.size(2);
        int d = q.size(3);
        int hkv = k.size(1);
        int tk = k.size(2);
        int dv = v.size(3);
        double[] qv = values(q);
        double[] kv = values(k);
        double[] vv = values(v);
        double[] gv = values(dOut);
        double[] mv = mask == null ? null : values(mask);
        double[] dq = new double[qv.length];
        double[] dk = new double[kv.length];
        double[] dvv = new double[vv.length];
        for (int bi = 0; bi < b; bi++) {
            for (int h = 0; h < hq; h++) {
                int g = h / (hq / hkv);
                for (int i = 0; i < tq; i++) {
                    int pos = tk - tq + i;
                    int qAt = ((bi * hq + h) * tq + i) * d;
                    int oAt = ((bi * hq + h) * tq + i) * dv;
                    double[] p = new double[tk];
                    double[] capSlope = new double[tk];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < tk; j++) {
                        boolean visible = (!spec.causal() || j <= pos)
                                && (spec.slidingWindow() <= 0 || pos - j < spec.slidingWindow());
                        if (!visible) {
                            p[j] = Double.NEGATIVE_INFINITY;
                            continue;
                        }
                        double dot = 0;
                        for (int c = 0; c < d; c++) {
                            dot += qv[qAt + c] * kv[((bi * hkv + g) * tk + j) * d + c];
                        }
                        double s = dot * spec.scale();
                        capSlope[j] = 1;
                        if (spec.softcap() > 0) {
                            double t = Math.tanh(s / spec.softcap());
                            s = spec.softcap() * t;
                            capSlope[j] = 1 - t * t;
                        }
                        if (mv != null) {
                            s += mv[ravelBroadcast(new int[] {bi, h, i, j}, mask.shape())];
                        }
                        p[j] = s;
                        max = Math.max(max, s);
                    }
                    double total = 0;
                    for (int j = 0; j < tk; j++) {
                        p[j] = Math.exp(p[j] - max);
                        total += p[j];
                    }
                    double[] dp = new double[tk];
                    double delta = 0;
                    for (int j = 0; j < tk; j++) {
                        p[j] /= total;
                        for (int c = 0; c < dv; c++) {
                            dp[j] += gv[oAt + c] * vv[((bi * hkv + g) * tk + j) * dv + c];
                        }
                        delta += p[j] * dp[j];
                    }
                    for (int j = 0; j < tk; j++) {
                        double ds = p[j] * (dp[j] - delta) * capSlope[j] * spec.scale();
                        int kAt = ((bi * hkv + g) * tk + j) * d;
                        for (int c = 0; c < d; c++) {
                            dq[qAt + c] += ds * kv[kAt + c];
                            dk[kAt + c] += ds * qv[qAt + c];
                        }
                        for (int c = 0; c < dv; c++) {
                            dvv[((bi * hkv + g) * tk + j) * dv + c] += p[j] * gv[oAt + c];
                        }
                    }
                }
            }
        }
        return new double[][] {dq, dk, dvv};
    }

    private static void check(String what, Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec) {
        Tensor dOut = random(99, q.size(0), q.size(1), q.size(2), v.size(3));
        NeuralOps.AttentionGrads grads = NeuralOps.attentionGrad(q, k, v, mask, spec, dOut);
        double[][] expected = naiveGrads(q, k, v, mask, spec, dOut);
        assertArrayEquals(q.shape(), grads.query().shape(), what);
        assertArrayEquals(k.shape(), grads.key().shape(), what);
        assertArrayEquals(v.shape(), grads.value().shape(), what);
        assertClose(what + " dq", expected[0], grads.query(), RTOL, ATOL);
        assertClose(what + " dk", expected[1], grads.key(), RTOL, ATOL);
        assertClose(what + " dv", expected[2], grads.value(), RTOL, ATOL);
    }

    @Test
    void plainCausalAndGroupedQueryHeads() {
        // head dims 24 and 20: whole vectors and a tail on 8- and 16-lane machines
        Tensor q = random(1, 2, 4, 7, 24);
        Tensor k = random(2, 2, 2, 7, 24);
        Tensor v = random(3, 2, 2, 7, 20);
        check("plain", q, k, v, null, new AttentionSpec(0.2f, false, 0, 0f));
        check("causal", q, k, v, null, AttentionSpec.causal(24));
        check("multi-query", q, k.narrow(1, 0, 1), v.narrow(1, 1, 1), null, AttentionSpec.causal(24));
    }

    @Test
    void queriesAfterCachedKeysWithMaskSoftcapAndWindow() {
        Tensor q = random(4, 1, 3, 5, 16);               // Tq = 5 queries at positions 6..10 of Tk = 11
        Tensor k = random(5, 1, 3, 11, 16);
        Tensor v = random(6, 1, 3, 11, 9);
        Tensor mask = random(7, 1, 1, 5, 11).mul(0.5f);
        check("mask, softcap 1.5, window 4", q, k, v, mask, new AttentionSpec(0.3f, true, 4, 1.5f));
        check("softcap without causality", q, k, v, null, new AttentionSpec(0.3f, false, 0, 2f));
    }

    @Test
    void stridedOperandsGiveGradientsInTheirLayout() {
        Tensor q = transposedLayout(random(8, 1, 2, 6, 8));
        Tensor k = random(9, 1, 6, 2, 8).transpose(1, 2);  // [B, T, H, D] memory seen as [B, H, T, D]
        Tensor v = random(10, 1, 2, 6, 8);
        check("strided", q, k, v, null, AttentionSpec.causal(8));
        NeuralOps.AttentionGrads grads = NeuralOps.attentionGrad(q, k, v, null, AttentionSpec.causal(8),
                random(11, 1, 2, 6, 8));
        assertArrayEquals(q.strides(), grads.query().strides(), "dq in q's memory order");
        assertArrayEquals(k.strides(), grads.key().strides(), "dk in k's memory order");
    }

    @Test
    void aMismatchedGradientIsAShapeError() {
        Tensor q = random(12, 1, 2, 3, 4);
        assertShapeError(() -> NeuralOps.attentionGrad(q, q, q, null, AttentionSpec.causal(4),
                random(13, 1, 2, 3, 5)), "attention backward", "gradient [1, 2, 3, 5]");
    }
}

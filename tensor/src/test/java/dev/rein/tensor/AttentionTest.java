package dev.rein.tensor;

import static dev.rein.tensor.TensorTesting.assertClose;
import static dev.rein.tensor.TensorTesting.assertShape;
import static dev.rein.tensor.TensorTesting.assertShapeError;
import static dev.rein.tensor.TensorTesting.random;
import static dev.rein.tensor.TensorTesting.ravelBroadcast;
import static dev.rein.tensor.TensorTesting.transposedLayout;
import static dev.rein.tensor.TensorTesting.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Scaled dot-product attention against a naive double-precision implementation. */
class AttentionTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-5;

    /**
     * softmax(softcap(scale q k^T) + mask, hidden positions removed) v, with query i of Tq at absolute position
     * Tk - Tq + i, query head h reading kv head h / (Hq / Hkv). The mask is additive and broadcasts to
     * [B, Hq, Tq, Tk].
     */
    static double[] naiveAttention(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec) {
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
        double[] mv = mask == null ? null : values(mask);
        double[] out = new double[b * hq * tq * dv];
        for (int bi = 0; bi < b; bi++) {
            for (int h = 0; h < hq; h++) {
                int g = h / (hq / hkv);
                for (int i = 0; i < tq; i++) {
                    int pos = tk - tq + i;
                    double[] p = new double[tk];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < tk; j++) {
                        boolean visible = (!spec.causal() || j <= pos) && (spec.slidingWindow() <= 0 || pos - j < spec.slidingWindow());
                        if (!visible) {
                            p[j] = Double.NEGATIVE_INFINITY;
                            continue;
                        }
                        double dot = 0;
                        for (int c = 0; c < d; c++) {
                            dot += qv[((bi * hq + h) * tq + i) * d + c] * kv[((bi * hkv + g) * tk + j) * d + c];
                        }
                        double s = dot * spec.scale();
                        if (spec.softcap() > 0) {
                            s = spec.softcap() * Math.tanh(s / spec.softcap());
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
                    for (int c = 0; c < dv; c++) {
                        double acc = 0;
                        for (int j = 0; j < tk; j++) {
                            acc += p[j] / total * vv[((bi * hkv + g) * tk + j) * dv + c];
                        }
                        out[((bi * hq + h) * tq + i) * dv + c] = acc;
                    }
                }
            }
        }
        return out;
    }

    private static AttentionSpec spec(int d, boolean causal, int window, float softcap) {
        return new AttentionSpec((float) (1 / Math.sqrt(d)), causal, window, softcap);
    }

    private static void check(String what, Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec) {
        Tensor y = NeuralOps.attention(q, k, v, mask, spec);
        assertShape(y, q.size(0), q.size(1), q.size(2), v.size(3));
        assertClose(what, naiveAttention(q, k, v, mask, spec), y, RTOL, ATOL);
    }

    @Test
    void plainAndCausal() {
        Tensor q = random(80, 2, 2, 5, 8);
        Tensor k = random(81, 2, 2, 5, 8);
        Tensor v = random(82, 2, 2, 5, 6);
        check("plain", q, k, v, null, spec(8, false, 0, 0f));
        check("causal", q, k, v, null, AttentionSpec.causal(8));
        check("causal, other scale", q, k, v, null, new AttentionSpec(0.7f, true, 0, 0f));
    }

    @Test
    void groupedQueryHeads() {
        Tensor q = random(83, 2, 4, 6, 8); // Hq = 4
        Tensor k = random(84, 2, 2, 6, 8); // Hkv = 2: heads 0, 1 read kv 0; heads 2, 3 read kv 1
        Tensor v = random(85, 2, 2, 6, 8);
        check("gqa causal", q, k, v, null, AttentionSpec.causal(8));
        check("gqa plain", q, k, v, null, spec(8, false, 0, 0f));
        check("multi-query", q, k.narrow(1, 0, 1), v.narrow(1, 1, 1), null, AttentionSpec.causal(8));
    }

    @Test
    void additiveMaskBroadcastsFromAnyShape() {
        Tensor q = random(86, 2, 4, 5, 8);
        Tensor k = random(87, 2, 2, 5, 8);
        Tensor v = random(88, 2, 2, 5, 8);
        // padding mask per batch [B, 1, 1, Tk]: batch 1 cannot see key 0
        float[] pad = new float[10];
        pad[5] = Float.NEGATIVE_INFINITY;
        Tensor padding = Tensor.of(pad, 2, 1, 1, 5);
        check("padding mask + causal", q, k, v, padding, AttentionSpec.causal(8));
        Tensor bias = random(89, 5, 5); // an ALiBi-like additive bias [Tq, Tk]
        check("2-D bias", q, k, v, bias, spec(8, false, 0, 0f));
        Tensor full = random(90, 2, 4, 5, 5).mul(3f);
        check("full mask", q, k, v, full, spec(8, true, 0, 0f));
        check("mask as a bool-derived additive mask", q, k, v, NeuralOps.additiveMask(NeuralOps.causalMask(5, 5)),
                spec(8, false, 0, 0f));
    }

    @Test
    void softcapAndSlidingWindow() {
        Tensor q = random(91, 1, 2, 9, 8).mul(4f); // large scores, so the cap matters
        Tensor k = random(92, 1, 2, 9, 8).mul(4f);
        Tensor v = random(93, 1, 2, 9, 8);
        check("softcap", q, k, v, null, spec(8, true, 0, 2f));
        check("softcap, no causal", q, k, v, null, spec(8, false, 0, 5f));
        check("sliding window 3", q, k, v, null, spec(8, true, 3, 0f));
        check("sliding window 1 (only itself)", q, k, v, null, spec(8, true, 1, 0f));
        check("window + softcap + mask", q, k, v, random(94, 9, 9), spec(8, true, 4, 3f));
    }

    @Test
    void kvCacheQueryEqualsTheLastRowOfTheFullComputation() {
        int tk = 7;
        int capacity = 16;
        Tensor qAll = random(95, 2, 4, tk, 8);
        // the cache holds `capacity` positions, of which the first tk are filled: k and v are narrow views
        Tensor kCache = random(96, 2, 2, capacity, 8);
        Tensor vCache = random(97, 2, 2, capacity, 8);
        Tensor k = kCache.narrow(2, 0, tk);
        Tensor v = vCache.narrow(2, 0, tk);
        for (AttentionSpec spec : new AttentionSpec[] {AttentionSpec.causal(8), spec(8, true, 3, 0f), spec(8, true, 0, 2f)}) {
            Tensor full = NeuralOps.attention(qAll, k.contiguous(), v.contiguous(), null, spec);
            Tensor lastQuery = qAll.narrow(2, tk - 1, 1);
            Tensor one = NeuralOps.attention(lastQuery, k, v, null, spec);
            assertShape(one, 2, 4, 1, 8);
            assertClose(spec.toString(), values(full.narrow(2, tk - 1, 1)), one, 1e-6, 1e-6);
            check("Tq = 1 " + spec, lastQuery, k, v, null, spec);
            // a chunk of 3 new queries after 4 cached keys
            Tensor chunk = qAll.narrow(2, tk - 3, 3);
            assertClose("chunk " + spec, values(full.narrow(2, tk - 3, 3)), NeuralOps.attention(chunk, k, v, null, spec), 1e-6, 1e-6);
        }
        // the cache in [B, T, H, D] layout, seen through a transpose, and a mask for the one new row
        Tensor kBthd = random(98, 2, capacity, 2, 8).narrow(1, 0, tk).transpose(1, 2);
        Tensor vBthd = random(99, 2, capacity, 2, 8).narrow(1, 0, tk).transpose(1, 2);
        check("transposed cache + mask", qAll.narrow(2, tk - 1, 1), kBthd, vBthd, random(100, 1, tk), AttentionSpec.causal(8));
    }

    @Test
    void longSequencesAcrossQueryBlocksWithHeadDimsOffTheVectorLength() {
        // Tq = 37 of Tk = 45 spans several query blocks; 3 heads per kv head leaves short tiles; D = 20 and
        // Dv = 13 have a vector part and a scalar tail
        Tensor q = random(110, 2, 6, 37, 20);
        Tensor k = random(111, 2, 2, 45, 20);
        Tensor v = random(112, 2, 2, 45, 13);
        check("long causal", q, k, v, null, AttentionSpec.causal(20));
        check("long plain", q, k, v, null, spec(20, false, 0, 0f));
        check("long window + softcap + mask", q, k, v, random(113, 2, 1, 37, 45), spec(20, true, 7, 3f));
        // K and V whose last dim is strided are packed before use; the same values must come out
        check("strided head dim", transposedLayout(q), transposedLayout(k), transposedLayout(v), null,
                spec(20, true, 9, 0f));
        check("strided head dim, plain", q, transposedLayout(k), transposedLayout(v), null, spec(20, false, 0, 0f));
    }

    @Test
    void keysSpanningSeveralBlocksOfTheOnlineSoftmax() {
        // Tk = 600 keys are three key blocks (256 each) of the flash-style forward; 520 queries after 80 cached keys,
        // 4 query heads on 2 kv heads; scores scaled up so that the running max moves between blocks
        Tensor q = random(120, 1, 4, 520, 16).mul(3f);
        Tensor k = random(121, 1, 2, 600, 16).mul(3f);
        Tensor v = random(122, 1, 2, 600, 16);
        check("blocks causal", q, k, v, null, AttentionSpec.causal(16));
        check("blocks plain", q, k, v, null, spec(16, false, 0, 0f));
        check("blocks window 300 + softcap", q, k, v, null, spec(16, true, 300, 4f));
        // even queries cannot see the first key block at all: their first visible keys come in a later block
        float[] hideFirstBlock = new float[520 * 600];
        for (int i = 0; i < 520; i += 2) {
            Arrays.fill(hideFirstBlock, i * 600, i * 600 + 256, Float.NEGATIVE_INFINITY);
        }
        check("blocks mask hiding the first block", q, k, v, Tensor.of(hideFirstBlock, 520, 600),
                AttentionSpec.causal(16));
        check("blocks strided k and v", q, transposedLayout(k), transposedLayout(v), null, spec(16, true, 400, 0f));
    }

    @Test
    void multiHeadDecodeStepFromACacheView() {
        // one query row per kv head (Hq = Hkv = 3): every tile is a single row. Tk = 301 spans two key blocks and
        // leaves an odd count after the kernel's keys-by-four; D = 20, Dv = 13 have a scalar tail
        int tk = 301;
        Tensor q = random(130, 2, 3, 1, 20).mul(2f);
        Tensor k = random(131, 2, 3, 512, 20).narrow(2, 0, tk).mul(2f);
        Tensor v = random(132, 2, 3, 512, 13).narrow(2, 0, tk);
        check("mha decode causal", q, k, v, null, AttentionSpec.causal(20));
        check("mha decode window 280 + softcap", q, k, v, null, spec(20, true, 280, 3f));
        check("mha decode mask", q, k, v, random(133, 2, 3, 1, tk), spec(20, true, 0, 0f));
        check("mha decode strided k and v", q, transposedLayout(k), transposedLayout(v), null, AttentionSpec.causal(20));
        // head 1 of batch 0 sees no key: NaN there only
        float[] hidden = new float[2 * 3 * tk];
        Arrays.fill(hidden, tk, 2 * tk, Float.NEGATIVE_INFINITY);
        float[] y = NeuralOps.attention(q, k, v, Tensor.of(hidden, 2, 3, 1, tk), AttentionSpec.causal(20)).toFloatArray();
        for (int i = 0; i < y.length; i++) {
            int head = i / 13;
            assertTrue(head == 1 ? Float.isNaN(y[i]) : Float.isFinite(y[i]), "element " + i + " = " + y[i]);
        }
    }

    @Test
    void aDecodeRowGetsTheSameBitsAloneAsInAFullTile() {
        // four query heads on one kv head fill a tile of four rows; each head alone is a tile of one row
        int tk = 259;
        Tensor q = random(134, 2, 4, 1, 20);
        Tensor k = random(135, 2, 1, tk, 20);
        Tensor v = random(136, 2, 1, tk, 13);
        for (AttentionSpec spec : new AttentionSpec[] {AttentionSpec.causal(20), spec(20, true, 200, 2f)}) {
            float[] together = NeuralOps.attention(q, k, v, null, spec).toFloatArray();
            for (int h = 0; h < 4; h++) {
                float[] alone = NeuralOps.attention(q.narrow(1, h, 1), k, v, null, spec).toFloatArray();
                for (int bi = 0; bi < 2; bi++) {
                    float[] expected = Arrays.copyOfRange(together, (bi * 4 + h) * 13, (bi * 4 + h + 1) * 13);
                    float[] actual = Arrays.copyOfRange(alone, bi * 13, (bi + 1) * 13);
                    assertArrayEquals(expected, actual, spec + " batch " + bi + " head " + h);
                }
            }
        }
    }

    @Test
    void aRowThatSeesNoKeyIsNaN() {
        Tensor q = random(114, 1, 2, 3, 8);
        Tensor k = random(115, 1, 1, 3, 8);
        float[] blocked = new float[9];
        Arrays.fill(blocked, 3, 6, Float.NEGATIVE_INFINITY); // query 1 sees nothing
        float[] y = NeuralOps.attention(q, k, k, Tensor.of(blocked, 3, 3), spec(8, false, 0, 0f)).toFloatArray();
        for (int i = 0; i < y.length; i++) {
            int query = (i / 8) % 3;
            assertTrue(query == 1 ? Float.isNaN(y[i]) : Float.isFinite(y[i]), "element " + i + " = " + y[i]);
        }
    }

    @Test
    void ropeWithHeadDimsOffTheVectorLength() {
        // D = 20: the half-split rotation has a vector part and a scalar tail, as does the interleaved one
        Tensor x = random(116, 2, 3, 6, 20);
        Tensor invFreq = NeuralOps.ropeInverseFrequencies(20, 10000);
        long[][] positions = {{0, 5, 5, 9, 200, 3}, {1, 2, 3, 4, 5, 6}};
        Tensor pos = Tensor.ofLongs(new long[] {0, 5, 5, 9, 200, 3, 1, 2, 3, 4, 5, 6}, 2, 6);
        for (RopeConvention c : RopeConvention.values()) {
            double[] expected = NeuralOpsTest.naiveRope(x, positions, values(invFreq), c);
            assertClose(c + " unit stride", expected, NeuralOps.rope(x, pos, invFreq, c), 1e-5, 2e-5);
            assertClose(c + " strided", expected, NeuralOps.rope(transposedLayout(x), pos, invFreq, c), 1e-5, 2e-5);
        }
    }

    @Test
    void cacheViewsReachTheKernelWithoutCopies() {
        Tensor kCache = random(101, 1, 2, 16, 8);
        Tensor vCache = random(102, 1, 2, 16, 8);
        Tensor q = random(103, 1, 4, 1, 8);
        RecordingBackend backend = new RecordingBackend();
        backend.record(() -> NeuralOps.attention(q, kCache.narrow(2, 0, 5), vCache.narrow(2, 0, 5), null, AttentionSpec.causal(8)));
        Tensor[] call = backend.attentions.getFirst();
        assertSame(kCache.storage(), call[1].storage(), "k cache copied");
        assertSame(vCache.storage(), call[2].storage(), "v cache copied");
    }

    @Test
    void mismatchedShapesNameTheOp() {
        Tensor q = Tensor.zeros(1, 3, 2, 8);
        Tensor k = Tensor.zeros(1, 2, 4, 8);
        assertShapeError(() -> NeuralOps.attention(q, k, k, null, AttentionSpec.causal(8)), "attention", "[1, 3, 2, 8]",
                "[1, 2, 4, 8]");
        Tensor q2 = Tensor.zeros(1, 2, 5, 8);
        assertShapeError(() -> NeuralOps.attention(q2, k, k, null, AttentionSpec.causal(8)), "attention", "Tq <= Tk");
        assertShapeError(() -> NeuralOps.attention(Tensor.zeros(2, 8), k, k, null, AttentionSpec.causal(8)), "attention");
        Tensor q3 = Tensor.zeros(1, 2, 2, 8);
        assertShapeError(() -> NeuralOps.attention(q3, k, k, Tensor.zeros(3, 4), AttentionSpec.causal(8)),
                "attention mask", "[3, 4]");
        assertShapeError(() -> NeuralOps.attention(q3, k, k, Tensor.zeros(2, 1, 2, 4), AttentionSpec.causal(8)),
                "attention mask", "[2, 1, 2, 4]", Arrays.toString(new int[] {1, 2, 2, 4}));
        assertShapeError(() -> NeuralOps.attention(q3, k, k, NeuralOps.causalMask(2, 4), AttentionSpec.causal(8)),
                "attention", "BOOL", "additiveMask");
    }
}

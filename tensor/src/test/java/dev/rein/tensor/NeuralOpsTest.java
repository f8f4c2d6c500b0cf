package dev.rein.tensor;

import static dev.rein.tensor.TensorTesting.assertClose;
import static dev.rein.tensor.TensorTesting.assertShape;
import static dev.rein.tensor.TensorTesting.assertShapeError;
import static dev.rein.tensor.TensorTesting.mapLines;
import static dev.rein.tensor.TensorTesting.padded;
import static dev.rein.tensor.TensorTesting.random;
import static dev.rein.tensor.TensorTesting.transposedLayout;
import static dev.rein.tensor.TensorTesting.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.testing.NaiveOps;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** softmax, log_softmax, layer/RMS norm, rotary embedding, masks and cross-entropy against naive definitions. */
class NeuralOpsTest {

    @Test
    void softmaxAndLogSoftmaxOverEveryDim() {
        Tensor x = random(70, 3, 4, 37).mul(3f);
        for (Tensor input : List.of(x, padded(x), transposedLayout(x))) {
            for (int dim = 0; dim < 3; dim++) {
                Tensor s = input.softmax(dim - 3);
                assertShape(s, 3, 4, 37);
                assertClose("softmax dim " + dim, mapLines(values(x), x.shape(), dim, NaiveOps::softmax), s, 1e-5, 1e-7);
                assertClose("log_softmax dim " + dim, mapLines(values(x), x.shape(), dim, NaiveOps::logSoftmax),
                        input.logSoftmax(dim), 1e-5, 1e-5);
            }
        }
    }

    @Test
    void softmaxIsStableForHugeLogitsAndMaskedEntries() {
        Tensor x = random(71, 4, 37).mul(1000f); // exp would overflow without subtracting the max
        assertClose(mapLines(values(x), x.shape(), 1, NaiveOps::softmax), x.softmax(-1), 1e-5, 1e-7);
        assertClose(mapLines(values(x), x.shape(), 1, NaiveOps::logSoftmax), x.logSoftmax(-1), 1e-5, 1e-3);

        Tensor masked = Tensor.of(new float[] {1f, Float.NEGATIVE_INFINITY, 2f, Float.NEGATIVE_INFINITY,
                                               Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, 2, 3);
        float[] s = masked.softmax(1).toFloatArray();
        assertEquals(0f, s[1]);
        assertEquals(1.0, s[0] + s[2], 1e-6);
        assertTrue(Float.isNaN(s[3]) && Float.isNaN(s[4]) && Float.isNaN(s[5]), "a fully masked row is NaN as in torch");
        float[] ls = masked.logSoftmax(1).toFloatArray();
        assertEquals(Float.NEGATIVE_INFINITY, ls[1]);
    }

    @Test
    void layerNormWithAndWithoutBias() {
        Tensor x = random(72, 2, 3, 37).mul(2f).add(1f);
        Tensor w = random(73, 37);
        Tensor b = random(74, 37);
        float eps = 1e-5f;
        double[] wv = values(w);
        double[] bv = values(b);
        for (boolean withBias : new boolean[] {true, false}) {
            double[] expected = mapLines(values(x), x.shape(), 2, line -> {
                double mean = ReductionsTest.sum(line) / line.length;
                double inv = 1 / Math.sqrt(ReductionsTest.var(line, 0) + eps);
                double[] out = new double[line.length];
                for (int i = 0; i < line.length; i++) {
                    out[i] = (line[i] - mean) * inv * wv[i] + (withBias ? bv[i] : 0);
                }
                return out;
            });
            Tensor bias = withBias ? b : null;
            assertClose("bias " + withBias, expected, NeuralOps.layerNorm(x, w, bias, eps), 1e-4, 1e-5);
            assertClose("strided, bias " + withBias, expected, NeuralOps.layerNorm(transposedLayout(x), padded(w),
                    bias == null ? null : padded(bias), eps), 1e-4, 1e-5);
        }
        Tensor wLow = w.to(DType.BF16);
        double[] wl = values(wLow);
        double[] expectedLow = mapLines(values(x), x.shape(), 2, line -> {
            double mean = ReductionsTest.sum(line) / line.length;
            double inv = 1 / Math.sqrt(ReductionsTest.var(line, 0) + eps);
            double[] out = new double[line.length];
            for (int i = 0; i < line.length; i++) {
                out[i] = (line[i] - mean) * inv * wl[i];
            }
            return out;
        });
        assertClose("bf16 weight", expectedLow, NeuralOps.layerNorm(x, wLow, null, eps), 1e-4, 1e-5);
        assertShapeError(() -> NeuralOps.layerNorm(x, Tensor.zeros(36), null, eps), "layer_norm", "[36]", "[2, 3, 37]");
    }

    @Test
    void rmsNormLlamaAndGemma() {
        Tensor x = random(75, 2, 5, 37);
        Tensor w = random(76, 37);
        float eps = 1e-6f;
        double[] wv = values(w);
        for (float offset : new float[] {0f, 1f}) {
            double[] expected = mapLines(values(x), x.shape(), 2, line -> {
                double ss = 0;
                for (double v : line) {
                    ss += v * v;
                }
                double inv = 1 / Math.sqrt(ss / line.length + eps);
                double[] out = new double[line.length];
                for (int i = 0; i < line.length; i++) {
                    out[i] = line[i] * inv * (offset + wv[i]);
                }
                return out;
            });
            Tensor y = offset == 0f ? NeuralOps.rmsNorm(x, w, eps) : NeuralOps.rmsNorm(x, w, eps, offset);
            assertClose("offset " + offset, expected, y, 1e-5, 1e-6);
            assertClose("strided, offset " + offset, expected, NeuralOps.rmsNorm(transposedLayout(x), padded(w), eps, offset),
                    1e-5, 1e-6);
        }
        assertShapeError(() -> NeuralOps.rmsNorm(x, Tensor.zeros(2, 37), eps), "rms_norm", "[2, 37]");
    }

    /**
     * The fused RMS norm backward against the composition of tensor ops it replaced in autograd, on rows of 37 (vector
     * loops and scalar tails), for Llama's and Gemma's weight offsets, on a strided input.
     */
    @Test
    void rmsNormGradMatchesComposedFormula() {
        Tensor x = random(81, 2, 5, 37);
        Tensor w = random(82, 37);
        Tensor g = random(83, 2, 5, 37);
        float eps = 1e-6f;
        for (float offset : new float[] {0f, 1f}) {
            Tensor r = x.mul(x).mean(-1, ReducedDim.KEEP).add(eps).rsqrt();
            Tensor gs = g.mul(w.add(offset));
            Tensor dx = gs.sub(x.mul(r).mul(r).mul(gs.mul(x).mean(-1, ReducedDim.KEEP))).mul(r);
            Tensor dw = g.mul(x).mul(r).sum(0).sum(0);
            NeuralOps.LayerNormGrads fused = NeuralOps.rmsNormGrad(transposedLayout(x), padded(w), eps, offset, g,
                    EnumSet.of(NeuralOps.LayerNormGrads.Part.INPUT, NeuralOps.LayerNormGrads.Part.WEIGHT));
            assertClose("dx, offset " + offset, values(dx), fused.input(), 1e-5, 1e-6);
            assertClose("dw, offset " + offset, values(dw), fused.weight(), 1e-5, 1e-6);
        }
        assertShapeError(() -> NeuralOps.rmsNormGrad(x, w, eps, 0f, random(84, 2, 5, 36),
                EnumSet.of(NeuralOps.LayerNormGrads.Part.INPUT)), "rms_norm backward", "[2, 5, 36]");
    }

    // ---------------------------------------------------------------- rotary embedding

    /** Rotary embedding of x [B, H, T, D] in double, pairing (i, i + D/2) or (2i, 2i + 1). */
    static double[] naiveRope(Tensor x, long[][] positions, double[] invFreq, RopeConvention convention) {
        int[] s = x.shape();
        int d = s[3];
        int half = d / 2;
        double[] v = values(x);
        double[] out = new double[v.length];
        for (int b = 0; b < s[0]; b++) {
            for (int h = 0; h < s[1]; h++) {
                for (int t = 0; t < s[2]; t++) {
                    int base = ((b * s[1] + h) * s[2] + t) * d;
                    long p = positions[positions.length == 1 ? 0 : b][t];
                    for (int i = 0; i < half; i++) {
                        int i0 = convention == RopeConvention.HALF_SPLIT ? i : 2 * i;
                        int i1 = convention == RopeConvention.HALF_SPLIT ? i + half : 2 * i + 1;
                        double angle = p * invFreq[i];
                        double x0 = v[base + i0];
                        double x1 = v[base + i1];
                        out[base + i0] = x0 * Math.cos(angle) - x1 * Math.sin(angle);
                        out[base + i1] = x1 * Math.cos(angle) + x0 * Math.sin(angle);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void ropeInverseFrequencies() {
        double[] f = values(NeuralOps.ropeInverseFrequencies(8, 10000));
        assertClose(new double[] {1, Math.pow(10000, -0.25), Math.pow(10000, -0.5), Math.pow(10000, -0.75)}, f, 1e-7, 0);
    }

    @Test
    void ropeMatchesTheNaiveRotationInBothConventions() {
        Tensor x = random(77, 2, 3, 5, 8);
        Tensor invFreq = NeuralOps.ropeInverseFrequencies(8, 10000);
        double[] f = values(invFreq);
        long[][] shared = {{3, 4, 5, 6, 40}};
        long[][] perBatch = {{0, 1, 2, 3, 4}, {7, 9, 11, 30, 63}};
        for (RopeConvention c : RopeConvention.values()) {
            Tensor y = NeuralOps.rope(x, Tensor.ofLongs(shared[0], 5), invFreq, c);
            assertShape(y, 2, 3, 5, 8);
            assertClose(c + " shared positions", naiveRope(x, shared, f, c), y, 1e-5, 2e-5);
            Tensor pos = Tensor.ofInts(new int[] {0, 1, 2, 3, 4, 7, 9, 11, 30, 63}, 2, 5);
            assertClose(c + " per-batch positions", naiveRope(x, perBatch, f, c), NeuralOps.rope(x, pos, invFreq, c), 1e-5, 2e-5);
            // the projection's natural layout [B, T, H, D] transposed to [B, H, T, D] is a strided view
            Tensor strided = x.permute(0, 2, 1, 3).contiguous().permute(0, 2, 1, 3);
            assertClose(c + " strided input", naiveRope(x, perBatch, f, c), NeuralOps.rope(strided, pos, invFreq, c), 1e-5, 2e-5);
            assertClose(c + " strided features", naiveRope(x, perBatch, f, c),
                    NeuralOps.rope(transposedLayout(x), pos, invFreq, c), 1e-5, 2e-5);
        }
    }

    /** Half-split layout [..., D] to interleaved: feature i goes to 2i, feature i + D/2 to 2i + 1. */
    private static Tensor halfToInterleaved(Tensor x) {
        int[] s = x.shape();
        int d = s[3];
        return x.reshape(s[0], s[1], s[2], 2, d / 2).transpose(-1, -2).reshape(s);
    }

    private static Tensor interleavedToHalf(Tensor x) {
        int[] s = x.shape();
        int d = s[3];
        return x.reshape(s[0], s[1], s[2], d / 2, 2).transpose(-1, -2).reshape(s);
    }

    @Test
    void halfSplitEqualsInterleavedUnderThePairPermutation() {
        Tensor x = random(78, 1, 2, 6, 16);
        Tensor pos = Tensor.arange(6);
        Tensor invFreq = NeuralOps.ropeInverseFrequencies(16, 500000);
        Tensor half = NeuralOps.rope(x, pos, invFreq, RopeConvention.HALF_SPLIT);
        Tensor viaInterleaved = interleavedToHalf(NeuralOps.rope(halfToInterleaved(x), pos, invFreq, RopeConvention.INTERLEAVED));
        assertArrayEquals(half.toFloatArray(), viaInterleaved.toFloatArray());
        assertArrayEquals(x.toFloatArray(), interleavedToHalf(halfToInterleaved(x)).toFloatArray());
    }

    @Test
    void ropeRejectsMismatchedShapes() {
        Tensor invFreq = NeuralOps.ropeInverseFrequencies(8, 10000);
        assertShapeError(() -> NeuralOps.rope(Tensor.zeros(2, 5, 8), Tensor.arange(5), invFreq, RopeConvention.HALF_SPLIT),
                "rope", "[2, 5, 8]");
        assertShapeError(() -> NeuralOps.rope(Tensor.zeros(1, 2, 5, 8), Tensor.arange(4), invFreq, RopeConvention.HALF_SPLIT),
                "rope", "[4]", "[1, 2, 5, 8]");
        assertShapeError(() -> NeuralOps.rope(Tensor.zeros(1, 2, 5, 6), Tensor.arange(5), invFreq, RopeConvention.HALF_SPLIT),
                "rope", "[4]", "6");
    }

    // ---------------------------------------------------------------- masks

    @Test
    void causalAndAdditiveMasks() {
        Tensor square = NeuralOps.causalMask(3, 3);
        assertArrayEquals(new long[] {0, 1, 1, 0, 0, 1, 0, 0, 0}, square.toLongArray());
        // two new queries after three cached keys: query i sits at position 3 + i
        Tensor cached = NeuralOps.causalMask(2, 5);
        assertArrayEquals(new long[] {0, 0, 0, 0, 1, 0, 0, 0, 0, 0}, cached.toLongArray());
        float[] additive = NeuralOps.additiveMask(square).toFloatArray();
        assertEquals(0f, additive[0]);
        assertEquals(Float.NEGATIVE_INFINITY, additive[1]);
        assertArrayEquals(new long[] {1, 0, 0, 1, 1, 0}, Indexing.tril(2, 3, 0).toLongArray());
        assertArrayEquals(new long[] {1, 1, 0, 1, 1, 1}, Indexing.tril(2, 3, 1).toLongArray());
        assertArrayEquals(new long[] {0, 1, 1, 0, 0, 1}, Indexing.triu(2, 3, 1).toLongArray());
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1}, Indexing.triu(2, 3, -1).toLongArray());
    }

    // ---------------------------------------------------------------- cross-entropy

    /** Inputs and torch 1.13 results from src/test/resources/dev/rein/tensor/cross_entropy_reference.py. */
    private static final float[] CE_LOGITS = {
        -2.2517f, -2.3047f, -0.5012f, -0.8678f, 1.6974f, 1.384f, -0.632f, -4.2304f, 0.6445f, -2.5267f, 0.7f, 0.6163f,
        0.2397f, 2.4753f, 2.2336f, -0.4946f, -2.7053f, -3.3919f, 1.1333f, 1.587f, 1.1977f, -3.1102f, -0.6827f, 3.706f,
        1.5004f, -1.171f, 1.1254f, 0.5193f, -0.3479f, -1.3575f, 1.8765f, 0.9777f, -1.3462f, 1.7457f, -2.4003f, -0.0096f,
        -1.0361f, -0.6134f, -3.162f, 3.4133f, -0.8924f, 1.488f};
    private static final long[] CE_TARGETS = {1, -100, 3, 6, -100, 0};

    @Test
    void crossEntropyMatchesTorch() {
        Tensor logits = Tensor.of(CE_LOGITS, 6, 7);
        Tensor targets = Tensor.ofLongs(CE_TARGETS, 6);
        assertEquals(4.55184268951416, NeuralOps.crossEntropy(logits, targets, 0f).item(), 1e-5 * 4.55);
        assertEquals(4.43231725692749, NeuralOps.crossEntropy(logits, targets, 0.1f).item(), 1e-5 * 4.43);
        assertEquals(4.193266868591309, NeuralOps.crossEntropy(logits, targets, 0.3f).item(), 1e-5 * 4.19);
        assertEquals(3939.774658203125, NeuralOps.crossEntropy(logits.mul(1000f), targets, 0.1f).item(), 1e-5 * 3940);
        Tensor intTargets = Tensor.ofInts(new int[] {1, -100, 3, 6, -100, 0}, 6);
        assertEquals(4.55184268951416, NeuralOps.crossEntropy(transposedLayout(logits), intTargets, 0f).item(), 1e-5 * 4.55);
        assertEquals(0, NeuralOps.crossEntropy(logits, targets, 0f).rank());
    }

    @Test
    void crossEntropyEdgeCases() {
        Tensor logits = Tensor.of(CE_LOGITS, 6, 7);
        Tensor allIgnored = Tensor.ofLongs(new long[] {-100, -100, -100, -100, -100, -100}, 6);
        assertEquals(0f, NeuralOps.crossEntropy(logits, allIgnored, 0.1f).item(), "documented: 0, not torch's NaN");
        assertShapeError(() -> NeuralOps.crossEntropy(logits, Tensor.ofLongs(new long[] {0, 0, 0, 0, 0, 7}, 6), 0f),
                "cross_entropy", "7");
        assertShapeError(() -> NeuralOps.crossEntropy(logits, Tensor.ofLongs(new long[] {0, 0}, 2), 0f),
                "cross_entropy", "[6, 7]", "[2]");
    }
}

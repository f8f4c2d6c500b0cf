package dev.rein.tensor.tornado;

import static dev.rein.tensor.tornado.DeviceComparison.assertClose;
import static dev.rein.tensor.tornado.DeviceComparison.cpu;
import static dev.rein.tensor.tornado.DeviceComparison.device;

import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.NeuralOps;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.RopeConvention;
import dev.rein.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attention and rotary embedding against the CPU backend: grouped-query heads, causal, sliding window, softcap,
 * an additive padding mask broadcast over heads, and the KV-cache path (one query over a narrowed cache view).
 * Attention: absolute 1e-5 plus relative 1e-4 (exp and sums in another order); rope: the same cos/sin tables, so
 * absolute 1e-6.
 */
class AttentionOnDeviceTest {
    private static final double ABSOLUTE = 1e-5;
    private static final double RELATIVE = 1e-4;

    @Test
    void causalGroupedQueryAttentionMatchesCpu() {
        Tensor q = new TensorRandom(1).normal(0f, 1f, 2, 4, 13, 16);
        Tensor k = new TensorRandom(2).normal(0f, 1f, 2, 2, 13, 16);
        Tensor v = new TensorRandom(3).normal(0f, 1f, 2, 2, 13, 16);
        compare("attention causal GQA", q, k, v, null, AttentionSpec.causal(16));
    }

    @Test
    void slidingWindowSoftcapAndPaddingMaskMatchCpu() {
        Tensor q = new TensorRandom(4).normal(0f, 2f, 2, 4, 9, 8);
        Tensor k = new TensorRandom(5).normal(0f, 2f, 2, 4, 9, 8);
        Tensor v = new TensorRandom(6).normal(0f, 1f, 2, 4, 9, 8);
        float[] padding = new float[2 * 9 * 9];
        for (int t = 0; t < 9; t++) {
            padding[t * 9] = Float.NEGATIVE_INFINITY;                      // row 0's first key is padding
        }
        Tensor mask = Tensor.of(padding, 2, 1, 9, 9).expand(2, 4, 9, 9);
        compare("attention window+softcap+mask", q, k, v, mask, new AttentionSpec(0.3f, true, 4, 5f));
    }

    @Test
    void oneQueryOverACacheViewMatchesCpu() {
        Tensor cacheK = new TensorRandom(7).normal(0f, 1f, 1, 2, 64, 16);        // capacity 64, 21 positions filled
        Tensor cacheV = new TensorRandom(8).normal(0f, 1f, 1, 2, 64, 16);
        Tensor q = new TensorRandom(9).normal(0f, 1f, 1, 6, 1, 16);
        compare("attention KV-cache step", q, cacheK.narrow(2, 0, 21), cacheV.narrow(2, 0, 21), null,
                AttentionSpec.causal(16));
    }

    private static void compare(String what, Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec) {
        Tensor expected = Tensor.zeros(q.size(0), q.size(1), q.size(2), v.size(3));
        Tensor actual = Tensor.zeros(expected.shape());
        cpu().attention(q, k, v, mask, spec, expected);
        device().attention(q, k, v, mask, spec, actual);
        assertClose(what, expected, actual, ABSOLUTE, RELATIVE);
    }

    @ParameterizedTest
    @EnumSource(RopeConvention.class)
    void ropeMatchesCpu(RopeConvention convention) {
        Tensor x = new TensorRandom(10).normal(0f, 1f, 2, 3, 11, 32).transpose(1, 2).contiguous().transpose(1, 2);
        long[] positions = new long[2 * 11];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i % 11 + (i / 11) * 1000;                       // row 1 far along, as after a long prompt
        }
        Tensor invFreq = NeuralOps.ropeInverseFrequencies(32, 10000.0);
        Tensor expected = Tensor.zeros(x.shape());
        Tensor actual = Tensor.zeros(x.shape());
        Tensor pos = Tensor.ofLongs(positions, 2, 11);
        cpu().rope(x, pos, invFreq, convention, expected);
        device().rope(x, pos, invFreq, convention, actual);
        assertClose("rope " + convention, expected, actual, 1e-6, 0);
    }
}

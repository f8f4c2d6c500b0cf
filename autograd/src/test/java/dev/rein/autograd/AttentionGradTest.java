package dev.rein.autograd;

import static dev.rein.autograd.Inputs.uniform;

import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.NeuralOps;
import dev.rein.tensor.RopeConvention;
import dev.rein.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Gradchecks of rope (both conventions) and attention (causal, GQA, masks, softcap, sliding window). */
class AttentionGradTest {
    private final Tensor q = uniform(81, -2f, 2f, 1, 4, 3, 4);     // B=1, Hq=4, Tq=3, D=4
    private final Tensor k = uniform(82, -2f, 2f, 1, 2, 5, 4);     // Hkv=2, Tk=5
    private final Tensor v = uniform(83, 1, 2, 5, 3);              // Dv=3

    @ParameterizedTest
    @EnumSource(RopeConvention.class)
    void rope(RopeConvention convention) {
        Tensor invFreq = NeuralOps.ropeInverseFrequencies(6, 10000.0);
        Tensor positions = Tensor.ofLongs(new long[] {0, 3, 7, 20}, 4);
        Gradcheck.check("rope " + convention, x -> AttentionFunctions.rope(x.get(0), positions, invFreq, convention),
                uniform(84, 2, 3, 4, 6));
        Gradcheck.check("rope of transposed " + convention, x -> AttentionFunctions.rope(
                x.get(0).transpose(1, 2), positions, invFreq, convention), uniform(85, 2, 4, 3, 6));
    }

    @Test
    void plainAttention() {
        check("plain", null, new AttentionSpec(0.5f, false, 0, 0f));
    }

    @Test
    void causalGroupedQueryAttention() {
        check("causal GQA", null, AttentionSpec.causal(4));
    }

    @Test
    void additiveMaskAndSoftcap() {
        boolean[] blocked = new boolean[3 * 5];
        blocked[1] = true;
        blocked[7] = true;
        Tensor mask = NeuralOps.additiveMask(Tensor.ofBools(blocked, 3, 5)).add(uniform(86, 3, 5).mul(0.3f));
        check("mask + softcap", mask, new AttentionSpec(0.5f, true, 0, 1.5f));
    }

    @Test
    void batchOfTwoWithPerBatchMask() {
        // mask [B, 1, Tq, Tk] broadcast over the heads; the second sequence has its first key padded out
        boolean[] blocked = new boolean[2 * 3 * 5];
        for (int i = 0; i < 3; i++) {
            blocked[15 + i * 5] = true;
        }
        Tensor mask = NeuralOps.additiveMask(Tensor.ofBools(blocked, 2, 1, 3, 5));
        Gradcheck.check("batch 2 GQA with mask", x -> AttentionFunctions.attention(x.get(0), x.get(1), x.get(2),
                mask, AttentionSpec.causal(4)), uniform(87, 2, 4, 3, 4), uniform(88, 2, 2, 5, 4), uniform(89, 2, 2, 5, 3));
    }

    @Test
    void slidingWindow() {
        check("sliding window", null, new AttentionSpec(0.5f, true, 2, 0f));
    }

    @Test
    void headsWiderThanAVector() {
        // D = 12 and Dv = 10: the fused backward's vector loops and their scalar tails, with every knob on
        boolean[] blocked = new boolean[6 * 9];
        blocked[4] = true;
        blocked[30] = true;
        Tensor mask = NeuralOps.additiveMask(Tensor.ofBools(blocked, 6, 9)).add(uniform(90, 6, 9).mul(0.3f));
        Gradcheck.check("wide heads", x -> AttentionFunctions.attention(x.get(0), x.get(1), x.get(2), mask,
                new AttentionSpec(0.3f, true, 5, 2f)), uniform(91, 1, 4, 6, 12), uniform(92, 1, 2, 9, 12),
                uniform(93, 1, 2, 9, 10));
    }

    @Test
    void transposedQuery() {
        Gradcheck.check("transposed q", x -> AttentionFunctions.attention(x.get(0).transpose(1, 2),
                x.get(1), x.get(2), null, AttentionSpec.causal(4)), q.transpose(1, 2).contiguous(), k, v);
    }

    private void check(String name, Tensor mask, AttentionSpec spec) {
        Gradcheck.check(name, x -> AttentionFunctions.attention(x.get(0), x.get(1), x.get(2), mask, spec), q, k, v);
    }
}

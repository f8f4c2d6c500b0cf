package dev.rein.tensor;

import static dev.rein.tensor.TensorTesting.assertClose;
import static dev.rein.tensor.TensorTesting.mapLines;
import static dev.rein.tensor.TensorTesting.random;
import static dev.rein.tensor.TensorTesting.values;

import dev.rein.tensor.testing.NaiveOps;
import org.junit.jupiter.api.Test;

/**
 * Sizes large enough that the kernels split work across threads and cut long rows into segments (the small
 * cases of the other tests all run inline on one thread), checked against the same naive references.
 */
class LargeTensorTest {

    @Test
    void elementwiseOverLongRowsAndManySegments() {
        Tensor a = random(200, 3, 70_000);
        Tensor row = random(201, 70_000);
        double[] av = values(a);
        double[] rv = values(row);
        double[] expected = new double[av.length];
        for (int i = 0; i < av.length; i++) {
            expected[i] = (float) (av[i] * rv[i % 70_000]);
        }
        assertClose("mul with a broadcast row", expected, a.mul(row), 1e-6, 0);
        double[] exp = new double[av.length];
        for (int i = 0; i < av.length; i++) {
            exp[i] = Math.exp(av[i]);
        }
        assertClose("exp", exp, a.exp(), 2e-6, 0);
        Tensor t = random(202, 500, 300);
        assertClose("transposed copy", values(t.mT().contiguous().mT()), t, 0, 0);
        assertClose("transposed mul", values(t.mul(t)), t.mT().contiguous().mT().mul(t), 0, 0);
    }

    @Test
    void rowOpsOverManyRows() {
        Tensor x = random(203, 200, 300);
        assertClose("sum", ReductionsTest.reduceNaive(x, 1, ReductionsTest::sum), x.sum(1), 1e-5, 1e-5);
        assertClose("max", ReductionsTest.reduceNaive(x, 0, ReductionsTest::max), x.max(0), 0, 0);
        assertClose("softmax", mapLines(values(x), x.shape(), 1, NaiveOps::softmax), x.softmax(1), 1e-5, 1e-7);
    }

    @Test
    void matmulAttentionAndRopeSplitAcrossThreads() {
        Tensor a = random(204, 64, 128);
        Tensor b = random(205, 96, 128).mT();
        assertClose("matmul", MatMulTest.naiveMatmul(a, b.contiguous(), new int[] {64, 96}), a.matmul(b), 1e-5, 1e-4);

        Tensor q = random(206, 1, 4, 64, 32);
        Tensor k = random(207, 1, 2, 64, 32);
        Tensor v = random(208, 1, 2, 64, 32);
        AttentionSpec spec = AttentionSpec.causal(32);
        assertClose("attention", AttentionTest.naiveAttention(q, k, v, null, spec), NeuralOps.attention(q, k, v, null, spec),
                1e-5, 1e-5);

        Tensor x = random(209, 1, 8, 64, 64);
        Tensor invFreq = NeuralOps.ropeInverseFrequencies(64, 10000);
        long[][] pos = new long[1][64];
        for (int i = 0; i < 64; i++) {
            pos[0][i] = i;
        }
        assertClose("rope", NeuralOpsTest.naiveRope(x, pos, values(invFreq), RopeConvention.HALF_SPLIT),
                NeuralOps.rope(x, Tensor.arange(64), invFreq, RopeConvention.HALF_SPLIT), 1e-5, 2e-5);
    }
}

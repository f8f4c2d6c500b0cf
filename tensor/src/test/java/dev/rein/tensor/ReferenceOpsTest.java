package dev.rein.tensor;

import static dev.rein.tensor.TensorTesting.assertClose;
import static dev.rein.tensor.TensorTesting.assertShape;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rein.tensor.testing.ReferenceOpCases;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Forward outputs of every case in ../shared/reference/grads/ops.json (computed by PyTorch; inputs are
 * decimals parsed to F32, outputs exact F32 values). Tolerance: 1e-5 relative + 1e-6 absolute. The
 * gradients in the same file are another suite's business.
 */
class ReferenceOpsTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-6;

    /** How each named case runs in Rein, given its inputs by name. A case missing here fails the test. */
    private static final Map<String, Function<Map<String, Tensor>, Tensor>> OPS = Map.ofEntries(
            Map.entry("softmax_lastdim", in -> in.get("x").softmax(-1)),
            Map.entry("softmax_causal_masked", in -> {
                Tensor x = in.get("x");
                Tensor mask = NeuralOps.additiveMask(NeuralOps.causalMask(x.size(0), x.size(1)));
                return x.add(mask).softmax(-1);
            }),
            Map.entry("layernorm", in -> NeuralOps.layerNorm(in.get("x"), in.get("weight"), in.get("bias"), 1e-5f)),
            Map.entry("rmsnorm", in -> NeuralOps.rmsNorm(in.get("x"), in.get("weight"), 1e-6f)),
            Map.entry("rmsnorm_gemma", in -> NeuralOps.rmsNorm(in.get("x"), in.get("weight"), 1e-6f, 1f)),
            Map.entry("gelu_tanh", in -> in.get("x").geluTanh()),
            Map.entry("gelu_erf", in -> in.get("x").gelu()),
            Map.entry("silu", in -> in.get("x").silu()),
            Map.entry("rope_half_split", in -> {
                Tensor x = in.get("x"); // [heads, T, head_dim]
                Tensor y = NeuralOps.rope(x.unsqueeze(0), Tensor.arange(x.size(1)),
                        NeuralOps.ropeInverseFrequencies(x.size(2), 10000), RopeConvention.HALF_SPLIT);
                return y.squeeze(0);
            }),
            Map.entry("matmul_broadcast", in -> in.get("a").matmul(in.get("b"))),
            Map.entry("cross_entropy_ignore_index", in -> NeuralOps.crossEntropy(in.get("logits"),
                    Tensor.ofLongs(new long[] {1, -100, 3, 6, -100}, 5), 0f)), // targets as the description lists them
            Map.entry("softcap_tanh", in -> Elementwise.softcap(in.get("x"), 5f)));

    @TestFactory
    List<DynamicTest> everyCaseMatchesItsForwardOutput() {
        return ReferenceOpCases.asTests(c -> c.name() + ": " + c.description(), ReferenceOpsTest::run);
    }

    private static void run(ReferenceOpCases.Case c) {
        Function<Map<String, Tensor>, Tensor> op = OPS.get(c.name());
        if (op == null) {
            fail("ops.json case '" + c.name() + "' has no mapping in ReferenceOpsTest.OPS; add one");
        }
        Tensor actual = op.apply(c.inputs());
        assertShape(actual, c.output().shape());
        assertClose(c.name(), TensorTesting.values(c.output()), actual, RTOL, ATOL);
    }
}

package dev.rein.training.heads;

import static dev.rein.training.adapters.TinyModels.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.Gradcheck;
import dev.rein.autograd.Variable;
import dev.rein.models.transformer.Linear;
import dev.rein.tensor.LinearAlgebra;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The poolers' formulas and their gradients. */
class PoolerTest {
    private final TensorRandom random = new TensorRandom(2);
    private final Tensor x = random.normal(0f, 1f, 3, 4);
    private final Tensor w1 = random.normal(0f, 0.5f, 5, 4);
    private final Tensor b1 = random.normal(0f, 0.5f, 5);
    private final Tensor w2 = random.normal(0f, 0.5f, 5, 4);
    private final Tensor b2 = random.normal(0f, 0.5f, 5);
    private final Tensor w3 = random.normal(0f, 0.5f, 4, 5);
    private final Tensor b3 = random.normal(0f, 0.5f, 4);

    private static Linear linear(Variable weight, Variable bias) {
        return new Linear(weight, bias);
    }

    @Test
    void swiGluTanhIsTanhOfOutputOfValueTimesSiluOfGate() {
        Pooler pooler = new Pooler.SwiGluTanh(linear(Variable.constant(w1), Variable.constant(b1)),
                linear(Variable.constant(w2), Variable.constant(b2)), linear(Variable.constant(w3), Variable.constant(b3)));
        Tensor inner = LinearAlgebra.linear(x, w1, b1).mul(LinearAlgebra.linear(x, w2, b2).silu());
        Tensor expected = LinearAlgebra.linear(inner, w3, b3).tanh();
        assertTrue(maxAbsDiff(expected, pooler.apply(Variable.constant(x)).value()) < 1e-6f);
    }

    @Test
    void linearTanhIsTanhOfTheDenseLayer() {
        Tensor w = random.normal(0f, 0.5f, 4, 4);
        Pooler pooler = new Pooler.LinearTanh(linear(Variable.constant(w), Variable.constant(b3)));
        assertTrue(maxAbsDiff(LinearAlgebra.linear(x, w, b3).tanh(), pooler.apply(Variable.constant(x)).value()) < 1e-6f);
    }

    @Test
    void poolersPassGradcheckInTheirInputAndWeights() {
        Gradcheck.check("swiglu_tanh", v -> new Pooler.SwiGluTanh(linear(v.get(1), v.get(2)), linear(v.get(3), v.get(4)),
                linear(v.get(5), v.get(6))).apply(v.get(0)), x, w1, b1, w2, b2, w3, b3);
        Gradcheck.check("linear_tanh", v -> new Pooler.LinearTanh(linear(v.get(1), v.get(2))).apply(v.get(0)),
                x, random.normal(0f, 0.5f, 4, 4), b3);
        Gradcheck.check("head", v -> linear(v.get(1), v.get(2)).apply(v.get(0)), x, random.normal(0f, 0.5f, 2, 4),
                random.normal(0f, 0.5f, 2));
    }
}

package dev.rein.autograd;

import static dev.rein.autograd.Inputs.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Gradchecks of matmul (batch broadcasting, vectors, transposed operands) and linear. */
class MatrixGradTest {

    @Test
    void plainAndBatched() {
        Gradcheck.check("2-D", v -> v.get(0).matmul(v.get(1)), uniform(41, 3, 4), uniform(42, 4, 5));
        Gradcheck.check("batched", v -> v.get(0).matmul(v.get(1)), uniform(43, 2, 3, 4), uniform(44, 2, 4, 5));
        Gradcheck.check("batch @ 2-D", v -> v.get(0).matmul(v.get(1)), uniform(45, 2, 3, 4), uniform(46, 4, 5));
    }

    @Test
    void batchBroadcasting() {
        Gradcheck.check("broadcast", v -> v.get(0).matmul(v.get(1)), uniform(47, 2, 1, 3, 4), uniform(48, 3, 4, 5));
    }

    @Test
    void vectors() {
        Gradcheck.check("vector @ matrix", v -> v.get(0).matmul(v.get(1)), uniform(49, 4), uniform(50, 4, 5));
        Gradcheck.check("matrix @ vector", v -> v.get(0).matmul(v.get(1)), uniform(51, 3, 4), uniform(52, 4));
        Gradcheck.check("batch @ vector", v -> v.get(0).matmul(v.get(1)), uniform(53, 2, 3, 4), uniform(54, 4));
        Gradcheck.check("dot", v -> v.get(0).matmul(v.get(1)), uniform(55, 4), uniform(56, 4));
    }

    @Test
    void transposedOperands() {
        Gradcheck.check("a^T @ b^T", v -> v.get(0).mT().matmul(v.get(1).mT()), uniform(57, 4, 3), uniform(58, 5, 4));
    }

    @Test
    void linear() {
        Tensor x = uniform(59, 2, 3, 4);
        Tensor w = uniform(60, 5, 4);
        Tensor b = uniform(61, 5);
        Gradcheck.check("linear", v -> MatrixFunctions.linear(v.get(0), v.get(1), v.get(2)), x, w, b);
        Gradcheck.check("linear no bias", v -> MatrixFunctions.linear(v.get(0), v.get(1), null), x, w);
        // GPT-2's Conv1D: the weight stored [in, out] and used as its transposed view
        Gradcheck.check("linear of a transposed weight", v -> MatrixFunctions.linear(v.get(0), v.get(1).mT(), v.get(2)),
                x, uniform(62, 4, 5), b);
    }

    @Test
    void weightGradientOfATransposedWeightArrivesInItsStoredLayout() {
        Variable x = Variable.parameter(uniform(63, 2, 3, 4));
        Variable stored = Variable.parameter(uniform(64, 4, 5));     // [in, out]
        MatrixFunctions.linear(x, stored.mT(), null).sum().backward();
        assertTrue(stored.grad().isContiguous());
        Tensor expected = x.value().reshape(6, 4).mT().matmul(Tensor.ones(6, 5));
        assertArrayEquals(expected.toFloatArray(), stored.grad().toFloatArray(), 1e-5f);
    }
}
